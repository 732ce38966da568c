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
				if v.Name == "" || v.NameT == "" || v.DOB == "" || len(v.Summary) < 2 || v.UnverifiedName != "" {
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
