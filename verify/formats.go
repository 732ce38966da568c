package verify

import (
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"time"

	"passcheck/verify/nzcp"
	"passcheck/verify/shc"
)

// Format names the kind of health credential a QR text holds.
type Format string

const (
	FormatHC1  Format = "hc1"  // EU Digital COVID Certificate (HCERT)
	FormatSHC  Format = "shc"  // SMART Health Card
	FormatNZCP Format = "nzcp" // NZ COVID Pass
)

// The steps of the other formats that the HC1 pipeline does not have.
const (
	StepNumeric Step = "numeric" // shc: digit pairs to JWS characters
	StepJWS     Step = "jws"     // shc: the compact JWS and its header
	StepDeflate Step = "deflate" // shc: raw DEFLATE
	StepBase32  Step = "base32"  // NZCP
)

// DetectFormat tells the format of a QR text by its prefix. HC1 is also
// the answer for text that is none of the three: its pipeline is the one
// that says "not a health certificate".
func DetectFormat(text string) Format {
	switch {
	case shc.IsSHC(text):
		return FormatSHC
	case nzcp.IsNZCP(text):
		return FormatNZCP
	}
	return FormatHC1
}

// VerifyAny verifies a QR text of any supported format, chosen by its
// prefix ("HC1:", "shc:/", "NZCP:/"), and returns the same Result shape
// for each. HC1 text goes through Verify unchanged. A chunk of a chunked
// SMART Health Card is CannotVerify with ErrPartial: collect the chunks in
// an shc.Chunks and call VerifyChunks.
func (v *Verifier) VerifyAny(text string, at time.Time) *Result {
	switch DetectFormat(text) {
	case FormatSHC:
		r := newResult(text)
		r.Format = FormatSHC
		sv := &shc.Verifier{Issuers: v.SHC}
		r.fromSHC(sv.VerifyQR(text, at), v.staleness(at))
		return r
	case FormatNZCP:
		r := newResult(text)
		r.Format = FormatNZCP
		nv := &nzcp.Verifier{Issuers: v.NZCP}
		r.fromNZCP(nv.Verify(text, at), v.staleness(at))
		return r
	}
	r := v.Verify(text, at)
	if !errors.Is(r.Err, ErrNotHealthCert) {
		r.Format = FormatHC1
	}
	return r
}

// VerifyChunks verifies a chunked SMART Health Card once every chunk has
// been added; before that the verdict is CannotVerify with ErrPartial.
func (v *Verifier) VerifyChunks(c *shc.Chunks, at time.Time) *Result {
	r := newResult("")
	r.Format = FormatSHC
	jws, err := c.JWS()
	if err != nil {
		r.record(StepNumeric, classed{ErrPartial, err})
		r.finishOther()
		return r
	}
	r.fromSHC((&shc.Verifier{Issuers: v.SHC}).VerifyJWS(jws, at), v.staleness(at))
	return r
}

// staleness is the error of a trust store that reports itself unusable at
// `at` (a trust bundle past its expiry): the SMART and NZCP issuers come
// from the same bundle, so their verdicts become CannotVerify too.
func (v *Verifier) staleness(at time.Time) error {
	if ts, ok := v.Trust.(TrustStatus); ok {
		if err := ts.Usable(at); err != nil {
			return fmt.Errorf("%w: %w", ErrTrustListStale, err)
		}
	}
	return nil
}

// otherFormat holds what a Result knows of an SMART Health Card or NZ
// COVID Pass.
type otherFormat struct {
	card     *shc.Card
	shcOK    *shc.VerifiedCard
	pass     *nzcp.Pass
	nzcpOK   *nzcp.VerifiedPass
	verified bool
}

// classed is an error of another format seen through one class of
// errors.go: errors.Is matches both the class and the format's own
// sentinel; the text is the format's ("verify: shc: card revoked: …").
type classed struct{ class, err error }

func (e classed) Error() string   { return "verify: " + e.err.Error() }
func (e classed) Unwrap() []error { return []error{e.class, e.err} }

// classes maps each sentinel of the other formats to its class here.
var classes = []struct{ from, to error }{
	{shc.ErrPrefix, ErrNotHealthCert}, {shc.ErrTooLong, ErrTooLong}, {shc.ErrNumeric, ErrEncoding},
	{shc.ErrChunk, ErrEncoding}, {shc.ErrPartial, ErrPartial}, {shc.ErrJWS, ErrJWS},
	{shc.ErrAlg, ErrUnsupportedAlg}, {shc.ErrInflate, ErrInflate}, {shc.ErrTooLarge, ErrTooLarge},
	{shc.ErrPayload, ErrPayload}, {shc.ErrUnknownIssuer, ErrUnknownKey}, {shc.ErrUnknownKey, ErrUnknownKey},
	{shc.ErrSignature, ErrSignature}, {shc.ErrExpired, ErrExpired}, {shc.ErrNotYetValid, ErrNotYetValid},
	{shc.ErrRevoked, ErrRevoked},

	{nzcp.ErrPrefix, ErrNotHealthCert}, {nzcp.ErrVersion, ErrVersion}, {nzcp.ErrTooLong, ErrTooLong},
	{nzcp.ErrBase32, ErrEncoding}, {nzcp.ErrCOSE, ErrCOSE}, {nzcp.ErrAlg, ErrUnsupportedAlg},
	{nzcp.ErrCWT, ErrCWT}, {nzcp.ErrPayload, ErrPayload}, {nzcp.ErrUnknownIssuer, ErrUnknownKey},
	{nzcp.ErrUnknownKey, ErrUnknownKey}, {nzcp.ErrSignature, ErrSignature}, {nzcp.ErrExpired, ErrExpired},
	{nzcp.ErrNotYetValid, ErrNotYetValid},
}

func classify(err error) error {
	if err == nil {
		return nil
	}
	for _, c := range classes {
		if errors.Is(err, c.from) {
			return classed{c.to, err}
		}
	}
	return classed{ErrPayload, err} // unreachable: every sentinel is listed (TestClassesComplete)
}

// fromSHC copies an SMART result; stale, when not nil, replaces the
// signature step's outcome (the trust it used is out of date).
func (r *Result) fromSHC(sr *shc.Result, stale error) {
	for _, c := range sr.Checks {
		r.recordOther(Step(c.Step), c.Err, stale)
	}
	o := &otherFormat{card: sr.Unverified()}
	if c := o.card; c != nil {
		r.Issuer, r.IssuedAt, r.ExpiresAt = c.Issuer, c.NotBefore, c.Expires
	}
	if vc, ok := sr.Verified(); ok {
		o.shcOK, o.verified = vc, true
		// The kid is a base64url thumbprint: its bytes, like HC1's kid.
		r.KID, _ = base64.RawURLEncoding.DecodeString(vc.Key.KID)
	}
	r.other = o
	r.finishOther()
}

func (r *Result) fromNZCP(nr *nzcp.Result, stale error) {
	for _, c := range nr.Checks {
		r.recordOther(Step(c.Step), c.Err, stale)
	}
	o := &otherFormat{pass: nr.Unverified()}
	if p := o.pass; p != nil {
		r.Issuer, r.IssuedAt, r.ExpiresAt = p.Issuer, p.NotBefore, p.Expires
	}
	if vp, ok := nr.Verified(); ok {
		o.nzcpOK, o.verified = vp, true
		r.KID = []byte(vp.KID)
	}
	r.other = o
	r.finishOther()
}

func (r *Result) recordOther(s Step, err, stale error) {
	if s == StepSignature && stale != nil {
		r.record(s, stale)
		return
	}
	r.record(s, classify(err))
}

// finishOther sets the verdict of an SMART Health Card or NZ COVID Pass:
// Valid needs no failure and a verified credential from the format's own
// verifier, whose signature, payload and expiry checks ran.
func (r *Result) finishOther() {
	if r.failed() {
		if r.other != nil {
			r.other.verified, r.other.shcOK, r.other.nzcpOK = false, nil, nil
		}
		return
	}
	for _, s := range []Step{StepSignature, StepPayload, StepExpiry} {
		if !r.Ran[s] {
			r.Verdict = Invalid
			return
		}
	}
	if r.other == nil || !r.other.verified {
		r.Verdict = Invalid
		return
	}
	r.Verdict = Valid
}

// VerifiedSHC returns the verified SMART Health Card of a Valid result.
func (r *Result) VerifiedSHC() (*shc.VerifiedCard, bool) {
	if r == nil || r.Verdict != Valid || r.other == nil || r.other.shcOK == nil {
		return nil, false
	}
	return r.other.shcOK, true
}

// VerifiedNZCP returns the verified NZ COVID Pass of a Valid result.
func (r *Result) VerifiedNZCP() (*nzcp.VerifiedPass, bool) {
	if r == nil || r.Verdict != Valid || r.other == nil || r.other.nzcpOK == nil {
		return nil, false
	}
	return r.other.nzcpOK, true
}

// Summary is what a verdict screen or report shows of any format: who,
// born when, what the credential states, and who issued it. It is
// unverified unless Result.Summary says otherwise.
type Summary struct {
	Format     Format
	Name       string // as printed: given names, then family name
	DOB        string // as in the credential (YYYY, YYYY-MM or YYYY-MM-DD)
	Issuer     string // HC1: iss (a country); shc: the issuer URL; NZCP: the DID
	IssuerName string // the trusted issuer's display name, when verified
	TestIssuer bool   // the trusted issuer is marked for demonstrations only
	Statements []Statement
}

// Statement is one fact a credential states.
type Statement struct {
	Kind   string `json:"kind"`             // "vaccination", "test", "recovery", "observation", "pass"
	Code   string `json:"code,omitempty"`   // vaccine (HC1 mp, CVX…), test type, or pass type
	System string `json:"system,omitempty"` // the code system: "http://hl7.org/fhir/sid/cvx", "dcc", "nzcp"…
	Date   string `json:"date,omitempty"`   // when: vaccination date, sample time, valid from
	Dose   int    `json:"dose,omitempty"`   // HC1: dn; shc: its position among completed doses; 0 otherwise
	Doses  int    `json:"doses,omitempty"`  // HC1: sd; 0 when the credential does not say
	Status string `json:"status,omitempty"` // shc: the FHIR status; HC1 test: the result
}

// Summary returns what the credential states, and whether it is verified
// (the verdict is Valid). ok is false when nothing decoded.
func (r *Result) Summary() (s Summary, verified, ok bool) {
	if r == nil {
		return Summary{}, false, false
	}
	verified = r.Verdict == Valid
	s = Summary{Format: r.Format, Issuer: r.Issuer}
	switch {
	case r.other != nil && r.other.card != nil:
		c := r.other.card
		s.Name, s.DOB = c.Patient.Name(), c.Patient.BirthDate
		dose := 0
		for _, im := range c.Immunizations {
			st := Statement{Kind: "vaccination", Date: im.Date, Status: im.Status}
			if len(im.Vaccine) > 0 {
				st.Code, st.System = im.Vaccine[0].Code, im.Vaccine[0].System
			}
			if im.Status == "completed" {
				dose++
				st.Dose = dose
			}
			s.Statements = append(s.Statements, st)
		}
		for _, o := range c.Observations {
			st := Statement{Kind: "observation", Date: o.Date, Status: o.Status}
			if len(o.Code) > 0 {
				st.Code, st.System = o.Code[0].Code, o.Code[0].System
			}
			s.Statements = append(s.Statements, st)
		}
		if vc, ok := r.VerifiedSHC(); ok {
			s.IssuerName, s.TestIssuer = vc.Issuer.Name, vc.Issuer.Test
		}
	case r.other != nil && r.other.pass != nil:
		p := r.other.pass
		s.Name, s.DOB = p.Subject.Name(), p.Subject.DOB
		s.Statements = []Statement{{Kind: "pass", Code: p.Type, System: "nzcp",
			Date: p.NotBefore.Format(time.DateOnly)}}
		if vp, ok := r.VerifiedNZCP(); ok {
			s.IssuerName, s.TestIssuer = vp.Issuer.Name, vp.Issuer.Test
		}
	case r.unverified != nil:
		d := &r.unverified.DCC
		s.Name = strings.TrimSpace(d.Nam.GN + " " + d.Nam.FN)
		if s.Name == "" {
			s.Name = strings.TrimSpace(d.Nam.GNT + " " + d.Nam.FNT)
		}
		s.DOB = d.DOB
		for _, e := range d.V {
			s.Statements = append(s.Statements, Statement{Kind: "vaccination", Code: e.MP, System: "dcc",
				Date: e.DT, Dose: e.DN, Doses: e.SD})
		}
		for _, e := range d.T {
			s.Statements = append(s.Statements, Statement{Kind: "test", Code: e.TT, System: "dcc", Date: e.SC, Status: e.TR})
		}
		for _, e := range d.R {
			s.Statements = append(s.Statements, Statement{Kind: "recovery", System: "dcc", Date: e.DF})
		}
	default:
		return Summary{}, false, false
	}
	return s, verified, true
}
