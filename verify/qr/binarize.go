package qr

import (
	"encoding/binary"

	"github.com/makiuchi-d/gozxing"
)

// blockBinarizer is gozxing's HybridBinarizer algorithm (a black point per
// block from its min/max/mean, a threshold per block from the 5×5 blocks
// around it) with the block size as a parameter and without its per-pixel
// costs: it reuses its buffers and writes the matrix 32 pixels at a time.
// In WebAssembly, gozxing's version (per-pixel BitMatrix.Set, a [][]int per
// frame) took about as long as the rest of the decode together.
type blockBinarizer struct {
	black  []int32 // black point per block
	thresh []uint8 // threshold per block
	hsum   []int32 // row sums of black points
	row    *gozxing.BitArray
	m      *gozxing.BitMatrix
}

// minDynamicRange is gozxing's: a block whose pixels span less than this is
// taken to be all light or all dark, not split into both.
const minDynamicRange = 24

// binarize thresholds l with blocks of 1<<pow pixels. The returned matrix is
// reused by the next call.
func (b *blockBinarizer) binarize(l *luminance, pow uint) *gozxing.BitMatrix {
	w, h := l.w, l.h
	bs := 1 << pow
	if w < 5*bs || h < 5*bs {
		pow, bs = 0, 1 // tiny picture: per-pixel blocks, still well defined
	}
	sw, sh := (w+bs-1)>>pow, (h+bs-1)>>pow
	n := sw * sh
	if cap(b.black) < n {
		b.black = make([]int32, n)
		b.thresh = make([]uint8, n)
	}
	black, thresh := b.black[:n], b.thresh[:n]
	pix := l.pix

	// Black point per block.
	if pow == 3 {
		b.blackPoints8(pix, w, h, sw, sh, black)
	} else {
		b.blackPoints(pix, w, h, pow, sw, sh, black)
	}
	b.thresholds(sw, sh, black, thresh)
	if b.m == nil || b.m.GetWidth() != w || b.m.GetHeight() != h {
		b.m, _ = gozxing.NewBitMatrix(w, h)
		b.row = gozxing.NewBitArray(w)
	}
	if pow == 3 {
		b.threshold8(pix, w, h, sw, sh, thresh)
	} else {
		b.threshold(pix, w, h, pow, sw, sh, thresh)
	}
	return b.m
}

func (b *blockBinarizer) blackPoints(pix []byte, w, h int, pow uint, sw, sh int, black []int32) {
	bs := 1 << pow
	for by := 0; by < sh; by++ {
		y0 := min(by<<pow, h-bs)
		for bx := 0; bx < sw; bx++ {
			x0 := min(bx<<pow, w-bs)
			sum, lo, hi := 0, 255, 0
			for y := y0; y < y0+bs; y++ {
				for _, p := range pix[y*w+x0:][:bs] {
					v := int(p)
					sum += v
					lo = min(lo, v)
					hi = max(hi, v)
				}
			}
			avg := sum >> (2 * pow)
			black[by*sw+bx] = blackPoint(avg, lo, hi, black, sw, bx, by)
		}
	}
}

// blackPoint applies gozxing's rule for a block with the given mean, min and
// max.
func blackPoint(avg, lo, hi int, black []int32, sw, bx, by int) int32 {
	if hi-lo <= minDynamicRange {
		// Flat block: assume background (half its min) unless its
		// neighbours' black points say it is inside dark content.
		avg = lo / 2
		if by > 0 && bx > 0 {
			nb := (int(black[(by-1)*sw+bx]) + 2*int(black[by*sw+bx-1]) + int(black[(by-1)*sw+bx-1])) / 4
			if lo < nb {
				avg = nb
			}
		}
	}
	return int32(avg)
}

func (b *blockBinarizer) thresholds(sw, sh int, black []int32, thresh []uint8) {
	// Threshold per block: the mean black point of the 5×5 blocks around it
	// (the centre clamped so that the 5×5 stays inside the grid): sliding
	// sums along rows, then down columns. Every window holds the same
	// number of blocks, min(sw, 5)·min(sh, 5).
	if cap(b.hsum) < len(black)+sw {
		b.hsum = make([]int32, len(black)+sw)
	}
	hs, vs := b.hsum[:len(black)], b.hsum[len(black):][:sw]
	for y := 0; y < sh; y++ {
		slide5(hs[y*sw:(y+1)*sw], black[y*sw:(y+1)*sw])
	}
	// vs is the sum of the rows of hs in the window of row y; the window
	// moves down one row at a time once y is past 2, until it reaches the
	// last row.
	clear(vs)
	for y := range min(sh, 5) {
		for x, v := range hs[y*sw : (y+1)*sw] {
			vs[x] += v
		}
	}
	div := uint32(min(sw, 5) * min(sh, 5))
	for y := 0; y < sh; y++ {
		if c := y; c > 2 && c <= sh-3 { // window [c−2, c+2]: row c+2 in, c−3 out
			in, out := hs[(c+2)*sw:(c+3)*sw], hs[(c-3)*sw:(c-2)*sw]
			for x := range vs {
				vs[x] += in[x] - out[x]
			}
		}
		t := thresh[y*sw : (y+1)*sw]
		for x, v := range vs {
			t[x] = uint8(min(uint32(v)/div, 255))
		}
	}
}

// slide5 sets dst[x] to the sum of src over the 5 cells around x, the
// centre clamped to [2, len−3] (over all of src when it has fewer than 5).
func slide5(dst, src []int32) {
	n := len(src)
	if n < 5 {
		var s int32
		for _, v := range src {
			s += v
		}
		for x := range dst {
			dst[x] = s
		}
		return
	}
	s := src[0] + src[1] + src[2] + src[3] + src[4]
	dst[0], dst[1], dst[2] = s, s, s
	for c := 3; c <= n-3; c++ {
		s += src[c+2] - src[c-3]
		dst[c] = s
	}
	dst[n-2], dst[n-1] = s, s
}

func (b *blockBinarizer) threshold(pix []byte, w, h int, pow uint, sw, sh int, thresh []uint8) {
	bs := 1 << pow
	// Pixels at or below their block's threshold are dark ("<=" so that
	// pure black stays black even with a threshold of 0). Branch-free: the
	// sign bit of t−p is set exactly when p > t (light).
	for y := 0; y < h; y++ {
		trow := thresh[min(y>>pow, sh-1)*sw:][:sw]
		src := pix[y*w:][:w]
		var word uint32
		for xb := 0; xb < w; xb += bs {
			t := uint32(trow[min(xb>>pow, sw-1)])
			end := min(xb+bs, w)
			for x := xb; x < end; x++ {
				light := (t - uint32(src[x])) >> 31
				word |= (light ^ 1) << uint(x&31)
				if x&31 == 31 {
					b.row.SetBulk(x&^31, word)
					word = 0
				}
			}
		}
		if w&31 != 0 {
			b.row.SetBulk(w&^31, word)
		}
		b.m.SetRow(y, b.row)
	}
}

// The 8×8-block paths work on 8 pixels at a time in a uint64 (SWAR), which
// in WebAssembly is several times faster than a loop over bytes. Even and
// odd pixels are split into 16-bit lanes so that a comparison never borrows
// from the neighbouring lane.
const (
	lanes16  = 0x00ff00ff00ff00ff // the low byte of each 16-bit lane
	lanesBit = 0x0100010001000100 // bit 8 of each 16-bit lane
	lanesOne = 0x0001000100010001
)

// geMask16 has 0xffff in each 16-bit lane where a ≥ b (8-bit values).
func geMask16(a, b uint64) uint64 {
	return (((a | lanesBit) - b) & lanesBit) >> 8 * 0xffff
}

func (b *blockBinarizer) blackPoints8(pix []byte, w, h, sw, sh int, black []int32) {
	for by := 0; by < sh; by++ {
		y0 := min(by<<3, h-8)
		for bx := 0; bx < sw; bx++ {
			x0 := min(bx<<3, w-8)
			var sum uint64
			lo, hi := uint64(lanes16), uint64(0)
			for y := y0; y < y0+8; y++ {
				v := binary.LittleEndian.Uint64(pix[y*w+x0:])
				e, o := v&lanes16, (v>>8)&lanes16
				sum += e + o
				m := geMask16(e, o) // per lane: the smaller of e, o…
				small, large := o&m|e&^m, e&m|o&^m
				m = geMask16(small, lo) // …against the running min
				lo = lo&m | small&^m
				m = geMask16(large, hi)
				hi = large&m | hi&^m
			}
			total := int((sum * lanesOne) >> 48)
			l, hh := 255, 0
			for i := 0; i < 64; i += 16 {
				l = min(l, int(lo>>i&0xff))
				hh = max(hh, int(hi>>i&0xff))
			}
			black[by*sw+bx] = blackPoint(total>>6, l, hh, black, sw, bx, by)
		}
	}
}

func (b *blockBinarizer) threshold8(pix []byte, w, h, sw, sh int, thresh []uint8) {
	nw := w >> 5 // whole 32-pixel words per row
	for y := 0; y < h; y++ {
		trow := thresh[min(y>>3, sh-1)*sw:][:sw]
		src := pix[y*w:][:w]
		words := b.row.GetBitArray()[:(w+31)>>5]
		for i := range nw {
			s, t := src[32*i:][:32], trow[4*i:][:4]
			words[i] = dark8(binary.LittleEndian.Uint64(s), t[0]) |
				dark8(binary.LittleEndian.Uint64(s[8:]), t[1])<<8 |
				dark8(binary.LittleEndian.Uint64(s[16:]), t[2])<<16 |
				dark8(binary.LittleEndian.Uint64(s[24:]), t[3])<<24
		}
		if x := nw << 5; x < w { // the last, partial word
			var word uint32
			for ; x+8 <= w; x += 8 {
				word |= dark8(binary.LittleEndian.Uint64(src[x:]), trow[x>>3]) << uint(x&31)
			}
			for ; x < w; x++ { // the last, partial group
				if src[x] <= trow[sw-1] {
					word |= 1 << uint(x&31)
				}
			}
			words[nw] = word
		}
		b.m.SetRow(y, b.row)
	}
}

// dark8 returns the 8 pixels of v that are at or below t as 8 bits, pixel
// i in bit i.
func dark8(v uint64, t uint8) uint32 {
	t1 := (uint64(t) + 1) * lanesOne
	// Bit 8 of a lane is set when p+256−(t+1) ≥ 256, i.e. p > t.
	de := ^((v&lanes16 | lanesBit) - t1) & lanesBit
	do := ^(((v>>8)&lanes16 | lanesBit) - t1) & lanesBit
	dark := de>>8 | do // pixel i's bit at 8·i
	return uint32((dark * 0x0102040810204080) >> 56)
}
