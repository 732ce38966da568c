package common

// PASSCHECK PATCH (file added): the CJK character sets stand-ins.
//
// Upstream gozxing links golang.org/x/text's Shift_JIS, EUC-JP, GB18030,
// Big5 and EUC-KR tables and its IANA index into every program that reads a
// QR code: about 670 KB of WebAssembly, 247 KB after brotli, on a phone's
// first visit to Passcheck. EU DCC codes use the alphanumeric mode (HC1:...)
// or byte mode in UTF-8/ISO-8859-1, so these stand-ins keep the character
// sets' names and ECI numbers but refuse to convert: a Kanji/Hanzi segment,
// or a byte segment in one of these sets, is a FormatException (as for any
// other undecodable segment) instead of text.

import (
	"errors"

	"golang.org/x/text/encoding"
	"golang.org/x/text/transform"
)

var (
	unsupportedShiftJIS = unsupportedCharset{"Shift_JIS"}
	unsupportedEUCJP    = unsupportedCharset{"EUC-JP"}
	unsupportedGB18030  = unsupportedCharset{"GB18030"}
	unsupportedBig5     = unsupportedCharset{"Big5"}
	unsupportedEUCKR    = unsupportedCharset{"EUC-KR"}
)

// ErrUnsupportedCharset is what converting text in a stand-in returns.
var ErrUnsupportedCharset = errors.New("gozxing: character set not supported in this build")

type unsupportedCharset struct{ name string }

func (c unsupportedCharset) NewDecoder() *encoding.Decoder {
	return &encoding.Decoder{Transformer: refuse{}}
}

func (c unsupportedCharset) NewEncoder() *encoding.Encoder {
	return &encoding.Encoder{Transformer: refuse{}}
}

func (c unsupportedCharset) String() string { return c.name }

// refuse converts nothing: any input is an error.
type refuse struct{ transform.NopResetter }

func (refuse) Transform(dst, src []byte, atEOF bool) (int, int, error) {
	if len(src) == 0 {
		return 0, 0, nil
	}
	return 0, 0, ErrUnsupportedCharset
}
