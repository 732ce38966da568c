package trust

import (
	"bytes"
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	_ "crypto/sha256" // go-cose imports no hash package
	"encoding/json"
	"fmt"
	"sort"
	"sync"
	"time"

	"github.com/veraison/go-cose"

	"passcheck/verify"
	"passcheck/verify/internal/der"
)

// Bundle is a trust bundle whose signature, key and seq checked out. It
// implements verify.TrustStore, verify.RevocationList and verify.TrustStatus
// and is safe for concurrent use. Only Open makes one.
type Bundle struct {
	seq       uint64
	issuedAt  time.Time
	expiresAt time.Time
	signer    []byte // kid of the bundle key that signed it
	fp        string // Fingerprint of the signed payload

	dscs        []entry           // one allocation for all
	byKID       map[[8]byte]int32 // kid → index of its first entry in dscs
	revokedKIDs map[string]bool
	revoked     [4]map[[16]byte]struct{} // indexed by verify.HashKind
	revCount    [4]int
	rules       []byte
	valueSets   []byte
	formats     *formatIssuers // SMART and NZCP issuers
}

// entry defers parsing a DSC to its first lookup: a bundle carries
// thousands of certificates and a door check needs one.
type entry struct {
	dsc  DSC
	next int32 // the next entry with the same kid, or -1
	once sync.Once
	key  *verify.Key // nil when the DSC does not parse
}

// Open verifies data as a bundle signed by one of the pinned keys, with a
// seq no lower than minSeq, and indexes it.
//
// A bundle past its expiry, or one issued later than at (beyond MaxClockLag),
// is returned together with an error wrapping ErrStale or ErrClockBehind:
// it is genuine, but Usable reports the same error, so verdicts made with it
// are CannotVerify with that reason. Every other error returns a nil Bundle.
func Open(data []byte, pinned []crypto.PublicKey, minSeq uint64, at time.Time) (*Bundle, error) {
	if len(data) > MaxSize {
		return nil, fmt.Errorf("%w: %d bytes, limit %d", ErrTooLarge, len(data), MaxSize)
	}
	var msg cose.Sign1Message
	if err := msg.UnmarshalCBOR(data); err != nil {
		return nil, fmt.Errorf("%w: COSE_Sign1: %v", ErrMalformed, err)
	}
	p := msg.Headers.Protected
	if alg, err := p.Algorithm(); err != nil || alg != cose.AlgorithmES256 {
		return nil, fmt.Errorf("%w: protected alg must be ES256", ErrMalformed)
	}
	if _, ok := p[cose.HeaderLabelCritical]; ok {
		return nil, fmt.Errorf("%w: crit header not supported", ErrMalformed)
	}
	if ct, _ := p[cose.HeaderLabelContentType].(string); ct != ContentType {
		return nil, fmt.Errorf("%w: content type is not %s", ErrMalformed, ContentType)
	}
	kid, _ := p[cose.HeaderLabelKeyID].([]byte)
	if len(kid) == 0 {
		return nil, fmt.Errorf("%w: no protected kid", ErrMalformed)
	}

	// Every pinned key with this kid is tried: kids are short and a
	// collision between pinned keys must not lock out the right one.
	var known, verified bool
	for _, pub := range pinned {
		id, err := KeyID(pub)
		if err != nil || !bytes.Equal(id, kid) {
			continue
		}
		known = true
		v, err := cose.NewVerifier(cose.AlgorithmES256, pub)
		if err == nil && msg.Verify(nil, v) == nil {
			verified = true
			break
		}
	}
	switch {
	case !known:
		return nil, fmt.Errorf("%w: kid %x", ErrUnknownBundleKey, kid)
	case !verified:
		return nil, ErrSignature
	}

	b, err := decodePayload(msg.Payload)
	if err != nil {
		return nil, err
	}
	b.signer = kid
	b.fp = Fingerprint(msg.Payload)
	if b.seq < minSeq {
		return nil, fmt.Errorf("%w: seq %d, already accepted %d", ErrRollback, b.seq, minSeq)
	}
	if err := b.Usable(at); err != nil {
		return b, err
	}
	return b, nil
}

// decodePayload decodes the signed payload strictly and indexes it.
func decodePayload(body []byte) (*Bundle, error) {
	var pl Payload
	if err := decMode.Unmarshal(body, &pl); err != nil {
		return nil, fmt.Errorf("%w: payload: %v", ErrMalformed, err)
	}
	return index(&pl)
}

// index checks the payload's invariants and builds the lookup tables.
func index(p *Payload) (*Bundle, error) {
	bad := func(format string, a ...any) error {
		return fmt.Errorf("%w: %s", ErrMalformed, fmt.Sprintf(format, a...))
	}
	if p.Version != Version {
		return nil, bad("version %d, want %d", p.Version, Version)
	}
	if p.ExpiresAt <= p.IssuedAt {
		return nil, bad("expiresAt %d not after issuedAt %d", p.ExpiresAt, p.IssuedAt)
	}
	b := &Bundle{
		seq:         p.Seq,
		issuedAt:    time.Unix(p.IssuedAt, 0).UTC(),
		expiresAt:   time.Unix(p.ExpiresAt, 0).UTC(),
		dscs:        make([]entry, len(p.DSCs)),
		byKID:       make(map[[8]byte]int32, len(p.DSCs)),
		revokedKIDs: make(map[string]bool, len(p.RevokedKIDs)),
	}
	for i, d := range p.DSCs {
		switch {
		case len(d.KID) != 8:
			return nil, bad("dsc %d: kid is %d bytes, want 8", i, len(d.KID))
		case d.Country != "" && !verify.IsCountryCode(d.Country):
			return nil, bad("dsc %d: country %q", i, d.Country)
		case (len(d.Cert) == 0) == (len(d.SPKI) == 0):
			return nil, bad("dsc %d: want exactly one of cert and spki", i)
		case d.Types == 0 || verify.CertType(d.Types)&^verify.AllTypes != 0:
			return nil, bad("dsc %d: types %#x", i, d.Types)
		}
		// Entries sharing a kid are chained through next, newest first.
		b.dscs[i] = entry{dsc: d, next: -1}
		if first, ok := b.byKID[[8]byte(d.KID)]; ok {
			b.dscs[i].next = first
		}
		b.byKID[[8]byte(d.KID)] = int32(i)
	}
	for i, kid := range p.RevokedKIDs {
		if len(kid) != 8 {
			return nil, bad("revoked kid %d: %d bytes, want 8", i, len(kid))
		}
		b.revokedKIDs[string(kid)] = true
	}
	for _, r := range []struct {
		kind verify.HashKind
		list []byte
	}{{verify.HashUCI, p.Revoked.UCI}, {verify.HashCountryUCI, p.Revoked.CountryUCI}, {verify.HashSignature, p.Revoked.Signature}} {
		if len(r.list)%16 != 0 {
			return nil, bad("revocations kind %d: %d bytes, not a multiple of 16", r.kind, len(r.list))
		}
		m := make(map[[16]byte]struct{}, len(r.list)/16)
		for i := 0; i < len(r.list); i += 16 {
			m[[16]byte(r.list[i:i+16])] = struct{}{}
		}
		b.revoked[r.kind] = m
		b.revCount[r.kind] = len(m)
	}
	var err error
	if len(p.Rules) > 0 && !json.Valid(p.Rules) {
		return nil, bad("rules: not JSON")
	}
	if len(p.ValueSets) > 0 && !json.Valid(p.ValueSets) {
		return nil, bad("valueSets: not JSON")
	}
	b.rules, b.valueSets = p.Rules, p.ValueSets
	if b.formats, err = indexFormats(p); err != nil {
		return nil, err
	}
	return b, nil
}

// Usable implements verify.TrustStatus: nil while the bundle is in date at
// at, else an error wrapping ErrStale or ErrClockBehind.
func (b *Bundle) Usable(at time.Time) error {
	if at.Before(b.issuedAt.Add(-MaxClockLag)) {
		return fmt.Errorf("%w: clock %s, bundle issued %s", ErrClockBehind,
			at.UTC().Format(time.RFC3339), b.issuedAt.Format(time.RFC3339))
	}
	if !at.Before(b.expiresAt) {
		return fmt.Errorf("%w: on %s", ErrStale, b.expiresAt.Format(time.RFC3339))
	}
	return nil
}

// Lookup implements verify.TrustStore. A revoked DSC is never returned (see
// KIDRevoked to tell it from an unknown one).
func (b *Bundle) Lookup(kid []byte) []*verify.Key {
	if b.revokedKIDs[string(kid)] {
		return nil
	}
	var keys []*verify.Key
	if len(kid) != 8 {
		return nil
	}
	i, ok := b.byKID[[8]byte(kid)]
	for ok && i >= 0 {
		if k := b.dscs[i].get(); k != nil {
			keys = append(keys, k)
		}
		i = b.dscs[i].next
	}
	return keys
}

// KIDRevoked reports whether the bundle lists kid as a revoked DSC.
func (b *Bundle) KIDRevoked(kid []byte) bool { return b.revokedKIDs[string(kid)] }

// Revoked implements verify.RevocationList.
func (b *Bundle) Revoked(kind verify.HashKind, hash [16]byte) bool {
	if int(kind) >= len(b.revoked) {
		return false
	}
	_, ok := b.revoked[kind][hash]
	return ok
}

func (e *entry) get() *verify.Key {
	e.once.Do(func() {
		d := e.dsc
		var k *verify.Key
		if len(d.Cert) > 0 {
			var err error
			if k, err = KeyFromDER(d.Cert); err != nil {
				return
			}
		} else {
			pub, err := ParseSPKI(d.SPKI)
			if err != nil {
				return
			}
			k = &verify.Key{Public: pub}
		}
		// The signed entry is authoritative: the list's country may be
		// set where the subject has none, and types came from the source.
		k.KID = bytes.Clone(d.KID)
		k.Country = d.Country
		k.Types = verify.CertType(d.Types)
		e.key = k
	})
	return e.key
}

// Seq is the bundle's sequence number.
func (b *Bundle) Seq() uint64 { return b.seq }

// IssuedAt is when the bundle was signed.
func (b *Bundle) IssuedAt() time.Time { return b.issuedAt }

// ExpiresAt is when the bundle goes stale.
func (b *Bundle) ExpiresAt() time.Time { return b.expiresAt }

// Fingerprint is the bundle's fingerprint (see the function Fingerprint).
func (b *Bundle) Fingerprint() string { return b.fp }

// SignerKID is the kid of the pinned key that signed the bundle.
func (b *Bundle) SignerKID() []byte { return bytes.Clone(b.signer) }

// Len is the number of DSC entries.
func (b *Bundle) Len() int { return len(b.dscs) }

// Keys parses and returns every DSC in bundle order, revoked ones included;
// entries that do not parse are left out.
func (b *Bundle) Keys() []*verify.Key {
	keys := make([]*verify.Key, 0, len(b.dscs))
	for i := range b.dscs {
		if k := b.dscs[i].get(); k != nil {
			keys = append(keys, k)
		}
	}
	return keys
}

// RevokedKIDs returns the revoked DSC kids, sorted.
func (b *Bundle) RevokedKIDs() [][]byte {
	kids := make([][]byte, 0, len(b.revokedKIDs))
	for k := range b.revokedKIDs {
		kids = append(kids, []byte(k))
	}
	sort.Slice(kids, func(i, j int) bool { return bytes.Compare(kids[i], kids[j]) < 0 })
	return kids
}

// RevocationCount is the number of revocation hashes of kind.
func (b *Bundle) RevocationCount(kind verify.HashKind) int {
	if int(kind) >= len(b.revCount) {
		return 0
	}
	return b.revCount[kind]
}

// Rules is the raw JSON of the bundle's rules and policies, or nil.
func (b *Bundle) Rules() []byte { return b.rules }

// ValueSets is the raw JSON of the bundle's value sets, or nil.
func (b *Bundle) ValueSets() []byte { return b.valueSets }

// KeyID is the kid of a bundle key: the first 8 bytes of SHA-256 over its
// DER SubjectPublicKeyInfo. Only ECDSA P-256 keys are bundle keys.
func KeyID(pub crypto.PublicKey) ([]byte, error) {
	ec, ok := pub.(*ecdsa.PublicKey)
	if !ok || ec.Curve != elliptic.P256() {
		return nil, fmt.Errorf("%w: not an ECDSA P-256 key", ErrPinnedKey)
	}
	spki, err := der.MarshalPublicKey(ec)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrPinnedKey, err)
	}
	return spkiID(spki), nil
}
