//go:build js && wasm

// Command qrbench is a decoder-only WebAssembly module (verify/qr, no
// go-app) for the browser QR benchmark in server/cmd/qrbench. It exposes
//
//	passcheckDecodeRGBA(data Uint8ClampedArray|Uint8Array, width, height,
//	                    [x0, y0, x1, y1]) → string | null
//
// which decodes one RGBA frame (e.g. ImageData.data), optionally within a
// scan window, with one FrameDecoder reused across calls;
//
//	passcheckStreamDecodeRGBA(data, width, height) → string | null
//	passcheckStreamMark(), passcheckStreamReset()
//
// the same with the camera path's budgeted decoder (FrameDecoder.Stream),
// whose state the page can mark and return to; and for the verify
// benchmark (server/cmd/qrbench -verify)
//
//	passcheckTrust(certBase64 string) → null | error string
//	passcheckVerify(text string, at RFC 3339 string) → "valid" | "<verdict>: <error>"
//
// the first adding a DSC (base64 DER) to the trusted keys, the second running
// verify.Verifier on HC1 text at the given time.
package main

import (
	"encoding/base64"
	"image"
	"syscall/js"
	"time"

	"passcheck/verify"
	"passcheck/verify/qr"
	"passcheck/verify/trust"
)

// copyFrame copies a page's Uint8ClampedArray of RGBA pixels into buf,
// grown as needed and reused between frames.
func copyFrame(buf []byte, pixels js.Value) []byte {
	n := pixels.Get("length").Int()
	if cap(buf) < n {
		buf = make([]byte, n)
	}
	buf = buf[:n]
	js.CopyBytesToGo(buf, pixels)
	return buf
}

func main() {
	var dec qr.FrameDecoder
	var buf []byte
	js.Global().Set("passcheckDecodeRGBA", js.FuncOf(func(this js.Value, args []js.Value) any {
		if len(args) < 3 {
			return js.Null()
		}
		buf = copyFrame(buf, args[0])
		dec.Window = image.Rectangle{}
		if len(args) >= 7 {
			dec.Window = image.Rect(args[3].Int(), args[4].Int(), args[5].Int(), args[6].Int())
		}
		text, err := dec.DecodeRGBA(buf, args[1].Int(), args[2].Int())
		if err != nil {
			return js.Null()
		}
		return text
	}))
	// The camera path's budgeted decoder (FrameDecoder.Stream), for "frames
	// to read": the page feeds it the same frame until it reads it. Mark
	// and reset let the page replay a frame's sequence from the same state
	// to time it more than once (the copy shares the buffers).
	stream := qr.FrameDecoder{Stream: true}
	var mark qr.FrameDecoder
	js.Global().Set("passcheckStreamDecodeRGBA", js.FuncOf(func(this js.Value, args []js.Value) any {
		if len(args) < 3 {
			return js.Null()
		}
		buf = copyFrame(buf, args[0])
		text, err := stream.DecodeRGBA(buf, args[1].Int(), args[2].Int())
		if err != nil {
			return js.Null()
		}
		return text
	}))
	js.Global().Set("passcheckStreamMark", js.FuncOf(func(this js.Value, args []js.Value) any {
		mark = stream
		return js.Null()
	}))
	js.Global().Set("passcheckStreamReset", js.FuncOf(func(this js.Value, args []js.Value) any {
		stream = mark
		return js.Null()
	}))
	var keys []*verify.Key
	var ver verify.Verifier
	js.Global().Set("passcheckTrust", js.FuncOf(func(this js.Value, args []js.Value) any {
		der, err := base64.StdEncoding.DecodeString(args[0].String())
		if err != nil {
			return err.Error()
		}
		k, err := trust.KeyFromDER(der)
		if err != nil {
			return err.Error()
		}
		keys = append(keys, k)
		ver.Trust = verify.NewKeySet(keys...)
		return js.Null()
	}))
	js.Global().Set("passcheckVerify", js.FuncOf(func(this js.Value, args []js.Value) any {
		at, err := time.Parse(time.RFC3339Nano, args[1].String())
		if err != nil {
			return err.Error()
		}
		r := ver.Verify(args[0].String(), at)
		if r.Err != nil {
			return r.Verdict.String() + ": " + r.Err.Error()
		}
		return r.Verdict.String()
	}))
	js.Global().Set("passcheckReady", true)
	select {}
}
