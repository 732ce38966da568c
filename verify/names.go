package verify

import "strings"

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

func (k HashKind) String() string {
	switch k {
	case HashUCI:
		return "UCI"
	case HashCountryUCI:
		return "COUNTRYCODEUCI"
	case HashSignature:
		return "SIGNATURE"
	}
	return "unknown"
}
