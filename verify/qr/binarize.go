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
	// (the centre clamped so that the 5×5 stays inside the grid), summed
	// along rows, then along columns.
	if cap(b.hsum) < len(black) {
		b.hsum = make([]int32, len(black))
	}
	hs := b.hsum[:len(black)]
	span := func(c, n int) (int, int) { // the 5 (or fewer) cells around c
		c = min(max(c, 2), max(n-3, 2))
		return max(c-2, 0), min(c+2, n-1)
	}
	for y := 0; y < sh; y++ {
		row := black[y*sw : (y+1)*sw]
		for x := 0; x < sw; x++ {
			x0, x1 := span(x, sw)
			var s int32
			for _, v := range row[x0 : x1+1] {
				s += v
			}
			hs[y*sw+x] = s
		}
	}
	for y := 0; y < sh; y++ {
		y0, y1 := span(y, sh)
		for x := 0; x < sw; x++ {
			x0, x1 := span(x, sw)
			var s int32
			for yy := y0; yy <= y1; yy++ {
				s += hs[yy*sw+x]
			}
			thresh[y*sw+x] = uint8(min(int(s)/((x1-x0+1)*(y1-y0+1)), 255))
		}
	}
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
	for y := 0; y < h; y++ {
		trow := thresh[min(y>>3, sh-1)*sw:][:sw]
		src := pix[y*w:][:w]
		words := b.row.GetBitArray()
		clear(words)
		x := 0
		for ; x+8 <= w; x += 8 {
			t1 := (uint64(trow[x>>3]) + 1) * lanesOne
			v := binary.LittleEndian.Uint64(src[x:])
			// Bit 8 of a lane is set when p+256−(t+1) ≥ 256, i.e. p > t.
			de := ^((v&lanes16 | lanesBit) - t1) & lanesBit
			do := ^(((v>>8)&lanes16 | lanesBit) - t1) & lanesBit
			dark := de>>8 | do // pixel i's bit at 8·i
			words[x>>5] |= uint32((dark*0x0102040810204080)>>56) << uint(x&31)
		}
		for ; x < w; x++ { // the last, partial group
			if src[x] <= trow[sw-1] {
				words[x>>5] |= 1 << uint(x&31)
			}
		}
		b.m.SetRow(y, b.row)
	}
}
