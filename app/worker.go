package app

import (
	"crypto"
	"image"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"passcheck/verify"
	"passcheck/verify/qr"
	"passcheck/verify/schema"
	"passcheck/verify/trust"
)

// The page hands QR decoding, bundle checks and verification to a Web
// Worker, so that the UI thread never runs them (no long task while
// scanning). The worker runs this same app.wasm (web/worker.js loads it):
// no second download, and the same verify code as everywhere else.

// InWorker reports whether this instance runs in the worker (a global scope
// without a document).
func InWorker() bool {
	return app.IsClient && !app.Window().Get("document").Truthy()
}

// RunWorker serves the page's requests; it never returns.
func RunWorker() {
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
	w.scope.Set("onmessage", app.FuncOf(func(this app.Value, args []app.Value) any {
		w.handle(arg0(args).Get("data"))
		return nil
	}))
	// Requests that arrived while the wasm was loading (worker.js queues them).
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
	dec     qr.FrameDecoder // the page's frames: its scan window
	decFull qr.FrameDecoder // the page's whole frames (sized apart from the window)
	buf     []byte
	stream  frameStream // the camera, when the page hands it over
}

// maxFrameBytes bounds a frame copied into Go.
const maxFrameBytes = 4 * qr.MaxPixels

func (w *worker) handle(m app.Value) {
	if !m.Truthy() {
		return
	}
	id := m.Get("id").Int()
	// A panic would end the Go program and leave the page without a worker;
	// answer the request as failed instead and keep serving.
	defer func() {
		if p := recover(); p != nil {
			app.Log("passcheck worker: panic:", p)
			w.reply(id, map[string]any{"ok": false, "err": "internal error",
				"outcome": outcome{Verdict: verify.CannotVerify}.marshal()})
		}
	}()
	switch m.Get("t").String() {
	case "init":
		keys, err := trust.ParsePinned(m.Get("pinned").String())
		if err != nil {
			app.Log("passcheck worker: pinned keys:", err)
		}
		w.pinned = keys
	case "bundle":
		w.reply(id, w.openBundle(m))
	case "frame":
		w.reply(id, w.decode(m))
	case "stream":
		w.startStream(m)
	case "stream-stop":
		w.stream.stop()
	case "pause":
		w.stream.paused = m.Get("paused").Truthy()
	case "verify":
		at := time.UnixMilli(int64(m.Get("at").Float()))
		o := w.checker.check(m.Get("text").String(), m.Get("policy").String(), at)
		w.reply(id, map[string]any{"outcome": o.marshal()})
	}
}

func (w *worker) reply(id int, msg map[string]any) {
	msg["id"] = id
	w.scope.Call("postMessage", msg)
}

// openBundle verifies bundle bytes against the pinned keys and the rollback
// floor; a genuine bundle replaces the current one unless it is older.
func (w *worker) openBundle(m app.Value) map[string]any {
	src := m.Get("data")
	n := src.Length()
	if n > trust.MaxSize {
		return map[string]any{"ok": false, "err": trust.ErrTooLarge.Error()}
	}
	data := make([]byte, n)
	app.CopyBytesToGo(data, src)
	if len(w.pinned) == 0 {
		return map[string]any{"ok": false, "err": errNoPinnedKey.Error()}
	}
	minSeq := uint64(m.Get("minSeq").Float())
	b, err := trust.Open(data, w.pinned, minSeq, time.Now())
	if b == nil {
		return map[string]any{"ok": false, "err": err.Error()}
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
	return map[string]any{
		"ok":       true,
		"policies": w.checker.menu().marshal(),
		"seq":      float64(b.Seq()),
		"n":        b.Len(),
		"iat":      float64(b.IssuedAt().Unix()),
		"exp":      float64(b.ExpiresAt().Unix()),
	}
}

// decode reads the QR code in an RGBA frame (an ArrayBuffer from the page).
func (w *worker) decode(m app.Value) map[string]any {
	fw, fh := m.Get("w").Int(), m.Get("h").Int()
	n := 4 * fw * fh
	if fw <= 0 || fh <= 0 || n > maxFrameBytes {
		return map[string]any{"ok": false}
	}
	if cap(w.buf) < n {
		w.buf = make([]byte, n)
	}
	buf := w.buf[:n]
	src := app.Window().Get("Uint8Array").New(m.Get("buf"))
	if app.CopyBytesToGo(buf, src) != n {
		return map[string]any{"ok": false}
	}
	var text string
	var err error
	if m.Get("still").Truthy() {
		// Photos: the still-image path, with its PURE_BARCODE fallback.
		img := &image.RGBA{Pix: buf, Stride: 4 * fw, Rect: image.Rect(0, 0, fw, fh)}
		text, err = qr.DecodeImage(img)
	} else if m.Get("full").Truthy() {
		text, err = w.decFull.DecodeRGBA(buf, fw, fh)
	} else {
		text, err = w.dec.DecodeRGBA(buf, fw, fh)
	}
	if err != nil {
		return map[string]any{"ok": false}
	}
	return map[string]any{"ok": true, "text": text}
}

// warmText is a public EU interoperability test credential (dgc-testdata,
// DE/2DCode/raw/1.json, Apache-2.0, see testdata/dgc-testdata/NOTICE), used
// only to warm the verifier up.
const warmText = "HC1:6BF+70790T9WJWG.FKY*4GO0.O1CV2 O5 N2FBBRW1*70HS8WY04AC*WIFN0AHCD8KD97TK0F90KECTHGWJC0FDC:5AIA%G7X+AQB9746HS80:54IBQF60R6$A80X6S1BTYACG6M+9XG8KIAWNA91AY%67092L4WJCT3EHS8XJC$+DXJCCWENF6OF63W5NW6WF6%JC QE/IAYJC5LEW34U3ET7DXC9 QE-ED8%E.JCBECB1A-:8$96646AL60A60S6Q$D.UDRYA 96NF6L/5QW6307KQEPD09WEQDD+Q6TW6FA7C466KCN9E%961A6DL6FA7D46JPCT3E5JDLA7$Q6E464W5TG6..DX%DZJC6/DTZ9 QE5$CB$DA/D JC1/D3Z8WED1ECW.CCWE.Y92OAGY8MY9L+9MPCG/D5 C5IA5N9$PC5$CUZCY$5Y$527B+A4KZNQG5TKOWWD9FL%I8U$F7O2IBM85CWOC%LEZU4R/BXHDAHN 11$CA5MRI:AONFN7091K9FKIGIY%VWSSSU9%01FO2*FTPQ3C3F"
