package app

import (
	"time"

	"passcheck/app/wire"
	"passcheck/verify"
)

// reason is the one line under a verdict that is not Valid.
type reason struct {
	msg    msg // the reason
	cannot msg // the reason for a CannotVerify verdict, if another
	// dated, when set, gives the reason with the date it names, or false
	// when the outcome carries no such date (msg then).
	dated func(o wire.Outcome, lang string, at time.Time) (string, bool)
}

// stepKey is the key of reasons for a failure verify did not classify: by
// the step that failed.
func stepKey(s verify.Step) string { return "step:" + string(s) }

// reasons holds every reason, by failure class (verify.Codes and
// wire.AppCodes: i18n_test.go checks each has one in every catalog) and,
// for a failure without a class, by the step that failed (stepKey).
var reasons = map[string]reason{
	wire.CodeNoTrust: {msg: msgReasonNoTrust},
	wire.CodeClock:   {msg: msgReasonClock},
	wire.CodeStale:   {msg: msgReasonTrustStale}, // verify's "trust-list-stale" too
	wire.CodePolicy:  {msg: msgReasonPolicy},
	wire.CodeOpen:    {msg: msgReasonPolicy},

	"not-health-cert": {msg: msgReasonNotDCC},
	"unknown-key":     {msg: msgReasonUnknownKey},
	"unsupported-alg": {msg: msgReasonUnsupported},
	"signature":       {msg: msgReasonSignature},
	"key-mismatch":    {msg: msgReasonSignature},
	"expired":         {msg: msgReasonExpiry, dated: expiredOn},
	"not-yet-valid":   {msg: msgReasonNotYet, dated: issuedOn},
	"key-expired":     {msg: msgReasonExpiry},
	"key-usage":       {msg: msgReasonKeyUsage},
	"issuer-mismatch": {msg: msgReasonCountry},
	"revoked":         {msg: msgReasonRevoked},
	"schema":          {msg: msgReasonSchema},
	"too-long":        {msg: msgReasonMalformed},
	"base45":          {msg: msgReasonMalformed},
	"inflate":         {msg: msgReasonMalformed},
	"too-large":       {msg: msgReasonMalformed},
	"cose":            {msg: msgReasonMalformed},
	"crit":            {msg: msgReasonMalformed},
	"cwt":             {msg: msgReasonMalformed},
	"payload":         {msg: msgReasonMalformed},
	// SMART Health Cards and NZ COVID Pass (verify.VerifyAny).
	"encoding": {msg: msgReasonMalformed},
	"jws":      {msg: msgReasonMalformed},
	"version":  {msg: msgReasonUnsupported},
	"partial":  {msg: msgReasonPartial},

	stepKey(verify.StepPicture):   {msg: msgPhotoNoCode},
	stepKey(verify.StepPrefix):    {msg: msgReasonNotDCC},
	stepKey(verify.StepBase45):    {msg: msgReasonMalformed, cannot: msgReasonUnsupported},
	stepKey(verify.StepZlib):      {msg: msgReasonMalformed, cannot: msgReasonUnsupported},
	stepKey(verify.StepCOSE):      {msg: msgReasonMalformed, cannot: msgReasonUnsupported},
	stepKey(verify.StepPayload):   {msg: msgReasonMalformed, cannot: msgReasonUnsupported},
	stepKey(verify.StepSignature): {msg: msgReasonSignature, cannot: msgReasonUnknownKey},
	stepKey(verify.StepSchema):    {msg: msgReasonSchema},
	stepKey(verify.StepExpiry):    {msg: msgReasonExpiry, dated: expiryAt},
	stepKey(verify.StepKeyUsage):  {msg: msgReasonKeyUsage},
}

// reasonFor is the one-line explanation of a verdict that is not Valid: by
// failure class first, by failed step for anything unclassified, and
// "malformed" for anything else.
func reasonFor(o wire.Outcome, lang string, at time.Time) string {
	r, ok := reasons[o.Code]
	if o.Code == "" || !ok {
		r, ok = reasons[stepKey(o.Step)]
	}
	if !ok {
		return tr(lang, msgReasonMalformed)
	}
	if r.dated != nil {
		if s, ok := r.dated(o, lang, at); ok {
			return s
		}
	}
	if r.cannot != "" && o.Verdict == verify.CannotVerify {
		return tr(lang, r.cannot)
	}
	if r.msg == msgReasonPolicy && len(o.Rules) == 1 {
		return tr(lang, msgReasonPolicyRule, o.Rules[0].In(lang))
	}
	return tr(lang, r.msg)
}

// expiredOn: "expired on" the certificate's expiry, when it has one.
func expiredOn(o wire.Outcome, lang string, _ time.Time) (string, bool) {
	if exp := o.Expires(); !exp.IsZero() {
		return tr(lang, msgReasonExpired, formatDate(exp)), true
	}
	return "", false
}

// issuedOn: "not valid before" the certificate's issue date.
func issuedOn(o wire.Outcome, lang string, _ time.Time) (string, bool) {
	return tr(lang, msgReasonNotYet, formatDate(o.Issued())), true
}

// expiryAt: an unclassified expiry failure, said by comparing the dates
// with the time of the check.
func expiryAt(o wire.Outcome, lang string, at time.Time) (string, bool) {
	switch exp, iat := o.Expires(), o.Issued(); {
	case !exp.IsZero() && at.After(exp):
		return tr(lang, msgReasonExpired, formatDate(exp)), true
	case !iat.IsZero() && at.Before(iat):
		return tr(lang, msgReasonNotYet, formatDate(iat)), true
	}
	return "", false
}
