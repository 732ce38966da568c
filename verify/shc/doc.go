// Package shc decodes and verifies SMART Health Cards: "shc:/" + numeric QR
// text → compact JWS (ES256 on P-256) → raw-DEFLATE JSON holding a FHIR
// bundle.
//
// It is pure Go (no syscall/js) and reads no clock: time is passed in. It
// uses only the standard library's crypto and encoding/json: a card needs
// one algorithm, one curve and one key format, which a JOSE library would
// not make safer.
//
// Every untrusted input is bounded: QR text (MaxTextLen), chunk count
// (MaxChunks) and chunk size (MaxChunkJWSLen), JWS length (MaxJWSLen),
// inflated payload (MaxInflatedLen, read through a limit), JSON nesting
// (MaxJSONDepth), JWKS and CRL documents (MaxDocLen, MaxKeys, MaxRIDs).
//
// Decisions where the specification leaves room:
//   - A JWS header with crit is refused (no extension is understood);
//     other header fields than alg, zip and kid are ignored.
//   - A single QR may carry at most MaxSingleJWSLen (1 195) JWS characters,
//     the specification's version-22 limit; longer cards must be chunked.
//   - Chunked cards ("shc:/i/n/…", deprecated but still printed) are
//     assembled by Chunks, in any order; n is 2..MaxChunks and each chunk
//     holds at most MaxChunkJWSLen characters.
//   - The key is chosen only by kid among the keys of the card's own
//     issuer (iss); a kid is checked to be the key's RFC 7638 thumbprint
//     when the JWKS is read. x5c chains are ignored: trust comes from the
//     issuer list, not from a certificate chain (example 01's chain has
//     expired, and the specification makes x5c optional).
//   - nbf may lie up to MaxNotBeforeAhead in the future; exp is optional. A date
//     beyond year 5138 (> 1e11 s) is refused as malformed: it is a
//     millisecond value written where seconds belong.
//   - Revocation: a card is revoked when its vc.rid is listed in the CRL
//     of its signing key; an entry "rid.T" revokes only cards whose nbf is
//     before T (the specification's timestamp rule, which lets an issuer
//     re-issue a corrected card under the same rid). A CRL whose ctr does
//     not match the key's crlVersion is refused when the trust is built.
package shc
