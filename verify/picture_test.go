package verify

import (
	"bytes"
	"image/png"
	"testing"

	"passcheck/verify/qr"
)

// pictureDecodes checks EXPECTEDPICTUREDECODE: the vector's PNG decodes,
// through verify/qr, to exactly its QR text. A vector that sets the flag
// but holds no picture (common/B1) cannot be checked.
func (v *vector) pictureDecodes(t *testing.T) (got, checked bool) {
	b, err := v.Picture()
	if err != nil {
		return false, true
	}
	if b == nil {
		return false, false
	}
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		return false, true
	}
	text, err := qr.DecodeImage(img)
	return err == nil && text == v.Prefix, true
}
