package qr

// The retries: what decodeLoaded tries after its first attempt failed, each
// step rescuing a class of frames the steps before it miss, cheapest and
// most often needed first. A still picture (FrameDecoder.Stream unset)
// runs them all, in order, until one reads. A camera stream runs one per
// frame, in turn: on a frame without a readable code the whole chain costs
// 10–40 times the first attempt (hundreds of milliseconds in WebAssembly),
// which would hold the worker and delay the next frames; spread over
// successive frames, a code held still is read within a few frames and no
// frame costs more than its first attempt and one step.
//
// Adding a step: append (or insert, by cost and by how often it reads) an
// entry to retries, with fits when the step cannot apply to some pictures
// (so that a stream does not spend a frame on it). A step reads d.lum, the
// loaded picture (already inverted when the first attempt found the other
// polarity likelier), must leave it as it found it, and must keep its
// cost within about that of the first attempt: a frame of a stream pays
// for one step in full. Work shared between steps of one picture (a level,
// a table) is cached per picture (FrameDecoder.picture), since in a stream
// the steps run on different frames.

// retry is one step of the chain.
type retry struct {
	name string
	// fits reports whether the step applies to a w×h picture; nil: always.
	fits func(d *FrameDecoder, w, h int) bool
	// read returns the text read; other: the code was of the polarity
	// opposite to d.lum's.
	read func(d *FrameDecoder) (text string, ok, other bool)
}

var retries = [...]retry{
	// The scale pyramid (pyramid.go): ½, ⅓, ¼ and ⅙ box-averaged, for
	// large modules and screen moiré; each level costs a quarter of a
	// full-scale pass or less.
	{"pyramid ½", fitsLevel(0), readLevel(0)},
	{"pyramid ⅓", fitsLevel(1), readLevel(1)},
	{"pyramid ¼ ⅙", func(d *FrameDecoder, w, h int) bool { return levelFits(2, w, h) || levelFits(3, w, h) },
		func(d *FrameDecoder) (string, bool, bool) {
			if s, ok, other := d.readLevel(2); ok {
				return s, ok, other
			}
			return d.readLevel(3)
		}},
	// A local mean over a window proportional to the picture, which keeps
	// the finder patterns of 2-pixel modules that 8×8 blocks merge.
	{"local mean", nil, func(d *FrameDecoder) (string, bool, bool) {
		m := d.fullMean(d.meanRadius())
		if s, ok := d.readSymbol(m, nil); ok {
			return s, true, false
		}
		s, ok := d.readNoQuietZone(m)
		return s, ok, false
	}},
	// In a large picture that window spans several modules of a small code:
	// then a window of a few pixels too.
	{"small local mean", func(d *FrameDecoder, w, h int) bool { return meanRadius(w, h) > smallMeanR },
		func(d *FrameDecoder) (string, bool, bool) {
			s, ok := d.readSymbol(d.fullMean(smallMeanR), nil)
			return s, ok, false
		}},
	// For small pictures, the centre upscaled 2× (bilinear), where the
	// finder-pattern search, which works on whole pixels, finds patterns of
	// under 2 pixels per module: binarized by blocks, then by a local mean
	// over 7×7 pixels (3.5 original pixels), fine enough to separate the
	// modules of a low-contrast print, and over 17×17 (8.5 original pixels)
	// for modules of 2–3 pixels, which the 7×7 window splits.
	{"upscaled, blocks", fitsUpscale, func(d *FrameDecoder) (string, bool, bool) {
		saved := d.lum
		defer func() { d.lum = saved }()
		d.lum = d.upscaled()
		m := d.upBin.binarize(&d.lum, 3)
		if s, ok := d.readSymbol(m, nil); ok {
			return s, true, false
		}
		s, ok := d.readNoQuietZone(m)
		return s, ok, false
	}},
	{"upscaled, local mean", fitsUpscale, func(d *FrameDecoder) (string, bool, bool) {
		saved := d.lum
		defer func() { d.lum = saved }()
		d.lum = d.upscaled()
		if s, ok := d.readSymbol(d.localMean(3), nil); ok {
			return s, true, false
		}
		s, ok := d.readSymbol(d.meanBits(2*smallMeanR), nil)
		return s, ok, false
	}},
	// Steep angles (squeeze.go): the picture halved along one axis, then
	// the other.
	{"halved rows", fitsSqueeze, func(d *FrameDecoder) (string, bool, bool) {
		s, ok := d.decodeSqueezed(true)
		return s, ok, false
	}},
	{"halved columns", fitsSqueeze, func(d *FrameDecoder) (string, bool, bool) {
		s, ok := d.decodeSqueezed(false)
		return s, ok, false
	}},
	// One finder pattern lost under a highlight or a stain (pair.go): the
	// third completed from the two the row scan found.
	{"finder pairs", nil, func(d *FrameDecoder) (string, bool, bool) {
		s, ok := d.readPairs(d.bin.binarize(&d.lum, 3))
		return s, ok, false
	}},
}

func fitsLevel(i int) func(*FrameDecoder, int, int) bool {
	return func(_ *FrameDecoder, w, h int) bool { return levelFits(i, w, h) }
}

func readLevel(i int) func(*FrameDecoder) (string, bool, bool) {
	return func(d *FrameDecoder) (string, bool, bool) { return d.readLevel(i) }
}

func fitsUpscale(_ *FrameDecoder, w, h int) bool {
	side := min(w, h)
	return side <= maxUpscaleSide && side*9/10 >= minSide
}

func fitsSqueeze(_ *FrameDecoder, w, h int) bool { return min(w, h) >= 2*minSide }

// meanRadius is the radius of the "local mean" step's window for a w×h
// picture.
func meanRadius(w, h int) int { return max(3, min(w, h)/80) }

func (d *FrameDecoder) meanRadius() int { return meanRadius(d.lum.w, d.lum.h) }

// runRetries runs the retries on the loaded picture: all of them in order,
// or with Stream the next one that fits, and records where the next call
// starts (after a read, the same step: a stream shows the same code again).
func (d *FrameDecoder) runRetries() (string, bool, bool) {
	w, h := d.lum.w, d.lum.h
	start := 0
	if d.Stream {
		start = d.next % len(retries)
	}
	for i := range len(retries) {
		k := (start + i) % len(retries)
		r := &retries[k]
		if r.fits != nil && !r.fits(d, w, h) {
			continue
		}
		if s, ok, other := r.read(d); ok {
			d.next = k
			return s, true, other
		}
		if d.Stream {
			d.next = k + 1
			return "", false, false
		}
	}
	return "", false, false
}
