package issue

import (
	"bytes"
	"compress/flate"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base32"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/veraison/go-cose"

	"passcheck/verify/shc"
)

// IsDemoIssuer reports whether an SMART issuer URL or NZCP DID is marked as
// a demo or test issuer, as IsDemo does for DSCs: the word DEMO or TEST in
// it, or a host under the reserved .invalid or .test domains.
func IsDemoIssuer(id string) bool {
	l := strings.ToLower(id)
	return demoMark.MatchString(id) || strings.Contains(l, ".invalid") || strings.Contains(l, ".test")
}

// SHCSigner signs demo SMART Health Cards.
type SHCSigner struct {
	Issuer string // iss: an https URL, marked as a demo (IsDemoIssuer)
	Key    *ecdsa.PrivateKey
	kid    string
}

// NewSHCSigner checks that iss is a demo issuer URL and key an ECDSA P-256
// key.
func NewSHCSigner(iss string, key *ecdsa.PrivateKey) (*SHCSigner, error) {
	if !strings.HasPrefix(iss, "https://") || !IsDemoIssuer(iss) {
		return nil, fmt.Errorf("%w: SMART issuer %q (want an https URL marked DEMO or TEST, or under .invalid/.test)", ErrNotDemo, iss)
	}
	if key == nil || key.Curve != elliptic.P256() {
		return nil, ErrKey
	}
	k := &shc.Key{Public: &key.PublicKey}
	j := k.JWK()
	return &SHCSigner{Issuer: iss, Key: key, kid: shc.Thumbprint(j.X, j.Y)}, nil
}

// JWKS is the issuer's public JWKS (to publish, or to trust).
func (s *SHCSigner) JWKS() []byte {
	b, _ := shc.MarshalJWKS([]*shc.Key{{KID: s.kid, Public: &s.Key.PublicKey}})
	return b
}

// Immunization is one vaccination of a card: a CVX code and a date.
type Immunization struct {
	CVX  string // "207" (Moderna), "208" (Pfizer), "212" (Janssen) …
	Date string // YYYY-MM-DD
	Lot  string
}

// SHCCard is the content of one SMART Health Card.
type SHCCard struct {
	Given         []string
	Family        string
	BirthDate     string
	Immunizations []Immunization
	NotBefore     time.Time
	Expires       time.Time // zero: none
	RID           string    // "": none
}

// Sign returns the card's compact JWS: ES256 over the raw-DEFLATE JSON
// payload, header {"alg":"ES256","zip":"DEF","kid":thumbprint}.
func (s *SHCSigner) Sign(c *SHCCard) (string, error) {
	if len(c.Given) == 0 || c.BirthDate == "" || len(c.Immunizations) == 0 {
		return "", fmt.Errorf("%w: a card needs a name, a birth date and an immunization", ErrClaims)
	}
	type coding struct {
		System string `json:"system"`
		Code   string `json:"code"`
	}
	entries := []map[string]any{{"fullUrl": "resource:0", "resource": map[string]any{
		"resourceType": "Patient", "name": []map[string]any{{"family": c.Family, "given": c.Given}}, "birthDate": c.BirthDate}}}
	for i, im := range c.Immunizations {
		r := map[string]any{"resourceType": "Immunization", "status": "completed",
			"vaccineCode":        map[string]any{"coding": []coding{{"http://hl7.org/fhir/sid/cvx", im.CVX}}},
			"patient":            map[string]string{"reference": "resource:0"},
			"occurrenceDateTime": im.Date,
			"performer":          []map[string]any{{"actor": map[string]string{"display": "Passcheck DEMO clinic"}}}}
		if im.Lot != "" {
			r["lotNumber"] = im.Lot
		}
		entries = append(entries, map[string]any{"fullUrl": fmt.Sprintf("resource:%d", i+1), "resource": r})
	}
	vc := map[string]any{"type": []string{shc.TypeHealthCard},
		"credentialSubject": map[string]any{"fhirVersion": "4.0.1",
			"fhirBundle": map[string]any{"resourceType": "Bundle", "type": "collection", "entry": entries}}}
	if c.RID != "" {
		vc["rid"] = c.RID
	}
	payload := map[string]any{"iss": s.Issuer, "nbf": c.NotBefore.Unix(), "vc": vc}
	if !c.Expires.IsZero() {
		payload["exp"] = c.Expires.Unix()
	}
	pj, err := json.Marshal(payload)
	if err != nil {
		return "", err
	}
	var z bytes.Buffer
	w, _ := flate.NewWriter(&z, flate.BestCompression)
	w.Write(pj)
	w.Close()
	hj, _ := json.Marshal(map[string]string{"alg": "ES256", "zip": "DEF", "kid": s.kid})
	b64 := base64.RawURLEncoding
	signed := b64.EncodeToString(hj) + "." + b64.EncodeToString(z.Bytes())
	h := sha256.Sum256([]byte(signed))
	r, sv, err := ecdsa.Sign(rand.Reader, s.Key, h[:])
	if err != nil {
		return "", err
	}
	sig := make([]byte, 64)
	r.FillBytes(sig[:32])
	sv.FillBytes(sig[32:])
	return signed + "." + b64.EncodeToString(sig), nil
}

// SHCChunks splits a JWS over n QR texts ("shc:/i/n/…", the specification's
// deprecated chunking, still printed), in balanced parts.
func SHCChunks(jws string, n int) ([]string, error) {
	if n < 2 || n > shc.MaxChunks || (len(jws)+n-1)/n > shc.MaxChunkJWSLen || len(jws) < n {
		return nil, fmt.Errorf("%w: %d characters in %d chunks", ErrClaims, len(jws), n)
	}
	size := (len(jws) + n - 1) / n
	var out []string
	for i := 0; i < n; i++ {
		part := jws[min(i*size, len(jws)):min((i+1)*size, len(jws))]
		out = append(out, fmt.Sprintf("shc:/%d/%d/%s", i+1, n, strings.TrimPrefix(shc.EncodeQR(part), shc.Prefix)))
	}
	return out, nil
}

// NZCPSigner signs demo NZ COVID Passes.
type NZCPSigner struct {
	DID string // iss: a did:web identifier marked as a demo (IsDemoIssuer)
	KID string // the key's id in the DID document ("key-1")
	Key *ecdsa.PrivateKey
}

// NewNZCPSigner checks that did is a demo did:web identifier and key an
// ECDSA P-256 key.
func NewNZCPSigner(did, kid string, key *ecdsa.PrivateKey) (*NZCPSigner, error) {
	if !strings.HasPrefix(did, "did:web:") || !IsDemoIssuer(did) || kid == "" {
		return nil, fmt.Errorf("%w: NZCP issuer %q (want a did:web marked DEMO or TEST, or under .invalid/.test)", ErrNotDemo, did)
	}
	if key == nil || key.Curve != elliptic.P256() {
		return nil, ErrKey
	}
	return &NZCPSigner{DID: did, KID: kid, Key: key}, nil
}

// DIDDocument is the issuer's DID document with its one assertion key.
func (s *NZCPSigner) DIDDocument() []byte {
	j := (&shc.Key{Public: &s.Key.PublicKey}).JWK()
	id := s.DID + "#" + s.KID
	b, _ := json.MarshalIndent(map[string]any{
		"@context": "https://w3.org/ns/did/v1",
		"id":       s.DID,
		"verificationMethod": []map[string]any{{"id": id, "controller": s.DID, "type": "JsonWebKey2020",
			"publicKeyJwk": map[string]string{"kty": "EC", "crv": "P-256", "x": j.X, "y": j.Y}}},
		"assertionMethod": []string{id},
	}, "", "  ")
	return b
}

// NZCPPass is the content of one pass.
type NZCPPass struct {
	GivenName, FamilyName, DOB string
	NotBefore, Expires         time.Time
}

// Sign returns the pass's QR text: NZCP:/1/ + base32 of the COSE_Sign1.
func (s *NZCPSigner) Sign(p *NZCPPass) (string, error) {
	if p.GivenName == "" || p.DOB == "" || !p.Expires.After(p.NotBefore) {
		return "", fmt.Errorf("%w: a pass needs a given name, a birth date and nbf before exp", ErrClaims)
	}
	var id [16]byte // a version 4 UUID
	if _, err := rand.Read(id[:]); err != nil {
		return "", err
	}
	id[6], id[8] = id[6]&0x0f|0x40, id[8]&0x3f|0x80
	subject := map[string]string{"givenName": p.GivenName, "dob": p.DOB}
	if p.FamilyName != "" {
		subject["familyName"] = p.FamilyName
	}
	claims := map[any]any{
		1: s.DID, 5: p.NotBefore.Unix(), 4: p.Expires.Unix(), 7: id[:],
		"vc": map[string]any{
			"@context":          []string{"https://www.w3.org/2018/credentials/v1", "https://nzcp.covid19.health.nz/contexts/v1"},
			"version":           "1.0.0",
			"type":              []string{"VerifiableCredential", "PublicCovidPass"},
			"credentialSubject": subject,
		},
	}
	payload, err := encMode.Marshal(claims)
	if err != nil {
		return "", err
	}
	signer, err := cose.NewSigner(cose.AlgorithmES256, s.Key)
	if err != nil {
		return "", err
	}
	msg := cose.NewSign1Message()
	msg.Headers.Protected.SetAlgorithm(cose.AlgorithmES256)
	msg.Headers.Protected[cose.HeaderLabelKeyID] = []byte(s.KID)
	msg.Payload = payload
	if err := msg.Sign(rand.Reader, nil, signer); err != nil {
		return "", err
	}
	b, err := msg.MarshalCBOR()
	if err != nil {
		return "", err
	}
	return "NZCP:/1/" + base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(b), nil
}
