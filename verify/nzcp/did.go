package nzcp

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"

	"passcheck/verify/internal/jsondepth"
)

const (
	// MaxDocLen bounds a DID document.
	MaxDocLen = 1 << 20
	// MaxKeys bounds the verification methods of one DID document.
	MaxKeys = 256
	// maxJSONDepth bounds the nesting of a DID document (a published one
	// is 4 deep).
	maxJSONDepth = 16
)

// Issuer is one trusted pass issuer.
type Issuer struct {
	DID  string // "did:web:nzcp.identity.health.nz"
	Name string // for the verdict screen; may be ""
	// Test marks an issuer trusted only for demonstrations (the
	// specification's example issuer).
	Test bool
	// Keys maps the relative kid ("key-1") to its key: only assertion
	// keys.
	Keys map[string]*ecdsa.PublicKey
}

// Issuers finds a trusted issuer by its DID; nil when it is not trusted.
type Issuers interface {
	Issuer(did string) *Issuer
}

// IssuerSet is an in-memory Issuers.
type IssuerSet struct{ m map[string]*Issuer }

// Add trusts an issuer.
func (s *IssuerSet) Add(is *Issuer) {
	if s.m == nil {
		s.m = map[string]*Issuer{}
	}
	s.m[is.DID] = is
}

// Issuer implements Issuers.
func (s *IssuerSet) Issuer(did string) *Issuer {
	if s == nil {
		return nil
	}
	return s.m[did]
}

// All lists the issuers by DID.
func (s *IssuerSet) All() []*Issuer {
	var all []*Issuer
	for _, is := range s.m {
		all = append(all, is)
	}
	sort.Slice(all, func(i, j int) bool { return all[i].DID < all[j].DID })
	return all
}

// ParseDID reads an issuer's DID document. It keeps the verification
// methods that are listed under assertionMethod, of type JsonWebKey2020,
// with a public EC P-256 JWK; skipped says why each other one was left
// out. err is for a document that is not a did:web DID document.
func ParseDID(b []byte) (is *Issuer, skipped []error, err error) {
	if len(b) > MaxDocLen {
		return nil, nil, fmt.Errorf("%w: %d bytes, at most %d", ErrDID, len(b), MaxDocLen)
	}
	var doc struct {
		ID                 string `json:"id"`
		VerificationMethod []struct {
			ID           string          `json:"id"`
			Type         string          `json:"type"`
			Controller   string          `json:"controller"`
			PublicKeyJwk json.RawMessage `json:"publicKeyJwk"`
		} `json:"verificationMethod"`
		AssertionMethod []json.RawMessage `json:"assertionMethod"`
	}
	if err := jsondepth.Check(b, maxJSONDepth); err != nil {
		return nil, nil, fmt.Errorf("%w: %v", ErrDID, err)
	}
	d := json.NewDecoder(bytes.NewReader(b))
	if err := d.Decode(&doc); err != nil {
		return nil, nil, fmt.Errorf("%w: %v", ErrDID, err)
	}
	if _, err := d.Token(); err != io.EOF {
		return nil, nil, fmt.Errorf("%w: data after the document", ErrDID)
	}
	if !strings.HasPrefix(doc.ID, "did:web:") {
		return nil, nil, fmt.Errorf("%w: id %q is not a did:web identifier", ErrDID, doc.ID)
	}
	if len(doc.VerificationMethod) > MaxKeys {
		return nil, nil, fmt.Errorf("%w: %d keys, at most %d", ErrDID, len(doc.VerificationMethod), MaxKeys)
	}
	assert := map[string]bool{}
	for _, a := range doc.AssertionMethod {
		var ref string
		if json.Unmarshal(a, &ref) == nil { // embedded methods are not references: ignored
			assert[ref] = true
		}
	}
	is = &Issuer{DID: doc.ID, Keys: map[string]*ecdsa.PublicKey{}}
	for i, m := range doc.VerificationMethod {
		did, kid, ok := strings.Cut(m.ID, "#")
		switch {
		case !ok || did != doc.ID || kid == "":
			skipped = append(skipped, fmt.Errorf("%w: verificationMethod[%d] id %q is not %s#KEY", ErrDID, i, m.ID, doc.ID))
			continue
		case !assert[m.ID]:
			skipped = append(skipped, fmt.Errorf("%w: %s is not an assertionMethod", ErrDID, m.ID))
			continue
		case m.Type != "JsonWebKey2020":
			skipped = append(skipped, fmt.Errorf("%w: %s has type %q, want JsonWebKey2020", ErrDID, m.ID, m.Type))
			continue
		}
		pub, err := parseJWK(m.PublicKeyJwk)
		if err != nil {
			skipped = append(skipped, fmt.Errorf("%w: %s: %v", ErrDID, m.ID, err))
			continue
		}
		is.Keys[kid] = pub
	}
	return is, skipped, nil
}

func parseJWK(raw json.RawMessage) (*ecdsa.PublicKey, error) {
	var j map[string]any
	if err := json.Unmarshal(raw, &j); err != nil {
		return nil, fmt.Errorf("publicKeyJwk: %v", err)
	}
	// No private parameter may be published (d for EC; the RSA ones too).
	for _, p := range []string{"d", "p", "q", "dp", "dq", "qi", "k"} {
		if _, ok := j[p]; ok {
			return nil, fmt.Errorf("publicKeyJwk publishes the private parameter %q", p)
		}
	}
	if j["kty"] != "EC" || j["crv"] != "P-256" {
		return nil, fmt.Errorf("publicKeyJwk is not kty EC, crv P-256")
	}
	x, _ := j["x"].(string)
	y, _ := j["y"].(string)
	xb, err1 := base64.RawURLEncoding.DecodeString(x)
	yb, err2 := base64.RawURLEncoding.DecodeString(y)
	if err1 != nil || err2 != nil || len(xb) != 32 || len(yb) != 32 {
		return nil, fmt.Errorf("publicKeyJwk x and y must be 32 bytes of base64url each")
	}
	pub, err := ecdsa.ParseUncompressedPublicKey(elliptic.P256(), append(append([]byte{4}, xb...), yb...))
	if err != nil {
		return nil, fmt.Errorf("publicKeyJwk is not a point on P-256")
	}
	return pub, nil
}
