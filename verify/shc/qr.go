package shc

import (
	"fmt"
	"strconv"
	"strings"
)

const (
	// Prefix starts the text of every SMART Health Card QR code.
	Prefix = "shc:/"
	// MaxTextLen bounds one QR code's text: a version-40 numeric QR holds
	// 7 089 digits.
	MaxTextLen = 7200
	// MaxSingleJWSLen is the longest JWS one QR code may carry (the
	// specification's version-22 limit).
	MaxSingleJWSLen = 1195
	// MaxChunkJWSLen is the longest JWS part of one chunk of a chunked card.
	MaxChunkJWSLen = 1191
	// MaxChunks bounds n in "shc:/i/n/…".
	MaxChunks = 10
)

// IsSHC reports whether text is meant as a SMART Health Card QR code.
func IsSHC(text string) bool { return strings.HasPrefix(text, Prefix) }

// DecodeQR returns the JWS of a single-QR card ("shc:/" + digits). A chunk
// of a chunked card is refused with ErrPartial: give it to a Chunks.
func DecodeQR(text string) (string, error) {
	if len(text) > MaxTextLen {
		return "", fmt.Errorf("%w: %d bytes of QR text, at most %d", ErrTooLong, len(text), MaxTextLen)
	}
	if !IsSHC(text) {
		return "", ErrPrefix
	}
	body := text[len(Prefix):]
	if strings.Contains(body, "/") {
		c, err := ParseChunk(text)
		if err != nil {
			return "", err
		}
		return "", fmt.Errorf("%w: chunk %d of %d", ErrPartial, c.Index, c.Total)
	}
	jws, err := decodeDigits(body, 0)
	if err != nil {
		return "", err
	}
	if len(jws) > MaxSingleJWSLen {
		return "", fmt.Errorf("%w: %d JWS characters in one QR code, at most %d", ErrTooLong, len(jws), MaxSingleJWSLen)
	}
	return jws, nil
}

// decodeDigits turns digit pairs into characters: each pair is a character
// code minus 45, so "00".."77" map to '-'..'z'. off is the position of
// body in the QR text, for error messages.
func decodeDigits(body string, off int) (string, error) {
	if len(body)%2 != 0 {
		return "", fmt.Errorf("%w: odd number of digits (%d)", ErrNumeric, len(body))
	}
	if body == "" {
		return "", fmt.Errorf("%w: no digits", ErrNumeric)
	}
	b := make([]byte, len(body)/2)
	for i := 0; i < len(body); i += 2 {
		hi, lo := body[i], body[i+1]
		if hi < '0' || hi > '9' || lo < '0' || lo > '9' {
			return "", fmt.Errorf("%w: not a digit at offset %d", ErrNumeric, off+i)
		}
		n := int(hi-'0')*10 + int(lo-'0')
		if n > 'z'-45 {
			return "", fmt.Errorf("%w: pair %02d at offset %d is above 77", ErrNumeric, n, off+i)
		}
		b[i/2] = byte(n + 45)
	}
	return string(b), nil
}

// Chunk is one QR code of a chunked card.
type Chunk struct {
	Index, Total int    // "shc:/Index/Total/…", 1 ≤ Index ≤ Total
	JWS          string // this chunk's part of the JWS
}

// ParseChunk reads one QR code of a chunked card ("shc:/i/n/digits").
func ParseChunk(text string) (Chunk, error) {
	if len(text) > MaxTextLen {
		return Chunk{}, fmt.Errorf("%w: %d bytes of QR text, at most %d", ErrTooLong, len(text), MaxTextLen)
	}
	if !IsSHC(text) {
		return Chunk{}, ErrPrefix
	}
	parts := strings.SplitN(text[len(Prefix):], "/", 3)
	if len(parts) != 3 {
		return Chunk{}, fmt.Errorf("%w: want shc:/INDEX/TOTAL/DIGITS", ErrChunk)
	}
	i, err1 := parseSmall(parts[0])
	n, err2 := parseSmall(parts[1])
	if err1 != nil || err2 != nil {
		return Chunk{}, fmt.Errorf("%w: index %q or total %q is not a small number", ErrChunk, parts[0], parts[1])
	}
	if n < 2 || n > MaxChunks {
		return Chunk{}, fmt.Errorf("%w: %d chunks; a chunked card has 2 to %d", ErrChunk, n, MaxChunks)
	}
	if i < 1 || i > n {
		return Chunk{}, fmt.Errorf("%w: chunk index %d out of 1..%d", ErrChunk, i, n)
	}
	off := len(Prefix) + len(parts[0]) + len(parts[1]) + 2
	jws, err := decodeDigits(parts[2], off)
	if err != nil {
		return Chunk{}, err
	}
	if len(jws) > MaxChunkJWSLen {
		return Chunk{}, fmt.Errorf("%w: chunk %d holds %d JWS characters, at most %d", ErrChunk, i, len(jws), MaxChunkJWSLen)
	}
	return Chunk{Index: i, Total: n, JWS: jws}, nil
}

// parseSmall reads a positive decimal of at most two digits, no sign, no
// leading zero.
func parseSmall(s string) (int, error) {
	if len(s) == 0 || len(s) > 2 || s[0] == '0' {
		return 0, strconv.ErrSyntax
	}
	return strconv.Atoi(s)
}

// Chunks assembles a chunked card from its QR codes, scanned in any order.
// The zero value is ready; it holds at most MaxChunks chunks of one card
// (the first chunk added fixes the total).
type Chunks struct {
	total int
	parts []string
	got   int
}

// Add takes one QR code's text. It reports whether the card is complete;
// a chunk seen before is accepted again only with the same content. A
// chunk whose total differs from the first one's is refused (ErrChunk):
// call Reset to start another card.
func (c *Chunks) Add(text string) (complete bool, err error) {
	ch, err := ParseChunk(text)
	if err != nil {
		return c.Complete(), err
	}
	if c.total == 0 {
		c.total, c.parts = ch.Total, make([]string, ch.Total)
	}
	if ch.Total != c.total {
		return c.Complete(), fmt.Errorf("%w: chunk of a %d-part card while assembling a %d-part one", ErrChunk, ch.Total, c.total)
	}
	switch p := c.parts[ch.Index-1]; {
	case p == "":
		c.parts[ch.Index-1] = ch.JWS
		c.got++
	case p != ch.JWS:
		return c.Complete(), fmt.Errorf("%w: chunk %d differs from the one scanned before", ErrChunk, ch.Index)
	}
	return c.Complete(), nil
}

// Progress returns how many distinct chunks were added and how many the
// card has (0, 0 before the first).
func (c *Chunks) Progress() (got, total int) { return c.got, c.total }

// Complete reports whether every chunk has been added.
func (c *Chunks) Complete() bool { return c.total > 0 && c.got == c.total }

// JWS returns the assembled JWS, or ErrPartial while chunks are missing.
func (c *Chunks) JWS() (string, error) {
	if !c.Complete() {
		return "", fmt.Errorf("%w: %d of %d chunks", ErrPartial, c.got, c.total)
	}
	return strings.Join(c.parts, ""), nil
}

// Reset forgets every chunk.
func (c *Chunks) Reset() { *c = Chunks{} }
