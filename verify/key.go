package verify

import (
	"bytes"
	"crypto/sha256"
	"crypto/x509"
	"encoding/asn1"
	"time"
)

// TrustStatus is implemented by trust stores that can go out of date (a trust
// bundle past its expiry, a device clock before the bundle's issue time). A
// non-nil error makes every verdict CannotVerify, carrying that error.
type TrustStatus interface {
	Usable(at time.Time) error
}

// The extended key usage OIDs of the HCERT spec (section 5.1.1), in both the
// published and the typo'd form that real DSCs carry.
var ekuTypes = []struct {
	oid asn1.ObjectIdentifier
	t   CertType
}{
	{asn1.ObjectIdentifier{1, 3, 6, 1, 4, 1, 1847, 2021, 1, 1}, Test},
	{asn1.ObjectIdentifier{1, 3, 6, 1, 4, 1, 1847, 2021, 1, 2}, Vaccination},
	{asn1.ObjectIdentifier{1, 3, 6, 1, 4, 1, 1847, 2021, 1, 3}, Recovery},
	{asn1.ObjectIdentifier{1, 3, 6, 1, 4, 1, 0, 1847, 2021, 1, 1}, Test},
	{asn1.ObjectIdentifier{1, 3, 6, 1, 4, 1, 0, 1847, 2021, 1, 2}, Vaccination},
	{asn1.ObjectIdentifier{1, 3, 6, 1, 4, 1, 0, 1847, 2021, 1, 3}, Recovery},
}

// TypesFromEKU returns the certificate types a DSC may sign: those named by
// its DCC extended key usage OIDs, or all types when it names none.
func TypesFromEKU(c *x509.Certificate) CertType {
	var t CertType
	for _, oid := range c.UnknownExtKeyUsage {
		for _, e := range ekuTypes {
			if oid.Equal(e.oid) {
				t |= e.t
			}
		}
	}
	if t == 0 {
		return AllTypes
	}
	return t
}

// KIDFromDER is the HCERT key identifier: the first 8 bytes of SHA-256 over
// the DER-encoded certificate.
func KIDFromDER(der []byte) []byte {
	h := sha256.Sum256(der)
	return h[:8:8]
}

// KeyFromCertificate makes a trusted Key of a DSC: kid from its DER, country
// from its subject (C=), types from its EKU, validity from its window.
func KeyFromCertificate(c *x509.Certificate) *Key {
	k := &Key{
		KID:       KIDFromDER(c.Raw),
		Public:    c.PublicKey,
		Cert:      c,
		Types:     TypesFromEKU(c),
		NotBefore: c.NotBefore,
		NotAfter:  c.NotAfter,
	}
	if len(c.Subject.Country) > 0 {
		k.Country = c.Subject.Country[0]
	}
	return k
}

// KeySet is a TrustStore held in memory, such as the DSCs given with
// `passcheck verify --cert`.
type KeySet struct {
	byKID map[string][]*Key
}

// NewKeySet returns a TrustStore holding keys.
func NewKeySet(keys ...*Key) *KeySet {
	s := &KeySet{byKID: make(map[string][]*Key, len(keys))}
	for _, k := range keys {
		s.Add(k)
	}
	return s
}

// Add adds k unless a key with the same kid and public key is already there.
func (s *KeySet) Add(k *Key) {
	id := string(k.KID)
	for _, have := range s.byKID[id] {
		if have.Cert != nil && k.Cert != nil && bytes.Equal(have.Cert.Raw, k.Cert.Raw) {
			return
		}
	}
	s.byKID[id] = append(s.byKID[id], k)
}

// Lookup implements TrustStore.
func (s *KeySet) Lookup(kid []byte) []*Key { return s.byKID[string(kid)] }

// Len returns the number of keys.
func (s *KeySet) Len() int {
	n := 0
	for _, ks := range s.byKID {
		n += len(ks)
	}
	return n
}
