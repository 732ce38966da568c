package verify

import "time"

// Verdict is the answer shown at the door.
type Verdict uint8

const (
	// CannotVerify: the certificate could not be checked (unknown key,
	// unsupported format, stale trust list). Not a proof of forgery.
	CannotVerify Verdict = iota
	// Invalid: the certificate was checked and fails (bad signature,
	// expired, wrong key usage, revoked...).
	Invalid
	// Valid: genuine, in date, and signed by a trusted DSC allowed to sign it.
	Valid
)

func (v Verdict) String() string {
	switch v {
	case Valid:
		return "valid"
	case Invalid:
		return "invalid"
	default:
		return "cannot-verify"
	}
}

// Step names one stage of the pipeline; the names are those of the
// `passcheck verify --json` contract.
type Step string

const (
	StepPicture   Step = "picture"
	StepPrefix    Step = "prefix"
	StepBase45    Step = "base45"
	StepZlib      Step = "zlib"
	StepCOSE      Step = "cose"
	StepSignature Step = "signature"
	StepPayload   Step = "payload"
	StepSchema    Step = "schema"
	StepExpiry    Step = "expiry"
	StepKeyUsage  Step = "keyUsage"
	// StepRevocation runs only when the Verifier has a RevocationList, so
	// it is absent from results otherwise.
	StepRevocation Step = "revocation"
)

// Steps lists the steps in pipeline order.
var Steps = []Step{StepPicture, StepPrefix, StepBase45, StepZlib, StepCOSE,
	StepSignature, StepPayload, StepSchema, StepExpiry, StepKeyUsage, StepRevocation}

// Result is the outcome of verifying one credential.
//
// The payload is reachable two ways that cannot be confused: Verified
// returns it only for a Valid verdict; Unverified returns it always (when it
// decoded) under a type that says so, for inspection and error screens.
type Result struct {
	Verdict Verdict
	// Ran holds, for each step that ran, whether it passed.
	Ran map[Step]bool
	// Step and Err describe the first failure (Err wraps one sentinel of
	// errors.go; errors.Is works). Both are zero for a Valid verdict.
	Step Step
	Err  error
	// Errs holds every failure, in step order (Err is Errs[0]).
	Errs []error

	Format    Format // what the text was read as; "" when not recognised
	Text      string // the QR text
	KID       []byte
	Issuer    string // CWT iss (country code), unverified unless Valid
	IssuedAt  time.Time
	ExpiresAt time.Time

	verified    *Certificate
	unverified  *UnverifiedCertificate
	other       *otherFormat          // SMART Health Card or NZ COVID Pass
	failedSteps []Step                // the step of each of Errs
	hashes      map[HashKind][16]byte // revocation hashes, once the payload decoded
}

// Failure is one step that ran and failed.
type Failure struct {
	Step Step
	Err  error
}

// Failures lists every failure in step order; the first is Step and Err.
func (r *Result) Failures() []Failure {
	if r == nil {
		return nil
	}
	fs := make([]Failure, len(r.Errs))
	for i, err := range r.Errs {
		fs[i] = Failure{Step: r.failedSteps[i], Err: err}
	}
	return fs
}

// RevocationHash returns the EU revocation hash of the given kind for this
// credential (computed whenever the COSE and the payload decoded, whatever
// the verdict), so that issuers and tests can list it as revoked.
func (r *Result) RevocationHash(kind HashKind) ([16]byte, bool) {
	if r == nil {
		return [16]byte{}, false
	}
	h, ok := r.hashes[kind]
	return h, ok
}

// Certificate is a DCC whose signature, key, dates and key usage checked
// out. Only Result.Verified hands one out.
type Certificate struct {
	DCC       DCC
	Key       *Key   // the DSC that signed it
	Raw       []byte // the payload as JSON (the DCC's own field names)
	Issuer    string
	IssuedAt  time.Time
	ExpiresAt time.Time
}

// UnverifiedCertificate is a DCC that decoded but did not (or not yet)
// verify. It must never be shown as valid.
type UnverifiedCertificate struct {
	DCC DCC
	Raw []byte // the payload as JSON
}

// Verified returns the verified certificate, or nil, false when the verdict
// is not Valid.
func (r *Result) Verified() (*Certificate, bool) {
	if r == nil || r.Verdict != Valid || r.verified == nil {
		return nil, false
	}
	return r.verified, true
}

// Unverified returns the decoded payload whatever the verdict, or nil when
// the payload did not decode.
func (r *Result) Unverified() *UnverifiedCertificate {
	if r == nil {
		return nil
	}
	return r.unverified
}
