package verify

import (
	"bytes"
	"encoding/base64"
	"image/png"
	"testing"

	"passcheck/verify/qr"
)

// pictureDecodes checks EXPECTEDPICTUREDECODE: the vector's PNG decodes,
// through verify/qr, to exactly its QR text. A vector that sets the flag
// but holds no picture (common/B1) cannot be checked.
func (v *vector) pictureDecodes(t *testing.T) (got, checked bool) {
	pic := v.PNG
	if pic == "" {
		pic = v.PNGAlt
	}
	if pic == "" {
		return false, false
	}
	b, err := base64.StdEncoding.DecodeString(pic)
	if err != nil {
		return false, true
	}
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		return false, true
	}
	text, err := qr.DecodeImage(img)
	return err == nil && text == v.Prefix, true
}
