package qr

import (
	"fmt"
	"testing"

	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/qrcode/detector"

	"passcheck/verify/qr/camframes"
)

// findFinderPatterns finds exactly what gozxing's Find finds, on the
// binarized camera frames (both binarizers) and on the vector pictures.
func TestFindFinderPatternsMatchesGozxing(t *testing.T) {
	vs, err := camframes.LoadVectors("../../testdata/dgc-testdata")
	if err != nil || len(vs) == 0 {
		t.Fatalf("vectors: %v (%d)", err, len(vs))
	}
	var d FrameDecoder
	check := func(name string, m *gozxing.BitMatrix) {
		t.Helper()
		want, werr := detector.NewFinderPatternFinder(m, nil).Find(nil)
		got, _, gerr := findFinderPatterns(m, nil)
		if (werr == nil) != (gerr == nil) {
			t.Fatalf("%s: error %v, gozxing %v", name, gerr, werr)
		}
		if werr != nil {
			return
		}
		if a, b := describe(got), describe(want); a != b {
			t.Fatalf("%s:\n got  %s\n want %s", name, a, b)
		}
	}
	for i, v := range vs {
		if v.Image == nil || i%4 != 0 { // a quarter of them is plenty
			continue
		}
		b := v.Image.Bounds()
		d.setGray(imageGray(v.Image, nil), b.Dx(), b.Dy())
		check(v.Name, d.bin.binarize(&d.lum, 3))
	}
	for _, sz := range camframes.Sizes {
		set, err := camframes.Set(vs, 12, sz.X, sz.Y)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range set {
			gray := make([]byte, sz.X*sz.Y)
			for y := 0; y < sz.Y; y++ {
				rgbaRowToGray(gray[y*sz.X:(y+1)*sz.X], s.Frame.Pix[y*4*sz.X:(y+1)*4*sz.X])
			}
			d.setGray(gray, sz.X, sz.Y)
			check(s.Name+" block", d.bin.binarize(&d.lum, 3))
			check(s.Name+" mean", d.localMean(6))
		}
	}
}

func describe(info *detector.FinderPatternInfo) string {
	s := ""
	for _, p := range []*detector.FinderPattern{info.GetBottomLeft(), info.GetTopLeft(), info.GetTopRight()} {
		s += fmt.Sprintf("(%.3f,%.3f,%.3f,%d) ", p.GetX(), p.GetY(), p.GetEstimatedModuleSize(), p.GetCount())
	}
	return s
}
