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

// The classes of a refused bundle (BundleOpened.Code), for the page to say
// why in the user's language.
const (
	RefusedTooLarge   = "too-large"
	RefusedMalformed  = "malformed"
	RefusedUnknownKey = "unknown-key"
	RefusedSignature  = "signature"
	RefusedRollback   = "rollback"
	RefusedStale      = "stale"
	RefusedClock      = "clock"
	RefusedNoKey      = "no-pinned-key" // the app was built without one
	RefusedOther      = "other"
)

// RefusedCode classes an error of trust.Open (or Usable).
func RefusedCode(err error) string {
	for _, c := range []struct {
		err  error
		code string
	}{
		{trust.ErrTooLarge, RefusedTooLarge}, {trust.ErrMalformed, RefusedMalformed},
		{trust.ErrUnknownBundleKey, RefusedUnknownKey}, {trust.ErrSignature, RefusedSignature},
		{trust.ErrRollback, RefusedRollback}, {trust.ErrStale, RefusedStale},
		{trust.ErrClockBehind, RefusedClock}, {ErrNoPinnedKey, RefusedNoKey},
	} {
		if errors.Is(err, c.err) {
			return c.code
		}
	}
	return RefusedOther
}

// ErrNoPinnedKey: the app was built without -X passcheck/app.pinnedBundleKeys.
var ErrNoPinnedKey = errors.New("app built without a pinned trust-bundle key")
