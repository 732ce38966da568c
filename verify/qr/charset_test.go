package qr

import (
	"errors"
	"testing"

	"github.com/makiuchi-d/gozxing/common"
	"github.com/makiuchi-d/gozxing/qrcode/decoder"
)

// bitWriter builds a QR data bitstream by hand (ISO 18004 §7.4).
type bitWriter struct {
	b []byte
	n int
}

func (w *bitWriter) put(v, bits int) *bitWriter {
	for i := bits - 1; i >= 0; i-- {
		if w.n%8 == 0 {
			w.b = append(w.b, 0)
		}
		if v>>i&1 == 1 {
			w.b[w.n/8] |= 0x80 >> (w.n % 8)
		}
		w.n++
	}
	return w
}

func (w *bitWriter) bytes(bs ...byte) *bitWriter {
	for _, c := range bs {
		w.put(int(c), 8)
	}
	return w
}

// TestPatchedCharsets pins the behaviour of the gozxing patch (see
// third_party/gozxing/PATCHES.md): segments in the character sets a DCC can
// use still decode; the CJK sets, whose tables the patch drops, are a
// FormatException, never a panic or made-up text.
func TestPatchedCharsets(t *testing.T) {
	const (
		modeNumeric = 0b0001
		modeAlnum   = 0b0010
		modeByte    = 0b0100
		modeECI     = 0b0111
		modeKanji   = 0b1000
		modeHanzi   = 0b1101
	)
	tests := []struct {
		name string
		bits *bitWriter
		want string // "" with fail
		fail bool
	}{
		{"alphanumeric", new(bitWriter).put(modeAlnum, 4).put(3, 9).put(17*45+12, 11).put(1, 6), "HC1", false},
		{"numeric", new(bitWriter).put(modeNumeric, 4).put(3, 10).put(123, 10), "123", false},
		{"byte, ASCII, no ECI", new(bitWriter).put(modeByte, 4).put(3, 8).bytes('H', 'C', '1'), "HC1", false},
		{"byte, UTF-8 guessed", new(bitWriter).put(modeByte, 4).put(2, 8).bytes(0xC3, 0xA9), "é", false},
		{"byte, ISO-8859-1 guessed", new(bitWriter).put(modeByte, 4).put(3, 8).bytes('a', 0xE9, 'b'), "aéb", false},
		{"ECI 26 UTF-8", new(bitWriter).put(modeECI, 4).put(26, 8).put(modeByte, 4).put(2, 8).bytes(0xC3, 0xA9), "é", false},
		{"ECI 3 ISO-8859-1", new(bitWriter).put(modeECI, 4).put(3, 8).put(modeByte, 4).put(1, 8).bytes(0xE9), "é", false},
		{"ECI 25 UTF-16BE", new(bitWriter).put(modeECI, 4).put(25, 8).put(modeByte, 4).put(2, 8).bytes(0x00, 0xE9), "é", false},
		{"ECI 20 Shift_JIS", new(bitWriter).put(modeECI, 4).put(20, 8).put(modeByte, 4).put(2, 8).bytes(0x82, 0xA0), "", true},
		{"ECI 30 EUC-KR", new(bitWriter).put(modeECI, 4).put(30, 8).put(modeByte, 4).put(2, 8).bytes(0xB0, 0xA1), "", true},
		{"ECI 28 Big5", new(bitWriter).put(modeECI, 4).put(28, 8).put(modeByte, 4).put(2, 8).bytes(0xA4, 0x40), "", true},
		{"ECI 29 GB18030", new(bitWriter).put(modeECI, 4).put(29, 8).put(modeByte, 4).put(2, 8).bytes(0xB0, 0xA1), "", true},
		{"Kanji segment", new(bitWriter).put(modeKanji, 4).put(1, 8).put(0x0AAA, 13), "", true},
		// Hanzi: mode, GB2312 subset 1, count.
		{"Hanzi segment", new(bitWriter).put(modeHanzi, 4).put(1, 4).put(1, 8).put(0x0AAA, 13), "", true},
		// Byte data that looks like Shift_JIS (three double-byte
		// characters) is guessed as Shift_JIS, which this build refuses.
		{"byte, guessed Shift_JIS", new(bitWriter).put(modeByte, 4).put(6, 8).bytes(0x82, 0xA0, 0x82, 0xA2, 0x82, 0xA4), "", true},
	}
	v, err := decoder.Version_GetVersionForNumber(2)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			data := append(tc.bits.put(0, 4).b, make([]byte, 4)...) // terminator, padding
			r, err := decoder.DecodedBitStreamParser_Decode(data, v, decoder.ErrorCorrectionLevel_L, nil)
			if tc.fail {
				if err == nil {
					t.Fatalf("decoded %q, want an error", r.GetText())
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := r.GetText(); got != tc.want {
				t.Fatalf("text %q, want %q", got, tc.want)
			}
		})
	}
}

func TestUnsupportedCharsetError(t *testing.T) {
	eci, err := common.GetCharacterSetECIByValue(20)
	if err != nil || eci == nil {
		t.Fatalf("ECI 20: %v, %v", eci, err)
	}
	if eci.Name() != "Shift_JIS" {
		t.Errorf("ECI 20 is %q", eci.Name())
	}
	if _, err := eci.GetCharset().NewDecoder().Bytes([]byte{0x82, 0xA0}); !errors.Is(err, common.ErrUnsupportedCharset) {
		t.Errorf("decoding Shift_JIS: %v, want ErrUnsupportedCharset", err)
	}
	if got, ok := common.GetCharacterSetECI(eci.GetCharset()); !ok || got != eci {
		t.Errorf("GetCharacterSetECI(Shift_JIS) = %v, %v", got, ok)
	}
}
