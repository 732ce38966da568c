package qr

import (
	"strings"
	"testing"

	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/qrcode/decoder"
	"github.com/makiuchi-d/gozxing/qrcode/encoder"
)

// The version blocks give the symbol's dimension before any sampling, for
// versions 7–40; smaller versions have none, and must not read as one.
func TestVersionDimension(t *testing.T) {
	for _, tt := range []struct {
		version, want int
	}{
		{6, 0}, {7, 45}, {14, 73}, {25, 117}, {32, 145}, {40, 177},
	} {
		code, werr := encoder.Encoder_encode(strings.Repeat("PASSCHECK ", 8), decoder.ErrorCorrectionLevel_L,
			map[gozxing.EncodeHintType]interface{}{gozxing.EncodeHintType_QR_VERSION: tt.version})
		if werr != nil {
			t.Fatal(werr)
		}
		m := code.GetMatrix()
		const px, quiet = 3, 4
		side := (m.GetWidth() + 2*quiet) * px
		l := luminance{pix: make([]byte, side*side), w: side, h: side}
		for y := 0; y < side; y++ {
			for x := 0; x < side; x++ {
				i, j := x/px-quiet, y/px-quiet
				l.pix[y*side+x] = 230
				if i >= 0 && j >= 0 && i < m.GetWidth() && j < m.GetWidth() && m.Get(i, j) == 1 {
					l.pix[y*side+x] = 30
				}
			}
		}
		var bin blockBinarizer
		info, _, err := findFinderPatterns(bin.binarize(&l, 3), nil)
		if err != nil {
			t.Fatalf("version %d: finders: %v", tt.version, err)
		}
		if got := l.versionDimension(info.GetTopLeft(), info.GetTopRight(), info.GetBottomLeft()); got != tt.want {
			t.Errorf("version %d: dimension %d, want %d", tt.version, got, tt.want)
		}
	}
}

// halve averages pairs of rows or of columns.
func TestHalve(t *testing.T) {
	src := luminance{pix: []byte{0, 10, 20, 30, 40, 50, 60, 70, 81, 90, 100, 111}, w: 4, h: 3}
	var buf []byte
	rows := halve(src, true, &buf)
	if want := []byte{20, 30, 40, 50}; rows.w != 4 || rows.h != 1 || string(rows.pix) != string(want) {
		t.Errorf("rows: %d×%d %v, want 4×1 %v", rows.w, rows.h, rows.pix, want)
	}
	cols := halve(src, false, &buf)
	if want := []byte{5, 25, 45, 65, 86, 106}; cols.w != 2 || cols.h != 3 || string(cols.pix) != string(want) {
		t.Errorf("columns: %d×%d %v, want 2×3 %v", cols.w, cols.h, cols.pix, want)
	}
}
