package qr

import (
	"image/png"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// countRetries replaces the read of every retry with one that counts its
// calls, for the duration of the test.
func countRetries(t *testing.T) *[len(retries)]int {
	t.Helper()
	saved := retries
	t.Cleanup(func() { retries = saved })
	var n [len(retries)]int
	for i := range retries {
		read := retries[i].read
		retries[i].read = func(d *FrameDecoder) (string, bool, bool) {
			n[i]++
			return read(d)
		}
	}
	return &n
}

func noise(w, h int, seed uint64) []byte {
	r := rand.New(rand.NewPCG(seed, 1))
	p := make([]byte, w*h)
	for i := range p {
		p[i] = byte(r.IntN(256))
	}
	return p
}

// On a picture without a code, a still decode runs every retry that fits
// once; a stream runs one per call, in turn, so that every one has run after
// as many calls as there are.
func TestStreamRunsOneRetryPerFrame(t *testing.T) {
	n := countRetries(t)
	const w, h = 320, 240
	pix := noise(w, h, 1)
	var fitting []int
	for i, r := range retries {
		if r.fits == nil || r.fits(nil, w, h) {
			fitting = append(fitting, i)
		}
	}
	if len(fitting) < 2 {
		t.Fatalf("only %d retries fit a %d×%d picture", len(fitting), w, h)
	}

	var still FrameDecoder
	if _, err := still.DecodeGray(pix, w, h); err == nil {
		t.Fatal("read a code in noise")
	}
	for i, c := range n {
		want := 0
		if retries[i].fits == nil || retries[i].fits(nil, w, h) {
			want = 1
		}
		if c != want {
			t.Errorf("still: %q ran %d times, want %d", retries[i].name, c, want)
		}
	}

	*n = [len(retries)]int{}
	s := FrameDecoder{Stream: true}
	for call := range 2 * len(fitting) {
		before := *n
		if _, err := s.DecodeGray(pix, w, h); err == nil {
			t.Fatal("read a code in noise")
		}
		ran := -1
		for i := range n {
			switch d := n[i] - before[i]; {
			case d == 1 && ran < 0:
				ran = i
			case d != 0:
				t.Fatalf("call %d ran %q %d times besides %d", call, retries[i].name, d, ran)
			}
		}
		if want := fitting[call%len(fitting)]; ran != want {
			t.Fatalf("call %d ran retry %d, want %d (%q)", call, ran, want, retries[want].name)
		}
	}
}

// A stream holding a code still reads it within len(retries)+1 frames
// whatever retry it is at, and once read, reads it again on the next frame
// (the step that read it goes first). The frames are the regression frames,
// several of which only a retry reads.
func TestStreamReadsHeldCode(t *testing.T) {
	names, err := filepath.Glob(filepath.Join(framesDir, "*.txt"))
	if err != nil || len(names) == 0 {
		t.Fatalf("no regression frames in %s: %v", framesDir, err)
	}
	deep := 0
	for _, name := range names {
		base := strings.TrimSuffix(name, ".txt")
		want, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		f, err := os.Open(base + ".png")
		if err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(f)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		b := img.Bounds()
		gray := imageGray(img, nil)
		for start := range len(retries) {
			d := FrameDecoder{Stream: true, next: start}
			frames := 0
			for ; frames <= len(retries); frames++ {
				if got, err := d.DecodeGray(gray, b.Dx(), b.Dy()); err == nil {
					if got != string(want) {
						t.Fatalf("%s: read %.20q, want %.20q", base, got, want)
					}
					break
				}
			}
			if frames > len(retries) {
				t.Errorf("%s, starting at retry %d: not read in %d frames", filepath.Base(base), start, len(retries)+1)
				continue
			}
			if frames > 0 {
				deep++
			}
			if got, err := d.DecodeGray(gray, b.Dx(), b.Dy()); err != nil || got != string(want) {
				t.Errorf("%s, starting at retry %d: read after %d frames, then not on the next: %v", filepath.Base(base), start, frames+1, err)
			}
		}
	}
	if deep == 0 {
		t.Error("every frame was read by the first attempt: the test does not exercise the retries")
	}
}
