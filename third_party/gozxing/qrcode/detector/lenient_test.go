package detector

// PASSCHECK PATCH: tests of the Lenient finder search (see PATCHES.md).

import (
	"testing"

	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/qrcode/decoder"
	"github.com/makiuchi-d/gozxing/qrcode/encoder"
)

// symbolOnDark draws a QR symbol at scale pixels per module with a light
// quiet zone left and right but dark rows right above and below it: a code
// cut out of a dark screen or held so close that its quiet zone is gone.
func symbolOnDark(t *testing.T, scale int) *gozxing.BitMatrix {
	t.Helper()
	code, err := encoder.Encoder_encodeWithoutHint("HC1:PASSCHECK LENIENT FINDER", decoder.ErrorCorrectionLevel_L)
	if err != nil {
		t.Fatal(err)
	}
	m := code.GetMatrix()
	n := m.GetWidth()
	quiet, dark := 4*scale, 3*scale
	w, h := n*scale+2*quiet, n*scale+2*dark
	img, _ := gozxing.NewBitMatrix(w, h)
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			my, mx := (y-dark)/scale, (x-quiet)/scale
			inY, inX := y >= dark && my < n, x >= quiet && mx < n
			switch {
			case !inY && inX:
				img.Set(x, y) // the dark band touching the symbol
			case inY && inX && m.Get(mx, my) == 1:
				img.Set(x, y)
			}
		}
	}
	return img
}

func TestLenientFindsPatternsWithoutQuietZone(t *testing.T) {
	img := symbolOnDark(t, 4)
	hints := map[gozxing.DecodeHintType]interface{}{gozxing.DecodeHintType_TRY_HARDER: true}

	if _, err := NewFinderPatternFinder(img, nil).Find(hints); err == nil {
		t.Log("upstream search found the patterns too; the test image no longer shows the difference")
		t.Fail()
	}
	f := NewFinderPatternFinder(img, nil)
	f.Lenient = true
	info, err := f.Find(hints)
	if err != nil {
		t.Fatalf("lenient search: %v", err)
	}
	for _, p := range []*FinderPattern{info.GetTopLeft(), info.GetTopRight(), info.GetBottomLeft()} {
		if ms := p.GetEstimatedModuleSize(); ms < 3 || ms > 5 {
			t.Errorf("pattern at (%.0f, %.0f): module size %.2f, want about 4", p.GetX(), p.GetY(), ms)
		}
	}
}
