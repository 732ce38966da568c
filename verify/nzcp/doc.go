// Package nzcp decodes and verifies NZ COVID Passes: "NZCP:/1/" + base32
// (RFC 4648, unpadded) → COSE_Sign1 (ES256, tag 18) → CWT whose iss is a
// did:web identifier and whose key comes from the issuer's DID document.
//
// It is pure Go (no syscall/js) and reads no clock: time is passed in. It
// uses go-cose for the signature, over CBOR first read by a hardened
// decoder.
//
// Every untrusted input is bounded: QR text (MaxTextLen, which bounds the
// base32), CBOR nesting 16 and 256 elements per array or map, duplicate
// map keys, indefinite lengths and trailing bytes rejected, kid ≤ 64
// bytes, DID documents ≤ MaxDocLen with ≤ MaxKeys keys.
//
// Decisions where the specification leaves room:
//   - Only version 1 is read; a pass of another major version is refused
//     with ErrVersion (a verifier must not guess at a format it does not
//     know).
//   - The DID document is not fetched (the verifier is offline): the
//     issuer's keys come with the trust (Issuers), read by ParseDID, which
//     keeps only JsonWebKey2020 EC P-256 keys referenced by
//     assertionMethod, as the specification requires.
//   - nbf may lie up to MaxNotBeforeAhead in the future (phone clocks drift); a
//     pass is expired from exp on (at == exp is expired, as the
//     specification says "before the value").
//   - The unprotected header is ignored: kid and alg must be protected.
//   - kid is a byte string holding the key's relative id ("key-1"): the
//     specification's text says a text string, but its examples and the
//     passes issued carry bytes, and go-cose refuses a text kid.
package nzcp
