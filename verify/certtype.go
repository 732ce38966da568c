package verify

import (
	"encoding/asn1"
	"strings"
)

// CertType is the kind of health certificate: vaccination, test or recovery.
type CertType uint8

const (
	Vaccination CertType = 1 << iota
	Test
	Recovery

	// AllTypes is what a DSC may sign when its certificate carries no DCC
	// extended key usage OID (the HCERT spec, section 5.1).
	AllTypes = Vaccination | Test | Recovery
)

// String names the types, joined by "+"; "none" for none.
func (t CertType) String() string {
	var names []string
	for _, n := range []struct {
		t    CertType
		name string
	}{{Vaccination, "vaccination"}, {Test, "test"}, {Recovery, "recovery"}} {
		if t&n.t != 0 {
			names = append(names, n.name)
		}
	}
	if len(names) == 0 {
		return "none"
	}
	return strings.Join(names, "+")
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

// TypesFromEKU returns the certificate types a DSC may sign, given its
// extended key usage OIDs: those named by the DCC OIDs among them, or all
// types when none is.
func TypesFromEKU(eku []asn1.ObjectIdentifier) CertType {
	var t CertType
	for _, oid := range eku {
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
