package qr_test

import (
	"errors"
	"image"
	"testing"

	"passcheck/verify/qr"
)

func TestDecodeImageBounds(t *testing.T) {
	tests := []struct {
		name string
		img  image.Image
		want error
	}{
		{"nil", nil, qr.ErrFrame},
		{"empty", image.NewGray(image.Rect(0, 0, 0, 0)), qr.ErrFrame},
		{"too wide", image.NewGray(image.Rect(0, 0, qr.MaxSide+1, 1)), qr.ErrTooLarge},
		{"too many pixels", image.NewGray(image.Rect(0, 0, 4097, 4097)), qr.ErrTooLarge},
		{"blank", image.NewGray(image.Rect(0, 0, 100, 100)), qr.ErrNotFound},
		{"tiny", image.NewGray(image.Rect(0, 0, 1, 1)), qr.ErrNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := qr.DecodeImage(tt.img)
			if !errors.Is(err, tt.want) {
				t.Fatalf("err = %v, want %v", err, tt.want)
			}
		})
	}
}

func TestFrameDecoderBounds(t *testing.T) {
	tests := []struct {
		name   string
		n      int // bytes in the frame
		w, h   int
		gray   bool
		window image.Rectangle
		want   error
	}{
		{"zero size", 0, 0, 0, false, image.Rectangle{}, qr.ErrFrame},
		{"negative", 0, -1, 10, true, image.Rectangle{}, qr.ErrFrame},
		{"short rgba", 4*64*64 - 1, 64, 64, false, image.Rectangle{}, qr.ErrFrame},
		{"long rgba", 4*64*64 + 4, 64, 64, false, image.Rectangle{}, qr.ErrFrame},
		{"gray as rgba", 64 * 64, 64, 64, false, image.Rectangle{}, qr.ErrFrame},
		{"rgba as gray", 4 * 64 * 64, 64, 64, true, image.Rectangle{}, qr.ErrFrame},
		{"too high", 0, 1, qr.MaxSide + 1, true, image.Rectangle{}, qr.ErrTooLarge},
		{"too many pixels", 0, qr.MaxSide, qr.MaxSide, true, image.Rectangle{}, qr.ErrTooLarge},
		{"window outside", 64 * 64, 64, 64, true, image.Rect(100, 100, 200, 200), qr.ErrFrame},
		{"blank gray", 64 * 64, 64, 64, true, image.Rectangle{}, qr.ErrNotFound},
		{"blank rgba", 4 * 640 * 480, 640, 480, false, image.Rect(-10, -10, 300, 300), qr.ErrNotFound},
		{"one pixel", 1, 1, 1, true, image.Rectangle{}, qr.ErrNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := &qr.FrameDecoder{Window: tt.window}
			pix := make([]byte, tt.n)
			var err error
			if tt.gray {
				_, err = d.DecodeGray(pix, tt.w, tt.h)
			} else {
				_, err = d.DecodeRGBA(pix, tt.w, tt.h)
			}
			if !errors.Is(err, tt.want) {
				t.Fatalf("err = %v, want %v", err, tt.want)
			}
		})
	}
}

// A large photo (code at 12 px per module on a 3000×2400 picture) decodes
// through the shrunk first pass.
func TestDecodeImageLargePhoto(t *testing.T) {
	const text = "HC1:NCFOXN%TS3DH3ZSUZK+.V0ETD%65NL-AH-R6IOO6+IUKRG*I.I5BROCWAAT4V22F/8X*G3M9JUPY0BX/KR96R/S09T"
	img := qrPicture(text, 12, 3000, 2400, 1100, 900)
	got, err := qr.DecodeImage(img)
	if err != nil || got != text {
		t.Fatalf("DecodeImage = %q, %v", got, err)
	}
}
