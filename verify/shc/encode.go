package shc

import "strings"

// EncodeQR is DecodeQR's inverse for a single-QR card: "shc:/" and two
// digits per JWS character. It is for issuers and tests; it does not
// check the length.
func EncodeQR(jws string) string {
	var b strings.Builder
	b.Grow(len(Prefix) + 2*len(jws))
	b.WriteString(Prefix)
	for i := 0; i < len(jws); i++ {
		n := int(jws[i]) - 45
		b.WriteByte(byte('0' + n/10))
		b.WriteByte(byte('0' + n%10))
	}
	return b.String()
}
