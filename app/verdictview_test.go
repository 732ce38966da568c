package app

import (
	"crypto"
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"passcheck/server/demo"
	"passcheck/verify"
	"passcheck/verify/trust"
)

// The verdict screen for each demo sample, through the real verifier and
// trust bundle: the word, the reason, and holder data only when verified.
func TestVerdictViewDemoSamples(t *testing.T) {
	now := time.Now()
	d, err := demo.Ensure(t.TempDir(), now)
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(d.BundlePath)
	if err != nil {
		t.Fatal(err)
	}
	b, err := trust.Open(data, []crypto.PublicKey{&d.BundleKey.PublicKey}, 0, now)
	if err != nil {
		t.Fatal(err)
	}
	samples, err := d.Samples(now)
	if err != nil {
		t.Fatal(err)
	}
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
		st := trustState{Bundle: b}
		r := check(s.Text, st, now)
		for _, lang := range []string{"en", "ko"} {
			v := newVerdictView(r, lang, now, trustReason)
			if v.Verdict != w.verdict {
				t.Errorf("%s: verdict %v, want %v (err %v)", s.Name, v.Verdict, w.verdict, r.Err)
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
	r := check("HC1:ANYTHING", trustState{}, now)
	v := newVerdictView(r, "en", now, trustReason)
	if v.Verdict != verify.CannotVerify || !strings.Contains(v.Reason, "No trust list") {
		t.Errorf("no bundle: %+v", v)
	}
	for _, tc := range []struct {
		err  error
		want string
	}{
		{trust.ErrStale, "Trust list too old"},
		{trust.ErrClockBehind, "Device clock is wrong"},
		{verify.ErrTrustListStale, "Trust list too old"},
	} {
		r := &verify.Result{Verdict: verify.CannotVerify, Step: verify.StepSignature, Err: tc.err, Errs: []error{tc.err}}
		if v := newVerdictView(r, "en", now, trustReason); !strings.Contains(v.Reason, tc.want) {
			t.Errorf("%v: reason %q, want %q", tc.err, v.Reason, tc.want)
		}
	}
	// A Valid verdict that carries no verified certificate is never shown
	// as valid.
	forged := &verify.Result{Verdict: verify.Valid}
	if v := newVerdictView(forged, "en", now, nil); v.Verdict == verify.Valid || v.Name != "" {
		t.Errorf("valid without certificate shown as %v", v.Verdict)
	}
	// Step fallback for an error the screen has no sentinel mapping for.
	other := errors.New("something new")
	r = &verify.Result{Verdict: verify.Invalid, Step: verify.StepSignature, Err: other, Errs: []error{other}}
	if v := newVerdictView(r, "en", now, nil); v.Reason != "Signature does not match" {
		t.Errorf("fallback: %q", v.Reason)
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
