package qr

import (
	"math/rand"
	"testing"
)

// The two-pixels-at-a-time conversion equals luma() on every pixel.
func TestRGBARowToGray(t *testing.T) {
	r := rand.New(rand.NewSource(2))
	for n := 0; n < 40; n++ {
		src := make([]byte, 4*n)
		r.Read(src)
		if n > 2 {
			copy(src[:8], []byte{255, 255, 255, 255, 0, 0, 0, 0})
		}
		dst := make([]byte, n)
		rgbaRowToGray(dst, src)
		for i := range dst {
			if want := byte(luma(src[4*i], src[4*i+1], src[4*i+2])); dst[i] != want {
				t.Fatalf("n=%d pixel %d: %d, want %d", n, i, dst[i], want)
			}
		}
	}
}
