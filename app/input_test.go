package app

import (
	"strings"
	"testing"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

func typeText(w *wedge, s string, start time.Time, gap time.Duration) (string, bool, time.Time) {
	t := start
	for _, r := range s {
		w.key(string(r), t)
		t = t.Add(gap)
	}
	text, ok := w.key("Enter", t)
	return text, ok, t
}

func TestWedge(t *testing.T) {
	t0 := time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)
	const code = "HC1:NCFOXN%TS3DH3ZSUZK+.V0ETD%65NL-AH"
	for _, tc := range []struct {
		name string
		keys string
		gap  time.Duration
		want string
	}{
		{"scanner", code, 5 * time.Millisecond, code},
		{"with space", "HC1:AB CD", 5 * time.Millisecond, "HC1:AB CD"},
		{"paused typing", code, 1500 * time.Millisecond, ""},
		{"not HC1", "HELLO WORLD", 5 * time.Millisecond, ""},
		{"lowercase prefix", "hc1:ABC", 5 * time.Millisecond, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var w wedge
			got, ok, _ := typeText(&w, tc.keys, t0, tc.gap)
			if ok != (tc.want != "") || got != tc.want {
				t.Errorf("got %q, %v; want %q", got, ok, tc.want)
			}
		})
	}
}

func TestWedgeRecoversAfterNoise(t *testing.T) {
	var w wedge
	t0 := time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)
	// A person types something, pauses, then the scanner fires; Shift and
	// other named keys in between are ignored.
	_, _, t1 := typeText(&w, "xyz", t0, 300*time.Millisecond)
	w.key("Shift", t1.Add(2*time.Second))
	got, ok, _ := typeText(&w, "HC1:ABC", t1.Add(2*time.Second+time.Millisecond), 3*time.Millisecond)
	if !ok || got != "HC1:ABC" {
		t.Fatalf("got %q, %v", got, ok)
	}
	// A burst that never ends with Enter and exceeds the bound does not
	// grow without limit.
	long := "HC1:" + strings.Repeat("A", 3*wedgeMax)
	ts := t0
	for _, r := range long {
		w.key(string(r), ts)
		ts = ts.Add(time.Millisecond)
	}
	if w.buf.Len() > wedgeMax {
		t.Fatalf("buffer grew to %d", w.buf.Len())
	}
}

func TestSettingsSanitize(t *testing.T) {
	s := settings{V: 1, Lang: "xx", AutoReturn: 999, Facing: "sideways", Sound: true}.sanitize()
	d := defaultSettings()
	if s.Lang != "" || s.AutoReturn != d.AutoReturn || s.Facing != d.Facing || !s.Sound {
		t.Fatalf("sanitize kept bad values: %+v", s)
	}
	if s := (settings{V: 1, Lang: "ko", AutoReturn: 0, Facing: "user"}).sanitize(); s.Lang != "ko" || s.AutoReturn != 0 || s.Facing != "user" {
		t.Fatalf("sanitize changed good values: %+v", s)
	}
}

// A paste of nothing but white space is not checked and says so.
func TestPasteOnlySpaceNote(t *testing.T) {
	in := newInputs().Lang("en")
	in.showPaste = true
	for _, text := range []string{"", "   ", "\n\t \u00a0\u3000"} {
		in.pasteText, in.empty = text, false
		in.pasteSubmit(app.Context{}, app.Event{})
		if !in.empty || in.note() != msgNothingToCheck || !in.showPaste {
			t.Errorf("%q: empty %v, note %q, box open %v", text, in.empty, in.note(), in.showPaste)
		}
	}
}
