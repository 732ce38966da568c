// Package worker is the app's Web Worker program: camera frames in,
// verdicts out. It decodes the QR code in a frame (one the page posts, or
// one it reads from the camera stream the page hands over), lets the repeat
// guard drop a code still in view, verifies the certificate against the
// trust bundle, applies the venue policy, and posts one wire.Verdict. The
// page only shows it: it never sees the QR text of a camera frame.
//
// It runs the same app.wasm as the page (web/worker.js loads it): no
// second download, and the same verify code as everywhere else.
package worker

import (
	"crypto"
	"crypto/rand"
	"image"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"passcheck/app/shift"
	"passcheck/app/webapi"
	"passcheck/app/wire"
	"passcheck/verify"
	"passcheck/verify/qr"
	"passcheck/verify/schema"
	"passcheck/verify/trust"
)

// InWorker reports whether this instance runs in the worker (a global scope
// without a document).
func InWorker() bool {
	return app.IsClient && !app.Window().Get("document").Truthy()
}

// Run serves the page's messages; it never returns.
func Run() {
	// Compile the DCC schema first, not on the first scan: the worker
	// starts with the page (web/boot.js), so this overlaps the page's own
	// start-up.
	schema.ValidateJSON([]byte(`{}`))
	// Then run the whole pipeline once, trusting no key: the first guest's
	// scan would otherwise pay for the first run of the base45, zlib, COSE,
	// CBOR, JSON and schema code (about two thirds of a cold verify in wasm).
	// The verdict is thrown away.
	(&verify.Verifier{}).Verify(warmText, time.Now())
	w := &worker{scope: app.Window()}
	w.dec.Stream, w.decFull.Stream, w.stream.decFull.Stream = true, true, true // camera frames: one retry per frame
	var err error
	if w.seen, err = shift.NewSeen(rand.Reader); err != nil {
		app.Log("passcheck worker: duplicate-scan warning off:", err)
	}
	w.scope.Set("onmessage", app.FuncOf(func(this app.Value, args []app.Value) any {
		w.handle(webapi.Arg0(args).Get("data"))
		return nil
	}))
	// Messages that arrived while the wasm was loading (worker.js queues them).
	if q := w.scope.Get("pcQueue"); q.Truthy() {
		w.scope.Set("pcQueue", nil)
		for i := 0; i < q.Length(); i++ {
			w.handle(q.Index(i))
		}
	}
	select {}
}

type worker struct {
	scope   app.Value
	pinned  []crypto.PublicKey
	checker checker
	policy  string // the venue's choice (wire.Choose)
	// paused: a verdict is on the page's screen, so camera codes are not
	// checked until the page says it was closed (wire.Resume). Only the
	// worker keeps this state: it pauses itself when it sends a verdict.
	paused  bool
	guard   repeatGuard
	dec     qr.FrameDecoder // the page's frames: its scan window
	decFull qr.FrameDecoder // the page's whole frames (sized apart from the window)
	turns   viewTurns       // the view of the page's next frame
	buf     []byte
	stream  frameStream // the camera, when the page hands it over
	// seen: the certificates admitted in this shift, as salted hashes
	// (the duplicate-scan warning); nil remembers nothing.
	seen *shift.Seen

	chunks chunkSet // a chunked SMART Health Card being scanned (chunks.go)
}

// maxFrameBytes bounds a frame copied into Go.
const maxFrameBytes = 4 * qr.MaxPixels

func (w *worker) handle(v app.Value) {
	id, m, err := wire.Read(v)
	if err != nil {
		app.Log("passcheck worker:", err)
		return
	}
	// A panic would end the Go program and leave the page without a worker;
	// answer the request as failed instead and keep serving.
	defer func() {
		if p := recover(); p != nil {
			app.Log("passcheck worker: panic:", p)
			switch m.(type) {
			case *wire.OpenBundle:
				w.post(id, wire.BundleOpened{Err: "internal error"})
			case *wire.Frame, *wire.Photo:
				w.post(id, wire.Verdict{})
			}
		}
	}()
	switch m := m.(type) {
	case *wire.Init:
		keys, err := trust.ParsePinned(m.Pinned)
		if err != nil {
			app.Log("passcheck worker: pinned keys:", err)
		}
		w.pinned = keys
	case *wire.OpenBundle:
		w.post(id, w.openBundle(m))
	case *wire.Choose:
		w.policy = m.Policy
	case *wire.Resume:
		w.resume(time.Now())
	case *wire.NewShift:
		w.newShift()
	case *wire.Stream:
		w.startStream(m.Readable)
	case *wire.StreamStop:
		w.stream.stop()
	case *wire.Frame:
		if w.paused {
			// A verdict is on screen: the page's loop keeps posting, but
			// nothing is decoded until it closes.
			w.post(id, wire.Verdict{Whole: w.turns.full})
			return
		}
		t0 := time.Now()
		text, ok := w.decodeFrame(m.Pixels, m.W, m.H, m.Whole)
		took := time.Since(t0)
		w.turns.done(m.Whole, ok, took, wire.FrameEvery)
		v := wire.Verdict{Read: ok, Decode: ms(took)}
		if ok {
			w.verdict(&v, text, fromCamera, time.Now())
		}
		v.Whole = w.turns.full
		w.post(id, v)
	case *wire.Photo:
		text, ok := w.decodePhoto(m.Pixels, m.W, m.H)
		v := wire.Verdict{Read: ok}
		if ok {
			w.verdict(&v, text, fromInput, time.Now())
		}
		w.post(id, v)
	case *wire.Text:
		var v wire.Verdict
		w.verdict(&v, m.Text, fromInput, time.Now())
		w.post(id, v)
	}
}

func (w *worker) post(id int, m wire.Message) { wire.Post(w.scope, id, m) }

// source of a scanned text: a camera frame is subject to the pause and the
// repeat guard, a deliberate input (photo, paste, hardware scanner) is
// always checked.
type source uint8

const (
	fromCamera source = iota
	fromInput
)

// verdict checks a text scanned at now into v, unless it comes from the
// camera while paused or the repeat guard drops it. A verdict pauses
// camera scanning until wire.Resume.
func (w *worker) verdict(v *wire.Verdict, text string, src source, now time.Time) {
	if src == fromCamera {
		if w.paused || !w.guard.accept(text, now) {
			return
		}
	} else {
		w.guard.accept(text, now)
	}
	t0 := time.Now()
	var o wire.Outcome
	var id string
	if isChunk(text) {
		if !w.chunks.add(text, now) {
			// Not complete: say how far it is, keep scanning.
			got, total := w.chunks.progress()
			v.Chunks = &wire.Chunks{Got: got, Total: total}
			return
		}
		o, id = w.checkChunks(now)
	} else {
		o, id = w.check(text, now)
	}
	w.chunks.reset()
	v.Outcome, v.At, v.Check = &o, now.UnixMilli(), ms(time.Since(t0))
	w.paused = true
	// Only what got past the repeat guard gets here: a code that stays
	// in view is not a second admission.
	if id != "" && w.seen != nil {
		if first, again := w.seen.Admit(id, now); again {
			v.AlreadyScanned = first.UnixMilli()
		}
	}
}

// newShift forgets every certificate admitted so far: a new salt, so that
// nothing kept from the last shift could be matched again.
func (w *worker) newShift() {
	if w.seen == nil {
		return
	}
	if err := w.seen.Reset(); err != nil {
		app.Log("passcheck worker: duplicate-scan warning off:", err)
	}
}

// resume: the page closed the verdict at now; camera codes are checked
// again, but a code still in front of the camera must not fire again at
// once.
func (w *worker) resume(now time.Time) {
	w.paused = false
	w.guard.seen = now
}

// check verifies text at `at` with the bundle and the venue's policy, and
// names the certificate if it was admitted (checker.admit); a panic there
// (a bug) is a CannotVerify verdict, not a dead worker.
func (w *worker) check(text string, at time.Time) (o wire.Outcome, id string) {
	defer func() {
		if p := recover(); p != nil {
			app.Log("passcheck worker: panic:", p)
			o, id = wire.Outcome{Verdict: verify.CannotVerify}, ""
		}
	}()
	return w.checker.admit(text, w.policy, at)
}

// checkChunks is check for the complete chunked card in w.chunks.
func (w *worker) checkChunks(at time.Time) (o wire.Outcome, id string) {
	defer func() {
		if p := recover(); p != nil {
			app.Log("passcheck worker: panic:", p)
			o, id = wire.Outcome{Verdict: verify.CannotVerify}, ""
		}
	}()
	return w.checker.checkChunks(&w.chunks.c, w.policy, at)
}

// ms is d in milliseconds, as User Timing counts.
func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// openBundle verifies bundle bytes against the pinned keys and the rollback
// floor; a genuine bundle replaces the current one unless it is older.
func (w *worker) openBundle(m *wire.OpenBundle) wire.BundleOpened {
	src := m.Data
	if src == nil || !src.Truthy() {
		return wire.BundleOpened{Err: "no bundle bytes"}
	}
	n := src.Length()
	if n > trust.MaxSize {
		return wire.BundleOpened{Err: trust.ErrTooLarge.Error(), Code: wire.RefusedTooLarge}
	}
	data := make([]byte, n)
	app.CopyBytesToGo(data, src)
	return w.take(data, m.MinSeq, m.Fresh, time.Now())
}

// take opens bundle bytes (trust.Open: pinned key, signature, minSeq) at
// now and checks with the bundle unless it is older than the current one.
// With fresh, a genuine bundle not usable at now is refused too.
func (w *worker) take(data []byte, minSeq uint64, fresh bool, now time.Time) wire.BundleOpened {
	refuse := func(err error) wire.BundleOpened {
		return wire.BundleOpened{Err: err.Error(), Code: wire.RefusedCode(err)}
	}
	if len(w.pinned) == 0 {
		return refuse(wire.ErrNoPinnedKey)
	}
	b, err := trust.Open(data, w.pinned, minSeq, now)
	if b == nil || (fresh && err != nil) {
		return refuse(err)
	}
	if cur := w.checker.bundle; cur == nil || b.Seq() >= cur.Seq() {
		perr, verr := w.checker.load(b)
		if perr != nil {
			app.Log("passcheck worker: bundle policies:", perr)
		}
		if verr != nil {
			app.Log("passcheck worker: bundle value sets:", verr)
		}
	}
	return wire.BundleOpened{
		Policies: w.checker.menu(),
		Info: wire.BundleInfo{Seq: b.Seq(), Len: b.Len(), IssuedAt: b.IssuedAt(), ExpiresAt: b.ExpiresAt(),
			Fingerprint: b.Fingerprint()},
	}
}

// copyPixels copies W×H RGBA pixels (an ArrayBuffer from the page) into
// the worker's reused buffer.
func (w *worker) copyPixels(pixels app.Value, fw, fh int) ([]byte, bool) {
	n := 4 * fw * fh
	if fw <= 0 || fh <= 0 || n > maxFrameBytes || pixels == nil || !pixels.Truthy() {
		return nil, false
	}
	if cap(w.buf) < n {
		w.buf = make([]byte, n)
	}
	buf := w.buf[:n]
	src := app.Window().Get("Uint8Array").New(pixels)
	if app.CopyBytesToGo(buf, src) != n {
		return nil, false
	}
	return buf, true
}

// decodeFrame reads the QR code in a camera frame the page posted: its scan
// window, or the whole frame downscaled (whole).
func (w *worker) decodeFrame(pixels app.Value, fw, fh int, whole bool) (string, bool) {
	buf, ok := w.copyPixels(pixels, fw, fh)
	if !ok {
		return "", false
	}
	var text string
	var err error
	if whole {
		text, err = w.decFull.DecodeRGBA(buf, fw, fh)
	} else {
		text, err = w.dec.DecodeRGBA(buf, fw, fh)
	}
	return text, err == nil
}

// decodePhoto reads the QR code in a photo: the still-image path, with its
// PURE_BARCODE fallback.
func (w *worker) decodePhoto(pixels app.Value, fw, fh int) (string, bool) {
	buf, ok := w.copyPixels(pixels, fw, fh)
	if !ok {
		return "", false
	}
	img := &image.RGBA{Pix: buf, Stride: 4 * fw, Rect: image.Rect(0, 0, fw, fh)}
	text, err := qr.DecodeImage(img)
	return text, err == nil
}

// warmText is a public EU interoperability test credential (dgc-testdata,
// DE/2DCode/raw/1.json, Apache-2.0, see testdata/dgc-testdata/NOTICE), used
// only to warm the verifier up.
const warmText = "HC1:6BF+70790T9WJWG.FKY*4GO0.O1CV2 O5 N2FBBRW1*70HS8WY04AC*WIFN0AHCD8KD97TK0F90KECTHGWJC0FDC:5AIA%G7X+AQB9746HS80:54IBQF60R6$A80X6S1BTYACG6M+9XG8KIAWNA91AY%67092L4WJCT3EHS8XJC$+DXJCCWENF6OF63W5NW6WF6%JC QE/IAYJC5LEW34U3ET7DXC9 QE-ED8%E.JCBECB1A-:8$96646AL60A60S6Q$D.UDRYA 96NF6L/5QW6307KQEPD09WEQDD+Q6TW6FA7C466KCN9E%961A6DL6FA7D46JPCT3E5JDLA7$Q6E464W5TG6..DX%DZJC6/DTZ9 QE5$CB$DA/D JC1/D3Z8WED1ECW.CCWE.Y92OAGY8MY9L+9MPCG/D5 C5IA5N9$PC5$CUZCY$5Y$527B+A4KZNQG5TKOWWD9FL%I8U$F7O2IBM85CWOC%LEZU4R/BXHDAHN 11$CA5MRI:AONFN7091K9FKIGIY%VWSSSU9%01FO2*FTPQ3C3F"
