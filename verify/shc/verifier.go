package shc

import (
	"crypto/ecdsa"
	"crypto/sha256"
	"errors"
	"fmt"
	"math/big"
	"sort"
	"time"
)

// MaxNotBeforeAhead is how far in the future nbf may lie: phone and issuer clocks
// drift.
const MaxNotBeforeAhead = 5 * time.Minute

// Issuer is one trusted SMART Health Card issuer.
type Issuer struct {
	URL  string // iss, exactly as cards carry it
	Name string // for the verdict screen; may be ""
	// Test marks an issuer trusted only for demonstrations (the
	// specification's example issuer).
	Test bool
	Keys []*Key
	CRLs []*CRL // at most one per key
}

func (is *Issuer) key(kid string) *Key {
	for _, k := range is.Keys {
		if k.KID == kid {
			return k
		}
	}
	return nil
}

func (is *Issuer) crl(kid string) *CRL {
	for _, c := range is.CRLs {
		if c.KID == kid {
			return c
		}
	}
	return nil
}

// Issuers finds a trusted issuer by its URL; nil when it is not trusted.
type Issuers interface {
	Issuer(url string) *Issuer
}

// IssuerSet is an in-memory Issuers.
type IssuerSet struct{ m map[string]*Issuer }

// Add trusts an issuer. Every CRL must belong to one of its keys and carry
// that key's crlVersion as ctr (ErrCRL otherwise): an out-of-date list
// would quietly unrevoke cards.
func (s *IssuerSet) Add(is *Issuer) error {
	seen := map[string]bool{}
	for _, c := range is.CRLs {
		k := is.key(c.KID)
		switch {
		case k == nil:
			return fmt.Errorf("%w: %s: CRL for kid %q, which is not one of the issuer's keys", ErrCRL, is.URL, c.KID)
		case c.Ctr != k.CRLVersion:
			return fmt.Errorf("%w: %s: CRL for kid %q has ctr %d, the key's crlVersion is %d", ErrCRL, is.URL, c.KID, c.Ctr, k.CRLVersion)
		case seen[c.KID]:
			return fmt.Errorf("%w: %s: two CRLs for kid %q", ErrCRL, is.URL, c.KID)
		}
		seen[c.KID] = true
	}
	if s.m == nil {
		s.m = map[string]*Issuer{}
	}
	s.m[is.URL] = is
	return nil
}

// Issuer implements Issuers.
func (s *IssuerSet) Issuer(url string) *Issuer {
	if s == nil {
		return nil
	}
	return s.m[url]
}

// All lists the issuers by URL.
func (s *IssuerSet) All() []*Issuer {
	var all []*Issuer
	for _, is := range s.m {
		all = append(all, is)
	}
	sort.Slice(all, func(i, j int) bool { return all[i].URL < all[j].URL })
	return all
}

// Step names one check; the names are shared with the verify package's
// steps where they mean the same thing.
type Step string

const (
	StepPrefix     Step = "prefix"
	StepNumeric    Step = "numeric"
	StepJWS        Step = "jws"
	StepDeflate    Step = "deflate"
	StepPayload    Step = "payload"
	StepSignature  Step = "signature"
	StepExpiry     Step = "expiry"
	StepRevocation Step = "revocation"
)

// Check is one step that ran; Err is nil when it passed.
type Check struct {
	Step Step
	Err  error
}

// Result is the outcome of verifying one card.
type Result struct {
	Checks []Check // in order
	Err    error   // the first failure; nil when the card verified

	card     *Card
	verified *VerifiedCard
}

// VerifiedCard is a card whose signature, issuer, dates and revocation
// status checked out. Only Result.Verified hands one out.
type VerifiedCard struct {
	Card
	Issuer *Issuer
	Key    *Key
}

// Verified returns the verified card, or nil, false.
func (r *Result) Verified() (*VerifiedCard, bool) {
	if r == nil || r.Err != nil || r.verified == nil {
		return nil, false
	}
	return r.verified, true
}

// Unverified returns the decoded payload whatever the outcome; nil when it
// did not decode. It must never be shown as valid.
func (r *Result) Unverified() *Card {
	if r == nil {
		return nil
	}
	return r.card
}

func (r *Result) record(s Step, err error) bool {
	r.Checks = append(r.Checks, Check{s, err})
	if err != nil && r.Err == nil {
		r.Err = err
	}
	return err == nil
}

// Verifier checks cards against trusted issuers. The zero value trusts
// none (every card is ErrUnknownIssuer).
type Verifier struct {
	Issuers Issuers
}

// VerifyQR verifies the text of a single-QR card ("shc:/" + digits).
func (v *Verifier) VerifyQR(text string, at time.Time) *Result {
	r := &Result{}
	jws, err := DecodeQR(text)
	step := StepNumeric
	if errors.Is(err, ErrPrefix) || errors.Is(err, ErrTooLong) && len(text) > MaxTextLen {
		step = StepPrefix
	}
	if !r.record(step, err) {
		return r
	}
	v.verifyJWS(r, jws, at)
	return r
}

// VerifyJWS verifies a card's compact JWS (the assembled chunks, or one
// entry of a .smart-health-card file).
func (v *Verifier) VerifyJWS(jws string, at time.Time) *Result {
	r := &Result{}
	v.verifyJWS(r, jws, at)
	return r
}

// verifyJWS runs jws, deflate, payload, signature, expiry and revocation.
// Once the payload decodes, expiry and revocation run even after a
// signature failure so that every failure is reported; none of it counts
// unless the signature verified.
func (v *Verifier) verifyJWS(r *Result, s string, at time.Time) {
	j, err := ParseJWS(s)
	if errors.Is(err, ErrInflate) || errors.Is(err, ErrTooLarge) {
		r.record(StepJWS, nil)
		r.record(StepDeflate, err)
		return
	}
	if !r.record(StepJWS, err) {
		return
	}
	r.record(StepDeflate, nil)
	c, err := ParseCard(j.Payload)
	if !r.record(StepPayload, err) {
		return
	}
	r.card = c
	is, key, err := v.checkSignature(j, c)
	signed := r.record(StepSignature, err)
	r.record(StepExpiry, checkDates(c, at))
	if crl := is.crlFor(key); crl != nil {
		var err error
		if crl.Revoked(c.RID, c.nbf) {
			err = fmt.Errorf("%w: rid %s is on the issuer's revocation list", ErrRevoked, c.RID)
		}
		r.record(StepRevocation, err)
	}
	if signed && r.Err == nil {
		r.verified = &VerifiedCard{Card: *c, Issuer: is, Key: key}
	}
}

func (is *Issuer) crlFor(k *Key) *CRL {
	if is == nil || k == nil {
		return nil
	}
	return is.crl(k.KID)
}

// checkSignature finds the card's issuer and its key by kid, and checks
// the signature with that key only. The issuer and key are returned even
// when the signature fails, so that revocation can still be reported.
func (v *Verifier) checkSignature(j *JWS, c *Card) (*Issuer, *Key, error) {
	var is *Issuer
	if v.Issuers != nil {
		is = v.Issuers.Issuer(c.Issuer)
	}
	if is == nil {
		return nil, nil, fmt.Errorf("%w: %s", ErrUnknownIssuer, c.Issuer)
	}
	k := is.key(j.Header.KID)
	if k == nil {
		return is, nil, fmt.Errorf("%w: kid %s is not a key of %s", ErrUnknownKey, j.Header.KID, c.Issuer)
	}
	if !verifyES256(k.Public, j.signed, j.sig) {
		return is, k, fmt.Errorf("%w (kid %s)", ErrSignature, k.KID)
	}
	return is, k, nil
}

// verifyES256 checks a JWS ES256 signature: exactly 64 bytes, r‖s. A DER
// signature is refused, as RFC 7518 requires.
func verifyES256(pub *ecdsa.PublicKey, signed string, sig []byte) bool {
	if len(sig) != 64 {
		return false
	}
	h := sha256.Sum256([]byte(signed))
	r, s := new(big.Int).SetBytes(sig[:32]), new(big.Int).SetBytes(sig[32:])
	return ecdsa.Verify(pub, h[:], r, s)
}

// checkDates: nbf may be up to MaxNotBeforeAhead ahead of at; a card is expired
// only after exp (at == exp is still valid).
func checkDates(c *Card, at time.Time) error {
	if c.NotBefore.After(at.Add(MaxNotBeforeAhead)) {
		return fmt.Errorf("%w: valid from %s", ErrNotYetValid, c.NotBefore.Format(time.RFC3339))
	}
	if !c.Expires.IsZero() && at.After(c.Expires) {
		return fmt.Errorf("%w: at %s", ErrExpired, c.Expires.Format(time.RFC3339))
	}
	return nil
}
