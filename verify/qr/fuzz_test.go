package qr_test

import (
	"encoding/binary"
	"errors"
	"image"
	"testing"

	"passcheck/verify/qr"
)

// FuzzFrameDecoder feeds random bytes, sizes and windows to the frame decoder:
// it must never panic, and fail only with the documented sentinels.
func FuzzFrameDecoder(f *testing.F) {
	// Seeds: a real QR frame (from the Example), blank and noisy frames.
	const w, h = 96, 96
	code := qrPicture("HC1:NCFOXN%TS3DH3ZSUZK+.V0ETD%65NL-AH-R6IOO6+IUKRG*I.I5BROCWAAT", 2, w, h, 10, 10)
	f.Add(code.Pix, uint16(w), uint16(h), false, uint32(0))
	f.Add(code.Pix, uint16(w), uint16(h), false, uint32(0x10105050))
	f.Add(make([]byte, 64*64*4), uint16(64), uint16(64), true, uint32(0))
	f.Add([]byte{0, 255, 0, 255}, uint16(2), uint16(2), false, uint32(0))
	f.Add([]byte{}, uint16(0), uint16(0), false, uint32(0))
	var d qr.FrameDecoder
	s := qr.FrameDecoder{Stream: true} // its retry turn carries over from input to input
	f.Fuzz(func(t *testing.T, pix []byte, fw, fh uint16, rgba bool, win uint32) {
		if len(pix) > 1<<20 {
			return
		}
		// Up to 320×320: small enough for many executions per second; the
		// size bounds themselves are covered by TestFrameDecoderBounds.
		w, h := int(fw%321), int(fh%321)
		var b [4]byte
		binary.BigEndian.PutUint32(b[:], win)
		d.Window = image.Rect(int(b[0]), int(b[1]), int(b[2])*4, int(b[3])*4)
		s.Window = d.Window
		for _, dec := range []*qr.FrameDecoder{&d, &s} {
			var err error
			if rgba {
				_, err = dec.DecodeRGBA(pix, w, h)
			} else {
				_, err = dec.DecodeGray(pix, w, h)
			}
			if err != nil && !errors.Is(err, qr.ErrNotFound) && !errors.Is(err, qr.ErrFrame) && !errors.Is(err, qr.ErrTooLarge) {
				t.Fatalf("unexpected error class: %v", err)
			}
		}
	})
}

// FuzzDecodeImage decodes random gray pictures as still images.
func FuzzDecodeImage(f *testing.F) {
	code := qrPicture("HC1:6BF+70790T9WJWG.FKY*4GO0.O1CV2 O5 N2FBBRW1", 2, 80, 80, 8, 8)
	f.Add(code.Pix, uint8(80))
	f.Add([]byte{0, 0, 0, 0}, uint8(2))
	f.Fuzz(func(t *testing.T, pix []byte, w uint8) {
		if w == 0 || len(pix) < int(w) || len(pix) > 1<<16 {
			return
		}
		h := len(pix) / int(w)
		img := &image.Gray{Pix: pix[:int(w)*h], Stride: int(w), Rect: image.Rect(0, 0, int(w), h)}
		if _, err := qr.DecodeImage(img); err != nil && !errors.Is(err, qr.ErrNotFound) && !errors.Is(err, qr.ErrFrame) {
			t.Fatalf("unexpected error class: %v", err)
		}
	})
}
