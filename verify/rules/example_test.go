package rules_test

import (
	"encoding/json"
	"fmt"
	"time"

	"passcheck/verify/rules"
)

func ExamplePolicy_Evaluate() {
	p, _ := rules.Find(rules.DefaultPolicies(), "kr-vaccine-pass-2022-01-03")
	// A 2/2 vaccination whose second dose was 13 days before the check.
	payload := json.RawMessage(`{"ver":"1.3.0","nam":{"fnt":"HONG"},"dob":"1985-05-05",
		"v":[{"tg":"840539006","vp":"1119349007","mp":"EU/1/20/1528","ma":"ORG-100030215",
		"dn":2,"sd":2,"dt":"2022-03-02","co":"KR","is":"KDCA","ci":"URN:UVCI:01:KR:X"}]}`)
	ext := rules.External{
		ValueSets:       rules.DefaultValueSets(),
		ValidationClock: time.Date(2022, 3, 15, 12, 0, 0, 0, time.FixedZone("KST", 9*3600)),
		CountryCode:     "KR",
	}
	results := p.Evaluate(payload, ext)
	for _, r := range results {
		fmt.Println(r.ID, r.Result)
	}
	fmt.Println("overall:", rules.Overall(results))
	for _, r := range results {
		if r.Result != rules.Passed {
			fmt.Println(r.Description["ko"])
		}
	}
	// Output:
	// VR-KR-0001 passed
	// VR-KR-0002 passed
	// VR-KR-0003 failed
	// overall: failed
	// 기본접종 완료는 마지막 접종 후 14일째부터 180일째까지(한국 날짜 기준) 유효하며, 추가접종은 접종일부터 기간 제한 없이 유효합니다. 만 18세 이하는 예외입니다.
}

func ExampleValueSets_Name() {
	vs := rules.DefaultValueSets()
	fmt.Println(vs.Name("vaccines-covid-19-names", "EU/1/20/1528", "en"))
	fmt.Println(vs.Name("covid-19-lab-test-type", "LP6464-4", "en"))
	fmt.Println(vs.Name("covid-19-lab-result", "260415000", "ko"))
	// Output:
	// Comirnaty
	// PCR
	// 음성
}

func ExampleParsePolicies() {
	// The bundle form: what `passcheck trust build --rules DIR` carries.
	b, _ := rules.MarshalPolicies(rules.DefaultPolicies())
	ps, err := rules.ParsePolicies(b)
	if err != nil {
		panic(err)
	}
	for _, p := range ps {
		fmt.Printf("%s: %d rules\n", p.ID, len(p.Rules))
	}
	// Output:
	// 2g: 6 rules
	// eu-3g: 9 rules
	// kr-vaccine-pass-2022-01-03: 8 rules
	// signature-only: 0 rules
}
