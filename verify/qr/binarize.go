package qr

import "github.com/makiuchi-d/gozxing"

// blockBinarizer is gozxing's HybridBinarizer algorithm (a black point per
// block from its min/max/mean, a threshold per block from the 5×5 blocks
// around it) with the block size as a parameter and without its per-pixel
// costs: it reuses its buffers and writes the matrix 32 pixels at a time.
// In WebAssembly, gozxing's version (per-pixel BitMatrix.Set, a [][]int per
// frame) took about as long as the rest of the decode together.
type blockBinarizer struct {
	black  []int32 // black point per block
	thresh []uint8 // threshold per block
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
	for by := 0; by < sh; by++ {
		y0 := min(by<<pow, h-bs)
		for bx := 0; bx < sw; bx++ {
			x0 := min(bx<<pow, w-bs)
			sum, lo, hi := 0, 255, 0
			for y := y0; y < y0+bs; y++ {
				for _, p := range pix[y*w+x0 : y*w+x0+bs] {
					v := int(p)
					sum += v
					lo = min(lo, v)
					hi = max(hi, v)
				}
			}
			avg := sum >> (2 * pow)
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
			black[by*sw+bx] = int32(avg)
		}
	}
	// Threshold per block: the mean black point of the 5×5 blocks around it
	// (clamped inside the grid).
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
			thresh[by*sw+bx] = uint8(min(sum/cnt, 255))
		}
	}

	if b.m == nil || b.m.GetWidth() != w || b.m.GetHeight() != h {
		b.m, _ = gozxing.NewBitMatrix(w, h)
		b.row = gozxing.NewBitArray(w)
	}
	// Pixels at or below their block's threshold are dark ("<=" so that
	// pure black stays black even with a threshold of 0).
	for y := 0; y < h; y++ {
		trow := thresh[min(y>>pow, sh-1)*sw:]
		src := pix[y*w : (y+1)*w]
		for x0 := 0; x0 < w; x0 += 32 {
			var word uint32
			end := min(x0+32, w)
			for x := x0; x < end; x++ {
				if src[x] <= trow[min(x>>pow, sw-1)] {
					word |= 1 << uint(x-x0)
				}
			}
			b.row.SetBulk(x0, word)
		}
		b.m.SetRow(y, b.row)
	}
	return b.m
}
