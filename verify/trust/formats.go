package trust

import (
	"fmt"
	"strings"
	"sync"

	"passcheck/verify/nzcp"
	"passcheck/verify/shc"
)

// MaxIssuers bounds the SMART and the NZCP issuer arrays (the VCI
// directory lists about a thousand SMART issuers).
const MaxIssuers = 10_000

// SHCIssuer is one trusted SMART Health Card issuer as it travels: its URL,
// a display name, whether it is a test issuer, and its JWKS and CRLs as
// published (JSON), so that the app reads them with the same parser as the
// importer did.
type SHCIssuer struct {
	_    struct{} `cbor:",toarray"`
	URL  string
	Name string
	Test bool
	JWKS []byte   // {"keys":[…]}
	CRLs [][]byte // one {"kid","method","ctr","rids"} per key that has one
}

// NZCPIssuer is one trusted NZ COVID Pass issuer: its DID, a display name,
// whether it is a test issuer, and its DID document as published (JSON).
type NZCPIssuer struct {
	_    struct{} `cbor:",toarray"`
	DID  string
	Name string
	Test bool
	Doc  []byte
}

// issuerEntry defers parsing an issuer's keys to its first lookup, as entry
// does for DSCs: a bundle may carry a thousand issuers and a door check
// needs one.
type issuerEntry[T any] struct {
	once sync.Once
	is   *T // nil when the documents do not parse
}

type formatIssuers struct {
	shc     []SHCIssuer
	shcIdx  map[string]int
	shcOnce []issuerEntry[shc.Issuer]

	nzcp     []NZCPIssuer
	nzcpIdx  map[string]int
	nzcpOnce []issuerEntry[nzcp.Issuer]
}

// indexFormats checks the issuer arrays' shape (bounds, URL and DID form,
// no duplicates); the documents are parsed on first use.
func indexFormats(p *Payload) (*formatIssuers, error) {
	bad := func(format string, a ...any) error {
		return fmt.Errorf("%w: %s", ErrMalformed, fmt.Sprintf(format, a...))
	}
	if len(p.SHC) > MaxIssuers || len(p.NZCP) > MaxIssuers {
		return nil, bad("%d SMART and %d NZCP issuers, at most %d each", len(p.SHC), len(p.NZCP), MaxIssuers)
	}
	f := &formatIssuers{shc: p.SHC, shcIdx: make(map[string]int, len(p.SHC)), shcOnce: make([]issuerEntry[shc.Issuer], len(p.SHC)),
		nzcp: p.NZCP, nzcpIdx: make(map[string]int, len(p.NZCP)), nzcpOnce: make([]issuerEntry[nzcp.Issuer], len(p.NZCP))}
	for i, is := range p.SHC {
		if !strings.HasPrefix(is.URL, "https://") || strings.HasSuffix(is.URL, "/") {
			return nil, bad("SMART issuer %d: URL %q", i, is.URL)
		}
		if _, dup := f.shcIdx[is.URL]; dup {
			return nil, bad("SMART issuer %q listed twice", is.URL)
		}
		if len(is.JWKS) == 0 || len(is.JWKS) > shc.MaxDocLen || len(is.CRLs) > shc.MaxKeys {
			return nil, bad("SMART issuer %q: JWKS of %d bytes, %d CRLs", is.URL, len(is.JWKS), len(is.CRLs))
		}
		f.shcIdx[is.URL] = i
	}
	for i, is := range p.NZCP {
		if !strings.HasPrefix(is.DID, "did:web:") {
			return nil, bad("NZCP issuer %d: %q is not a did:web identifier", i, is.DID)
		}
		if _, dup := f.nzcpIdx[is.DID]; dup {
			return nil, bad("NZCP issuer %q listed twice", is.DID)
		}
		f.nzcpIdx[is.DID] = i
	}
	return f, nil
}

// SHCIssuer returns a trusted SMART issuer with its keys and CRLs; nil
// when the bundle does not trust it, or its documents do not parse.
func (f *formatIssuers) shcIssuer(url string) *shc.Issuer {
	i, ok := f.shcIdx[url]
	if !ok {
		return nil
	}
	e := &f.shcOnce[i]
	e.once.Do(func() { e.is, _ = ParseSHCIssuer(&f.shc[i]) })
	return e.is
}

func (f *formatIssuers) nzcpIssuer(did string) *nzcp.Issuer {
	i, ok := f.nzcpIdx[did]
	if !ok {
		return nil
	}
	e := &f.nzcpOnce[i]
	e.once.Do(func() { e.is, _ = ParseNZCPIssuer(&f.nzcp[i]) })
	return e.is
}

// ParseSHCIssuer reads an issuer's JWKS and CRLs, strictly: a key or CRL
// that cannot be used is an error (the importer refuses them, so a bundle
// holding one is not of its making).
func ParseSHCIssuer(s *SHCIssuer) (*shc.Issuer, error) {
	keys, skipped, err := shc.ParseJWKS(s.JWKS)
	if err == nil && len(skipped) > 0 {
		err = skipped[0]
	}
	if err == nil && len(keys) == 0 {
		err = fmt.Errorf("%w: no keys", shc.ErrKey)
	}
	if err != nil {
		return nil, fmt.Errorf("SMART issuer %s: %w", s.URL, err)
	}
	is := &shc.Issuer{URL: s.URL, Name: s.Name, Test: s.Test, Keys: keys}
	for _, b := range s.CRLs {
		c, err := shc.ParseCRL(b)
		if err != nil {
			return nil, fmt.Errorf("SMART issuer %s: %w", s.URL, err)
		}
		is.CRLs = append(is.CRLs, c)
	}
	if err := (&shc.IssuerSet{}).Add(is); err != nil {
		return nil, err
	}
	return is, nil
}

// ParseNZCPIssuer reads an issuer's DID document, whose id must be the
// issuer's DID and which must hold at least one usable assertion key.
func ParseNZCPIssuer(n *NZCPIssuer) (*nzcp.Issuer, error) {
	is, _, err := nzcp.ParseDID(n.Doc)
	if err != nil {
		return nil, fmt.Errorf("NZCP issuer %s: %w", n.DID, err)
	}
	if is.DID != n.DID {
		return nil, fmt.Errorf("NZCP issuer %s: %w: the document is %s's", n.DID, nzcp.ErrDID, is.DID)
	}
	if len(is.Keys) == 0 {
		return nil, fmt.Errorf("NZCP issuer %s: %w: no usable assertion key", n.DID, nzcp.ErrDID)
	}
	is.Name, is.Test = n.Name, n.Test
	return is, nil
}

// SHCIssuers returns the bundle's SMART Health Card issuers, for
// verify.Verifier.SHC.
func (b *Bundle) SHCIssuers() shc.Issuers { return shcView{b.formats} }

// NZCPIssuers returns the bundle's NZ COVID Pass issuers, for
// verify.Verifier.NZCP.
func (b *Bundle) NZCPIssuers() nzcp.Issuers { return nzcpView{b.formats} }

// SHCList and NZCPList return the issuers as carried, for inspection.
func (b *Bundle) SHCList() []SHCIssuer   { return b.formats.shc }
func (b *Bundle) NZCPList() []NZCPIssuer { return b.formats.nzcp }

type shcView struct{ f *formatIssuers }

func (v shcView) Issuer(url string) *shc.Issuer { return v.f.shcIssuer(url) }

type nzcpView struct{ f *formatIssuers }

func (v nzcpView) Issuer(did string) *nzcp.Issuer { return v.f.nzcpIssuer(did) }
