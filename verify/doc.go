// Package verify decides, offline, whether an EU Digital COVID Certificate
// (HCERT: "HC1:" + base45 + zlib + COSE_Sign1 + CWT) is genuine.
//
// It is pure Go (no syscall/js) so that the same code runs in the passcheck
// command and, compiled to WebAssembly, on the phone at the door. Time is
// always passed in by the caller; nothing here reads the wall clock.
//
// Verifier.Verify runs the steps of Steps in order and returns a Result:
// a Verdict, the step that failed first, and every failure, each wrapping
// one sentinel of errors.go. The payload of a verdict other than Valid is
// only reachable through Result.Unverified.
//
// Every untrusted input is bounded: QR text (MaxTextLen), inflated bytes
// (MaxInflatedLen, read through a limit so a zlib bomb stops early), CBOR
// depth 16 and 1 024 elements per array or map, duplicate map keys,
// indefinite lengths and trailing bytes rejected, kid ≤ 64 bytes.
//
// Decisions where the specification leaves room, or a vector disagrees:
//   - alg only in the unprotected header is accepted (vector common/CO20),
//     because the algorithm is bound to the key type by us: ES256 only with
//     P-256, PS256 only with RSA ≥ 2048. go-cose alone would take ES256
//     with a P-384 key.
//   - kid: the protected one wins; otherwise the unprotected one. Every DSC
//     sharing the kid is tried; an unknown kid is CannotVerify, never a
//     search through all keys.
//   - Any crit header is rejected: no extension is understood here.
//   - Once the payload decodes, schema, expiry, key usage (and revocation)
//     run even after a signature failure so that every failure is
//     reported; the key used for them is then the first candidate DSC.
//   - exp is required; iat may be up to MaxIssuedAhead in the future. The DSC
//     must be valid at the verification time.
//   - iss is compared with the DSC's country only when it is a two-letter
//     code: HCERT 3.3.4 makes it optional, and some issuers put a
//     ministry's name there.
//   - Revocation (EU scheme): SHA-256 of the UCI, of the entry's country
//     ("co") followed by the UCI, and of the signature (ES256: r only), each
//     cut to 16 bytes. Result.RevocationHash exposes them.
//   - A trust store that reports itself unusable (TrustStatus) turns every
//     verdict into CannotVerify.
package verify
