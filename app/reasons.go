package app

// reasonFromCode maps error classes (verify.ErrorCode, and the trust-list
// codes of outcome) to the one-line reason.
func reasonFromCode(lang string, o outcome) (string, bool) {
	switch o.Code {
	case "":
		return "", false
	case codeNoTrust:
		return tr(lang, msgReasonNoTrust), true
	case codeClock:
		return tr(lang, msgReasonClock), true
	case codeStale:
		return tr(lang, msgReasonTrustStale), true
	case codePolicy, codeOpen:
		return tr(lang, msgReasonPolicy, len(o.Rules)), true
	case "not-health-cert":
		return tr(lang, msgReasonNotDCC), true
	case "unknown-key":
		return tr(lang, msgReasonUnknownKey), true
	case "unsupported-alg":
		return tr(lang, msgReasonUnsupported), true
	case "signature", "key-mismatch":
		return tr(lang, msgReasonSignature), true
	case "expired":
		if exp := o.expiresAt(); !exp.IsZero() {
			return tr(lang, msgReasonExpired, formatDate(exp)), true
		}
		return tr(lang, msgReasonExpiry), true
	case "not-yet-valid":
		return tr(lang, msgReasonNotYet, formatDate(o.issuedAt())), true
	case "key-expired":
		return tr(lang, msgReasonExpiry), true
	case "key-usage":
		return tr(lang, msgReasonKeyUsage), true
	case "issuer-mismatch":
		return tr(lang, msgReasonCountry), true
	case "revoked":
		return tr(lang, msgReasonRevoked), true
	case "schema":
		return tr(lang, msgReasonSchema), true
	case "too-long", "base45", "inflate", "too-large", "cose", "crit", "cwt", "payload":
		return tr(lang, msgReasonMalformed), true
	}
	return "", false
}
