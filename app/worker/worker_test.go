package worker

import (
	"testing"
	"time"

	"passcheck/app/wire"
	"passcheck/verify"
)

// TestVerdictPauseAndGuard follows the worker's verdicts through a
// session: a camera code gets one verdict and pauses scanning; while the
// verdict is on screen only deliberate inputs are checked; after Resume the
// code last checked stays quiet until it has been out of view for the
// repeat guard's time, and another code is checked at once.
func TestVerdictPauseAndGuard(t *testing.T) {
	var w worker // no bundle: every check is "no trust list"
	t0 := time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)
	steps := []struct {
		name   string
		resume bool // the page closed the verdict at `at`
		text   string
		src    source
		at     time.Duration
		want   bool // a verdict with an outcome
	}{
		{"camera code", false, "HC1:A", fromCamera, 0, true},
		{"same code, verdict on screen", false, "HC1:A", fromCamera, 100 * time.Millisecond, false},
		{"other code, verdict on screen", false, "HC1:B", fromCamera, 200 * time.Millisecond, false},
		{"paste, verdict on screen", false, "HC1:C", fromInput, 300 * time.Millisecond, true},
		{"closed", true, "", 0, time.Second, false},
		{"first code, not the last checked (the paste)", false, "HC1:A", fromCamera, 1100 * time.Millisecond, true},
		{"closed again", true, "", 0, 2 * time.Second, false},
		{"same code at once", false, "HC1:A", fromCamera, 2100 * time.Millisecond, false},
		{"still in view", false, "HC1:A", fromCamera, 4 * time.Second, false},
		{"another code", false, "HC1:B", fromCamera, 4100 * time.Millisecond, true},
		{"closed a third time", true, "", 0, 5 * time.Second, false},
		{"that code still in view", false, "HC1:B", fromCamera, 6 * time.Second, false},
		{"that code after the quiet time", false, "HC1:B", fromCamera, 6*time.Second + repeatQuiet, true},
	}
	for _, s := range steps {
		at := t0.Add(s.at)
		if s.resume {
			w.resume(at)
			if w.paused {
				t.Fatalf("%s: still paused", s.name)
			}
			continue
		}
		var v wire.Verdict
		w.verdict(&v, s.text, s.src, at)
		if got := v.Outcome != nil; got != s.want {
			t.Errorf("%s: verdict %v, want %v", s.name, got, s.want)
			continue
		}
		if !s.want {
			continue
		}
		if v.Outcome.Code != wire.CodeNoTrust || v.Outcome.Verdict != verify.CannotVerify || v.At != at.UnixMilli() {
			t.Errorf("%s: %+v at %d", s.name, v.Outcome, v.At)
		}
		if !w.paused {
			t.Errorf("%s: a verdict did not pause camera scanning", s.name)
		}
	}
}
