package nzcp

import (
	"fmt"
	"time"

	"github.com/fxamacker/cbor/v2"
)

// The CWT claim keys of the specification.
const (
	claimIss = 1
	claimExp = 4
	claimNbf = 5
	claimCti = 7
	claimVC  = "vc"
)

// Pass is the decoded CWT of a pass. Verified data is only handed out as a
// VerifiedPass; a Pass alone is unverified.
type Pass struct {
	Issuer    string    // iss: a did:web identifier
	NotBefore time.Time // nbf
	Expires   time.Time // exp
	ID        string    // cti as "urn:uuid:…"
	Type      string    // the pass type, "PublicCovidPass"
	Subject   Subject
}

// Subject is the holder.
type Subject struct {
	GivenName  string
	FamilyName string // optional
	DOB        string // YYYY-MM-DD
}

// Name is the holder's name as printed: given name then family name.
func (s Subject) Name() string {
	if s.FamilyName == "" {
		return s.GivenName
	}
	return s.GivenName + " " + s.FamilyName
}

type jsonVC struct {
	Context           []string `cbor:"@context"`
	Version           string   `cbor:"version"`
	Type              []string `cbor:"type"`
	CredentialSubject struct {
		GivenName  string `cbor:"givenName"`
		FamilyName string `cbor:"familyName"`
		DOB        string `cbor:"dob"`
	} `cbor:"credentialSubject"`
}

// ParsePass reads the CWT claims: iss (a did:web), nbf, exp, cti (a
// 16-byte UUID) and vc (context, version 1.0.0, type PublicCovidPass, and
// a subject with a given name and a date of birth). Integer dates only,
// as the specification requires.
func ParsePass(b []byte) (*Pass, error) {
	var claims map[any]cbor.RawMessage
	if err := decMode.Unmarshal(b, &claims); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrCWT, err)
	}
	get := func(key any, v any, what string) error {
		raw, ok := claims[key]
		if !ok {
			return fmt.Errorf("%w: no %s claim", ErrCWT, what)
		}
		if err := decMode.Unmarshal(raw, v); err != nil {
			return fmt.Errorf("%w: %s claim: %v", ErrCWT, what, err)
		}
		return nil
	}
	p := &Pass{}
	var nbf, exp int64
	var cti []byte
	var vc jsonVC
	for _, c := range []struct {
		key  any
		v    any
		what string
	}{
		{uint64(claimIss), &p.Issuer, "iss (1)"},
		{uint64(claimNbf), &nbf, "nbf (5)"},
		{uint64(claimExp), &exp, "exp (4)"},
		{uint64(claimCti), &cti, "cti (7)"},
		{claimVC, &vc, "vc"},
	} {
		if err := get(c.key, c.v, c.what); err != nil {
			return nil, err
		}
	}
	switch {
	case len(p.Issuer) <= len("did:web:") || p.Issuer[:len("did:web:")] != "did:web:":
		return nil, fmt.Errorf("%w: iss %q is not a did:web identifier", ErrCWT, p.Issuer)
	case nbf <= 0 || exp <= nbf:
		return nil, fmt.Errorf("%w: nbf %d, exp %d", ErrCWT, nbf, exp)
	case len(cti) != 16:
		return nil, fmt.Errorf("%w: cti of %d bytes, want a 16-byte UUID", ErrCWT, len(cti))
	}
	p.NotBefore, p.Expires = time.Unix(nbf, 0).UTC(), time.Unix(exp, 0).UTC()
	p.ID = fmt.Sprintf("urn:uuid:%x-%x-%x-%x-%x", cti[0:4], cti[4:6], cti[6:8], cti[8:10], cti[10:16])
	switch {
	case len(vc.Context) == 0 || vc.Context[0] != "https://www.w3.org/2018/credentials/v1":
		return nil, fmt.Errorf("%w: vc.@context does not start with the W3C credentials context", ErrPayload)
	case vc.Version != "1.0.0":
		return nil, fmt.Errorf("%w: vc.version %q, want 1.0.0", ErrPayload, vc.Version)
	case len(vc.Type) != 2 || vc.Type[0] != "VerifiableCredential" || vc.Type[1] != "PublicCovidPass":
		return nil, fmt.Errorf("%w: vc.type %q, want [VerifiableCredential PublicCovidPass]", ErrPayload, vc.Type)
	case vc.CredentialSubject.GivenName == "":
		return nil, fmt.Errorf("%w: no vc.credentialSubject.givenName", ErrPayload)
	case !isDate(vc.CredentialSubject.DOB):
		return nil, fmt.Errorf("%w: vc.credentialSubject.dob %q is not YYYY-MM-DD", ErrPayload, vc.CredentialSubject.DOB)
	}
	p.Type = vc.Type[1]
	p.Subject = Subject{GivenName: vc.CredentialSubject.GivenName, FamilyName: vc.CredentialSubject.FamilyName,
		DOB: vc.CredentialSubject.DOB}
	return p, nil
}

func isDate(s string) bool {
	_, err := time.Parse(time.DateOnly, s)
	return err == nil
}
