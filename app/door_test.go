package app

import (
	"strings"
	"testing"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"passcheck/app/shift"
	"passcheck/app/wire"
	"passcheck/verify"
)

// Each import result reads as a sentence in every language: the bundle and
// its date, or a reason of its own for every refusal class.
func TestImportResultText(t *testing.T) {
	issued := time.Date(2026, 12, 4, 9, 30, 0, 0, time.Local)
	codes := []string{wire.RefusedRollback, wire.RefusedUnknownKey, wire.RefusedSignature, wire.RefusedMalformed,
		wire.RefusedTooLarge, wire.RefusedStale, wire.RefusedClock, wire.RefusedNoKey, wire.RefusedOther, "new-code"}
	for _, lang := range languages() {
		ok := importResult{Done: true, Seq: 42, IssuedAt: issued}.text(lang)
		if !strings.Contains(ok, "42") || !strings.Contains(ok, "2026-12-04") || strings.Contains(ok, "%!") {
			t.Errorf("%s: %q", lang, ok)
		}
		seen := map[string]string{}
		for _, c := range codes {
			s := importResult{Done: true, Code: c}.text(lang)
			if s == "" || strings.Contains(s, "%!") || s == ok {
				t.Errorf("%s %s: %q", lang, c, s)
			}
			seen[c] = s
		}
		// The classes staff can act on differently are told apart.
		for _, pair := range [][2]string{{wire.RefusedRollback, wire.RefusedUnknownKey}, {wire.RefusedUnknownKey, wire.RefusedMalformed},
			{wire.RefusedStale, wire.RefusedClock}, {wire.RefusedSignature, wire.RefusedMalformed}} {
			if seen[pair[0]] == seen[pair[1]] {
				t.Errorf("%s: %s and %s both say %q", lang, pair[0], pair[1], seen[pair[0]])
			}
		}
	}
	if got := (importResult{Done: true, Seq: 42, IssuedAt: issued}).text("en"); got != "Bundle 42 from 2026-12-04 imported" {
		t.Errorf("en: %q", got)
	}
	if got := (importResult{Done: true, Code: wire.RefusedRollback}).text("en"); got != "Not imported: it is older than the one in use" {
		t.Errorf("en: %q", got)
	}
}

// The shift's export is one plain line with every count, in every language.
func TestExportLine(t *testing.T) {
	start := time.Date(2026, 12, 4, 18, 2, 31, 0, time.Local)
	c := shift.New(start)
	for _, v := range []verify.Verdict{verify.Valid, verify.Valid, verify.Invalid, verify.CannotVerify, verify.Valid} {
		c.Add(v, false)
	}
	c.Add(verify.Valid, true)
	for _, tc := range []struct {
		lang string
		now  time.Time
		want string
	}{
		{"en", start.Add(4 * time.Hour), "Passcheck shift 2026-12-04 18:02–22:02: 4 valid (1 already scanned), 1 invalid, 1 cannot verify"},
		{"en", start.Add(8 * time.Hour), "Passcheck shift 2026-12-04 18:02–2026-12-05 02:02: 4 valid (1 already scanned), 1 invalid, 1 cannot verify"},
		{"ko", start.Add(4 * time.Hour), "Passcheck 근무 2026-12-04 18:02–22:02: 유효 4 (이미 스캔 1), 무효 1, 확인 불가 1"},
	} {
		if got := exportLine(c, tc.lang, tc.now); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.lang, got, tc.want)
		}
	}
}

// The verdict screen: the auto-return as a countdown bar for its delay
// (none when only a tap closes it), and the machine-readable name
// only beside a name printed in another script.
func TestVerdictScreenPolish(t *testing.T) {
	latin := verdictModel{Verdict: verify.Valid, Word: "VALID", Name: "Müller, Jürgen", NameT: "MUELLER<<JUERGEN", DOB: "1990-01-01"}
	korean := verdictModel{Verdict: verify.Valid, Word: "VALID", Name: "홍, 길동", NameT: "HONG<<GILDONG", DOB: "1990-01-01"}
	for _, c := range []struct {
		view       verdictModel
		autoReturn int
		countdown  string // the bar's duration attribute expected, "" for no bar
		translit   bool
	}{
		{latin, 5, `data-seconds="5"`, false},
		{latin, 3, `data-seconds="3"`, false},
		{korean, 8, `data-seconds="8"`, true},
		{korean, 0, "", true},
		{latin, 42, `data-seconds="42"`, false},
	} {
		html := app.HTMLString(&VerdictScreen{View: c.view, Lang: "en", AutoReturn: c.autoReturn})
		if got := strings.Contains(html, `id="verdict-countdown"`); got != (c.countdown != "") || (c.countdown != "" && !strings.Contains(html, c.countdown)) {
			t.Errorf("%s, %d s: countdown %t in %s", c.view.Name, c.autoReturn, got, html)
		}
		if got := strings.Contains(html, "pc-holder-translit"); got != c.translit {
			t.Errorf("%s: machine-readable name shown %t, want %t", c.view.Name, got, c.translit)
		}
		if !strings.Contains(html, "Tap to scan the next code") {
			t.Errorf("no tap hint: %s", html)
		}
	}
	if html := app.HTMLString(&VerdictScreen{View: latin, Lang: "en", AutoReturn: 5, Rehearsal: true}); strings.Contains(html, "countdown") {
		t.Errorf("the hidden rehearsal has a countdown: %s", html)
	}
	for _, c := range []struct {
		name  string
		latin bool
	}{{"DEMO, Valid", true}, {"Ó Briain-Ñúñez, Zoë", true}, {"홍, 길동", false}, {"Σπύρος", false}, {"Иванов, Иван", false}, {"", true}} {
		if latinName(c.name) != c.latin {
			t.Errorf("latinName(%q) = %t", c.name, !c.latin)
		}
	}
}
