package worker

import (
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"passcheck/app/webapi"
	"passcheck/app/wire"
	"passcheck/verify/qr"
)

// frameStream is the worker's own camera loop, used where the browser can
// hand the camera to the worker: the page wraps its video track in a
// MediaStreamTrackProcessor and transfers the processor's ReadableStream of
// VideoFrames here (wire.Stream; Chromium browsers, Android included). The
// worker copies only the scan window's luminance plane out of each frame
// (VideoFrame.copyTo with a rect: no colour conversion, no canvas) and the
// page's thread does nothing per frame. Elsewhere the page draws frames
// into a canvas and posts the pixels (wire.Frame).
//
// Two views of the camera take turns (viewTurns) until one of them reads a
// code, and that one is kept while it keeps reading: the centred scan window at full
// resolution (dense codes held at a normal distance: 2–4 pixels per module,
// no room to downscale), and the whole frame box-averaged to at most
// fullMax pixels on its longer side (a code held so close that its finder
// patterns fall outside the window, and whose modules are large anyway).
// Each has its own FrameDecoder, so neither reallocates its buffers for the
// other's size. The geometry is wire's (scan.go), as in the page's loop.
//
// Messages to the page (no id):
//   - wire.Verdict: the first frame of this stream (the camera is ready),
//     and every frame that held a code (Read), with the outcome when the
//     code was checked (see worker.verdict). Other frames are not reported:
//     the page's thread has nothing to do for them. Their times are User
//     Timing measures in the worker ("passcheck:decode").
//   - wire.StreamRefused: the frames come in a pixel format not read here,
//     or reading them failed (Why says what); the page falls back to its
//     canvas loop.
type frameStream struct {
	gen      int // the current stream; loops of older ones stop
	reader   app.Value
	fullMax  int // longer side of the whole-frame view; 0: window only
	turns    viewTurns
	last     time.Time
	reported bool         // the first frame of this stream was reported
	failures int          // copies refused in a row
	js       app.Value    // reused Uint8Array for copyTo
	opts     [2]app.Value // copyTo's options per view (window, whole), built once per geometry
	optsFor  [2][4]int    // x, y, width, height of opts
	plane    []byte       // the copied plane, in Go
	gray     []byte       // the scan window packed or downscaled, when the plane is not
	acc      []uint32     // boxGray's row sums
	decFull  qr.FrameDecoder
}

// startStream takes over a new stream (wire.Stream's readable).
func (w *worker) startStream(readable app.Value) {
	s := &w.stream
	s.stop()
	if readable == nil || !readable.Truthy() {
		w.giveBack("no stream")
		return
	}
	s.reader = readable.Call("getReader")
	s.fullMax = wire.FullFrameSide
	s.turns = viewTurns{}
	s.reported, s.failures = false, 0
	w.readFrame(s.gen)
}

// stop ends the current stream (camera stopped or switched): the reader
// is cancelled and callbacks still pending for it do nothing.
func (s *frameStream) stop() {
	if s.reader != nil && s.reader.Truthy() {
		webapi.Await(s.reader.Call("cancel"), nil, nil)
	}
	s.reader = nil
	s.gen++
}

// readFrame asks for the next frame of stream gen. Frames are read one at
// a time: the processor keeps only the newest while one is being decoded,
// so a slow phone decodes fewer frames instead of older ones.
func (w *worker) readFrame(gen int) {
	s := &w.stream
	if gen != s.gen || s.reader == nil {
		return
	}
	webapi.Await(s.reader.Call("read"), func(r app.Value) {
		f := r.Get("value")
		if r.Get("done").Truthy() || !f.Truthy() {
			return // the track ended
		}
		if gen != s.gen {
			f.Call("close")
			return
		}
		w.onFrame(gen, f)
	}, nil) // a cancelled or errored stream: its loop just ends
}

// lumaFormats have an 8-bit luminance plane first (VideoPixelFormat).
var lumaFormats = map[string]bool{"I420": true, "I420A": true, "I422": true, "I422A": true,
	"I444": true, "I444A": true, "NV12": true}

// rgbFormats are 4 bytes per pixel; bgr: blue first.
var rgbFormats = map[string]bool{"RGBA": false, "RGBX": false, "BGRA": true, "BGRX": true}

func (w *worker) onFrame(gen int, f app.Value) {
	s := &w.stream
	// A panic here would end the worker's Go program (this runs in a
	// promise callback, outside handle's recover): give the frames back to
	// the page instead.
	defer w.recoverStream()
	now := time.Now()
	// Paused, frames are not even copied: the page shows a verdict.
	if w.paused || now.Sub(s.last) < wire.FrameEvery {
		f.Call("close")
		w.readFrame(gen)
		return
	}
	format := f.Get("format").String()
	bgr, rgb := rgbFormats[format]
	if !lumaFormats[format] && !rgb {
		f.Call("close")
		w.giveBack(format)
		return
	}
	s.last = now
	vr := f.Get("visibleRect")
	vx, vy, vw, vh := vr.Get("x").Int(), vr.Get("y").Int(), vr.Get("width").Int(), vr.Get("height").Int()
	full := s.turns.full && s.fullMax > 0
	// The centred square, or the whole picture; even-aligned for
	// subsampled chroma.
	key := [4]int{vx &^ 1, vy &^ 1, vw &^ 1, vh &^ 1}
	if !full {
		side := int(float64(min(vw, vh))*wire.WindowFraction) &^ 1
		key = [4]int{(vx + (vw-side)/2) &^ 1, (vy + (vh-side)/2) &^ 1, side, side}
	}
	if key[2] < 2 || key[3] < 2 {
		f.Call("close")
		w.readFrame(gen)
		return
	}
	view := 0
	if full {
		view = 1
	}
	if s.opts[view] == nil || key != s.optsFor[view] {
		s.optsFor[view] = key
		s.opts[view] = app.ValueOf(map[string]any{"rect": map[string]any{"x": key[0], "y": key[1], "width": key[2], "height": key[3]}})
	}
	opts := s.opts[view]
	size := f.Call("allocationSize", opts).Int()
	// The same bound as a frame posted by the page: a camera's frame size is
	// the browser's to say, not ours.
	if size > maxFrameBytes {
		f.Call("close")
		if full {
			// A huge frame: the window alone is still worth reading.
			s.fullMax = 0
			w.readFrame(gen)
			return
		}
		w.giveBack("frame too large")
		return
	}
	if s.js == nil || s.js.Length() < size {
		s.js = app.Window().Get("Uint8Array").New(size)
	}
	t0 := time.Now()
	webapi.Await(f.Call("copyTo", s.js, opts), func(layout app.Value) {
		f.Call("close")
		if gen != s.gen {
			return
		}
		defer w.recoverStream()
		s.failures = 0
		var text string
		var ok bool
		if full {
			text, ok = w.decodeWhole(layout.Index(0), key[2], key[3], rgb, bgr)
		} else {
			text, ok = w.decodePlane(layout.Index(0), key[2], rgb, bgr)
		}
		took := time.Since(t0)
		s.turns.done(full, ok, took, wire.FrameEvery)
		webapi.Measure("passcheck:decode", webapi.Now()-ms(took)) // in the worker's timeline
		// The page hears only of the first frame (camera ready) and of
		// codes read: a frame without a code costs its thread nothing.
		if !s.reported || ok {
			s.reported = true
			v := wire.Verdict{Read: ok, Decode: ms(took)}
			if ok {
				w.verdict(&v, text, fromCamera, time.Now())
			}
			w.post(0, v)
		}
		w.readFrame(gen)
	}, func(app.Value) {
		f.Call("close")
		if gen != s.gen {
			return
		}
		// A browser that keeps refusing the copy would leave the camera
		// running and nothing decoded.
		if s.failures++; s.failures >= maxCopyFailures {
			w.giveBack("copyTo refused")
			return
		}
		w.readFrame(gen)
	})
}

// maxCopyFailures: copies refused in a row before the frames go back to the
// page (a single refusal can be a frame closed under us).
const maxCopyFailures = 3

// giveBack ends this stream and tells the page to read the camera itself
// (why: a pixel format, or what failed).
func (w *worker) giveBack(why string) {
	w.stream.stop()
	w.post(0, wire.StreamRefused{Why: why})
}

// recoverStream, deferred in the frame callbacks, turns a panic into the
// end of this stream: the page's canvas loop takes the camera over.
func (w *worker) recoverStream() {
	p := recover()
	if p == nil {
		return
	}
	app.Log("passcheck worker: camera frame:", p)
	w.giveBack("error")
}

// copyPlane copies the first plane of the copied frame (layout: its offset
// and stride in s.js), a w×h picture of bpp bytes per pixel, into Go.
func (s *frameStream) copyPlane(layout app.Value, w, h, bpp int) (plane []byte, stride int, ok bool) {
	off, stride := layout.Get("offset").Int(), layout.Get("stride").Int()
	n := stride*(h-1) + bpp*w
	if off < 0 || stride < bpp*w || off+n > s.js.Length() {
		return nil, 0, false
	}
	if cap(s.plane) < n {
		s.plane = make([]byte, n)
	}
	plane = s.plane[:n]
	app.CopyBytesToGo(plane, s.js.Call("subarray", off, off+n))
	return plane, stride, true
}

// decodeWhole reads the QR code in the copied whole frame (w×h), box-averaged
// down to at most fullMax pixels on its longer side.
func (w *worker) decodeWhole(layout app.Value, fw, fh int, rgb, bgr bool) (string, bool) {
	s := &w.stream
	bpp := 1
	if rgb {
		bpp = 4
	}
	plane, stride, ok := s.copyPlane(layout, fw, fh, bpp)
	if !ok {
		return "", false
	}
	k := fullFrameFactor(fw, fh, s.fullMax)
	if n := (fw / k) * (fh / k); cap(s.gray) < n {
		s.gray = make([]byte, n)
	}
	if cap(s.acc) < fw/k {
		s.acc = make([]uint32, fw/k)
	}
	dw, dh := boxGray(s.gray, s.acc, plane, fw, fh, stride, bpp, k, bgr)
	text, err := s.decFull.DecodeGray(s.gray[:dw*dh], dw, dh)
	return text, err == nil
}

// decodePlane reads the QR code in the copied plane (layout: its offset and
// stride in s.js) of a side×side window, downscaled to wire.MaxWindow if
// larger.
func (w *worker) decodePlane(layout app.Value, side int, rgb, bgr bool) (string, bool) {
	s := &w.stream
	bpp := 1
	if rgb {
		bpp = 4
	}
	plane, stride, ok := s.copyPlane(layout, side, side, bpp)
	if !ok {
		return "", false
	}
	dst := min(side, wire.MaxWindow)
	// copyTo with a rect usually packs the rows: then the plane is the
	// window as it is. Otherwise pack it, nearest-neighbour when
	// downscaling (only for frames over 900 px, i.e. 1080p, where a dense
	// DCC code keeps over 2 px per module).
	out := plane
	if dst != side || stride != bpp*side {
		if cap(s.gray) < dst*dst*bpp {
			s.gray = make([]byte, dst*dst*bpp)
		}
		out = s.gray[:dst*dst*bpp]
		for y := 0; y < dst; y++ {
			row := plane[(y*side/dst)*stride:]
			o := out[y*dst*bpp : (y+1)*dst*bpp]
			if dst == side {
				copy(o, row[:side*bpp])
				continue
			}
			for x := 0; x < dst; x++ {
				sx := (x * side / dst) * bpp
				copy(o[x*bpp:x*bpp+bpp], row[sx:sx+bpp])
			}
		}
	}
	var text string
	var err error
	switch {
	case !rgb:
		text, err = w.dec.DecodeGray(out, dst, dst)
	default:
		if bgr {
			for i := 0; i+3 < len(out); i += 4 {
				out[i], out[i+2] = out[i+2], out[i]
			}
		}
		text, err = w.dec.DecodeRGBA(out, dst, dst)
	}
	return text, err == nil
}
