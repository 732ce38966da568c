package qr_test

import (
	"errors"
	"fmt"
	"sync"
	"testing"

	"passcheck/verify/qr"
	"passcheck/verify/qr/camframes"
)

const framesPerSize = 40

var (
	framesOnce sync.Once
	frameSets  map[string][]camframes.Sample
	framesErr  error
)

// cameraFrames generates (once per test binary) the 40 camera-like frames of
// each size.
func cameraFrames(t testing.TB) map[string][]camframes.Sample {
	t.Helper()
	framesOnce.Do(func() {
		vs, err := camframes.LoadVectors(vectorsDir)
		if err != nil {
			framesErr = err
			return
		}
		frameSets = map[string][]camframes.Sample{}
		for _, sz := range camframes.Sizes {
			set, err := camframes.Set(vs, framesPerSize, sz.X, sz.Y)
			if err != nil {
				framesErr = err
				return
			}
			frameSets[fmt.Sprintf("%dx%d", sz.X, sz.Y)] = set
		}
	})
	if framesErr != nil {
		t.Fatal(framesErr)
	}
	return frameSets
}

// frameFloors are the success counts measured on the generated frames
// (docs/BENCHMARKS.md, "QR decoding"): decoding fewer is a regression.
var frameFloors = map[string]int{"640x480": 40, "1280x720": 40}

func TestDecodeFrameSuccess(t *testing.T) {
	sets := cameraFrames(t)
	for _, name := range []string{"640x480", "1280x720"} {
		set := sets[name]
		var d qr.FrameDecoder // one decoder for the stream, as in the app
		ok := 0
		for _, s := range set {
			b := s.Frame.Bounds()
			got, err := d.DecodeRGBA(s.Frame.Pix, b.Dx(), b.Dy())
			switch {
			case err == nil && got == s.Text:
				ok++
			case err == nil:
				t.Errorf("%s %s: decoded to a different text", name, s.Name)
			case !errors.Is(err, qr.ErrNotFound):
				t.Errorf("%s %s: %v, want ErrNotFound or success", name, s.Name, err)
			default:
				t.Logf("%s %s: not decoded", name, s.Name)
			}
		}
		t.Logf("%s: %d/%d decoded", name, ok, len(set))
		if ok < frameFloors[name] {
			t.Errorf("%s: %d/%d decoded, floor is %d", name, ok, len(set), frameFloors[name])
		}
	}
}

// BenchmarkDecodeFrame decodes each of the 40 frames of a size in turn with
// one FrameDecoder (the time per op is the mean over the set, failures
// included).
func BenchmarkDecodeFrame(b *testing.B) {
	sets := cameraFrames(b)
	for _, name := range []string{"640x480", "1280x720"} {
		set := sets[name]
		b.Run(name, func(b *testing.B) {
			var d qr.FrameDecoder
			b.ReportAllocs()
			for i := 0; b.Loop(); i++ {
				s := set[i%len(set)]
				r := s.Frame.Bounds()
				d.DecodeRGBA(s.Frame.Pix, r.Dx(), r.Dy())
			}
		})
	}
}
