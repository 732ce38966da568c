package app

import (
	"time"

	"passcheck/verify"
	"passcheck/verify/trust"
)

// verifyText runs the verify core over text with the bundle's DSCs and
// revocations. The bundle is also the verifier's TrustStatus: a stale
// bundle, or a clock behind it, makes the verdict CannotVerify.
func verifyText(text string, b *trust.Bundle, at time.Time) *verify.Result {
	v := verify.Verifier{Trust: b, Revocations: b}
	return v.Verify(text, at)
}
