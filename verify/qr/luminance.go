package qr

import (
	"fmt"

	"github.com/makiuchi-d/gozxing"
)

// luminance is a gozxing.LuminanceSource over a row-major gray buffer we own
// and reuse from frame to frame.
type luminance struct {
	pix  []byte
	w, h int
}

var _ gozxing.LuminanceSource = (*luminance)(nil)

func (l *luminance) GetRow(y int, row []byte) ([]byte, error) {
	if y < 0 || y >= l.h {
		return nil, fmt.Errorf("qr: row %d outside [0,%d)", y, l.h)
	}
	if cap(row) < l.w {
		row = make([]byte, l.w)
	}
	row = row[:l.w]
	copy(row, l.pix[y*l.w:(y+1)*l.w])
	return row, nil
}

// GetMatrix returns the buffer itself: gozxing only reads it.
func (l *luminance) GetMatrix() []byte       { return l.pix[:l.w*l.h] }
func (l *luminance) GetWidth() int           { return l.w }
func (l *luminance) GetHeight() int          { return l.h }
func (l *luminance) IsCropSupported() bool   { return false }
func (l *luminance) IsRotateSupported() bool { return false }
func (l *luminance) Invert() gozxing.LuminanceSource {
	return gozxing.NewInvertedLuminanceSource(l)
}
func (l *luminance) String() string { return gozxing.LuminanceSourceString(l) }

func (l *luminance) Crop(left, top, width, height int) (gozxing.LuminanceSource, error) {
	return nil, fmt.Errorf("qr: crop not supported")
}

func (l *luminance) RotateCounterClockwise() (gozxing.LuminanceSource, error) {
	return nil, fmt.Errorf("qr: rotation not supported")
}

func (l *luminance) RotateCounterClockwise45() (gozxing.LuminanceSource, error) {
	return nil, fmt.Errorf("qr: rotation not supported")
}
