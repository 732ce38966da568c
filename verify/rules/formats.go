package rules

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"passcheck/verify"
	"passcheck/verify/shc"
)

// What a policy applies to each credential format it admits (the values
// of Policy.Formats).
const (
	// CheckRules: the policy's CertLogic rules (EU format only).
	CheckRules = "rules"
	// CheckSignatureOnly: a valid credential is admitted as it is.
	CheckSignatureOnly = "signature-only"
	// CheckVaccinationCompleted: an SMART Health Card must state a completed
	// COVID-19 vaccination series (VaccinationCompletedRule).
	CheckVaccinationCompleted = "vaccination-completed"
)

// formatChecks lists, per format, the checks a policy may apply to it.
var formatChecks = map[verify.Format][]string{
	verify.FormatHC1:  {CheckRules, CheckSignatureOnly},
	verify.FormatSHC:  {CheckSignatureOnly, CheckVaccinationCompleted},
	verify.FormatNZCP: {CheckSignatureOnly},
}

// ErrFormatNotAdmitted: the policy does not admit the credential's format;
// the verdict is Invalid.
var ErrFormatNotAdmitted = errors.New("rules: the venue policy does not admit this kind of credential")

// The ids of the checks that are not CertLogic rules, as they appear in a
// Decision's Rules so that the screen can say which applies.
const (
	RuleAdmittedFormats      = "ADMITTED-FORMATS"
	RuleVaccinationCompleted = "SHC-VACCINATION-COMPLETED"
)

// formatsOf returns the checks of p per format: its Formats, or, for a
// policy that does not name any, the EU format with its rules only (what
// every policy meant before other formats existed).
func (p *Policy) formatsOf() map[verify.Format]string {
	if len(p.Formats) > 0 {
		return p.Formats
	}
	return map[verify.Format]string{verify.FormatHC1: CheckRules}
}

// Admits returns the formats the policy admits, in a stable order.
func (p *Policy) Admits() []verify.Format {
	var out []verify.Format
	for _, f := range []verify.Format{verify.FormatHC1, verify.FormatSHC, verify.FormatNZCP} {
		if _, ok := p.formatsOf()[f]; ok {
			out = append(out, f)
		}
	}
	return out
}

// checkFormats validates a policy's "formats" object.
func checkFormats(id string, m map[string]string) (map[verify.Format]string, error) {
	if m == nil {
		return nil, nil
	}
	if len(m) == 0 {
		return nil, fmt.Errorf("policy %q: formats is empty (omit it for the EU format only)", id)
	}
	out := make(map[verify.Format]string, len(m))
	for f, check := range m {
		allowed, ok := formatChecks[verify.Format(f)]
		if !ok {
			return nil, fmt.Errorf("policy %q: unknown format %q (want hc1, shc or nzcp)", id, f)
		}
		found := false
		for _, a := range allowed {
			found = found || a == check
		}
		if !found {
			return nil, fmt.Errorf("policy %q: format %s: check %q, want one of %s", id, f, check, strings.Join(allowed, ", "))
		}
		out[verify.Format(f)] = check
	}
	return out, nil
}

// formatsJSON is the "formats" object as written.
func formatsJSON(m map[verify.Format]string) map[string]string {
	if m == nil {
		return nil
	}
	out := make(map[string]string, len(m))
	for f, c := range m {
		out[string(f)] = c
	}
	return out
}

// applyFormat decides a verified credential of another format than HC1,
// or an HC1 one under a policy that does not admit HC1 or checks its
// signature only. It reports false when the HC1 rules must run.
func applyFormat(d *Decision, r *verify.Result, p *Policy) bool {
	f := r.Format
	if f == "" {
		f = verify.FormatHC1 // Verify (not VerifyAny) reads HC1 only
	}
	check, ok := p.formatsOf()[f]
	if !ok {
		names := make([]string, 0, 3)
		for _, a := range p.Admits() {
			names = append(names, string(a))
		}
		sort.Strings(names)
		d.Rules = []RuleResult{{ID: RuleAdmittedFormats, Result: Failed, Description: map[string]string{
			"en": "This venue admits only: " + formatNames(p.Admits(), "en"),
			"ko": "이 장소에서 인정하는 증명서: " + formatNames(p.Admits(), "ko"),
		}}}
		d.Verdict = verify.Invalid
		d.Err = fmt.Errorf("%w: policy %s admits %s, not %s", ErrFormatNotAdmitted, p.ID, strings.Join(names, ", "), f)
		return true
	}
	switch check {
	case CheckRules:
		return false
	case CheckVaccinationCompleted:
		rr := VaccinationCompletedRule(r)
		d.Rules = []RuleResult{rr}
		if rr.Result != Passed {
			d.Verdict = verify.Invalid
			d.Err = fmt.Errorf("%w: policy %s, rule %s %s: %s (%v)", ErrRuleFailed, p.ID, rr.ID, rr.Result, rr.Text("en"), rr.Err)
		}
	default: // signature only
		d.Rules = []RuleResult{}
	}
	return true
}

func formatNames(fs []verify.Format, lang string) string {
	names := map[verify.Format][2]string{
		verify.FormatHC1:  {"EU Digital COVID Certificate", "EU 디지털 코로나19 증명서"},
		verify.FormatSHC:  {"SMART Health Card", "SMART Health Card"},
		verify.FormatNZCP: {"NZ COVID Pass", "뉴질랜드 코로나19 패스"},
	}
	var out []string
	for _, f := range fs {
		n := names[f]
		if lang == "ko" {
			out = append(out, n[1])
		} else {
			out = append(out, n[0])
		}
	}
	return strings.Join(out, ", ")
}

// COVID-19 vaccine CVX codes (CDC, "COVID-19 vaccine related codes"): the
// US-licensed and authorised products and the non-US ones (5xx). The
// single-dose series are Janssen (212), Sputnik Light (504) and CanSino
// (506); every other series is complete at two doses.
var (
	covidCVX = map[string]bool{
		"207": true, "208": true, "210": true, "211": true, "212": true, "213": true, "217": true, "218": true,
		"219": true, "221": true, "225": true, "226": true, "227": true, "228": true, "229": true, "230": true,
		"300": true, "301": true, "302": true, "500": true, "501": true, "502": true, "503": true, "504": true,
		"505": true, "506": true, "507": true, "508": true, "509": true, "510": true, "511": true, "512": true,
	}
	singleDoseCVX = map[string]bool{"212": true, "504": true, "506": true}
)

const cvxSystem = "http://hl7.org/fhir/sid/cvx"

// VaccinationCompletedRule checks a verified SMART Health Card for a
// completed COVID-19 vaccination series: two completed Immunization
// entries with COVID-19 CVX codes, or one of a single-dose vaccine.
// Entries with another status (entered-in-error) or another code system
// do not count. It is Open for anything but a verified SMART card.
func VaccinationCompletedRule(r *verify.Result) RuleResult {
	rr := RuleResult{ID: RuleVaccinationCompleted, Description: map[string]string{
		"en": "A completed COVID-19 vaccination: two doses, or one of a single-dose vaccine",
		"ko": "코로나19 예방접종 완료: 2회 접종, 또는 1회 접종 백신 1회",
	}}
	c, ok := r.VerifiedSHC()
	if !ok {
		rr.Result, rr.Err = Open, errors.New("not a verified SMART Health Card")
		return rr
	}
	rr.Result = Failed
	rr.Err = fmt.Errorf("%d COVID-19 doses", countDoses(c.Immunizations))
	if done(c.Immunizations) {
		rr.Result, rr.Err = Passed, nil
	}
	return rr
}

func covidDose(im shc.Immunization) (code string, ok bool) {
	if im.Status != "completed" {
		return "", false
	}
	for _, c := range im.Vaccine {
		if c.System == cvxSystem && covidCVX[c.Code] {
			return c.Code, true
		}
	}
	return "", false
}

func countDoses(ims []shc.Immunization) int {
	n := 0
	for _, im := range ims {
		if _, ok := covidDose(im); ok {
			n++
		}
	}
	return n
}

func done(ims []shc.Immunization) bool {
	n := 0
	for _, im := range ims {
		code, ok := covidDose(im)
		if !ok {
			continue
		}
		if singleDoseCVX[code] {
			return true
		}
		n++
	}
	return n >= 2
}
