package camframes_test

import (
	"bytes"
	"fmt"
	"testing"

	"passcheck/verify/qr/camframes"
)

const vectorsDir = "../../../testdata/dgc-testdata"

// The same seed gives the same frames; different seeds, different frames.
func TestSetDeterministic(t *testing.T) {
	vs, err := camframes.LoadVectors(vectorsDir)
	if err != nil {
		t.Fatal(err)
	}
	if len(vs) == 0 {
		t.Fatalf("no vectors under %s", vectorsDir)
	}
	a, err := camframes.Set(vs, 3, 640, 480)
	if err != nil {
		t.Fatal(err)
	}
	b, err := camframes.Set(vs, 3, 640, 480)
	if err != nil {
		t.Fatal(err)
	}
	for i := range a {
		if a[i].Name != b[i].Name || !bytes.Equal(a[i].Frame.Pix, b[i].Frame.Pix) {
			t.Errorf("frame %d differs between two runs with the same seed", i)
		}
		if i > 0 && bytes.Equal(a[i].Frame.Pix, a[i-1].Frame.Pix) {
			t.Errorf("frames %d and %d are identical", i-1, i)
		}
	}
}

func BenchmarkFrame(b *testing.B) {
	vs, err := camframes.LoadVectors(vectorsDir)
	if err != nil || len(vs) == 0 {
		b.Fatal(err)
	}
	for _, sz := range camframes.Sizes {
		b.Run(fmt.Sprintf("%dx%d", sz.X, sz.Y), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				if _, err := camframes.Frame(vs[0].Image, sz.X, sz.Y, uint64(i)); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
