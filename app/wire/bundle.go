package wire

import (
	"errors"
	"time"

	"passcheck/verify/trust"
)

// BundleInfo describes the trust bundle the worker verifies with.
type BundleInfo struct {
	Seq       uint64    `json:"seq"`
	Len       int       `json:"n"`
	IssuedAt  time.Time `json:"iat"`
	ExpiresAt time.Time `json:"exp"`
	// Fingerprint is trust.Fingerprint of the bundle's payload: the value
	// /healthz and `passcheck trust show` give for the same bundle.
	Fingerprint string `json:"fp"`
}

// ShortFingerprint is the fingerprint as people read it aloud
// (trust.ShortFingerprint).
func (b *BundleInfo) ShortFingerprint() string { return trust.ShortFingerprint(b.Fingerprint) }

// Usable mirrors trust.Bundle.Usable for the status line: "" while the
// bundle is in date at now, else CodeNoTrust (b nil), CodeClock or
// CodeStale.
func (b *BundleInfo) Usable(now time.Time) string {
	switch {
	case b == nil:
		return CodeNoTrust
	case now.Before(b.IssuedAt.Add(-trust.MaxClockLag)):
		return CodeClock
	case !now.Before(b.ExpiresAt):
		return CodeStale
	}
	return ""
}

// ErrNoPinnedKey: the app was built without -X passcheck/app.pinnedBundleKeys.
var ErrNoPinnedKey = errors.New("app built without a pinned trust-bundle key")
