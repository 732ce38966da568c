package app

import (
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// camera runs the live preview and the frame loop. Where the browser
// allows, the worker reads the frames itself (camerastream.go) and nothing
// here runs per frame. Otherwise, each new video frame, the scan window (the
// centre square), or in turns the whole frame downscaled (viewTurns), is
// drawn into a reused canvas and its
// pixels are handed (transferred, not copied) to the worker, which decodes
// them with verify/qr's FrameDecoder. One frame is in flight at a time, so a
// slow phone decodes fewer frames instead of queueing them. Everything here
// runs on the JS event goroutine, never concurrently.
type camera struct {
	video     app.Value
	canvas    app.Value
	ctx2d     app.Value
	stream    app.Value
	track     app.Value
	loop      app.Func
	rvfc      bool // video.requestVideoFrameCallback is available
	running   bool
	paused    bool // set through setPaused
	busy      bool // a frame is with the worker
	decoded   bool // the page's first frame has been decoded (the camera-ready mark)
	live      bool // a frame of the current stream has been decoded (onReady called)
	last      time.Time
	worker    *workerClient
	pending   int       // handle of the frame callback asked for (0: none)
	pendingOn app.Value // what it was asked of (the video, or the window)
	// streaming: the worker reads the frames itself (camerastream.go);
	// noStream: it cannot, so the canvas loop runs.
	streaming, noStream bool
	// turns: the window or the whole frame, as in frameStream.
	turns viewTurns

	onText  func(string)     // a QR code was read
	onReady func()           // first frame decoded
	onError func(cameraFail) // the camera could not start
}

// cameraFail classifies why the camera did not start.
type cameraFail uint8

const (
	camDenied  cameraFail = iota + 1 // the user or a policy refused access
	camMissing                       // no camera, or no mediaDevices (insecure context)
	camOther
)

const (
	// frameEvery throttles decoding: at most one frame every 60 ms keeps a
	// code in view well under the 250 ms verdict target while leaving the
	// main thread mostly idle.
	frameEvery = 60 * time.Millisecond
	// windowFraction is the side of the decoded square relative to the
	// shorter side of the video; it is a little larger than the frame drawn
	// on screen so that a code held at the frame's edge still reads.
	windowFraction = 0.8
	// frameTimeout: a frame with the worker for this long is given up.
	frameTimeout = 3 * time.Second
	// maxWindow bounds the decoded square (pixels per side). Dense DCC codes
	// need 2-4 px per module, so the window is never downscaled further.
	maxWindow = 720
)

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
	await(md.Call("getUserMedia", constraints), func(stream app.Value) {
		c.stream = stream
		if tracks := stream.Call("getVideoTracks"); tracks.Length() > 0 {
			c.track = tracks.Index(0)
		}
		video.Set("srcObject", stream)
		video.Call("play")
		mark("passcheck:camera-start")
		c.running = true
		if !c.streamToWorker() {
			c.schedule()
		}
	}, func(err app.Value) {
		switch jsErrorName(err) {
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
		c.worker.send(map[string]any{"t": "stream-stop"}, nil, nil)
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
	if c.paused || c.busy || c.worker == nil || now.Sub(c.last) < frameEvery {
		return
	}
	c.last = now
	vw, vh := c.video.Get("videoWidth").Int(), c.video.Get("videoHeight").Int()
	if vw == 0 || vh == 0 {
		return
	}
	// The same two views as the worker's own loop (frameStream), taking
	// turns until one reads: the centred window, or the whole frame
	// downscaled (by the canvas, with its smoothing: close to a box
	// average for the 2–3× of a phone camera).
	side := int(float64(min(vw, vh)) * windowFraction)
	sx, sy, sw, sh := (vw-side)/2, (vh-side)/2, side, side
	dw, dh := min(side, maxWindow), min(side, maxWindow)
	full := c.turns.full
	if full {
		sx, sy, sw, sh = 0, 0, vw, vh
		dw, dh = vw, vh
		if long := max(vw, vh); long > fullFrameSide {
			// max 1: a canvas of width or height 0 throws on getImageData.
			dw, dh = max(1, vw*fullFrameSide/long), max(1, vh*fullFrameSide/long)
		}
	}
	t0 := pageNow()
	c.busy = true
	c.post(c.video, sx, sy, sw, sh, dw, dh, false, full, func(text string, ok bool) {
		c.busy = false
		measure("passcheck:decode", t0)
		c.turns.done(full, ok, time.Duration((pageNow()-t0)*float64(time.Millisecond)), frameEvery)
		c.decodedFrame(text, ok)
	})
}

// decodedFrame takes the result of one camera frame, from either loop.
func (c *camera) decodedFrame(text string, ok bool) {
	if !c.decoded {
		c.decoded = true
		mark("passcheck:camera-ready")
	}
	if !c.live && c.running {
		c.live = true
		if c.onReady != nil {
			c.onReady()
		}
	}
	if ok && c.running && !c.paused && c.onText != nil {
		c.onText(text)
	}
}

// post draws the source rectangle of src (the video, or a picture) scaled
// to dw×dh and sends the pixels to the worker; done gets the decoded text.
// still: a photo (the still-image decoder); full: the whole camera frame
// (the worker's second frame decoder, sized for it).
func (c *camera) post(src app.Value, sx, sy, sw, sh, dw, dh int, still, full bool, done func(string, bool)) {
	if c.canvas == nil {
		c.canvas = app.Window().Get("document").Call("createElement", "canvas")
	}
	if c.ctx2d == nil || c.canvas.Get("width").Int() != dw || c.canvas.Get("height").Int() != dh {
		c.canvas.Set("width", dw)
		c.canvas.Set("height", dh)
		c.ctx2d = c.canvas.Call("getContext", "2d", map[string]any{"willReadFrequently": true})
		// Mipmapped downscaling rather than bilinear taps: averages the
		// pixels it drops (moiré, noise) instead of skipping them.
		c.ctx2d.Set("imageSmoothingQuality", "medium")
	}
	c.ctx2d.Call("drawImage", src, sx, sy, sw, sh, 0, 0, dw, dh)
	buf := c.ctx2d.Call("getImageData", 0, 0, dw, dh).Get("data").Get("buffer")
	c.worker.send(map[string]any{"t": "frame", "buf": buf, "w": dw, "h": dh, "still": still, "full": full},
		[]any{buf}, func(r app.Value) {
			done(r.Get("text").String(), r.Get("ok").Truthy())
		})
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
	await(p, nil, nil)
}

// maxPhotoSide bounds a photo before decoding (memory and time): a code
// that fills a reasonable part of the picture survives the downscale.
const maxPhotoSide = 2048

// decodePhoto reads the QR code in a picture file (a JS File/Blob) and calls
// done with the text (ok false: none found), on the JS event goroutine.
func (c *camera) decodePhoto(file app.Value, done func(string, bool)) {
	if c.worker == nil {
		done("", false)
		return
	}
	await(app.Window().Call("createImageBitmap", file), func(bmp app.Value) {
		w, h := bmp.Get("width").Int(), bmp.Get("height").Int()
		dw, dh := w, h
		if s := max(w, h); s > maxPhotoSide {
			dw, dh = w*maxPhotoSide/s, h*maxPhotoSide/s
		}
		if dw == 0 || dh == 0 {
			done("", false)
			return
		}
		c.post(bmp, 0, 0, w, h, dw, dh, true, false, func(text string, ok bool) {
			bmp.Call("close")
			done(text, ok)
		})
	}, func(app.Value) {
		done("", false)
	})
}
