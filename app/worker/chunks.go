package worker

import (
	"errors"
	"time"

	"passcheck/verify/shc"
)

// chunkSet holds the QR codes of a chunked SMART Health Card ("shc:/i/n/…")
// while the guest shows them one after the other. It is bounded by
// shc.Chunks (one card of at most shc.MaxChunks codes) and forgets them
// after a verdict or chunkTTL without a new code, so nothing scanned stays
// in memory for long.
type chunkSet struct {
	c    shc.Chunks
	last time.Time
}

const chunkTTL = 60 * time.Second

// isChunk reports whether text is one code of a chunked card.
func isChunk(text string) bool {
	_, err := shc.ParseChunk(text)
	return err == nil
}

// add takes a chunk read at now; it reports whether the card is complete.
// A chunk of another card (another total, or a different code at an index
// already held) starts that card afresh: the guest moved on.
func (s *chunkSet) add(text string, now time.Time) (complete bool) {
	if !s.last.IsZero() && now.Sub(s.last) > chunkTTL {
		s.c.Reset()
	}
	s.last = now
	complete, err := s.c.Add(text)
	if errors.Is(err, shc.ErrChunk) {
		s.c.Reset()
		complete, _ = s.c.Add(text)
	}
	return complete
}

func (s *chunkSet) progress() (got, total int) { return s.c.Progress() }

func (s *chunkSet) reset() { s.c.Reset(); s.last = time.Time{} }
