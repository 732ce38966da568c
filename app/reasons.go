package app

import (
	"errors"
	"time"

	"passcheck/verify"
)

// reasonFromError maps the verify core's sentinel errors to the one-line
// reason; the step mapping in reason() is the fallback for anything new.
func reasonFromError(lang string, r *verify.Result, at time.Time) (string, bool) {
	err := r.Err
	if err == nil {
		return "", false
	}
	switch {
	case errors.Is(err, verify.ErrNotHealthCert):
		return tr(lang, msgReasonNotDCC), true
	case errors.Is(err, verify.ErrUnknownKey):
		return tr(lang, msgReasonUnknownKey), true
	case errors.Is(err, verify.ErrTrustListStale):
		return tr(lang, msgReasonTrustStale), true
	case errors.Is(err, verify.ErrUnsupportedAlg):
		return tr(lang, msgReasonUnsupported), true
	case errors.Is(err, verify.ErrSignature), errors.Is(err, verify.ErrKeyMismatch):
		return tr(lang, msgReasonSignature), true
	case errors.Is(err, verify.ErrExpired):
		if !r.ExpiresAt.IsZero() {
			return tr(lang, msgReasonExpired, formatDate(r.ExpiresAt)), true
		}
		return tr(lang, msgReasonExpiry), true
	case errors.Is(err, verify.ErrNotYetValid):
		return tr(lang, msgReasonNotYet, formatDate(r.IssuedAt)), true
	case errors.Is(err, verify.ErrKeyExpired):
		return tr(lang, msgReasonExpiry), true
	case errors.Is(err, verify.ErrKeyUsage):
		return tr(lang, msgReasonKeyUsage), true
	case errors.Is(err, verify.ErrIssuerMismatch):
		return tr(lang, msgReasonCountry), true
	case errors.Is(err, verify.ErrRevoked):
		return tr(lang, msgReasonRevoked), true
	case errors.Is(err, verify.ErrSchema):
		return tr(lang, msgReasonSchema), true
	case errors.Is(err, verify.ErrTooLong), errors.Is(err, verify.ErrBase45), errors.Is(err, verify.ErrInflate),
		errors.Is(err, verify.ErrTooLarge), errors.Is(err, verify.ErrCOSE), errors.Is(err, verify.ErrCrit),
		errors.Is(err, verify.ErrCWT), errors.Is(err, verify.ErrPayload):
		return tr(lang, msgReasonMalformed), true
	}
	return "", false
}
