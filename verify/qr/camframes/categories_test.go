package camframes_test

import (
	"bytes"
	"image"
	"strings"
	"testing"

	"passcheck/verify/qr"
	"passcheck/verify/qr/camframes"
)

// Each category makes frames of the size asked, the same ones for the same
// seed, different from one another and from the default frames of the same
// codes. (Nothing here is timed, and nothing here decodes the frames: how
// many a decoder reads is the benchmark's business, server/cmd/qrbench.)
func TestCategories(t *testing.T) {
	vs, err := camframes.LoadVectors(vectorsDir)
	if err != nil {
		t.Fatal(err)
	}
	const n, w, h = 2, 320, 200 // small and not a default size: quick, and sizes are not assumed
	def, err := camframes.Set(vs, n, w, h)
	if err != nil {
		t.Fatal(err)
	}
	firsts := map[string][]byte{}
	for _, name := range camframes.Categories {
		t.Run(name, func(t *testing.T) {
			a, err := camframes.CategorySet(name, vs, n, w, h)
			if err != nil {
				t.Fatal(err)
			}
			b, err := camframes.CategorySet(name, vs, n, w, h)
			if err != nil {
				t.Fatal(err)
			}
			if len(a) != n {
				t.Fatalf("%d frames, want %d", len(a), n)
			}
			for i, s := range a {
				if s.Frame.Rect != image.Rect(0, 0, w, h) || len(s.Frame.Pix) != 4*w*h {
					t.Errorf("frame %d: %v with %d bytes, want %d×%d", i, s.Frame.Rect, len(s.Frame.Pix), w, h)
				}
				if s.Text == "" || s.Name == "" {
					t.Errorf("frame %d: name %q, text %q", i, s.Name, s.Text)
				}
				if s.Name != b[i].Name || s.Text != b[i].Text || !bytes.Equal(s.Frame.Pix, b[i].Frame.Pix) {
					t.Errorf("frame %d differs between two runs", i)
				}
				if i > 0 && bytes.Equal(s.Frame.Pix, a[i-1].Frame.Pix) {
					t.Errorf("frames %d and %d are identical", i-1, i)
				}
				if bytes.Equal(s.Frame.Pix, def[i].Frame.Pix) {
					t.Errorf("frame %d is the default frame", i)
				}
				if name == "dense" && !strings.HasPrefix(s.Text, "HC1:") {
					t.Errorf("frame %d: text %.20q…, want HC1:", i, s.Text)
				}
			}
			for other, f := range firsts {
				if bytes.Equal(f, a[0].Frame.Pix) {
					t.Errorf("first frame is %s's", other)
				}
			}
			firsts[name] = a[0].Frame.Pix
		})
	}
	if _, err := camframes.CategorySet("nonsense", vs, 1, w, h); err == nil {
		t.Error("unknown category: no error")
	}
}

// DenseCode's codes are versions 25–40, hold the text it returns, and come
// out the same for the same seed.
func TestDenseCode(t *testing.T) {
	for seed := uint64(0); seed < 4; seed++ {
		text, img, v, err := camframes.DenseCode(seed)
		if err != nil {
			t.Fatal(err)
		}
		text2, img2, _, _ := camframes.DenseCode(seed)
		if text != text2 || !bytes.Equal(img.Pix, img2.Pix) {
			t.Errorf("seed %d: two calls differ", seed)
		}
		if side := img.Rect.Dx(); v < 25 || v > 40 || side != 17+4*v+8 {
			t.Errorf("seed %d: version %d, picture %d px wide, want 25…40 and 17+4v+8", seed, v, side)
		}
		// One pixel per module is too few for a finder search: 3.
		big := image.NewGray(image.Rect(0, 0, 3*img.Rect.Dx(), 3*img.Rect.Dy()))
		for y := range big.Rect.Dy() {
			for x := range big.Rect.Dx() {
				big.Pix[y*big.Stride+x] = img.Pix[(y/3)*img.Stride+x/3]
			}
		}
		got, err := qr.DecodeImage(big)
		if err != nil || got != text {
			t.Errorf("seed %d (version %d): decodes to %.20q…, %v; want %.20q…", seed, v, got, err, text)
		}
	}
}
