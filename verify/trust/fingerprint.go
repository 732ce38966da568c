package trust

import (
	"crypto/sha256"
	"encoding/hex"
)

// Fingerprint is the lower-case hex SHA-256 of a bundle's signed payload
// bytes (what Marshal returns), not of the whole COSE message: an ECDSA
// signature differs from one signing to the next, while the payload is
// deterministic CBOR. Anyone can rebuild a published bundle from the same
// lists, seq and issue time and compare fingerprints without the signing
// key. The app, /healthz and `passcheck trust show` all show this value.
func Fingerprint(payload []byte) string {
	h := sha256.Sum256(payload)
	return hex.EncodeToString(h[:])
}

// ShortFingerprint is the first 16 hex digits of a fingerprint in groups of
// four, for people to read aloud and compare ("3f2a 9c1d 0b7e 4410"): 64
// bits tell bundles apart, while the full value stays available to check.
// A string shorter than 16 is returned as it is.
func ShortFingerprint(fp string) string {
	if len(fp) < 16 {
		return fp
	}
	return fp[0:4] + " " + fp[4:8] + " " + fp[8:12] + " " + fp[12:16]
}
