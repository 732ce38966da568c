//go:build js && wasm

// Command qrbench is a decoder-only WebAssembly module (verify/qr, no
// go-app) for the browser QR benchmark in server/cmd/qrbench. It exposes
//
//	passcheckDecodeRGBA(data Uint8ClampedArray|Uint8Array, width, height,
//	                    [x0, y0, x1, y1]) → string | null
//
// which decodes one RGBA frame (e.g. ImageData.data), optionally within a
// scan window, with one FrameDecoder reused across calls.
package main

import (
	"image"
	"syscall/js"

	"passcheck/verify/qr"
)

func main() {
	var dec qr.FrameDecoder
	var buf []byte
	js.Global().Set("passcheckDecodeRGBA", js.FuncOf(func(this js.Value, args []js.Value) any {
		if len(args) < 3 {
			return js.Null()
		}
		n := args[0].Get("length").Int()
		if cap(buf) < n {
			buf = make([]byte, n)
		}
		buf = buf[:n]
		js.CopyBytesToGo(buf, args[0])
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
	js.Global().Set("passcheckReady", true)
	select {}
}
