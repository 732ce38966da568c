package verify

// DCC is the health certificate payload (the HCERT claim -260, key 1), with
// the field names of the DCC JSON schema (v1.3.x). Exactly one of V, T, R
// holds exactly one entry once the payload has passed decoding.
type DCC struct {
	Ver string             `json:"ver"`
	Nam Name               `json:"nam"`
	DOB string             `json:"dob"`
	V   []VaccinationEntry `json:"v,omitempty"`
	T   []TestEntry        `json:"t,omitempty"`
	R   []RecoveryEntry    `json:"r,omitempty"`
}

// Name holds the holder's names; the *t fields are the ICAO 9303
// transliterated forms (A-Z and '<').
type Name struct {
	FN  string `json:"fn,omitempty"`
	FNT string `json:"fnt"`
	GN  string `json:"gn,omitempty"`
	GNT string `json:"gnt,omitempty"`
}

type VaccinationEntry struct {
	TG string `json:"tg"` // disease or agent targeted
	VP string `json:"vp"` // vaccine or prophylaxis
	MP string `json:"mp"` // medicinal product
	MA string `json:"ma"` // marketing authorisation holder or manufacturer
	DN int    `json:"dn"` // dose number
	SD int    `json:"sd"` // total series of doses
	DT string `json:"dt"` // date of vaccination
	CO string `json:"co"` // country of vaccination
	IS string `json:"is"` // certificate issuer
	CI string `json:"ci"` // unique certificate identifier (UVCI)
}

type TestEntry struct {
	TG string `json:"tg"`
	TT string `json:"tt"`           // type of test
	NM string `json:"nm,omitempty"` // NAA test name
	MA string `json:"ma,omitempty"` // RAT test device identifier
	SC string `json:"sc"`           // sample collection date-time
	TR string `json:"tr"`           // test result
	TC string `json:"tc,omitempty"` // testing centre
	CO string `json:"co"`
	IS string `json:"is"`
	CI string `json:"ci"`
}

type RecoveryEntry struct {
	TG string `json:"tg"`
	FR string `json:"fr"` // date of first positive NAA test result
	CO string `json:"co"`
	IS string `json:"is"`
	DF string `json:"df"` // certificate valid from
	DU string `json:"du"` // certificate valid until
	CI string `json:"ci"`
}

// Type reports which kind of certificate this is (0 when malformed).
func (d *DCC) Type() CertType {
	switch {
	case len(d.V) == 1 && len(d.T) == 0 && len(d.R) == 0:
		return Vaccination
	case len(d.V) == 0 && len(d.T) == 1 && len(d.R) == 0:
		return Test
	case len(d.V) == 0 && len(d.T) == 0 && len(d.R) == 1:
		return Recovery
	}
	return 0
}
