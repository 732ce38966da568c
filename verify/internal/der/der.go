// Package der reads, strictly, the parts of X.509 certificates and
// SubjectPublicKeyInfo that a DCC verifier needs: the public key, the
// validity window, the subject's country and the extended key usages.
//
// It is hand-written so that the browser build reaches neither
// crypto/x509's certificate parser nor the reflection-based encoding/asn1
// decoder (53 KB of the shipped app.wasm after brotli, docs/BENCHMARKS.md).
// It accepts DER only: definite lengths in the fewest octets, single-byte
// tags, no trailing bytes at any level, and every field of the certificate
// checked for its tag and form, including the ones whose values it does
// not keep. It does not recurse: the certificate's shape bounds the depth.
package der

import "fmt"

// Universal and context-specific tags this package reads.
const (
	tagBoolean         = 0x01
	tagInteger         = 0x02
	tagBitString       = 0x03
	tagOctetString     = 0x04
	tagNull            = 0x05
	tagOID             = 0x06
	tagUTF8String      = 0x0c
	tagNumericString   = 0x12
	tagPrintableString = 0x13
	tagT61String       = 0x14
	tagIA5String       = 0x16
	tagUTCTime         = 0x17
	tagGeneralizedTime = 0x18
	tagBMPString       = 0x1e
	tagSequence        = 0x30
	tagSet             = 0x31
	tagVersion         = 0xa0 // [0] EXPLICIT
	tagIssuerUID       = 0x81 // [1] IMPLICIT BIT STRING
	tagSubjectUID      = 0x82 // [2] IMPLICIT BIT STRING
	tagExtensions      = 0xa3 // [3] EXPLICIT
)

// Error is a parse error: what is wrong, in which field, at which byte
// offset of the input.
type Error struct {
	Field  string // e.g. "tbsCertificate.validity.notAfter"
	Offset int    // of the element (or byte) at fault
	Reason string
}

func (e *Error) Error() string {
	return fmt.Sprintf("der: %s at byte %d: %s", e.Field, e.Offset, e.Reason)
}

// input is a window of the DER being read; off is its offset in the whole
// input, for errors.
type input struct {
	b   []byte
	off int
}

// parser keeps the first error: once it is set, every read returns empty
// contents, so a structure reads as a straight sequence of calls with one
// check at the end (as with cryptobyte and bufio.Scanner).
type parser struct {
	err error
}

// fail is not inlined: it is called from some 50 places, and one call is
// far less wasm than an inlined allocation at each.
//
//go:noinline
func (p *parser) fail(at input, field, reason string) {
	if p.err == nil {
		p.err = &Error{Field: field, Offset: at.off, Reason: reason}
	}
}

func (p *parser) failf(at input, field, format string, a ...any) {
	p.fail(at, field, fmt.Sprintf(format, a...))
}

// more reports whether in has elements left and no error occurred.
func (p *parser) more(in *input) bool { return p.err == nil && len(in.b) > 0 }

// peek returns the next tag, or -1 at the end or after an error.
func (p *parser) peek(in *input) int {
	if !p.more(in) {
		return -1
	}
	return int(in.b[0])
}

// element reads one TLV, checking it is DER: a single-byte tag, a definite
// length in the fewest octets, contents within the input. It returns the
// tag and the contents.
func (p *parser) element(in *input, field string) (byte, input) {
	b := in.b
	switch {
	case p.err != nil:
		return 0, input{}
	case len(b) < 2:
		p.fail(*in, field, "truncated")
		return 0, input{}
	case b[0]&0x1f == 0x1f:
		p.fail(*in, field, "multi-byte tag")
		return 0, input{}
	}
	n, hdr := int(b[1]), 2
	if n >= 0x80 {
		// Long form: 1–3 length octets (16 MiB is far above any input
		// here), no leading zero, for a length of 128 or more.
		k := n & 0x7f
		if k == 0 {
			p.fail(*in, field, "indefinite length")
			return 0, input{}
		}
		if k > 3 || len(b) < 2+k {
			p.fail(*in, field, "bad length")
			return 0, input{}
		}
		n = 0
		for _, c := range b[2 : 2+k] {
			n = n<<8 | int(c)
		}
		if b[2] == 0 || n < 0x80 {
			p.fail(*in, field, "length not in the fewest octets")
			return 0, input{}
		}
		hdr += k
	}
	if len(b)-hdr < n {
		p.fail(*in, field, "truncated")
		return 0, input{}
	}
	c := input{b: b[hdr : hdr+n], off: in.off + hdr}
	in.b = b[hdr+n:]
	in.off += hdr + n
	return b[0], c
}

// read reads one element that must have tag want and returns its contents.
func (p *parser) read(in *input, field string, want byte) input {
	at := *in
	tag, c := p.element(in, field)
	if p.err == nil && tag != want {
		p.failf(at, field, "tag %#x, want %#x", tag, want)
		return input{}
	}
	return c
}

// optional reads an element with tag want if it comes next.
func (p *parser) optional(in *input, field string, want byte) (input, bool) {
	if p.peek(in) != int(want) {
		return input{}, false
	}
	return p.read(in, field, want), p.err == nil
}

// end checks that nothing follows the last field of a structure.
func (p *parser) end(in input, field string) {
	if p.err == nil && len(in.b) != 0 {
		p.fail(in, field, "trailing bytes")
	}
}

// integer reads an INTEGER (at least one octet, minimal two's complement)
// and returns its contents.
func (p *parser) integer(in *input, field string) []byte {
	c := p.read(in, field, tagInteger)
	b := c.b
	switch {
	case p.err != nil:
	case len(b) == 0:
		p.fail(c, field, "empty INTEGER")
	case len(b) > 1 && (b[0] == 0 && b[1]&0x80 == 0 || b[0] == 0xff && b[1]&0x80 != 0):
		p.fail(c, field, "INTEGER not in the fewest octets")
	default:
		return b
	}
	return nil
}

// bitString reads a BIT STRING and returns its bytes and unused-bit count:
// at most 7 unused bits, none in an empty string, and the unused bits zero,
// as DER requires.
func (p *parser) bitString(in *input, field string, want byte) (input, int) {
	c := p.read(in, field, want)
	if p.err != nil {
		return input{}, 0
	}
	if len(c.b) == 0 {
		p.fail(c, field, "empty BIT STRING")
		return input{}, 0
	}
	unused, b := int(c.b[0]), c.b[1:]
	switch {
	case unused > 7:
		p.fail(c, field, "BIT STRING with over 7 unused bits")
	case len(b) == 0 && unused != 0:
		p.fail(c, field, "empty BIT STRING with unused bits")
	case len(b) > 0 && b[len(b)-1]&(1<<unused-1) != 0:
		p.fail(c, field, "BIT STRING with unused bits set")
	default:
		return input{b: b, off: c.off + 1}, unused
	}
	return input{}, 0
}

// maxArc bounds an OID arc as crypto/x509 does (below 2^31), so that the
// two agree on which OIDs exist.
const maxArc = 1<<31 - 1

// oid reads an OBJECT IDENTIFIER (minimal base-128 arcs, each below 2^31)
// and returns its contents; arcs, when not nil, receives the arcs.
func (p *parser) oid(in *input, field string, arcs *[]int) []byte {
	c := p.read(in, field, tagOID)
	if p.err != nil {
		return nil
	}
	var a []int
	if arcs != nil {
		a = make([]int, 0, len(c.b)+1)
	}
	b, first := c.b, true
	if len(b) == 0 {
		p.fail(c, field, "empty OBJECT IDENTIFIER")
		return nil
	}
	for len(b) > 0 {
		if b[0] == 0x80 {
			p.fail(c, field, "OBJECT IDENTIFIER arc not in the fewest octets")
			return nil
		}
		v, i := 0, 0
		for ; ; i++ {
			if i == len(b) {
				p.fail(c, field, "truncated OBJECT IDENTIFIER")
				return nil
			}
			if v > maxArc>>7 {
				p.fail(c, field, "OBJECT IDENTIFIER arc above 2^31-1")
				return nil
			}
			v = v<<7 | int(b[i]&0x7f)
			if b[i]&0x80 == 0 {
				break
			}
		}
		b = b[i+1:]
		switch {
		case arcs == nil:
		case !first:
			a = append(a, v)
		case v < 80: // the first subidentifier packs two arcs: 40*x + y
			a = append(a, v/40, v%40)
		default:
			a = append(a, 2, v-80)
		}
		first = false
	}
	if arcs != nil {
		*arcs = a
	}
	return c.b
}
