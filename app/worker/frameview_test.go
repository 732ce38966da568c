package worker

import (
	"bytes"
	"testing"
	"time"
)

func TestFullFrameFactor(t *testing.T) {
	for _, c := range []struct{ w, h, max, k int }{
		{640, 480, 640, 1},
		{480, 640, 640, 1},
		{1280, 720, 640, 2},
		{720, 1280, 640, 2},
		{1920, 1080, 640, 3},
		{1281, 720, 640, 3},
		{3840, 2160, 640, 6},
		{100, 100, 0, 1},
	} {
		if k := fullFrameFactor(c.w, c.h, c.max); k != c.k {
			t.Errorf("fullFrameFactor(%d, %d, %d) = %d, want %d", c.w, c.h, c.max, k, c.k)
		}
	}
}

// boxRef is boxGray written plainly: per output pixel, the rounded mean of
// its block's greys.
func boxRef(src []byte, w, h, stride, bpp, k int, bgr bool) []byte {
	var out []byte
	for y := 0; y+k <= h; y += k {
		for x := 0; x+k <= w; x += k {
			var s uint32
			for j := 0; j < k; j++ {
				for i := 0; i < k; i++ {
					p := src[(y+j)*stride+(x+i)*bpp:]
					if bpp == 1 {
						s += uint32(p[0]) << 8
						continue
					}
					r, g, b := p[0], p[1], p[2]
					if bgr {
						r, b = b, r
					}
					s += 77*uint32(r) + 150*uint32(g) + 29*uint32(b)
				}
			}
			n := uint32(k * k)
			out = append(out, byte((s>>8+n/2)/n))
		}
	}
	return out
}

func TestBoxGray(t *testing.T) {
	for _, c := range []struct {
		w, h, pad, bpp, k int
		bgr               bool
	}{
		{7, 5, 0, 1, 1, false},
		{640, 480, 0, 1, 1, false},
		{1280, 720, 0, 1, 2, false},
		{1283, 721, 13, 1, 3, false}, // ragged edge and padded rows
		{1281, 721, 7, 1, 2, false},
		{22, 7, 3, 1, 2, false}, // a tail of 3 after the 4-pixel steps
		{64, 48, 0, 4, 2, false},
		{65, 49, 8, 4, 3, true},
		{10, 10, 0, 4, 1, true},
	} {
		stride := c.w*c.bpp + c.pad
		src := make([]byte, stride*c.h)
		seed := uint32(c.w*31 + c.h)
		for i := range src {
			seed = seed*1664525 + 1013904223
			src[i] = byte(seed >> 24)
		}
		dw, dh := c.w/c.k, c.h/c.k
		dst := make([]byte, dw*dh+3)
		for i := range dst {
			dst[i] = 0xAA // bytes past the picture must stay as they were
		}
		acc := make([]uint32, dw)
		gw, gh := boxGray(dst, acc, src, c.w, c.h, stride, c.bpp, c.k, c.bgr)
		if gw != dw || gh != dh {
			t.Errorf("%+v: size %d×%d, want %d×%d", c, gw, gh, dw, dh)
			continue
		}
		if want := boxRef(src, c.w, c.h, stride, c.bpp, c.k, c.bgr); !bytes.Equal(dst[:dw*dh], want) {
			t.Errorf("%+v: differs from the plain box average", c)
		}
		if !bytes.Equal(dst[dw*dh:], []byte{0xAA, 0xAA, 0xAA}) {
			t.Errorf("%+v: wrote past the picture", c)
		}
	}
}

func BenchmarkBoxGray720p(b *testing.B) {
	src := make([]byte, 1280*720)
	dst := make([]byte, 640*360)
	acc := make([]uint32, 640)
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		boxGray(dst, acc, src, 1280, 720, 1280, 1, 2, false)
	}
}

func TestViewTurns(t *testing.T) {
	const ms = time.Millisecond
	type step struct {
		ok   bool
		took time.Duration
	}
	for _, c := range []struct {
		name  string
		every time.Duration
		steps []step
		want  string // the view of each frame, w or W, then the next
	}{
		// Cheap decodes: plain turns.
		{"cheap", 60 * ms, []step{{false, 10 * ms}, {false, 20 * ms}, {false, 10 * ms}, {false, 20 * ms}}, "wWwWw"},
		// A whole view at 150 ms: 300 ms of window frames (5 of 60 ms) before the next.
		{"costly whole", 60 * ms, []step{{false, 10 * ms}, {false, 150 * ms},
			{false, 10 * ms}, {false, 10 * ms}, {false, 10 * ms}, {false, 10 * ms}, {false, 10 * ms}, {false, 150 * ms}}, "wWwwwwwWw"},
		// Slow window frames count their own time.
		{"slow window", 60 * ms, []step{{false, 100 * ms}, {false, 100 * ms}, {false, 100 * ms}, {false, 100 * ms}}, "wWwwW"},
		// The view that reads is kept; a miss then resumes the turns.
		{"kept", 60 * ms, []step{{false, 10 * ms}, {true, 20 * ms}, {true, 20 * ms}, {false, 20 * ms}, {false, 10 * ms}}, "wWWWwW"},
		{"window kept", 60 * ms, []step{{true, 10 * ms}, {true, 10 * ms}, {false, 10 * ms}}, "wwwW"},
	} {
		var v viewTurns
		var got []byte
		for _, s := range c.steps {
			full := v.full
			got = append(got, "wW"[b2i(full)])
			v.done(full, s.ok, s.took, c.every)
		}
		got = append(got, "wW"[b2i(v.full)])
		if string(got) != c.want {
			t.Errorf("%s: views %s, want %s", c.name, got, c.want)
		}
	}
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
