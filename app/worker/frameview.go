package worker

import "time"

// fullFrameFactor is the smallest whole k that brings a w×h frame's longer
// side to at most max pixels.
func fullFrameFactor(w, h, max int) int {
	long := w
	if h > long {
		long = h
	}
	if max <= 0 || long <= max {
		return 1
	}
	return (long + max - 1) / max
}

// boxGray averages the w×h picture in src over k×k blocks into dst, as
// grey: (w/k)×(h/k) pixels, packed, returned with its size. src's rows are
// stride bytes apart with bpp bytes per pixel: 1 (a luminance plane) or 4
// (RGBA, or BGRA when bgr; alpha ignored; the grey of each pixel is
// verify/qr's, 77R+150G+29B >> 8). A box average, unlike picking every
// k-th pixel, keeps a thin line's contrast spread over its block instead of
// dropping or keeping it whole. dst must hold (w/k)·(h/k) bytes and acc
// w/k values; nothing else is allocated (this runs once per camera frame).
func boxGray(dst []byte, acc []uint32, src []byte, w, h, stride, bpp, k int, bgr bool) (dw, dh int) {
	dw, dh = w/k, h/k
	dst, acc = dst[:dw*dh], acc[:dw]
	ri, bi := 0, 2
	if bgr {
		ri, bi = 2, 0
	}
	shift, div := 0, uint32(k*k)
	if bpp == 4 {
		shift = 8 // the grey weights sum to 256
	}
	for y := 0; y < dh; y++ {
		clear(acc)
		for j := 0; j < k; j++ {
			row := src[(y*k+j)*stride:]
			row = row[:dw*k*bpp]
			switch {
			case bpp == 1 && k == 2: // 720p, the usual camera
				// (In WebAssembly this beat a one-pass loop over two rows
				// and 4 pixels per uint64 step.)
				row = row[:2*len(acc)]
				for x := range acc {
					acc[x] += uint32(row[2*x]) + uint32(row[2*x+1])
				}
				continue
			case bpp == 1:
				i := 0
				for x := range acc {
					var s uint32
					for _, v := range row[i : i+k] {
						s += uint32(v)
					}
					acc[x] += s
					i += k
				}
				continue
			}
			for x := range acc {
				var s uint32
				for i := x * k * 4; i < (x+1)*k*4; i += 4 {
					s += 77*uint32(row[i+ri]) + 150*uint32(row[i+1]) + 29*uint32(row[i+bi])
				}
				acc[x] += s
			}
		}
		out := dst[y*dw : (y+1)*dw]
		if div == 4 && shift == 0 { // a constant divisor: no division in the loop
			for x, s := range acc {
				out[x] = byte((s + 2) >> 2)
			}
			continue
		}
		for x, s := range acc {
			out[x] = byte((s>>shift + div/2) / div)
		}
	}
	return dw, dh
}

// viewTurns picks the view each camera frame is read with: the scan window
// or the whole frame (see frameStream). The view that last read a code is
// kept. While neither reads, they take turns, but the whole view, which can
// cost several times the window on a frame with a small code in it (its
// retries), gets at most a third of the decoding time: after it, the window
// runs until twice its time has passed (each window frame counting at least
// the frame interval, since a camera frame never comes sooner). So a dense
// code at a normal distance, which only the window reads, loses little,
// and a code brought close is looked at whole within a few frames.
type viewTurns struct {
	full bool          // the next frame is read whole
	owed time.Duration // window time still owed for the last whole frame
}

// done records a frame read with the whole view (full) or the window:
// whether it read a code, and how long it took; every is the frame interval.
func (v *viewTurns) done(full, ok bool, took, every time.Duration) {
	switch {
	case ok:
		v.full, v.owed = full, 0
	case full:
		v.full, v.owed = false, 2*took
	default:
		v.owed -= max(took, every)
		v.full = v.owed <= 0
	}
}
