// Package bundle builds and signs trust bundles (the format of
// passcheck/verify/trust) from the DSC lists found in the wild: folders of
// certificates, the EU-gateway JSON of the German and Austrian lists, the
// Dutch key file and the test vectors' signer certificates.
//
// Importers never fail a whole list for one bad entry: each entry they
// cannot use is reported as a Skip with its reason.
//
// Build is the whole of `passcheck trust build`: Sources (one per list),
// the revocation files, rules and value sets, the rollback guard, signing
// and the atomic write. A new list format needs an importer and a Source.
package bundle

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/veraison/go-cose"

	"passcheck/verify"
	"passcheck/verify/trust"
)

// DefaultTTL is how long a bundle may be used offline.
const DefaultTTL = 72 * time.Hour

// ErrKey: the bundle signing key is not an ECDSA P-256 private key.
var ErrKey = errors.New("bundle: signing key must be ECDSA P-256")

// Entry is one imported DSC and where it came from.
type Entry struct {
	trust.DSC
	Source string
}

// Skip is an entry an importer left out, and why.
type Skip struct {
	Source string
	Reason string
}

func (s Skip) String() string { return s.Source + ": " + s.Reason }

// Import is what one importer found.
type Import struct {
	Entries []Entry
	Skipped []Skip
}

func (imp *Import) skip(source, format string, a ...any) {
	imp.Skipped = append(imp.Skipped, Skip{source, fmt.Sprintf(format, a...)})
}

// Builder collects DSCs, revocations, rules and value sets into a payload.
// The zero value is ready to use.
type Builder struct {
	entries     []Entry
	seen        map[string]bool
	Skipped     []Skip
	revokedKIDs map[string]bool
	revoked     [4]map[[16]byte]bool
	Rules       []byte // raw JSON, see trust.Payload
	ValueSets   []byte // raw JSON, see trust.Payload
	// The SMART Health Card and NZ COVID Pass issuers (formats.go).
	SHC  []trust.SHCIssuer
	NZCP []trust.NZCPIssuer
}

// Add takes the entries of imp, dropping exact duplicates (same kid and same
// certificate or key) that several lists share, and records its skips.
func (b *Builder) Add(imp *Import) {
	if b.seen == nil {
		b.seen = map[string]bool{}
	}
	for _, e := range imp.Entries {
		id := string(e.KID) + string(e.Cert) + string(e.SPKI)
		if b.seen[id] {
			continue
		}
		b.seen[id] = true
		b.entries = append(b.entries, e)
	}
	b.Skipped = append(b.Skipped, imp.Skipped...)
}

// RevokeKID marks a DSC as revoked.
func (b *Builder) RevokeKID(kid []byte) error {
	if len(kid) != 8 {
		return fmt.Errorf("bundle: revoked kid is %d bytes, want 8", len(kid))
	}
	if b.revokedKIDs == nil {
		b.revokedKIDs = map[string]bool{}
	}
	b.revokedKIDs[string(kid)] = true
	return nil
}

// Revoke adds a revocation hash of the given kind.
func (b *Builder) Revoke(kind verify.HashKind, hash [16]byte) error {
	if kind < verify.HashUCI || kind > verify.HashSignature {
		return fmt.Errorf("bundle: unknown revocation kind %d", kind)
	}
	if b.revoked[kind] == nil {
		b.revoked[kind] = map[[16]byte]bool{}
	}
	b.revoked[kind][hash] = true
	return nil
}

// Entries returns the DSCs collected so far.
func (b *Builder) Entries() []Entry { return b.entries }

// Payload returns the bundle content for seq, issued at issuedAt and
// usable for ttl. DSCs are sorted by kid, then certificate, so that the same
// input always gives the same bytes.
func (b *Builder) Payload(seq uint64, issuedAt time.Time, ttl time.Duration) *trust.Payload {
	if ttl <= 0 {
		ttl = DefaultTTL
	}
	p := &trust.Payload{
		Version:   trust.Version,
		Seq:       seq,
		IssuedAt:  issuedAt.Unix(),
		ExpiresAt: issuedAt.Add(ttl).Unix(),
		DSCs:      make([]trust.DSC, len(b.entries)),
		Rules:     b.Rules,
		ValueSets: b.ValueSets,
		SHC:       b.SHC,
		NZCP:      b.NZCP,
	}
	for i, e := range b.entries {
		p.DSCs[i] = e.DSC
	}
	sort.SliceStable(p.DSCs, func(i, j int) bool {
		a, c := p.DSCs[i], p.DSCs[j]
		if k := bytes.Compare(a.KID, c.KID); k != 0 {
			return k < 0
		}
		return bytes.Compare(append(a.Cert, a.SPKI...), append(c.Cert, c.SPKI...)) < 0
	})
	for kid := range b.revokedKIDs {
		p.RevokedKIDs = append(p.RevokedKIDs, []byte(kid))
	}
	sort.Slice(p.RevokedKIDs, func(i, j int) bool { return bytes.Compare(p.RevokedKIDs[i], p.RevokedKIDs[j]) < 0 })
	p.Revoked.UCI = concat(b.revoked[verify.HashUCI])
	p.Revoked.CountryUCI = concat(b.revoked[verify.HashCountryUCI])
	p.Revoked.Signature = concat(b.revoked[verify.HashSignature])
	return p
}

func concat(set map[[16]byte]bool) []byte {
	hs := make([][16]byte, 0, len(set))
	for h := range set {
		hs = append(hs, h)
	}
	sort.Slice(hs, func(i, j int) bool { return bytes.Compare(hs[i][:], hs[j][:]) < 0 })
	out := make([]byte, 0, 16*len(hs))
	for _, h := range hs {
		out = append(out, h[:]...)
	}
	return out
}

// Sign encodes p deterministically and signs it with key as a tagged
// COSE_Sign1 (ES256) naming the key by its kid (trust.KeyID).
func Sign(p *trust.Payload, key *ecdsa.PrivateKey) ([]byte, error) {
	if key == nil || key.Curve != elliptic.P256() {
		return nil, ErrKey
	}
	kid, err := trust.KeyID(&key.PublicKey)
	if err != nil {
		return nil, err
	}
	body, err := trust.Marshal(p)
	if err != nil {
		return nil, fmt.Errorf("bundle: encoding payload: %w", err)
	}
	signer, err := cose.NewSigner(cose.AlgorithmES256, key)
	if err != nil {
		return nil, fmt.Errorf("bundle: %w", err)
	}
	h := cose.Headers{Protected: cose.ProtectedHeader{
		cose.HeaderLabelAlgorithm:   cose.AlgorithmES256,
		cose.HeaderLabelKeyID:       kid,
		cose.HeaderLabelContentType: trust.ContentType,
	}}
	out, err := cose.Sign1(rand.Reader, signer, h, body, nil)
	if err != nil {
		return nil, fmt.Errorf("bundle: signing: %w", err)
	}
	if len(out) > trust.MaxSize {
		return nil, fmt.Errorf("bundle: %d bytes exceeds the verifier's limit of %d", len(out), trust.MaxSize)
	}
	return out, nil
}

// entryFromCert checks one DSC certificate. listKID and listCountry are what
// the list says (nil/"" when it says nothing); the reason is "" on success.
func entryFromCert(der, listKID []byte, listCountry, source string) (Entry, string) {
	k, err := trust.KeyFromDER(der)
	if err != nil {
		return Entry{}, "certificate does not parse: " + err.Error()
	}
	if reason := checkKey(k.Public); reason != "" {
		return Entry{}, reason
	}
	kid := k.KID
	if listKID != nil && !bytes.Equal(listKID, kid) {
		// Credentials carry the kid computed from the certificate; a list
		// kid that differs would never match one.
		return Entry{}, fmt.Sprintf("listed kid %x is not the certificate's kid %x", listKID, kid)
	}
	country := listCountry
	if country == "" {
		country = strings.ToUpper(k.Country)
	}
	if country != "" && !verify.IsCountryCode(country) {
		return Entry{}, fmt.Sprintf("country %q is not an ISO 3166-1 alpha-2 code", country)
	}
	return Entry{
		DSC: trust.DSC{
			KID:     kid,
			Country: country,
			Cert:    bytes.Clone(der),
			Types:   uint8(k.Types),
		},
		Source: source,
	}, ""
}

// checkKey accepts the key types verify supports: ES256 keys (P-256) and
// PS256 keys (RSA of at least 2048 bits).
func checkKey(pub any) string {
	switch k := pub.(type) {
	case *ecdsa.PublicKey:
		if k.Curve != elliptic.P256() {
			return "unsupported key: ECDSA " + k.Curve.Params().Name
		}
	case *rsa.PublicKey:
		if k.N.BitLen() < 2048 {
			return fmt.Sprintf("unsupported key: RSA %d bits", k.N.BitLen())
		}
	default:
		return fmt.Sprintf("unsupported key type %T", pub)
	}
	return ""
}
