package app

import (
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"passcheck/app/webapi"
	"passcheck/app/wire"
)

// camera runs the live preview and hands its frames to the worker. Where
// the browser allows, the worker reads the frames itself (camerastream.go)
// and nothing here runs per frame. Otherwise, each new video frame, the
// scan window (the centre square), or the whole frame downscaled when the
// worker asks for it (wire.Verdict.Whole), is drawn into a reused canvas
// and its pixels are handed (transferred, not copied) to the worker, which
// decodes, checks, and answers with a wire.Verdict. One frame is in flight
// at a time, so a slow phone decodes fewer frames instead of queueing them.
// The geometry is wire's (scan.go), the same as the worker's own loop.
// Everything here runs on the JS event goroutine, never concurrently.
type camera struct {
	video     app.Value
	canvas    canvas
	stream    app.Value
	track     app.Value
	loop      app.Func
	rvfc      bool // video.requestVideoFrameCallback is available
	running   bool
	busy      bool // a frame is with the worker
	decoded   bool // the page's first frame has been decoded (the camera-ready mark)
	live      bool // a frame of the current stream has been decoded (onReady called)
	whole     bool // the worker asked for the next frame whole
	last      time.Time
	worker    *workerClient
	pending   int       // handle of the frame callback asked for (0: none)
	pendingOn app.Value // what it was asked of (the video, or the window)
	// streaming: the worker reads the frames itself (camerastream.go);
	// noStream: it cannot, so the canvas loop runs.
	streaming, noStream bool

	onVerdict func(wire.Verdict) // the worker checked a code the camera saw
	onReady   func()             // first frame decoded
	onError   func(cameraFail)   // the camera could not start
}

// cameraFail classifies why the camera did not start.
type cameraFail uint8

const (
	camDenied  cameraFail = iota + 1 // the user or a policy refused access
	camMissing                       // no camera, or no mediaDevices (insecure context)
	camOther
)

// frameTimeout: a frame with the worker for this long is given up.
const frameTimeout = 3 * time.Second

// start asks for the camera facing `facing` ("environment" or "user").
func (c *camera) start(video app.Value, facing string) {
	c.stop()
	c.video = video
	c.live = false // onReady again for this stream: camera switch, retry
	md := app.Window().Get("navigator").Get("mediaDevices")
	if !md.Truthy() || !md.Get("getUserMedia").Truthy() {
		c.fail(camMissing)
		return
	}
	constraints := map[string]any{
		"audio": false,
		"video": map[string]any{
			"facingMode": map[string]any{"ideal": facing},
			"width":      map[string]any{"ideal": 1280},
			"height":     map[string]any{"ideal": 720},
		},
	}
	webapi.Await(md.Call("getUserMedia", constraints), func(stream app.Value) {
		c.stream = stream
		if tracks := stream.Call("getVideoTracks"); tracks.Length() > 0 {
			c.track = tracks.Index(0)
		}
		video.Set("srcObject", stream)
		video.Call("play")
		webapi.Mark("passcheck:camera-start")
		c.running = true
		if !c.streamToWorker() {
			c.schedule()
		}
	}, func(err app.Value) {
		switch webapi.ErrorName(err) {
		case "NotAllowedError", "SecurityError", "PermissionDeniedError":
			c.fail(camDenied)
		case "NotFoundError", "OverconstrainedError", "DevicesNotFoundError":
			c.fail(camMissing)
		default:
			c.fail(camOther)
		}
	})
}

func (c *camera) fail(f cameraFail) {
	if c.onError != nil {
		c.onError(f)
	}
}

// stop releases the camera (the indicator light goes off).
func (c *camera) stop() {
	c.running = false
	c.cancelFrame()
	if c.streaming && c.worker != nil {
		c.worker.post(wire.StreamStop{}, nil)
	}
	c.streaming = false
	if c.stream != nil && c.stream.Truthy() {
		tracks := c.stream.Call("getTracks")
		for i := 0; i < tracks.Length(); i++ {
			tracks.Index(i).Call("stop")
		}
	}
	if c.video != nil && c.video.Truthy() {
		c.video.Set("srcObject", nil)
	}
	c.stream, c.track = nil, nil
}

// schedule asks for the next frame callback.
func (c *camera) schedule() {
	if c.loop == nil {
		c.rvfc = c.video.Get("requestVideoFrameCallback").Truthy()
		c.loop = app.FuncOf(func(this app.Value, args []app.Value) any {
			c.frame()
			return nil
		})
	}
	if !c.running {
		return
	}
	c.cancelFrame() // one frame loop, however often the camera restarts
	if c.rvfc {
		c.pendingOn = c.video
		c.pending = c.video.Call("requestVideoFrameCallback", c.loop).Int()
	} else {
		c.pendingOn = app.Window()
		c.pending = c.pendingOn.Call("requestAnimationFrame", c.loop).Int()
	}
}

// cancelFrame drops the frame callback asked for, if any: a camera switch
// or retry would otherwise leave the old loop running beside the new one.
func (c *camera) cancelFrame() {
	if c.pending == 0 || c.pendingOn == nil {
		return
	}
	if c.rvfc {
		c.pendingOn.Call("cancelVideoFrameCallback", c.pending)
	} else {
		c.pendingOn.Call("cancelAnimationFrame", c.pending)
	}
	c.pending, c.pendingOn = 0, nil
}

func (c *camera) frame() {
	c.pending, c.pendingOn = 0, nil // this callback has run
	if !c.running {
		return
	}
	defer c.schedule()
	now := time.Now()
	if c.busy && now.Sub(c.last) > frameTimeout {
		c.busy = false // the reply is lost; do not stall the loop
	}
	if c.busy || c.worker == nil || now.Sub(c.last) < wire.FrameEvery {
		return
	}
	c.last = now
	vw, vh := c.video.Get("videoWidth").Int(), c.video.Get("videoHeight").Int()
	if vw == 0 || vh == 0 {
		return
	}
	// The same two views as the worker's own loop: the centred window, or
	// the whole frame downscaled (by the canvas, with its smoothing: close
	// to a box average for the 2–3× of a phone camera).
	side := int(float64(min(vw, vh)) * wire.WindowFraction)
	sx, sy, sw, sh := (vw-side)/2, (vh-side)/2, side, side
	dw, dh := min(side, wire.MaxWindow), min(side, wire.MaxWindow)
	whole := c.whole
	if whole {
		sx, sy, sw, sh = 0, 0, vw, vh
		dw, dh = vw, vh
		if long := max(vw, vh); long > wire.FullFrameSide {
			// max 1: a canvas of width or height 0 throws on getImageData.
			dw, dh = max(1, vw*wire.FullFrameSide/long), max(1, vh*wire.FullFrameSide/long)
		}
	}
	t0 := webapi.Now()
	c.busy = true
	pixels := c.canvas.draw(c.video, sx, sy, sw, sh, dw, dh)
	c.worker.verdict(wire.Frame{W: dw, H: dh, Whole: whole, Pixels: pixels}, func(v wire.Verdict) {
		c.busy = false
		if v.Decode > 0 { // a frame the worker decoded (not one it dropped, paused)
			webapi.Measure("passcheck:decode", t0)
		}
		c.whole = v.Whole
		c.scanned(v)
	})
}

// scanned takes the worker's report of one camera frame, from either loop.
// A verdict is always passed on, even from a stream just stopped: the
// worker paused its scanning for it, and the page resumes it when the
// verdict is closed.
func (c *camera) scanned(v wire.Verdict) {
	if !c.decoded {
		c.decoded = true
		webapi.Mark("passcheck:camera-ready")
	}
	if !c.live && c.running {
		c.live = true
		if c.onReady != nil {
			c.onReady()
		}
	}
	if (v.Outcome != nil || v.Chunks != nil) && c.onVerdict != nil { // Chunks: chunkprogress.go
		// The worker's message is read in this task; the verdict screen is
		// built and drawn in the next one. Together they made one UI-thread
		// task of 53 ms under load (issue 11, docs/BENCHMARKS.md).
		webapi.Mark("passcheck:verdict-in")
		webapi.Yield(func() { c.onVerdict(v) })
	}
}

// torchSupported reports whether the running track can switch a light.
func (c *camera) torchSupported() bool {
	if c.track == nil || !c.track.Truthy() || !c.track.Get("getCapabilities").Truthy() {
		return false
	}
	caps := c.track.Call("getCapabilities")
	return caps.Truthy() && caps.Get("torch").Truthy()
}

func (c *camera) setTorch(on bool) {
	if !c.torchSupported() {
		return
	}
	p := c.track.Call("applyConstraints", map[string]any{
		"advanced": []any{map[string]any{"torch": on}},
	})
	webapi.Await(p, nil, nil)
}

// canvas draws pictures (a video frame, a photo) for the worker: a reused
// 2D canvas, sized on demand.
type canvas struct {
	el, ctx2d app.Value
}

// draw scales the source rectangle of src (the video, or a picture) to
// dw×dh and returns its RGBA pixels, an ArrayBuffer to transfer.
func (c *canvas) draw(src app.Value, sx, sy, sw, sh, dw, dh int) app.Value {
	if c.el == nil {
		c.el = app.Window().Get("document").Call("createElement", "canvas")
	}
	if c.ctx2d == nil || c.el.Get("width").Int() != dw || c.el.Get("height").Int() != dh {
		c.el.Set("width", dw)
		c.el.Set("height", dh)
		c.ctx2d = c.el.Call("getContext", "2d", map[string]any{"willReadFrequently": true})
		// Mipmapped downscaling rather than bilinear taps: averages the
		// pixels it drops (moiré, noise) instead of skipping them.
		c.ctx2d.Set("imageSmoothingQuality", "medium")
	}
	c.ctx2d.Call("drawImage", src, sx, sy, sw, sh, 0, 0, dw, dh)
	return c.ctx2d.Call("getImageData", 0, 0, dw, dh).Get("data").Get("buffer")
}

// maxPhotoSide bounds a photo before decoding (memory and time): a code
// that fills a reasonable part of the picture survives the downscale.
const maxPhotoSide = 2048

// checkPhoto has the worker read and check the QR code in a picture file
// (a JS File/Blob); done gets its verdict (no outcome: no code found), on
// the JS event goroutine.
func checkPhoto(w *workerClient, file app.Value, done func(wire.Verdict)) {
	if w == nil {
		done(wire.Verdict{})
		return
	}
	webapi.Await(app.Window().Call("createImageBitmap", file), func(bmp app.Value) {
		pw, ph := bmp.Get("width").Int(), bmp.Get("height").Int()
		dw, dh := pw, ph
		if s := max(pw, ph); s > maxPhotoSide {
			dw, dh = pw*maxPhotoSide/s, ph*maxPhotoSide/s
		}
		if dw == 0 || dh == 0 {
			done(wire.Verdict{})
			return
		}
		// A canvas of its own, dropped after: photos are rare and large.
		var cv canvas
		pixels := cv.draw(bmp, 0, 0, pw, ph, dw, dh)
		bmp.Call("close")
		w.verdict(wire.Photo{W: dw, H: dh, Pixels: pixels}, done)
	}, func(app.Value) {
		done(wire.Verdict{})
	})
}
