package app

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"passcheck/app/wire"
	"passcheck/verify"
	"passcheck/verify/trust"
)

// The verdict screen for each demo sample, through the real verifier and
// trust bundle: the word, the reason, and holder data only when verified.
func TestVerdictViewDemoSamples(t *testing.T) {
	now := time.Now()
	b, samples := demoFixture(t, now)
	want := map[string]struct {
		verdict verify.Verdict
		reason  string // substring, English
		reasonK string // substring, Korean
	}{
		"valid-vaccination": {verify.Valid, "Genuine", "진본"},
		"valid-test":        {verify.Valid, "Genuine", "진본"},
		"valid-recovery":    {verify.Valid, "Genuine", "진본"},
		"expired":           {verify.Invalid, "Certificate expired on " + now.AddDate(0, 0, -30).Local().Format("2006-01-02"), "만료"},
		"bad-signature":     {verify.Invalid, "Signature does not match", "서명이 일치하지"},
		"unknown-issuer":    {verify.CannotVerify, "Issuer not in trust list", "신뢰 목록에 없는"},
		"revoked":           {verify.Invalid, "revoked", "취소된"},
	}
	for _, s := range samples {
		w, ok := want[s.Name]
		if !ok {
			t.Errorf("sample %s: no expectation", s.Name)
			continue
		}
		v := verify.Verifier{Trust: b, Revocations: b}
		// Through JSON, as the outcome travels from the worker to the page.
		o, body := travel(t, wire.NewOutcome(v.Verify(s.Text, now)))
		if w.verdict != verify.Valid && (o.Verified != nil || strings.Contains(body, `"dob"`)) {
			t.Errorf("%s: verified data in a %v outcome: %s", s.Name, o.Verdict, body)
		}
		for _, lang := range []string{"en", "ko"} {
			v := newVerdictModel(o, lang, now)
			if v.Verdict != w.verdict {
				t.Errorf("%s: verdict %v, want %v (code %q)", s.Name, v.Verdict, w.verdict, o.Code)
			}
			sub := w.reason
			if lang == "ko" {
				sub = w.reasonK
			}
			if !strings.Contains(v.Reason, sub) {
				t.Errorf("%s [%s]: reason %q lacks %q", s.Name, lang, v.Reason, sub)
			}
			if w.verdict == verify.Valid {
				if v.Name == "" || v.NameT != "" || v.DOB == "" || len(v.Summary) < 2 || v.UnverifiedName != "" {
					t.Errorf("%s [%s]: valid screen incomplete: %+v", s.Name, lang, v)
				}
			} else if v.Name != "" || v.DOB != "" || len(v.Summary) != 0 {
				t.Errorf("%s [%s]: holder data on a %v screen: %+v", s.Name, lang, v.Verdict, v)
			}
		}
	}
}

func TestVerdictViewTrustStates(t *testing.T) {
	now := time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)
	v := newVerdictModel(wire.NoTrustOutcome(), "en", now)
	if v.Verdict != verify.CannotVerify || !strings.Contains(v.Reason, "No trust list") {
		t.Errorf("no bundle: %+v", v)
	}
	for _, tc := range []struct {
		err  error
		want string
	}{
		{fmt.Errorf("%w: %w", verify.ErrTrustListStale, trust.ErrStale), "Trust list too old"},
		{fmt.Errorf("%w: %w", verify.ErrTrustListStale, trust.ErrClockBehind), "Device clock is wrong"},
		{verify.ErrTrustListStale, "Trust list too old"},
	} {
		r := &verify.Result{Verdict: verify.CannotVerify, Step: verify.StepSignature, Err: tc.err, Errs: []error{tc.err}}
		if v := newVerdictModel(wire.NewOutcome(r), "en", now); !strings.Contains(v.Reason, tc.want) {
			t.Errorf("%v: reason %q, want %q", tc.err, v.Reason, tc.want)
		}
	}
	// A Valid verdict that carries no verified certificate is never shown
	// as valid, whether it comes from a Result or from the wire.
	forged := &verify.Result{Verdict: verify.Valid}
	if o := wire.NewOutcome(forged); o.Verdict == verify.Valid {
		t.Errorf("valid result without certificate became a valid outcome")
	}
	m, err := wire.Unmarshal(wire.KindVerdict, []byte(`{"outcome":{"verdict":2}}`))
	if err != nil || m.(*wire.Verdict).Outcome.Verdict == verify.Valid {
		t.Errorf("valid outcome without certificate parsed as %v (%v)", m, err)
	}
	if v := newVerdictModel(wire.Outcome{Verdict: verify.Valid}, "en", now); v.Verdict == verify.Valid || v.Name != "" {
		t.Errorf("valid view without certificate shown as %v", v.Verdict)
	}
	if _, err := wire.Unmarshal(wire.KindVerdict, []byte(`{"outcome":{"verdict":0}}`+strings.Repeat(" ", wire.MaxBody))); err == nil {
		t.Errorf("oversize outcome accepted")
	}
	// Step fallback for an error the screen has no mapping for.
	other := errors.New("something new")
	r := &verify.Result{Verdict: verify.Invalid, Step: verify.StepSignature, Err: other, Errs: []error{other}}
	if v := newVerdictModel(wire.NewOutcome(r), "en", now); v.Reason != "Signature does not match" {
		t.Errorf("fallback: %q", v.Reason)
	}
}

func TestBundleInfoUsable(t *testing.T) {
	iat := time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)
	b := &wire.BundleInfo{Seq: 3, Len: 832, IssuedAt: iat, ExpiresAt: iat.Add(72 * time.Hour)}
	for _, tc := range []struct {
		at   time.Time
		want string
	}{
		{iat.Add(time.Hour), ""},
		{iat.Add(-time.Minute), ""}, // within the clock skew
		{iat.Add(-time.Hour), wire.CodeClock},
		{iat.Add(72 * time.Hour), wire.CodeStale},
	} {
		if got := b.Usable(tc.at); got != tc.want {
			t.Errorf("at %v: %q, want %q", tc.at, got, tc.want)
		}
	}
	if got := (*wire.BundleInfo)(nil).Usable(iat); got != wire.CodeNoTrust {
		t.Errorf("nil: %q", got)
	}
	st := trustState{Info: b}
	if l := trustLevel(st, iat.Add(time.Hour)); l != "ok" {
		t.Errorf("fresh: %s", l)
	}
	if l := trustLevel(st, iat.Add(66*time.Hour)); l != "warn" {
		t.Errorf("expiring: %s", l)
	}
	if l := trustLevel(st, iat.Add(73*time.Hour)); l != "bad" {
		t.Errorf("expired: %s", l)
	}
	if l := trustLevel(trustState{}, iat); l != "bad" {
		t.Errorf("none: %s", l)
	}
}

// The machine-readable name is shown only under a name printed in another
// script than Latin, where it is what staff can read.
func TestVerdictNameScript(t *testing.T) {
	for _, tc := range []struct {
		name  verify.Name
		wantT string
	}{
		{verify.Name{FN: "Demo", GN: "Valid Vaccination", FNT: "DEMO", GNT: "VALID<VACCINATION"}, ""},
		{verify.Name{FN: "Müller-Šťastná", GN: "Zoë", FNT: "MUELLER<STASTNA", GNT: "ZOE"}, ""},
		{verify.Name{FNT: "DOE", GNT: "JANE"}, ""}, // printed as the transliteration itself
		{verify.Name{FN: "홍", GN: "길동", FNT: "HONG", GNT: "GILDONG"}, "HONG<<GILDONG"},
		{verify.Name{FN: "Иванов", GN: "Иван", FNT: "IVANOV", GNT: "IVAN"}, "IVANOV<<IVAN"},
		{verify.Name{FN: "Παπαδόπουλος", FNT: "PAPADOPOULOS"}, "PAPADOPOULOS"},
	} {
		o := wire.Outcome{Verdict: verify.Valid, Verified: &verify.DCC{Nam: tc.name, DOB: "1990-01-01"}}
		if v := newVerdictModel(o, "en", time.Now()); v.NameT != tc.wantT {
			t.Errorf("%+v: machine-readable line %q, want %q", tc.name, v.NameT, tc.wantT)
		}
	}
}

// A test result gives its sample time with the zone, and its age at the
// time of the check.
func TestVerdictSampleTime(t *testing.T) {
	at := time.Date(2026, 12, 5, 9, 30, 0, 0, time.UTC)
	sc := at.Add(-26 * time.Hour).In(time.FixedZone("", 9*3600)).Format(time.RFC3339)
	o := wire.Outcome{Verdict: verify.Valid, Verified: &verify.DCC{
		Nam: verify.Name{FNT: "DOE"}, DOB: "1990-01-01",
		T: []verify.TestEntry{{TT: testNAA, TR: testNegative, SC: sc}},
	}}
	local := at.Add(-26 * time.Hour).Local()
	for lang, want := range map[string]string{
		"en": "Sample taken " + zoned(local) + " (26 h ago)",
		"ko": "검체 채취 " + zoned(local) + " (26시간 전)",
	} {
		v := newVerdictModel(o, lang, at)
		if len(v.Summary) != 3 || v.Summary[2] != want {
			t.Errorf("[%s] summary %q, want last line %q", lang, v.Summary, want)
		}
	}
	for _, tc := range []struct {
		t    time.Time
		want string
	}{
		{time.Date(2026, 12, 4, 7, 30, 0, 0, time.UTC), "2026-12-04 07:30 UTC"},
		{time.Date(2026, 12, 4, 7, 30, 0, 0, time.FixedZone("KST", 9*3600)), "2026-12-04 07:30 UTC+09:00"},
		{time.Date(2026, 12, 4, 7, 30, 0, 0, time.FixedZone("", -(3*3600+1800))), "2026-12-04 07:30 UTC-03:30"},
	} {
		if got := zoned(tc.t); got != tc.want {
			t.Errorf("zoned(%v) = %q, want %q", tc.t, got, tc.want)
		}
	}
}

// A failed venue rule is named in the reason by its own description; more
// than one are listed under a reason that names none.
func TestVerdictPolicyReason(t *testing.T) {
	rule := func(id, en, ko string) wire.RuleNote {
		return wire.RuleNote{ID: id, Result: "failed", Text: map[string]string{"en": en, "ko": ko}}
	}
	one := wire.Outcome{Verdict: verify.Invalid, Code: wire.CodePolicy,
		Rules: []wire.RuleNote{rule("no-tests", "Test certificates are not accepted", "검사 증명서는 인정하지 않습니다")}}
	two := one
	two.Rules = append(two.Rules, rule("dose", "A full vaccination is required", "접종 완료가 필요합니다"))
	for _, tc := range []struct {
		o      wire.Outcome
		lang   string
		reason string
		rules  int
	}{
		{one, "en", "Does not meet the venue rules — Test certificates are not accepted", 0},
		{one, "ko", "시설 이용 기준을 충족하지 않습니다 — 검사 증명서는 인정하지 않습니다", 0},
		{two, "en", "Does not meet the venue rules", 2},
		{two, "ko", "시설 이용 기준을 충족하지 않습니다", 2},
	} {
		v := newVerdictModel(tc.o, tc.lang, time.Now())
		if v.Reason != tc.reason || len(v.Rules) != tc.rules {
			t.Errorf("%d rule(s) [%s]: reason %q, rules %q; want %q and %d listed",
				len(tc.o.Rules), tc.lang, v.Reason, v.Rules, tc.reason, tc.rules)
		}
	}
}

func TestAgo(t *testing.T) {
	now := time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		d    time.Duration
		want string
	}{
		{10 * time.Second, "just now"},
		{5 * time.Minute, "5 min ago"},
		{2*time.Hour + 10*time.Minute, "2 h ago"},
		{72 * time.Hour, "3 days ago"},
	} {
		if got := ago("en", now.Add(-tc.d), now); got != tc.want {
			t.Errorf("%v: %q, want %q", tc.d, got, tc.want)
		}
	}
}

// travel sends o from the worker to the page, as a wire.Verdict, and
// returns what the page reads, with the message's JSON.
func travel(t *testing.T, o wire.Outcome) (wire.Outcome, string) {
	t.Helper()
	body, err := wire.Marshal(wire.Verdict{Outcome: &o})
	if err != nil {
		t.Fatal(err)
	}
	m, err := wire.Unmarshal(wire.KindVerdict, body)
	if err != nil {
		t.Fatal(err)
	}
	v := m.(*wire.Verdict)
	if v.Outcome == nil {
		t.Fatalf("no outcome in %s", body)
	}
	return *v.Outcome, string(body)
}
