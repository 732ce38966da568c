package qr

import (
	"math"
	"testing"

	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/qrcode"
	"github.com/makiuchi-d/gozxing/qrcode/detector"
)

// On symbols drawn through a strong perspective, the ring steps between
// finder centres count the modules between them (dim−7) along all three
// lines (to within 4 %; 10 % along the hypotenuse), the rings show around
// each centre, and slantTriples puts the symbol's own triple first among
// look-alikes placed in its data area.
func TestSlantTriples(t *testing.T) {
	for _, rf := range regressionFrames {
		if rf.name != "tilt-ch" && rf.name != "tilt-nl" && rf.name != "tilt-at" {
			continue
		}
		t.Run(rf.name, func(t *testing.T) {
			text := vectorText(t, rf.vector)
			img := rf.render(t, text)
			bits, err := qrcode.NewQRCodeWriter().Encode(text, gozxing.BarcodeFormat_QR_CODE, 0, 0,
				map[gozxing.EncodeHintType]interface{}{gozxing.EncodeHintType_MARGIN: 0})
			if err != nil {
				t.Fatal(err)
			}
			n := float64(bits.GetWidth())
			var src, dst [][2]float64
			for i, c := range [4][2]float64{{0, 0}, {n, 0}, {n, n}, {0, n}} {
				src = append(src, c)
				dst = append(dst, [2]float64{rf.corners[i][0] * float64(rf.w), rf.corners[i][1] * float64(rf.h)})
			}
			toFrame, ok := fitHomography(src, dst, n, float64(max(rf.w, rf.h)))
			if !ok {
				t.Fatal("degenerate corners")
			}
			b := img.Bounds()
			l := luminance{pix: imageGray(img, nil), w: b.Dx(), h: b.Dy()}
			at := func(x, y float64) *detector.FinderPattern {
				px, py := toFrame.apply(x, y)
				ex, ey := toFrame.jacobian(x, y)
				return detector.NewFinderPattern(px, py, (math.Hypot(ex[0], ex[1])+math.Hypot(ey[0], ey[1]))/2, 2)
			}
			fs := []*detector.FinderPattern{at(3.5, 3.5), at(n-3.5, 3.5), at(3.5, n-3.5)}
			for i, f := range fs {
				if got := l.ringLines(f); got < 3 {
					t.Errorf("finder %d: rings on %d lines, want ≥ 3", i, got)
				}
			}
			// Along the hypotenuse the rays cross the rings at their
			// corners, which blur rounds off: the count comes out up to
			// 10 % high there.
			for _, p := range [3][3]int{{0, 1, 4}, {0, 2, 4}, {1, 2, 10}} {
				got := l.stepsBetween(fs[p[0]], fs[p[1]])
				if want := n - 7; math.Abs(got-want) > float64(p[2])/100*want {
					t.Errorf("steps %d–%d = %.1f, want %.0f", p[0], p[1], got, want)
				}
			}
			// Look-alike candidates: points of the data area, where the
			// lenient search confirms pattern-like shapes.
			cs := append([]*detector.FinderPattern{}, fs...)
			for _, m := range [][2]float64{{n / 2, n / 2}, {n / 3, 2 * n / 3}, {2 * n / 3, n / 4}, {n - 8, n - 8}} {
				cs = append(cs, at(m[0], m[1]))
			}
			infos := l.slantTriples(cs, 2)
			if len(infos) == 0 {
				t.Fatal("no triple")
			}
			got := infos[0]
			want := detector.NewFinderPatternInfo(fs[2], fs[0], fs[1])
			if !sameTriple(got, want) && !sameTriple(got, detector.NewFinderPatternInfo(fs[1], fs[0], fs[2])) {
				t.Errorf("first triple %s, want %s", describe(got), describe(want))
			}
		})
	}
}
