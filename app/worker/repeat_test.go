package worker

import (
	"testing"
	"time"
)

func TestRepeatGuard(t *testing.T) {
	var g repeatGuard
	t0 := time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)
	steps := []struct {
		text string
		at   time.Duration
		want bool
	}{
		{"A", 0, true},
		{"A", 100 * time.Millisecond, false},             // still in view
		{"A", 2 * time.Second, false},                    // still in view (seen refreshed)
		{"A", 4900 * time.Millisecond, false},            // 2.9 s after last sighting
		{"B", 5 * time.Second, true},                     // another code at once
		{"A", 5100 * time.Millisecond, true},             // and back
		{"A", 5100*time.Millisecond + repeatQuiet, true}, // out of view long enough
	}
	for i, s := range steps {
		if got := g.accept(s.text, t0.Add(s.at)); got != s.want {
			t.Errorf("step %d (%s at %v): %v, want %v", i, s.text, s.at, got, s.want)
		}
	}
}
