package app

import (
	"strings"
	"time"
	"unicode/utf8"
)

// wedge recognises a keyboard-wedge (hardware) scanner: it "types" the QR
// text in one burst and ends it with Enter. Only a burst that starts with
// "HC1:" counts, and a pause longer than wedgeGap starts a new one, so stray
// typing never piles up. The gap is generous on purpose: a busy phone may
// deliver a scanner's keys late, while nobody types a health certificate
// by hand. Keys typed into a form field never reach the wedge.
type wedge struct {
	buf  strings.Builder
	last time.Time
}

const (
	wedgeGap = time.Second
	// wedgeMax bounds the buffer: an HC1 text is at most a few thousand
	// characters (verify bounds the input at 4 300).
	wedgeMax = 8192
)

// key feeds one keydown (its KeyboardEvent.key value) at time t. It returns
// the complete text when Enter ends a burst that starts with "HC1:".
func (w *wedge) key(k string, t time.Time) (string, bool) {
	if !w.last.IsZero() && t.Sub(w.last) > wedgeGap {
		w.buf.Reset()
	}
	w.last = t
	switch {
	case k == "Enter":
		s := w.buf.String()
		w.buf.Reset()
		if strings.HasPrefix(s, "HC1:") {
			return s, true
		}
	case utf8.RuneCountInString(k) == 1: // a character (base45 includes space)
		if w.buf.Len() >= wedgeMax {
			w.buf.Reset()
		}
		w.buf.WriteString(k)
		// Anything that cannot be the start of "HC1:" is not a scan.
		if s := w.buf.String(); len(s) <= 4 && !strings.HasPrefix("HC1:", s) {
			w.buf.Reset()
		}
	}
	// Shift, Control and other named keys are ignored.
	return "", false
}
