package camframes

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"image"
	"image/color"
	"math/rand/v2"
	"strings"

	"github.com/fxamacker/cbor/v2"
	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/qrcode"

	"passcheck/verify/base45"
)

// DenseCode makes, from seed alone, the HC1 text of a test certificate with
// long names and a long test-centre name, and its QR code at a version from
// 25 to 40 (the highest error-correction level that fits at that version),
// drawn one pixel per module with a 4-module quiet zone. The signature is
// random bytes of an ES256 or a PS256 (RSA 2048 or 4096) signature's size:
// these codes are for reading, not verifying.
func DenseCode(seed uint64) (text string, img *image.Gray, version int, err error) {
	r := rand.New(rand.NewPCG(seed, 0xd1b54a32d192ed03))
	text, err = denseText(r)
	if err != nil {
		return "", nil, 0, err
	}
	version = 25 + r.IntN(16)
	for _, ec := range []string{"H", "Q", "M", "L"} {
		m, e := qrcode.NewQRCodeWriter().Encode(text, gozxing.BarcodeFormat_QR_CODE, 0, 0,
			map[gozxing.EncodeHintType]any{
				gozxing.EncodeHintType_ERROR_CORRECTION: ec,
				gozxing.EncodeHintType_QR_VERSION:       version,
				gozxing.EncodeHintType_MARGIN:           4,
			})
		if e != nil {
			continue
		}
		img = image.NewGray(image.Rect(0, 0, m.GetWidth(), m.GetHeight()))
		for y := 0; y < m.GetHeight(); y++ {
			for x := 0; x < m.GetWidth(); x++ {
				c := color.Gray{255}
				if m.Get(x, y) {
					c = color.Gray{0}
				}
				img.SetGray(x, y, c)
			}
		}
		return text, img, version, nil
	}
	return "", nil, 0, fmt.Errorf("camframes: %d characters do not fit version %d", len(text), version)
}

// detCBOR sorts map keys: the same seed must give the same text.
var detCBOR, _ = cbor.CoreDetEncOptions().EncMode()

var syllables = strings.Fields("an ber bach chen del dorf ek fel gar hau ister jo kow lin mar ne ova pet quin ros sch stein ter ul van wic zy ße ö ü é ñ ła")

// word is a capitalised name of n syllables.
func word(r *rand.Rand, n int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		b.WriteString(syllables[r.IntN(len(syllables))])
	}
	s := []rune(b.String())
	return strings.ToUpper(string(s[0])) + string(s[1:])
}

// names joins words with sep up to about max bytes.
func names(r *rand.Rand, sep string, max int) string {
	var parts []string
	n := 0
	for n < max-12 {
		w := word(r, 2+r.IntN(3))
		parts = append(parts, w)
		n += len(w) + len(sep)
	}
	s := strings.Join(parts, sep)
	for len(s) > max {
		parts = parts[:len(parts)-1]
		s = strings.Join(parts, sep)
	}
	return s
}

// icao is the machine-readable transliteration of a name (roughly ICAO 9303).
func icao(s string) string {
	repl := strings.NewReplacer("ß", "SS", "Ö", "OE", "Ü", "UE", "É", "E", "Ñ", "N", "Ł", "L", "-", "<", " ", "<")
	t := repl.Replace(strings.ToUpper(s))
	return t[:min(len(t), 80)]
}

func denseText(r *rand.Rand) (string, error) {
	fn := names(r, "-", 40+r.IntN(41))
	gn := names(r, " ", 30+r.IntN(51))
	tc := "Testzentrum " + names(r, " ", 60+r.IntN(8)) + " GmbH"
	iat := int64(1_700_000_000 + r.IntN(100_000_000))
	dcc := map[string]any{
		"ver": "1.3.0",
		"nam": map[string]any{"fn": fn, "fnt": icao(fn), "gn": gn, "gnt": icao(gn)},
		"dob": fmt.Sprintf("%04d-%02d-%02d", 1930+r.IntN(80), 1+r.IntN(12), 1+r.IntN(28)),
		"t": []any{map[string]any{
			"tg": "840539006", "tt": "LP217198-3", "ma": "1232",
			"sc": fmt.Sprintf("2026-%02d-%02dT%02d:%02d:00Z", 1+r.IntN(12), 1+r.IntN(28), r.IntN(24), r.IntN(60)),
			"tr": "260415000", "tc": tc, "co": "DE", "is": "Robert Koch-Institut",
			"ci": fmt.Sprintf("URN:UVCI:01DE/IBMT102/%016X#%c", r.Uint64(), 'A'+rune(r.IntN(26))),
		}},
	}
	payload, err := detCBOR.Marshal(map[int]any{1: "DE", 4: iat + 2*86400, 6: iat, -260: map[int]any{1: dcc}})
	if err != nil {
		return "", err
	}
	kid := make([]byte, 8)
	for i := range kid {
		kid[i] = byte(r.Uint32())
	}
	alg, sigLen := -7, 64 // ES256
	switch r.IntN(3) {
	case 1:
		alg, sigLen = -37, 256 // PS256, RSA 2048
	case 2:
		alg, sigLen = -37, 512 // PS256, RSA 4096
	}
	protected, err := detCBOR.Marshal(map[int]any{1: alg, 4: kid})
	if err != nil {
		return "", err
	}
	sig := make([]byte, sigLen)
	for i := range sig {
		sig[i] = byte(r.Uint32())
	}
	msg, err := detCBOR.Marshal(cbor.Tag{Number: 18, Content: []any{protected, map[int]any{}, payload, sig}})
	if err != nil {
		return "", err
	}
	var z bytes.Buffer
	zw, _ := zlib.NewWriterLevel(&z, zlib.BestCompression)
	zw.Write(msg)
	zw.Close()
	return "HC1:" + base45.Encode(z.Bytes()), nil
}
