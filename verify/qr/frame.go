package qr

import (
	"fmt"
	"image"

	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/qrcode"
)

// FrameDecoder reads QR codes from a stream of camera frames, reusing its
// buffers between calls. The zero value is ready to use. A FrameDecoder is not
// safe for concurrent use.
type FrameDecoder struct {
	// Window, when not empty, restricts the search to this rectangle of the
	// frame (clipped to the frame): a scan window drawn on screen both guides
	// the user and saves the time spent on the rest of the frame.
	Window image.Rectangle

	gray   []byte
	lum    luminance
	reader gozxing.Reader
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

var (
	hintsNone = map[gozxing.DecodeHintType]interface{}{}
	hintsHard = map[gozxing.DecodeHintType]interface{}{gozxing.DecodeHintType_TRY_HARDER: true}
	hintsPure = map[gozxing.DecodeHintType]interface{}{gozxing.DecodeHintType_PURE_BARCODE: true}
)

// decodeLoaded runs the detector over the loaded gray buffer.
func (d *FrameDecoder) decodeLoaded() (string, error) {
	if s, ok := d.try(gozxing.NewHybridBinarizer(&d.lum), hintsNone); ok {
		return s, nil
	}
	return "", ErrNotFound
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
