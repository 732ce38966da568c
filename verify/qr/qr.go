// Package qr finds and reads the QR code in a picture: a still image (a file)
// or a raw camera frame (RGBA or 8-bit gray bytes).
//
// It wraps github.com/makiuchi-d/gozxing. Camera frames never go through
// image.Image or color.Color per pixel (about ten times slower in
// WebAssembly): FrameDecoder converts the bytes into a reused gray buffer and
// hands gozxing its own LuminanceSource over it.
package qr

import (
	"encoding/binary"
	"errors"
	"fmt"
	"image"
	"image/color"
)

// Bounds on the pictures we accept. A 12 MP phone photo fits; anything larger
// is not a picture of a QR code we are expected to read.
const (
	MaxSide   = 1 << 13 // pixels, either dimension
	MaxPixels = 1 << 24 // width × height
)

var (
	// ErrNotFound means no readable QR code was found in the picture.
	ErrNotFound = errors.New("qr: no readable QR code found")
	// ErrFrame means the frame's size and byte slice do not agree, or a
	// dimension is zero or negative.
	ErrFrame = errors.New("qr: malformed frame")
	// ErrTooLarge means the picture exceeds MaxSide or MaxPixels.
	ErrTooLarge = errors.New("qr: picture too large")
)

func checkSize(w, h int) error {
	if w <= 0 || h <= 0 {
		return fmt.Errorf("%w: %d×%d", ErrFrame, w, h)
	}
	if w > MaxSide || h > MaxSide || w*h > MaxPixels {
		return fmt.Errorf("%w: %d×%d (max %d per side, %d pixels)", ErrTooLarge, w, h, MaxSide, MaxPixels)
	}
	return nil
}

// DecodeImage returns the text of the QR code in img. It first runs the
// normal detector (which copes with perspective and surrounding content),
// then, for clean still images the detector misses, the PURE_BARCODE mode
// (the picture holds only the code, axis-aligned, with a quiet zone).
func DecodeImage(img image.Image) (string, error) {
	if img == nil {
		return "", fmt.Errorf("%w: nil image", ErrFrame)
	}
	b := img.Bounds()
	if err := checkSize(b.Dx(), b.Dy()); err != nil {
		return "", err
	}
	var d FrameDecoder
	w, h := b.Dx(), b.Dy()
	gray := imageGray(img, nil)
	// A phone photo (12 MP) holds the code at 10+ pixels per module: try it
	// shrunk first, which is faster and needs far less memory.
	if k := (max(w, h) + photoSide - 1) / photoSide; k > 1 {
		var sums []uint32
		small, sw, sh := boxDown(nil, gray, w, h, k, &sums)
		d.setGray(small, sw, sh)
		if s, err := d.decodeLoaded(); err == nil {
			return s, nil
		}
	}
	d.setGray(gray, w, h)
	if s, err := d.decodeLoaded(); err == nil {
		return s, nil
	}
	if s, err := d.decodePure(); err == nil {
		return s, nil
	}
	return "", ErrNotFound
}

// photoSide is the longest side a still image is first decoded at.
const photoSide = 1600

// imageGray converts img to 8-bit luminance, row-major, appending to dst.
// Common still-image types take a fast path; others go through color.Color
// (acceptable for files, never used for camera frames).
func imageGray(img image.Image, dst []byte) []byte {
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	if cap(dst) < w*h {
		dst = make([]byte, w*h)
	}
	dst = dst[:w*h]
	switch m := img.(type) {
	case *image.Gray:
		for y := 0; y < h; y++ {
			o := m.PixOffset(b.Min.X, b.Min.Y+y)
			copy(dst[y*w:(y+1)*w], m.Pix[o:o+w])
		}
	case *image.YCbCr:
		// A JPEG: its Y plane is the luminance (both use Rec. 601 weights).
		for y := 0; y < h; y++ {
			o := m.YOffset(b.Min.X, b.Min.Y+y)
			copy(dst[y*w:(y+1)*w], m.Y[o:o+w])
		}
	case *image.RGBA:
		for y := 0; y < h; y++ {
			o := m.PixOffset(b.Min.X, b.Min.Y+y)
			rgbaRowToGray(dst[y*w:(y+1)*w], m.Pix[o:o+4*w])
		}
	case *image.NRGBA:
		// Transparent pixels are treated as white paper behind the code.
		for y := 0; y < h; y++ {
			o := m.PixOffset(b.Min.X, b.Min.Y+y)
			row := m.Pix[o : o+4*w]
			out := dst[y*w : (y+1)*w]
			for x := range out {
				p := row[4*x : 4*x+4]
				l := luma(p[0], p[1], p[2])
				a := uint32(p[3])
				out[x] = byte((l*a + 255*(255-a)) / 255)
			}
		}
	case *image.Paletted:
		var lut [256]byte
		for i, c := range m.Palette {
			lut[i] = colorGray(c)
		}
		for y := 0; y < h; y++ {
			o := m.PixOffset(b.Min.X, b.Min.Y+y)
			row := m.Pix[o : o+w]
			out := dst[y*w : (y+1)*w]
			for x, p := range row {
				out[x] = lut[p]
			}
		}
	default:
		i := 0
		for y := b.Min.Y; y < b.Max.Y; y++ {
			for x := b.Min.X; x < b.Max.X; x++ {
				dst[i] = colorGray(img.At(x, y))
				i++
			}
		}
	}
	return dst
}

// colorGray flattens c onto white and returns its luminance.
func colorGray(c color.Color) byte {
	r, g, b, a := c.RGBA() // premultiplied, 16 bit
	white := 0xffff - a
	return byte(luma(byte((r+white)>>8), byte((g+white)>>8), byte((b+white)>>8)))
}

// luma is the Rec. 601 luminance with integer weights summing to 256.
func luma(r, g, b byte) uint32 {
	return (77*uint32(r) + 150*uint32(g) + 29*uint32(b)) >> 8
}

// rgbaRowToGray converts four pixels per step, two per 64-bit load: with R
// and B of both pixels in 16-bit lanes, one multiplication by 29 + 77·2¹⁶
// leaves 77·R + 29·B of pixel 0 in bits 16–31 and of pixel 1 in bits 48–63,
// and G of both pixels, moved to bits 0 and 32, times 150·2¹⁶ adds 150·G to
// the same lanes. No lane overflows (each sum is at most 255·256) or
// carries into the next, so bits 24–31 and 56–63 are the two lumas, exactly
// those of luma().
func rgbaRowToGray(dst, src []byte) {
	src = src[:4*len(dst)] // one bounds check for the row
	n := len(dst) &^ 3
	for x := 0; x < n; x += 4 {
		s := src[4*x : 4*x+16]
		a := binary.LittleEndian.Uint64(s)
		b := binary.LittleEndian.Uint64(s[8:])
		ya := (a&0x00ff00ff00ff00ff)*(29+77<<16) + (a>>8&0x000000ff000000ff)*(150<<16)
		yb := (b&0x00ff00ff00ff00ff)*(29+77<<16) + (b>>8&0x000000ff000000ff)*(150<<16)
		// Pixels 0 and 2 to bits 0 and 16, 1 and 3 to bits 32 and 48, then
		// 1 and 3 down to bits 8 and 24.
		r := ya>>24&0x000000ff000000ff | yb>>8&0x00ff000000ff0000
		binary.LittleEndian.PutUint32(dst[x:], uint32(r|r>>24))
	}
	for x := n; x < len(dst); x++ {
		p := src[4*x:]
		dst[x] = byte(luma(p[0], p[1], p[2]))
	}
}
