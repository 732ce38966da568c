package app

import (
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"passcheck/app/wire"
)

// chunkNoticeFor is how long "2 of 3 scanned" stays up without a new code:
// the worker forgets the chunks after about as long (worker.chunkTTL).
const chunkNoticeFor = 60 * time.Second

// showChunks takes the worker's progress on a SMART Health Card printed
// over several QR codes: it reports whether v was such progress (no
// verdict yet). A verdict clears it.
func (s *Scanner) showChunks(ctx app.Context, v wire.Verdict) bool {
	if v.Outcome != nil {
		s.chunks = nil
		return false
	}
	if v.Chunks == nil {
		return false
	}
	c := *v.Chunks
	s.chunks = &c
	s.live = tr(s.lang, msgChunkProgress, c.Got, c.Total)
	ctx.After(chunkNoticeFor, func(ctx app.Context) {
		if s.chunks != nil && *s.chunks == c {
			s.chunks = nil
		}
	})
	return true
}

func (s *Scanner) chunkNotice(lang string) app.UI {
	return app.P().ID("chunk-progress").Class("pc-notice").
		DataSet("got", s.chunks.Got).DataSet("total", s.chunks.Total).
		Text(tr(lang, msgChunkProgress, s.chunks.Got, s.chunks.Total))
}
