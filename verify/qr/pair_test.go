package qr

import (
	"math"
	"testing"

	"github.com/makiuchi-d/gozxing/qrcode/decoder"
	"github.com/makiuchi-d/gozxing/qrcode/detector"
)

// TestPairTriples drops each of a symbol's three finder patterns from the
// row scan's candidates in turn (the two left are adjacent corners, or,
// without the top-left one, opposite ones) and checks that a triple
// completed from the other two puts its third pattern where the dropped
// one is, and that the triple reads.
func TestPairTriples(t *testing.T) {
	text := vectorText(t, "AT/2DCode/raw/1.json")
	var d FrameDecoder
	d.dec = decoder.NewDecoder()
	for _, view := range []struct {
		name    string
		w, h    int
		corners [4][2]float64
	}{
		// A square turned 8°.
		{"turned", 320, 320, [4][2]float64{{0.219, 0.127}, {0.873, 0.219}, {0.781, 0.873}, {0.127, 0.781}}},
		// Turned and foreshortened 7 % one way, as a code held a little
		// off the camera's axis: the square's guesses are 3–4 modules off,
		// the patterns' own axes find the third (axisPlaces).
		{"foreshortened", 360, 320, [4][2]float64{{0.24, 0.12}, {0.79, 0.20}, {0.74, 0.85}, {0.16, 0.79}}},
	} {
		rf := regressionFrame{w: view.w, h: view.h, corners: view.corners, quiet: 4, blur: 1, noise: 1, seed: 61}
		img := rf.render(t, text)
		b := img.Bounds()
		d.setGray(imageGray(img, nil), b.Dx(), b.Dy())
		d.picture++
		m := d.bin.binarize(&d.lum, 3)
		info, _, err := findFinderPatterns(m, nil)
		if err != nil {
			t.Fatal(view.name, err)
		}
		full := [3]*detector.FinderPattern{info.GetTopLeft(), info.GetTopRight(), info.GetBottomLeft()}
		for drop, name := range [3]string{"top-left (opposite corners left)", "top-right", "bottom-left"} {
			t.Run(view.name+"/"+name, func(t *testing.T) {
				var cs []*detector.FinderPattern
				for i, c := range full {
					if i != drop {
						cs = append(cs, c)
					}
				}
				want := full[drop]
				ms := want.GetEstimatedModuleSize()
				found, read := false, false
				for _, tr := range d.lum.pairTriples(cs, maxPairTriples) {
					for _, p := range [3]*detector.FinderPattern{tr.GetTopLeft(), tr.GetTopRight(), tr.GetBottomLeft()} {
						if math.Hypot(p.GetX()-want.GetX(), p.GetY()-want.GetY()) < ms {
							found = true
						}
					}
					if s, ok := d.readTriple(m, tr, nil); ok && s == text {
						read = true
					}
				}
				if !found || !read {
					t.Errorf("third pattern placed within a module of (%.1f, %.1f): %v; read: %v", want.GetX(), want.GetY(), found, read)
				}
			})
		}
	}
	// Two candidates of unlike module sizes, or too close, are not paired;
	// a lone candidate makes no triple.
	a := detector.NewFinderPattern(100, 100, 4, 3)
	for _, cs := range [][]*detector.FinderPattern{
		{a, detector.NewFinderPattern(300, 100, 8, 3)},
		{a, detector.NewFinderPattern(140, 100, 4, 3)},
		{a},
	} {
		if got := d.lum.pairTriples(cs, maxPairTriples); len(got) != 0 {
			t.Errorf("%d candidates: %d triples, want none", len(cs), len(got))
		}
	}
}

// TestBlownOut: a pattern's place counts as hidden by a highlight only
// when a quarter of its module centres are clipped white.
func TestBlownOut(t *testing.T) {
	const w, h = 80, 80
	pix := make([]byte, w*h)
	for i := range pix {
		pix[i] = 180
	}
	l := luminance{pix: pix, w: w, h: h}
	ex, ey := [2]float64{4, 0}, [2]float64{0, 4}
	if l.blownOut(40, 40, ex, ey) {
		t.Error("plain paper taken for a highlight")
	}
	// Clip a disc of radius 10 px (2.5 modules: 21 of 49 module centres).
	for y := range h {
		for x := range w {
			if math.Hypot(float64(x)+0.5-40, float64(y)+0.5-40) < 10 {
				pix[y*w+x] = 255
			}
		}
	}
	if !l.blownOut(40, 40, ex, ey) {
		t.Error("clipped disc over the place not taken for a highlight")
	}
	if l.blownOut(float64(w)-2, 40, ex, ey) {
		t.Error("a place leaving the picture taken for a highlight")
	}
}
