package rules

import (
	"encoding/json"
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"passcheck/verify"
)

func TestDefaults(t *testing.T) {
	ps := DefaultPolicies()
	want := map[string]string{
		"kr-vaccine-pass-2022-01-03": "Korea vaccine pass (from 2022-01-03)",
		"eu-3g":                      "EU 3G (vaccinated, tested or recovered)",
		"2g":                         "2G (vaccinated or recovered)",
		"signature-only":             "Signature only (no venue rules)",
	}
	if len(ps) != len(want) {
		t.Fatalf("got %d policies, want %d", len(ps), len(want))
	}
	for id, name := range want {
		p, ok := Find(ps, id)
		if !ok {
			t.Errorf("policy %s missing", id)
			continue
		}
		if p.Title("en") != name || p.Title("ko") == "" || p.Title("fr") != name || p.About("ko") == "" || p.About("fr") != p.About("en") {
			t.Errorf("%s: titles %q / %q", id, p.Title("en"), p.Title("ko"))
		}
		for _, r := range p.Rules {
			if r.Describe("ko") == r.Describe("en") {
				t.Errorf("%s %s: no Korean description", id, r.Identifier)
			}
		}
	}
	vs := DefaultValueSets()
	for _, tc := range []struct{ set, code, lang, want string }{
		{"vaccines-covid-19-names", "EU/1/20/1528", "en", "Comirnaty"},
		{"covid-19-lab-test-type", "LP6464-4", "en", "PCR"},
		{"covid-19-lab-test-type", "LP217198-3", "ko", "신속항원검사"},
		{"covid-19-lab-result", "260415000", "en", "Not detected"},
		{"country-2-codes", "KR", "en", "Korea, Republic of"},
		{"vaccines-covid-19-auth-holders", "ORG-100030215", "en", "Biontech Manufacturing GmbH"},
		{"vaccines-covid-19-names", "no-such-code", "en", "no-such-code"},
	} {
		if got := vs.Name(tc.set, tc.code, tc.lang); got != tc.want {
			t.Errorf("Name(%s, %s, %s) = %q, want %q", tc.set, tc.code, tc.lang, got, tc.want)
		}
	}
	if len(vs.IDs()) != 8 {
		t.Errorf("value sets: %v", vs.IDs())
	}
}

// TestPolicyEvaluate applies whole policies (the way the app and `passcheck
// verify --policy` do) to payloads around Korea's edges.
func TestPolicyEvaluate(t *testing.T) {
	clock := time.Date(2022, 3, 15, 12, 0, 0, 0, time.FixedZone("KST", 9*3600))
	ext := External{ValueSets: DefaultValueSets(), ValidationClock: clock, CountryCode: "KR"}
	kr, _ := Find(DefaultPolicies(), "kr-vaccine-pass-2022-01-03")
	g2, _ := Find(DefaultPolicies(), "2g")
	sig, _ := Find(DefaultPolicies(), "signature-only")
	for _, tc := range []struct {
		name    string
		p       *Policy
		payload string
		want    Result
		failed  []string
	}{
		{"KR day 14", kr, vaccPayload("1985-05-05", 2, "2022-03-01"), Passed, nil},
		{"KR day 13", kr, vaccPayload("1985-05-05", 2, "2022-03-02"), Failed, []string{"VR-KR-0003"}},
		{"KR 1/2", kr, vaccPayload("1985-05-05", 1, "2022-01-01"), Failed, []string{"VR-KR-0002"}},
		{"KR 1/2 minor", kr, vaccPayload("2010-05-05", 1, "2022-03-14"), Passed, nil},
		{"KR PCR 49h", kr, testPayload("2022-03-13T11:00:00+09:00"), Failed, []string{"TR-KR-0003"}},
		{"2G test", g2, testPayload("2022-03-15T11:00:00+09:00"), Failed, []string{"GR-EU-0001"}},
		{"signature only", sig, testPayload("2020-01-01T00:00:00Z"), Passed, nil},
		{"not JSON", kr, `{"v": [`, Open, nil},
	} {
		res := tc.p.Evaluate(json.RawMessage(tc.payload), ext)
		if got := Overall(res); got != tc.want {
			t.Errorf("%s: overall %v, want %v (%+v)", tc.name, got, tc.want, res)
		}
		var failed []string
		for _, r := range res {
			if r.Result == Failed {
				failed = append(failed, r.ID)
			}
			if r.Result == Open && !errors.Is(r.Err, ErrPayload) {
				t.Errorf("%s: %s open: %v", tc.name, r.ID, r.Err)
			}
			if r.Text("ko") == "" || r.Text("en") == "" || r.Text("xx") != r.Text("en") {
				t.Errorf("%s: %s lacks a description", tc.name, r.ID)
			}
		}
		if strings.Join(failed, ",") != strings.Join(tc.failed, ",") {
			t.Errorf("%s: failed %v, want %v", tc.name, failed, tc.failed)
		}
	}
	// Only the rules for the certificate's type apply.
	if res := kr.Evaluate(json.RawMessage(testPayload("2022-03-15T11:00:00+09:00")), ext); len(res) != 3 {
		t.Errorf("test certificate under KR: %d rules applied, want the 3 test rules", len(res))
	}
	// No clock: nothing passes.
	noClock := ext
	noClock.ValidationClock = time.Time{}
	res := kr.Evaluate(json.RawMessage(vaccPayload("1985-05-05", 2, "2022-03-01")), noClock)
	if len(res) != len(kr.Rules) || Overall(res) != Open || !errors.Is(res[0].Err, ErrNoClock) {
		t.Errorf("no clock: %+v", res)
	}
	// Rules not yet in force do not apply.
	early := ext
	early.ValidationClock = time.Date(2021, 12, 1, 0, 0, 0, 0, time.UTC)
	if res := kr.Evaluate(json.RawMessage(vaccPayload("1985-05-05", 1, "2021-11-30")), early); len(res) != 0 {
		t.Errorf("before 2022-01-03: %d rules applied", len(res))
	}
}

func vaccPayload(dob string, dn int, dt string) string {
	return `{"ver":"1.3.0","nam":{"fnt":"HONG"},"dob":"` + dob + `","v":[{"tg":"840539006","vp":"1119349007",` +
		`"mp":"EU/1/20/1528","ma":"ORG-100030215","dn":` + string(rune('0'+dn)) + `,"sd":2,"dt":"` + dt + `","co":"KR","is":"x","ci":"URN:UVCI:01:KR:1"}]}`
}

func testPayload(sc string) string {
	return `{"ver":"1.3.0","nam":{"fnt":"HONG"},"dob":"1985-05-05","t":[{"tg":"840539006","tt":"LP6464-4","nm":"PCR",` +
		`"sc":"` + sc + `","tr":"260415000","tc":"x","co":"KR","is":"x","ci":"URN:UVCI:01:KR:2"}]}`
}

func TestRoundTrip(t *testing.T) {
	b, err := MarshalPolicies(DefaultPolicies())
	if err != nil {
		t.Fatal(err)
	}
	ps, err := ParsePolicies(b)
	if err != nil {
		t.Fatal(err)
	}
	b2, _ := MarshalPolicies(ps)
	if string(b) != string(b2) || len(ps) != 4 {
		t.Errorf("round trip differs")
	}
	vb, err := DefaultValueSets().MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	vs, err := ParseValueSets(vb)
	if err != nil {
		t.Fatal(err)
	}
	if d, _ := vs.Display("vaccines-covid-19-names", "EU/1/20/1528"); d != "Comirnaty" {
		t.Errorf("value sets round trip: %q", d)
	}
}

// Policies, rules and value sets are shared by every scan: evaluating from
// several goroutines gives the same results (run with -race).
func TestConcurrentEvaluate(t *testing.T) {
	clock := time.Date(2022, 3, 15, 12, 0, 0, 0, time.UTC)
	ext := External{ValueSets: DefaultValueSets(), ValidationClock: clock}
	payloads := []string{vaccPayload("1985-05-05", 2, "2022-03-01"), vaccPayload("1985-05-05", 2, "2022-03-02"),
		testPayload("2022-03-13T11:00:00+09:00")}
	want := map[string][]RuleResult{}
	for _, p := range DefaultPolicies() {
		for _, pl := range payloads {
			want[p.ID+pl] = p.Evaluate(json.RawMessage(pl), ext)
		}
	}
	done := make(chan error)
	for g := 0; g < 8; g++ {
		go func() {
			for i := 0; i < 20; i++ {
				for _, p := range DefaultPolicies() {
					for _, pl := range payloads {
						got := p.Evaluate(json.RawMessage(pl), ext)
						w := want[p.ID+pl]
						if len(got) != len(w) {
							done <- errors.New(p.ID + ": different number of results")
							return
						}
						for k := range got {
							if got[k].ID != w[k].ID || got[k].Result != w[k].Result {
								done <- errors.New(p.ID + ": different results")
								return
							}
						}
					}
				}
			}
			done <- nil
		}()
	}
	for g := 0; g < 8; g++ {
		if err := <-done; err != nil {
			t.Error(err)
		}
	}
}

func TestEvaluateCertificate(t *testing.T) {
	kr, _ := Find(DefaultPolicies(), "kr-vaccine-pass-2022-01-03")
	at := time.Date(2022, 3, 15, 12, 0, 0, 0, time.UTC)
	for dt, want := range map[string]Result{"2022-03-01": Passed, "2022-03-02": Failed} {
		c := &verify.Certificate{Raw: []byte(vaccPayload("1985-05-05", 2, dt)), IssuedAt: at.AddDate(0, 0, -1), ExpiresAt: at.AddDate(1, 0, 0)}
		if got := Overall(kr.EvaluateCertificate(c, DefaultValueSets(), at, "KR")); got != want {
			t.Errorf("dose on %s: %v, want %v", dt, got, want)
		}
	}
}

// EU 3G looks rapid antigen devices up in the value sets given to Evaluate.
func TestPolicyUsesValueSets(t *testing.T) {
	g3, _ := Find(DefaultPolicies(), "eu-3g")
	at := time.Date(2022, 3, 15, 12, 0, 0, 0, time.UTC)
	rat := func(device string) json.RawMessage {
		return json.RawMessage(`{"ver":"1.3.0","nam":{"fnt":"HONG"},"dob":"1985-05-05","t":[{"tg":"840539006",` +
			`"tt":"LP217198-3","ma":"` + device + `","sc":"2022-03-15T08:00:00Z","tr":"260415000","tc":"x","co":"DE","is":"x","ci":"URN:UVCI:01:DE:3"}]}`)
	}
	for _, tc := range []struct {
		device string
		vs     *ValueSets
		want   Result
	}{
		{"1232", DefaultValueSets(), Passed},
		{"9999", DefaultValueSets(), Failed},
		{"1232", NewValueSets(), Open}, // no value sets: undecidable, not admitted
	} {
		res := g3.Evaluate(rat(tc.device), External{ValueSets: tc.vs, ValidationClock: at})
		if got := Overall(res); got != tc.want {
			t.Errorf("device %s: %v, want %v (%+v)", tc.device, got, tc.want, res)
		}
	}
}

// The project's copy of eu-dcc-valuesets loads (what trust build
// --valuesets reads) and equals the embedded value sets.
func TestLoadValueSetsFolder(t *testing.T) {
	vs, err := LoadValueSets(os.DirFS("../../testdata/dcc-valuesets"))
	if err != nil {
		t.Fatal(err)
	}
	a, _ := vs.MarshalJSON()
	b, _ := DefaultValueSets().MarshalJSON()
	if len(vs.IDs()) != 8 || string(a) != string(b) {
		t.Errorf("testdata value sets %v differ from the embedded ones", vs.IDs())
	}
}
