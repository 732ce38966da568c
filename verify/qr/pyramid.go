package qr

import (
	"encoding/binary"

	"github.com/makiuchi-d/gozxing"
)

// The scale pyramid. The block binarizer judges each pixel against the
// 40×40 pixels around it and the finder search wants a few pixels per
// module, so a code whose modules are much larger than 8 pixels (held close,
// or filling a photo) comes out hollow or broken. The same picture averaged
// over k×k boxes brings the modules back into range, and the averaging
// also removes a screen's sub-pixel stripes and moiré, which at full scale
// the binarizer turns into noise. Each level costs at most a quarter of the
// full scale, so levels are tried before the costlier full-scale retries.

// pyramidSteps are the levels tried, in order, after full scale fails: each
// is made from an earlier one (from < 0: the full-scale picture) by
// averaging k×k boxes, so ¼ and ⅙ cost a sixteenth and a thirty-sixth of a
// full-scale pass. Reductions by 4 and 6 are for codes held so close that a
// module spans 30–60 pixels (a version-1 code filling a photo).
var pyramidSteps = [...]struct{ from, k int }{
	{-1, 2}, // ½
	{-1, 3}, // ⅓
	{0, 2},  // ¼
	{1, 2},  // ⅙
}

// minLevelSide is the smallest shorter side a pyramid level may have: below
// it a DCC code (at least 45 modules with its quiet zone) would have under
// two pixels per module even filling the picture.
const minLevelSide = 100

// pyramidLevel is one reduced copy of the loaded picture, with buffers of its
// own so that a stream of frames of one size allocates nothing.
type pyramidLevel struct {
	pix []byte
	lum luminance // over pix; zero when the level was too small
	bin blockBinarizer
	of  uint // the picture (FrameDecoder.picture) lum was made from
}

// boxDown writes the means of the k×k boxes of the w×h picture src into dst
// (reallocated when too small) and returns it with its size, w/k × h/k
// (the last partial boxes are dropped). sums is scratch space.
func boxDown(dst, src []byte, w, h, k int, sums *[]uint32) ([]byte, int, int) {
	sw, sh := w/k, h/k
	if cap(dst) < sw*sh {
		dst = make([]byte, sw*sh)
	}
	dst = dst[:sw*sh]
	if k == 2 {
		box2(dst, src, w, sw, sh)
		return dst, sw, sh
	}
	if cap(*sums) < sw {
		*sums = make([]uint32, sw)
	}
	s := (*sums)[:sw]
	n := uint32(k * k)
	for y := 0; y < sh; y++ {
		clear(s)
		for yy := y * k; yy < (y+1)*k; yy++ {
			row := src[yy*w:][:sw*k]
			for x := range s {
				var t uint32
				for _, p := range row[x*k : (x+1)*k] {
					t += uint32(p)
				}
				s[x] += t
			}
		}
		out := dst[y*sw:][:sw]
		for x, t := range s {
			out[x] = byte((t + n/2) / n)
		}
	}
	return dst, sw, sh
}

// box2 is boxDown for k = 2, four output pixels per step: the bytes of two
// rows are added in 16-bit lanes (even and odd pixels apart), then each
// lane pair is folded.
func box2(dst, src []byte, w, sw, sh int) {
	for y := 0; y < sh; y++ {
		r0, r1 := src[2*y*w:][:2*sw], src[(2*y+1)*w:][:2*sw]
		out := dst[y*sw:][:sw]
		x := 0
		for ; x+4 <= sw; x += 4 {
			a := binary.LittleEndian.Uint64(r0[2*x:])
			b := binary.LittleEndian.Uint64(r1[2*x:])
			// Lane i of s (16 bits) is the sum of the 2×2 box i.
			s := a&lanes16 + a>>8&lanes16 + b&lanes16 + b>>8&lanes16 + 2*lanesOne
			s = s >> 2 & lanes16
			out[x] = byte(s)
			out[x+1] = byte(s >> 16)
			out[x+2] = byte(s >> 32)
			out[x+3] = byte(s >> 48)
		}
		for ; x < sw; x++ {
			t := uint(r0[2*x]) + uint(r0[2*x+1]) + uint(r1[2*x]) + uint(r1[2*x+1])
			out[x] = byte((t + 2) >> 2)
		}
	}
}

// invertGray replaces each luminance p by 255−p, eight at a time.
func invertGray(pix []byte) {
	n := len(pix) &^ 7
	for i := 0; i < n; i += 8 {
		binary.LittleEndian.PutUint64(pix[i:], ^binary.LittleEndian.Uint64(pix[i:]))
	}
	for i := n; i < len(pix); i++ {
		pix[i] = ^pix[i]
	}
}

// readFlipped reads a code of the other polarity (light-on-dark when the
// picture is upright): the binarized picture m with every bit flipped, the
// gray picture inverted for sampling. Both are put back before returning.
// Flipping bits costs a small fraction of binarizing the inverted picture,
// and the block binarizer's thresholds are nearly symmetric, except on flat
// areas far from any edge, which hold no code.
//
// The flipped picture is read only when it shows more finder-pattern
// candidates than the upright one (a light-on-dark code shows few upright):
// reading costs most when candidates are found in noise, which would
// otherwise double the cost of every frame without a code. flip reports
// that case when nothing was read: the later, costlier retries should then
// work on the inverted picture.
func (d *FrameDecoder) readFlipped(m *gozxing.BitMatrix) (s string, ok, flip bool) {
	f, row := scanFinderPatterns(m, d.row, false)
	up := len(f.GetPossibleCenters())
	m.FlipAll()
	f, row = scanFinderPatterns(m, row, false)
	d.row = row
	if flip = len(f.GetPossibleCenters()) > up; flip {
		invertGray(d.lum.pix[:d.lum.w*d.lum.h])
		s, ok = d.readSymbol(m, nil)
		if !ok {
			s, ok = d.readNoQuietZone(m)
		}
		invertGray(d.lum.pix[:d.lum.w*d.lum.h])
	}
	m.FlipAll()
	return s, ok, flip && !ok
}

// level returns level i of the pyramid of the loaded picture, made (with
// the level it is made from) when this picture has not made it yet; its
// luminance is zero when the level would be too small.
func (d *FrameDecoder) level(i int) luminance {
	lv := &d.levels[i]
	if lv.of == d.picture {
		return lv.lum
	}
	st := pyramidSteps[i]
	src := d.lum
	if st.from >= 0 {
		src = d.level(st.from)
	}
	lv.of, lv.lum = d.picture, luminance{}
	if min(src.w, src.h)/st.k < minLevelSide {
		return lv.lum
	}
	var w, h int
	lv.pix, w, h = boxDown(lv.pix, src.pix, src.w, src.h, st.k, &d.sums)
	lv.lum = luminance{pix: lv.pix, w: w, h: h}
	return lv.lum
}

// levelFits reports whether level i of a w×h picture is large enough to
// read (the sizes level makes, without making them).
func levelFits(i, w, h int) bool {
	st := pyramidSteps[i]
	if st.from >= 0 {
		k := pyramidSteps[st.from].k
		w, h = w/k, h/k
		if min(w, h) < minLevelSide {
			return false
		}
	}
	return min(w, h)/st.k >= minLevelSide
}

// readLevel reads level i of the pyramid in both polarities and restores
// d.lum to the full-scale picture. other reports that the code read was of
// the other polarity.
func (d *FrameDecoder) readLevel(i int) (s string, ok, other bool) {
	full := d.lum
	defer func() { d.lum = full }()
	lum := d.level(i)
	if lum.w == 0 {
		return "", false, false
	}
	d.lum = lum
	m := d.levels[i].bin.binarize(&d.lum, 3)
	if s, ok := d.readSymbol(m, nil); ok {
		return s, true, false
	}
	if s, ok := d.readNoQuietZone(m); ok {
		return s, true, false
	}
	if s, ok, _ := d.readFlipped(m); ok {
		return s, true, true
	}
	return "", false, false
}
