package app

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"passcheck/app/wire"
	"passcheck/verify"
	"passcheck/verify/rules"
)

var verbs = regexp.MustCompile(`%[a-z]`)

// Every catalog has a text for every message of every other catalog, with
// the same format verbs in the same order.
func TestCatalogsComplete(t *testing.T) {
	en := catalogs["en"]
	if en == nil || len(en.Msgs) == 0 {
		t.Fatal("no English catalog")
	}
	if len(catalogs) < 2 {
		t.Fatalf("want at least English and Korean, have %v", languages())
	}
	for code, c := range catalogs {
		if c.Code != code || c.Name == "" {
			t.Errorf("catalog %q: code %q name %q", code, c.Code, c.Name)
		}
		for m, s := range en.Msgs {
			got, ok := c.Msgs[m]
			if !ok || got == "" {
				t.Errorf("%s: missing %q", code, m)
				continue
			}
			if a, b := verbs.FindAllString(s, -1), verbs.FindAllString(got, -1); !equal(a, b) {
				t.Errorf("%s: %q has verbs %v, English %v", code, m, b, a)
			}
		}
		for m := range c.Msgs {
			if _, ok := en.Msgs[m]; !ok {
				t.Errorf("%s: %q is not in the English catalog", code, m)
			}
		}
	}
}

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestPickLang(t *testing.T) {
	for _, tc := range []struct {
		in   []string
		want string
	}{
		{[]string{"ko-KR", "en-US"}, "ko"},
		{[]string{"fr-FR", "ko"}, "ko"},
		{[]string{"en-GB"}, "en"},
		{[]string{"de-DE", "fr"}, defaultLang},
		{nil, defaultLang},
		{[]string{" KO_kr "}, "ko"},
	} {
		if got := pickLang(tc.in); got != tc.want {
			t.Errorf("pickLang(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestTrFallback(t *testing.T) {
	if got := tr("xx", msgValid); got != "VALID" {
		t.Errorf("unknown language: %q, want the English text", got)
	}
	if got := tr("ko", msgValid); got != "유효" {
		t.Errorf("Korean: %q", got)
	}
	if got := tr("en", msg("no-such-message")); got != "no-such-message" {
		t.Errorf("unknown message: %q, want its name", got)
	}
	if got := tr("en", msgTrustKeys, 832, "2 h ago"); got != "Trust list: 832 keys · updated 2 h ago" {
		t.Errorf("format: %q", got)
	}
}

// Korean says recovery one way everywhere a venue sees it: the verdict
// screen, the policy names and descriptions, and the rules' descriptions
// (완치, the word of Korea's passes; 회복 was used in some places).
func TestKoreanRecoveryTerm(t *testing.T) {
	const want, other = "완치", "회복"
	var texts []string
	for _, s := range catalogs["ko"].Msgs {
		texts = append(texts, s)
	}
	for _, p := range rules.DefaultPolicies() {
		texts = append(texts, p.Title("ko"), p.About("ko"))
		for _, r := range p.Rules {
			texts = append(texts, r.Describe("ko"))
		}
	}
	found := false
	for _, s := range texts {
		if strings.Contains(s, other) {
			t.Errorf("Korean text uses %s: %q", other, s)
		}
		found = found || strings.Contains(s, want)
	}
	if !found || tr("ko", msgRecovery) != want {
		t.Errorf("Korean recovery term: %q", tr("ko", msgRecovery))
	}
	if p, _ := rules.Find(rules.DefaultPolicies(), "2g"); !strings.Contains(p.Title("ko"), want) {
		t.Errorf("2G's Korean name %q does not say %s", p.Title("ko"), want)
	}
}

// TestEveryCodeHasAReason: every failure class (verify's codes and the
// app's own) has a reason, and its text is in every catalog.
func TestEveryCodeHasAReason(t *testing.T) {
	codes := append(verify.Codes(), wire.AppCodes...)
	if len(codes) < 20 {
		t.Fatalf("only %d codes: %v", len(codes), codes)
	}
	for _, code := range codes {
		r, ok := reasons[code]
		if !ok {
			t.Errorf("code %q has no reason", code)
			continue
		}
		for lang, c := range catalogs {
			for _, m := range []msg{r.msg, r.cannot} {
				if m != "" && c.Msgs[m] == "" {
					t.Errorf("code %q: reason %q has no text in %s", code, m, lang)
				}
			}
			o := wire.Outcome{Verdict: verify.Invalid, Code: code}
			if s := reasonFor(o, lang, time.Now()); s == "" || s != tr(lang, r.msg) && r.dated == nil && r.msg != msgReasonPolicy {
				t.Errorf("code %q [%s]: reason %q, want %q", code, lang, s, tr(lang, r.msg))
			}
		}
	}
	for lang := range catalogs {
		if len(catalogs[lang].Msgs) == 0 {
			t.Errorf("catalog %s is empty", lang)
		}
	}
	for _, want := range []string{"en", "ko"} {
		if catalogs[want] == nil {
			t.Errorf("no %s catalog", want)
		}
	}
}
