package qr

import (
	"fmt"
	"image"

	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/qrcode"
	"github.com/makiuchi-d/gozxing/qrcode/decoder"
)

// FrameDecoder reads QR codes from a stream of camera frames, reusing its
// buffers between calls. The zero value is ready to use. A FrameDecoder is not
// safe for concurrent use.
type FrameDecoder struct {
	// Window, when not empty, restricts the search to this rectangle of the
	// frame (clipped to the frame): a scan window drawn on screen both guides
	// the user and saves the time spent on the rest of the frame.
	Window image.Rectangle

	// Stream, when set, bounds the work per call for a camera stream:
	// each call runs the first attempt and at most one of the retries
	// (retry.go), the next in turn, starting with the one that read the
	// last code. A code held still in view is then read within
	// len(retries)+1 frames if any step reads it, and a frame without a
	// readable code costs the first attempt and one retry instead of the
	// whole chain. Unset (still pictures), every call runs every retry.
	Stream bool

	gray   []byte
	lum    luminance
	reader gozxing.Reader
	dec    *decoder.Decoder
	vals   []float64 // sampled module luminances
	sat    []int32   // summed-area table for the local-mean binarizer
	bin    blockBinarizer
	up     []byte // upscaled centre, for the last retry
	halved []byte // the picture halved along one axis (squeeze.go)
	row    *gozxing.BitArray
	levels [len(pyramidSteps)]pyramidLevel
	// inverted: the last code read was light-on-dark.
	inverted bool
	sums     []uint32 // scratch for boxDown

	next    int  // Stream: the index in retries of the next retry to run
	picture uint // pictures loaded so far: tells whose the cached levels and tables are
	satOf   uint // the picture d.sat was computed for (0: another one)
	upOf    uint // the picture d.up was upscaled from
	upBin   blockBinarizer
	upLum   luminance
	sqBin   blockBinarizer
	means   [2]*gozxing.BitMatrix // meanBits' matrices, for up to two sizes
	meanRow *gozxing.BitArray
}

// DecodeRGBA reads the QR code in a frame of w×h pixels, 4 bytes per pixel
// (R, G, B, A; alpha ignored), rows packed without padding, as in a canvas
// ImageData. len(pix) must be exactly 4·w·h.
func (d *FrameDecoder) DecodeRGBA(pix []byte, w, h int) (string, error) {
	r, err := d.frameRect(len(pix), 4, w, h)
	if err != nil {
		return "", err
	}
	cw, ch := r.Dx(), r.Dy()
	gray := d.buffer(cw * ch)
	for y := 0; y < ch; y++ {
		o := 4 * ((r.Min.Y+y)*w + r.Min.X)
		rgbaRowToGray(gray[y*cw:(y+1)*cw], pix[o:o+4*cw])
	}
	d.setGray(gray, cw, ch)
	return d.decodeLoaded()
}

// DecodeGray reads the QR code in a frame of w×h 8-bit luminance values
// (e.g. the Y plane of a YUV frame), rows packed without padding. len(pix)
// must be exactly w·h. pix is not modified.
func (d *FrameDecoder) DecodeGray(pix []byte, w, h int) (string, error) {
	r, err := d.frameRect(len(pix), 1, w, h)
	if err != nil {
		return "", err
	}
	cw, ch := r.Dx(), r.Dy()
	gray := d.buffer(cw * ch)
	for y := 0; y < ch; y++ {
		o := (r.Min.Y+y)*w + r.Min.X
		copy(gray[y*cw:(y+1)*cw], pix[o:o+cw])
	}
	d.setGray(gray, cw, ch)
	return d.decodeLoaded()
}

// frameRect checks the frame's geometry and returns the part to search.
func (d *FrameDecoder) frameRect(n, bpp, w, h int) (image.Rectangle, error) {
	if err := checkSize(w, h); err != nil {
		return image.Rectangle{}, err
	}
	if n != bpp*w*h {
		return image.Rectangle{}, fmt.Errorf("%w: %d bytes for %d×%d at %d bytes per pixel", ErrFrame, n, w, h, bpp)
	}
	full := image.Rect(0, 0, w, h)
	if d.Window.Empty() {
		return full, nil
	}
	r := d.Window.Intersect(full)
	if r.Empty() {
		return image.Rectangle{}, fmt.Errorf("%w: window %v outside the %d×%d frame", ErrFrame, d.Window, w, h)
	}
	return r, nil
}

func (d *FrameDecoder) buffer(n int) []byte {
	if cap(d.gray) < n {
		d.gray = make([]byte, n)
	}
	d.gray = d.gray[:n]
	return d.gray
}

func (d *FrameDecoder) setGray(gray []byte, w, h int) {
	d.gray = gray
	d.lum = luminance{pix: gray, w: w, h: h}
	if d.reader == nil {
		d.reader = qrcode.NewQRCodeReader()
	}
}

var hintsPure = map[gozxing.DecodeHintType]interface{}{gozxing.DecodeHintType_PURE_BARCODE: true}

// decodeLoaded reads the loaded gray buffer: the first attempt (gozxing's
// HybridBinarizer algorithm on 8×8-pixel blocks with the usual finder
// search; then the search that tolerates a missing quiet zone and picks the
// finder triple by its shape relative to its size, which also rescues
// frames where gozxing's choice fell on data look-alikes; then with the bits
// flipped, for light-on-dark codes, as flipping is cheap), then the retries
// of retry.go, each of which rescues a class of frames the previous steps
// miss: all of them in order, or, with Stream, one per call.
//
// When the flipped picture shows more finder candidates, the retries run on
// the inverted picture. Mirrored codes need no step of their own: the
// decoder reads the transposed symbol when the upright one fails.
func (d *FrameDecoder) decodeLoaded() (string, error) {
	if min(d.lum.w, d.lum.h) < minSide {
		return "", ErrNotFound
	}
	d.picture++
	// A stream shows the same code for many frames: start with the
	// polarity of the last code read.
	if d.inverted {
		invertGray(d.lum.pix)
		defer invertGray(d.lum.pix)
	}
	m := d.bin.binarize(&d.lum, 3)
	if s, ok := d.readSymbol(m, nil); ok {
		return s, nil
	}
	if s, ok := d.readNoQuietZone(m); ok {
		return s, nil
	}
	s, ok, flip := d.readFlipped(m)
	if ok {
		d.inverted = !d.inverted
		return s, nil
	}
	if flip {
		// Finder patterns appear only with the other polarity: run the
		// retries on the inverted picture.
		invertGray(d.lum.pix)
		defer invertGray(d.lum.pix)
	}
	s, ok, other := d.runRetries()
	if !ok {
		return "", ErrNotFound
	}
	if flip != other {
		d.inverted = !d.inverted
	}
	return s, nil
}

// smallMeanR is the local-mean radius for modules of 2–3 pixels: the 9×9
// window holds about three modules, so a finder's 3-module core is judged
// against its ring. The window sized to a large frame (radius side/80) holds
// six or more and merges core and ring into one blob.
const smallMeanR = 4

// minSide is the smallest picture that can hold a QR code (version 1, one
// pixel per module, no quiet zone).
const minSide = 21

// maxUpscaleSide: larger pictures have modules big enough already (a DCC code
// at 40 % of a 720-pixel frame has over 3 pixels per module).
const maxUpscaleSide = 540

// upscaled returns the loaded picture's centre (a square of 0.9 × the
// shorter side, or all of it when a scan window was set) upscaled 2× with
// bilinear interpolation (weights ¾, ¼), in a buffer of its own, made once
// per picture.
func (d *FrameDecoder) upscaled() luminance {
	if d.upOf != d.picture {
		d.upscaleCentre()
		d.upOf = d.picture
	}
	return d.upLum
}

func (d *FrameDecoder) upscaleCentre() {
	src := d.lum
	cw, ch := src.w, src.h
	if d.Window.Empty() {
		side := min(src.w, src.h) * 9 / 10
		cw, ch = side, side
	}
	x0, y0 := (src.w-cw)/2, (src.h-ch)/2
	W, H := 2*cw, 2*ch
	if cap(d.up) < W*H {
		d.up = make([]byte, W*H)
	}
	up := d.up[:W*H]
	// Each source row, upscaled horizontally, goes to output row 2y.
	for y := 0; y < ch; y++ {
		row := src.pix[(y0+y)*src.w+x0 : (y0+y)*src.w+x0+cw]
		dst := up[2*y*W : (2*y+1)*W]
		for x := 0; x < cw; x++ {
			l, c, r := uint(row[max(x-1, 0)]), uint(row[x]), uint(row[min(x+1, cw-1)])
			dst[2*x] = byte((l + 3*c + 2) >> 2)
			dst[2*x+1] = byte((3*c + r + 2) >> 2)
		}
	}
	// Vertically, in place: odd rows first (from the untouched even rows
	// y and y+1), then even rows bottom-up (each from the one above, still
	// untouched).
	for y := 0; y < ch; y++ {
		c := up[2*y*W : (2*y+1)*W]
		n := up[2*min(y+1, ch-1)*W : (2*min(y+1, ch-1)+1)*W]
		odd := up[(2*y+1)*W : (2*y+2)*W]
		for x := range odd {
			odd[x] = byte((3*uint(c[x]) + uint(n[x]) + 2) >> 2)
		}
	}
	for y := ch - 1; y >= 1; y-- {
		c := up[2*y*W : (2*y+1)*W]
		p := up[2*(y-1)*W : (2*(y-1)+1)*W]
		for x := range c {
			c[x] = byte((uint(p[x]) + 3*uint(c[x]) + 2) >> 2)
		}
	}
	d.upLum = luminance{pix: up, w: W, h: H}
}

// decodePure reads the loaded buffer as a bare, axis-aligned code.
func (d *FrameDecoder) decodePure() (string, error) {
	if s, ok := d.try(gozxing.NewHybridBinarizer(&d.lum), hintsPure); ok {
		return s, nil
	}
	if s, ok := d.try(gozxing.NewGlobalHistgramBinarizer(&d.lum), hintsPure); ok {
		return s, nil
	}
	return "", ErrNotFound
}

func (d *FrameDecoder) try(b gozxing.Binarizer, hints map[gozxing.DecodeHintType]interface{}) (string, bool) {
	bmp, err := gozxing.NewBinaryBitmap(b)
	if err != nil {
		return "", false
	}
	res, err := d.reader.Decode(bmp, hints)
	if err != nil {
		return "", false
	}
	return res.GetText(), true
}

// localMean binarizes the loaded buffer: a pixel is dark when it is below the
// mean of the (2r+1)² window around it. The matrix and table are reused.
func (d *FrameDecoder) localMean(r int) *gozxing.BitMatrix {
	d.sumTable()
	return d.meanBits(r)
}

// fullMean is localMean for the picture decodeLoaded was given (not a
// level or upscaled copy of it): its table is made once per picture.
func (d *FrameDecoder) fullMean(r int) *gozxing.BitMatrix {
	if d.satOf != d.picture {
		d.sumTable()
		d.satOf = d.picture
	}
	return d.meanBits(r)
}

// sumTable fills d.sat with the summed-area table of the loaded buffer.
func (d *FrameDecoder) sumTable() {
	d.satOf = 0
	l := &d.lum
	w, h := l.w, l.h
	n := (w + 1) * (h + 1)
	if cap(d.sat) < n {
		d.sat = make([]int32, n)
	}
	sat := d.sat[:n]
	for y := 0; y < h; y++ {
		row := int32(0)
		src := l.pix[y*w : (y+1)*w]
		up := sat[y*(w+1) : (y+1)*(w+1)]
		cur := sat[(y+1)*(w+1) : (y+2)*(w+1)]
		for x, p := range src {
			row += int32(p)
			cur[x+1] = up[x+1] + row
		}
	}
}

// meanBits is localMean over the table sumTable last filled, which must be
// of the loaded buffer: a second radius costs no second table.
func (d *FrameDecoder) meanBits(r int) *gozxing.BitMatrix {
	l := &d.lum
	w, h := l.w, l.h
	sat := d.sat[:(w+1)*(h+1)]
	m := d.meanMatrix(w, h)
	if d.meanRow == nil || d.meanRow.GetSize() != w {
		d.meanRow = gozxing.NewBitArray(w)
	}
	bits := d.meanRow
	for y := 0; y < h; y++ {
		y0, y1 := max(y-r, 0), min(y+r+1, h)
		top, bot := sat[y0*(w+1):(y0+1)*(w+1)], sat[y1*(w+1):(y1+1)*(w+1)]
		src := l.pix[y*w : (y+1)*w]
		for x0w := 0; x0w < w; x0w += 32 {
			var word uint32
			for x := x0w; x < min(x0w+32, w); x++ {
				x0, x1 := max(x-r, 0), min(x+r+1, w)
				s := bot[x1] - top[x1] - bot[x0] + top[x0]
				if int32(src[x])*int32((y1-y0)*(x1-x0)) < s {
					word |= 1 << uint(x-x0w)
				}
			}
			bits.SetBulk(x0w, word)
		}
		m.SetRow(y, bits)
	}
	return m
}

// meanMatrix returns a w×h matrix for meanBits, kept for the next call: the
// full-scale picture and its upscaled centre alternate, so two sizes are kept
// rather than reallocated on every frame that reaches the upscaled retries.
func (d *FrameDecoder) meanMatrix(w, h int) *gozxing.BitMatrix {
	for _, m := range d.means {
		if m != nil && m.GetWidth() == w && m.GetHeight() == h {
			return m
		}
	}
	m, _ := gozxing.NewBitMatrix(w, h)
	d.means[0], d.means[1] = m, d.means[0]
	return m
}
