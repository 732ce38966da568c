package app

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"passcheck/app/webapi"
	"passcheck/app/wire"
)

// The page's side of the worker's frame stream (app/worker/framestream.go):
// where the browser has MediaStreamTrackProcessor and can transfer a
// ReadableStream, the camera track goes to the worker, which reads the
// frames itself, and the page's thread does no work per frame. The canvas
// loop (camera.frame) is the fallback: other browsers, or a worker that
// cannot read the frames' pixel format.

// streamToWorker hands the running track to the worker and reports
// whether it could.
func (c *camera) streamToWorker() (ok bool) {
	ctor := app.Window().Get("MediaStreamTrackProcessor")
	if c.worker == nil || c.noStream || !ctor.Truthy() || c.track == nil || !c.track.Truthy() {
		return false
	}
	// A browser that cannot transfer the stream throws (DataCloneError);
	// syscall/js turns that into a panic.
	defer func() {
		if p := recover(); p != nil {
			app.Log("passcheck: camera frames stay on the page:", p)
			c.noStream = true
			ok = false
		}
	}()
	// maxBufferSize 1: while the worker decodes, only the newest frame waits.
	p := ctor.New(map[string]any{"track": c.track, "maxBufferSize": 1})
	c.worker.post(wire.Stream{Readable: p.Get("readable")}, nil)
	c.streaming = true
	return true
}

// onStreamVerdict takes the worker's report of a frame it read from the
// stream (its first, or one that held a code).
func (c *camera) onStreamVerdict(m wire.Message) {
	v, _ := m.(*wire.Verdict)
	if v == nil {
		return
	}
	if v.Outcome == nil && (!c.streaming || !c.running) {
		return
	}
	if v.Decode > 0 {
		webapi.Measure("passcheck:decode", webapi.Now()-v.Decode)
	}
	c.scanned(*v)
}

// onStreamRefused: the worker cannot read these frames; the page's canvas
// loop takes over for the rest of the session.
func (c *camera) onStreamRefused(m wire.Message) {
	if r, ok := m.(*wire.StreamRefused); ok {
		app.Log("passcheck: camera frames in format", r.Why, "are read on the page")
	}
	c.noStream = true
	if c.streaming && c.running {
		c.streaming = false
		c.schedule()
	}
}
