package app

import (
	"strings"
	"testing"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"passcheck/verify"
)

// TestRehearsalView: the made-up outcome still parses (the outcome format
// may change) and reaches every part of the verdict screen.
func TestRehearsalView(t *testing.T) {
	for _, lang := range []string{"en", "ko"} {
		v, ok := rehearsalModel(lang, time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC))
		if !ok {
			t.Fatalf("%s: rehearsalOutcome does not parse as a valid outcome", lang)
		}
		if v.Verdict != verify.Valid || v.Name == "" || v.NameT == "" || v.DOB == "" ||
			len(v.Summary) == 0 || len(v.Rules) == 0 || v.UnverifiedName == "" {
			t.Errorf("%s: view misses parts of the screen: %+v", lang, v)
		}
	}
}

// TestRehearsalRender: the rehearsal's markup is hidden and carries none of
// the ids or data attribute by which the real verdict screen is found
// (tests, screen readers, CSS), while the real screen carries them.
func TestRehearsalRender(t *testing.T) {
	v, ok := rehearsalModel("en", time.Now())
	if !ok {
		t.Fatal("no rehearsal view")
	}
	s := &Scanner{rehearse: &v}
	html := app.HTMLString(s.rehearsal("en"))
	for _, bad := range []string{"data-verdict", `id="verdict`, `id="holder`} {
		if strings.Contains(html, bad) {
			t.Errorf("rehearsal markup has %s: %s", bad, html)
		}
	}
	for _, want := range []string{` hidden`, `aria-hidden`, "REHEARSAL", "pc-verdict-valid"} {
		if !strings.Contains(html, want) {
			t.Errorf("rehearsal markup lacks %s: %s", want, html)
		}
	}
	real := app.HTMLString(&VerdictScreen{View: v, Lang: "en"})
	for _, want := range []string{`data-verdict="valid"`, `id="verdict"`, `id="holder-name"`} {
		if !strings.Contains(real, want) {
			t.Errorf("verdict screen lacks %s: %s", want, real)
		}
	}
}
