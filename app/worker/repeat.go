package worker

import "time"

// repeatGuard stops a code that stays in front of the camera from
// re-triggering a verdict: the same text is ignored until it has been out of
// view for repeatQuiet. A different code is accepted at once.
type repeatGuard struct {
	text string
	seen time.Time
}

const repeatQuiet = 3 * time.Second

// accept reports whether text, decoded at t, should produce a verdict.
func (g *repeatGuard) accept(text string, t time.Time) bool {
	if text == g.text && t.Sub(g.seen) < repeatQuiet {
		g.seen = t
		return false
	}
	g.text, g.seen = text, t
	return true
}
