package camframes

import (
	"bytes"
	"image"
	"image/png"

	"passcheck/internal/dgctestdata"
)

// Vector is one dgc-testdata QR vector: its picture and what it must read as.
type Vector struct {
	Name string // path relative to the testdata folder, e.g. "AT/2DCode/raw/1.json"
	Text string // PREFIX: the QR text
	// PictureDecode is EXPECTEDPICTUREDECODE; nil when the vector does not say.
	PictureDecode *bool
	PNG           []byte      // the 2DCODE bytes
	Image         image.Image // the decoded PNG, nil when it is not one (see ImageErr)
	ImageErr      error
}

// LoadVectors reads every dir/*/2DCode/raw/*.json that carries a QR
// picture (2DCODE or _2DCODE), sorted by name, through the project's one
// dgc-testdata reader. A picture that is not base64 is an error; one that
// is not a PNG is reported in Vector.ImageErr.
func LoadVectors(dir string) ([]Vector, error) {
	vs, err := dgctestdata.Load(dir)
	if err != nil {
		return nil, err
	}
	var out []Vector
	for _, v := range vs {
		raw, err := v.Picture()
		if err != nil {
			return nil, err
		}
		if raw == nil {
			continue
		}
		var want *bool
		if b, ok := v.Expected["EXPECTEDPICTUREDECODE"]; ok {
			want = &b
		}
		// Some vectors carry bytes that are not a PNG on purpose (a picture
		// that must fail to decode): keep the error for the caller to judge.
		img, imgErr := png.Decode(bytes.NewReader(raw))
		out = append(out, Vector{Name: v.Path, Text: v.Prefix, PictureDecode: want,
			PNG: raw, Image: img, ImageErr: imgErr})
	}
	return out, nil
}
