package app

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// The page's side of frameStream: where the browser has
// MediaStreamTrackProcessor and can transfer a ReadableStream, the camera
// track goes to the worker, which reads the frames itself, and the page's
// thread does no work per frame. The canvas loop (camera.frame) is the
// fallback: other browsers, or a worker that cannot read the frames' pixel
// format.

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
	readable := p.Get("readable")
	c.worker.send(map[string]any{
		"t": "stream", "readable": readable, "paused": c.paused,
		"every": float64(frameEvery.Milliseconds()), "fraction": windowFraction, "max": maxWindow,
		"full": fullFrameSide,
	}, []any{readable}, nil)
	c.streaming = true
	return true
}

// onStreamScan handles the worker's report of one decoded frame.
func (c *camera) onStreamScan(d app.Value) {
	if !c.streaming || !c.running {
		return
	}
	if ms := d.Get("ms").Float(); ms > 0 {
		measure("passcheck:decode", pageNow()-ms)
	}
	c.decodedFrame(d.Get("text").String(), d.Get("ok").Truthy())
}

// onStreamUnsupported: the worker cannot read these frames; the page's
// canvas loop takes over for the rest of the session.
func (c *camera) onStreamUnsupported(d app.Value) {
	app.Log("passcheck: camera frames in format", d.Get("format").String(), "are read on the page")
	c.noStream = true
	if c.streaming && c.running {
		c.streaming = false
		c.schedule()
	}
}

// setPaused stops or resumes decoding (a verdict is on screen, the trust
// list is not loaded yet) without releasing the camera.
func (c *camera) setPaused(p bool) {
	if c.paused == p {
		return
	}
	c.paused = p
	if c.streaming && c.worker != nil {
		c.worker.send(map[string]any{"t": "pause", "paused": p}, nil, nil)
	}
}
