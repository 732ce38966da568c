package verify

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"io"
	"strings"

	"github.com/fxamacker/cbor/v2"

	"passcheck/verify/base45"
)

// Bounds on untrusted input. A version 40 QR code holds at most 4 296
// alphanumeric characters; real DCCs inflate to 300–2 000 bytes.
const (
	MaxTextLen     = 4300     // characters of QR text, prefix included
	MaxInflatedLen = 64 << 10 // bytes of COSE after zlib
)

// Prefix is the HCERT context identifier of version 1.
const Prefix = "HC1:"

// decMode is the one CBOR decoder for untrusted bytes: duplicate map keys,
// indefinite lengths and trailing bytes (Unmarshal's ExtraneousDataError)
// are errors, and depth and sizes are bounded well below fxamacker's
// defaults so a declared 2³² array fails before any allocation. Tags stay
// allowed: real issuers tag dates.
var decMode = func() cbor.DecMode {
	m, err := cbor.DecOptions{
		DupMapKey:        cbor.DupMapKeyEnforcedAPF,
		IndefLength:      cbor.IndefLengthForbidden,
		MaxNestedLevels:  16,
		MaxArrayElements: 1024,
		MaxMapPairs:      1024,
		TagsMd:           cbor.TagsAllowed,
		IntDec:           cbor.IntDecConvertSigned,
	}.DecMode()
	if err != nil {
		panic(err)
	}
	return m
}()

// Unprefix checks the length bound and the HC1: prefix and returns the
// base45 text after it.
func Unprefix(text string) (string, error) {
	if len(text) > MaxTextLen {
		return "", fmt.Errorf("%w: %d characters, at most %d", ErrTooLong, len(text), MaxTextLen)
	}
	rest, ok := strings.CutPrefix(text, Prefix)
	if !ok {
		got := text
		if len(got) > 4 {
			got = got[:4]
		}
		return "", fmt.Errorf("%w: starts with %q", ErrNotHealthCert, got)
	}
	return rest, nil
}

// DecodeBase45 decodes the text after the prefix.
func DecodeBase45(s string) ([]byte, error) {
	b, err := base45.Decode(s)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrBase45, err)
	}
	return b, nil
}

// Inflate decompresses zlib data, reading at most MaxInflatedLen+1 bytes so
// that a zlib bomb fails after that much work and memory.
func Inflate(b []byte) ([]byte, error) {
	zr, err := zlib.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrInflate, err)
	}
	defer zr.Close()
	out, err := io.ReadAll(io.LimitReader(zr, MaxInflatedLen+1))
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrInflate, err)
	}
	if len(out) > MaxInflatedLen {
		return nil, fmt.Errorf("%w: more than %d bytes", ErrTooLarge, MaxInflatedLen)
	}
	return out, nil
}
