package qr

import (
	"math/rand"
	"testing"
)

// The 8-pixels-at-a-time path gives exactly the bits of the plain one.
func TestBinarizeSWARMatchesScalar(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	for k := 0; k < 60; k++ {
		w, h := 40+r.Intn(100), 40+r.Intn(100)
		pix := make([]byte, w*h)
		for i := range pix {
			switch k % 3 {
			case 0:
				pix[i] = byte(r.Intn(256))
			case 1:
				pix[i] = byte(100 + r.Intn(30)) // flat blocks
			default:
				pix[i] = byte(255 * ((i/7 + i/(w*5)) % 2)) // stripes, 0 and 255
			}
		}
		l := &luminance{pix: pix, w: w, h: h}
		var fast, plain blockBinarizer
		got := fast.binarize(l, 3)

		sw, sh := (w+7)>>3, (h+7)>>3
		black, thresh := make([]int32, sw*sh), make([]uint8, sw*sh)
		plain.blackPoints(pix, w, h, 3, sw, sh, black)
		for i := range black {
			if black[i] != fast.black[i] {
				t.Fatalf("%d×%d block %d: black point %d, want %d", w, h, i, fast.black[i], black[i])
			}
		}
		plain.thresholds(sw, sh, black, thresh)
		for i, want := range thresholdsDirect(sw, sh, black) {
			if thresh[i] != want {
				t.Fatalf("%d×%d block %d: threshold %d, want %d", w, h, i, thresh[i], want)
			}
		}
		plain.binarize(&luminance{pix: make([]byte, w*h), w: w, h: h}, 3) // allocates plain.m
		plain.threshold(pix, w, h, 3, sw, sh, thresh)
		for y := 0; y < h; y++ {
			for x := 0; x < w; x++ {
				if got.Get(x, y) != plain.m.Get(x, y) {
					t.Fatalf("%d×%d pixel (%d,%d) differs", w, h, x, y)
				}
			}
		}
	}
}

// thresholdsDirect is the 5×5 mean of gozxing's HybridBinarizer, written
// plainly, as the reference for the separable version.
func thresholdsDirect(sw, sh int, black []int32) []uint8 {
	out := make([]uint8, sw*sh)
	for by := 0; by < sh; by++ {
		cy := min(max(by, 2), max(sh-3, 2))
		for bx := 0; bx < sw; bx++ {
			cx := min(max(bx, 2), max(sw-3, 2))
			sum, cnt := 0, 0
			for y := max(cy-2, 0); y <= min(cy+2, sh-1); y++ {
				for x := max(cx-2, 0); x <= min(cx+2, sw-1); x++ {
					sum += int(black[y*sw+x])
					cnt++
				}
			}
			out[by*sw+bx] = uint8(min(sum/cnt, 255))
		}
	}
	return out
}
