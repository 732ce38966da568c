package qr

import (
	"math"
	"math/rand"
	"testing"

	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/qrcode"
	"github.com/makiuchi-d/gozxing/qrcode/detector"
)

// boxDown gives the rounded mean of each k×k box, on the 4-at-a-time path
// (k = 2) as on the plain one.
func TestBoxDownMatchesPlain(t *testing.T) {
	r := rand.New(rand.NewSource(2))
	var sums []uint32
	var dst []byte
	for n := 0; n < 40; n++ {
		w, h := 1+r.Intn(70), 1+r.Intn(50)
		src := make([]byte, w*h)
		for i := range src {
			src[i] = byte(r.Intn(256))
		}
		for _, k := range []int{2, 3, 4} {
			var sw, sh int
			dst, sw, sh = boxDown(dst, src, w, h, k, &sums)
			if sw != w/k || sh != h/k || len(dst) != sw*sh {
				t.Fatalf("%d×%d by %d: got %d×%d (%d bytes)", w, h, k, sw, sh, len(dst))
			}
			for y := 0; y < sh; y++ {
				for x := 0; x < sw; x++ {
					s := 0
					for j := 0; j < k; j++ {
						for i := 0; i < k; i++ {
							s += int(src[(y*k+j)*w+x*k+i])
						}
					}
					if want := byte((s + k*k/2) / (k * k)); dst[y*sw+x] != want {
						t.Fatalf("%d×%d by %d, (%d,%d): %d, want %d", w, h, k, x, y, dst[y*sw+x], want)
					}
				}
			}
		}
	}
}

func TestInvertGray(t *testing.T) {
	for n := 0; n < 20; n++ {
		p := make([]byte, n)
		for i := range p {
			p[i] = byte(37 * i)
		}
		invertGray(p)
		for i, v := range p {
			if v != 255-byte(37*i) {
				t.Fatalf("len %d, [%d] = %d, want %d", n, i, v, 255-byte(37*i))
			}
		}
	}
}

// The grid fitted to the finder patterns' ring edges follows a strong
// perspective that the parallelogram of the three centres misses: the far
// corner of a symbol drawn as a trapezoid.
func TestFinderEdgeGridFollowsPerspective(t *testing.T) {
	bits, err := qrcode.NewQRCodeWriter().Encode("HC1:6BFOXN%TSMAHN-H", gozxing.BarcodeFormat_QR_CODE, 0, 0,
		map[gozxing.EncodeHintType]interface{}{gozxing.EncodeHintType_MARGIN: 0})
	if err != nil {
		t.Fatal(err)
	}
	n := bits.GetWidth()
	d := float64(n)
	const side = 400
	corners := [4][2]float64{{0.25, 0.1}, {0.75, 0.1}, {0.95, 0.9}, {0.05, 0.9}}
	var src, dst [][2]float64
	for i, c := range [4][2]float64{{0, 0}, {d, 0}, {d, d}, {0, d}} {
		src = append(src, c)
		dst = append(dst, [2]float64{corners[i][0] * side, corners[i][1] * side})
	}
	toFrame, ok := fitHomography(src, dst, d, side)
	if !ok {
		t.Fatal("degenerate")
	}
	toModule, _ := fitHomography(dst, src, side, d)
	pix := make([]byte, side*side)
	for y := 0; y < side; y++ {
		for x := 0; x < side; x++ {
			// 2×2 supersampled: paper 220, ink 30, paper around the symbol.
			s := 0
			for _, o := range [4][2]float64{{0.25, 0.25}, {0.75, 0.25}, {0.25, 0.75}, {0.75, 0.75}} {
				u, v := toModule.apply(float64(x)+o[0], float64(y)+o[1])
				if u >= 0 && v >= 0 && u < d && v < d && bits.Get(int(u), int(v)) {
					s += 30
				} else {
					s += 220
				}
			}
			pix[y*side+x] = byte(s / 4)
		}
	}
	l := &luminance{pix: pix, w: side, h: side}
	at := func(u, v float64) *detector.FinderPattern {
		x, y := toFrame.apply(u, v)
		return detector.NewFinderPattern1(x, y, 8)
	}
	tl, tr, bl := at(3.5, 3.5), at(d-3.5, 3.5), at(3.5, d-3.5)
	// err is how far, in modules at that corner, g puts the centre of the
	// bottom-right module from where it is.
	errAt := func(g grid) float64 {
		gx, gy := g.h.apply(d-0.5, d-0.5)
		tx, ty := toFrame.apply(d-0.5, d-0.5)
		ex, _ := toFrame.jacobian(d-0.5, d-0.5)
		return math.Hypot(gx-tx, gy-ty) / math.Hypot(ex[0], ex[1])
	}
	para, ok := initialGrid(tl, tr, bl, nil, n)
	if !ok {
		t.Fatal("no parallelogram grid")
	}
	edges, ok := l.finderEdgeGrid(tl, tr, bl, n)
	if !ok {
		t.Fatal("no finder-edge grid")
	}
	t.Logf("far-corner error: parallelogram %.2f modules, finder edges %.2f", errAt(para), errAt(edges))
	if e := errAt(para); e < 1 {
		t.Fatalf("parallelogram off by %.2f modules: the picture is not distorted enough to test", e)
	}
	if e := errAt(edges); e > 0.35 {
		t.Errorf("finder-edge grid off by %.2f modules at the far corner, want ≤ 0.35", e)
	}
}
