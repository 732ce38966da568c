package camframes

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"sort"
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

// maxVectorFile bounds the size of one vector file we read.
const maxVectorFile = 4 << 20

// LoadVectors reads every dir/*/2DCode/raw/*.json that carries a 2DCODE
// picture, sorted by name. A 2DCODE that is not base64 is an error; one
// that is not a PNG is reported in Vector.ImageErr.
func LoadVectors(dir string) ([]Vector, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*", "2DCode", "raw", "*.json"))
	if err != nil {
		return nil, err
	}
	sort.Strings(files)
	var out []Vector
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		if len(data) > maxVectorFile {
			return nil, fmt.Errorf("%s: %d bytes, over %d", f, len(data), maxVectorFile)
		}
		data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")) // some files start with a BOM
		var v struct {
			Code     string `json:"2DCODE"`
			Prefix   string `json:"PREFIX"`
			Expected struct {
				Picture *bool `json:"EXPECTEDPICTUREDECODE"`
			} `json:"EXPECTEDRESULTS"`
		}
		if err := json.Unmarshal(data, &v); err != nil {
			return nil, fmt.Errorf("%s: %v", f, err)
		}
		if v.Code == "" {
			continue
		}
		raw, err := base64.StdEncoding.DecodeString(v.Code)
		if err != nil {
			return nil, fmt.Errorf("%s: 2DCODE: %v", f, err)
		}
		// Some vectors carry bytes that are not a PNG on purpose (a picture
		// that must fail to decode): keep the error for the caller to judge.
		img, imgErr := png.Decode(bytes.NewReader(raw))
		name, _ := filepath.Rel(dir, f)
		out = append(out, Vector{Name: filepath.ToSlash(name), Text: v.Prefix, PictureDecode: v.Expected.Picture,
			PNG: raw, Image: img, ImageErr: imgErr})
	}
	return out, nil
}
