// Package base45 implements the Base45 encoding of RFC 9285, the text form
// that carries binary data in the alphanumeric mode of QR codes.
//
// Decode is strict: any character outside the 45-character alphabet
// (lowercase letters, '=', whitespace...), a dangling single character, a
// triplet above 65535 or a pair above 255 is an error. There is exactly one
// encoding of any byte string, so decoding then re-encoding is the identity.
package base45

import (
	"errors"
	"fmt"
)

// MaxDecodeLen bounds the input Decode accepts. A health certificate QR code
// holds at most 4 296 alphanumeric characters; 64 KiB leaves room for any
// caller without letting untrusted input size an allocation.
const MaxDecodeLen = 64 << 10

// ErrInvalid is wrapped by every Decode error (errors.Is).
var ErrInvalid = errors.New("base45: invalid input")

const alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"

// decodeMap maps a byte to its value, or 0xff when it is not in the alphabet.
var decodeMap = func() (m [256]byte) {
	for i := range m {
		m[i] = 0xff
	}
	for i := 0; i < len(alphabet); i++ {
		m[alphabet[i]] = byte(i)
	}
	return m
}()

// EncodedLen returns the length of the encoding of n bytes.
func EncodedLen(n int) int { return n/2*3 + n%2*2 }

// Encode returns the Base45 encoding of src.
func Encode(src []byte) string {
	dst := make([]byte, 0, EncodedLen(len(src)))
	for i := 0; i+1 < len(src); i += 2 {
		n := int(src[i])<<8 | int(src[i+1])
		dst = append(dst, alphabet[n%45], alphabet[n/45%45], alphabet[n/(45*45)])
	}
	if len(src)%2 == 1 {
		n := int(src[len(src)-1])
		dst = append(dst, alphabet[n%45], alphabet[n/45])
	}
	return string(dst)
}

// Decode returns the bytes that s encodes. Errors wrap ErrInvalid and name
// the offset of the offending character or group.
func Decode(s string) ([]byte, error) {
	if len(s) > MaxDecodeLen {
		return nil, fmt.Errorf("%w: %d characters, more than %d", ErrInvalid, len(s), MaxDecodeLen)
	}
	if len(s)%3 == 1 {
		return nil, fmt.Errorf("%w: length %d leaves a dangling character at offset %d", ErrInvalid, len(s), len(s)-1)
	}
	dst := make([]byte, 0, len(s)/3*2+len(s)%3/2)
	for i := 0; i < len(s); i += 3 {
		end := min(i+3, len(s))
		n, w := 0, 1
		for j := i; j < end; j++ {
			v := decodeMap[s[j]]
			if v == 0xff {
				return nil, fmt.Errorf("%w: character %q at offset %d is not in the alphabet", ErrInvalid, s[j], j)
			}
			n += int(v) * w // least significant digit first
			w *= 45
		}
		if end-i == 3 {
			if n > 0xffff {
				return nil, fmt.Errorf("%w: group %q at offset %d is %d, more than 65535", ErrInvalid, s[i:end], i, n)
			}
			dst = append(dst, byte(n>>8), byte(n))
		} else {
			if n > 0xff {
				return nil, fmt.Errorf("%w: final pair %q at offset %d is %d, more than 255", ErrInvalid, s[i:end], i, n)
			}
			dst = append(dst, byte(n))
		}
	}
	return dst, nil
}
