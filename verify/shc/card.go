package shc

import (
	"encoding/json"
	"fmt"
	"math"
	"strings"
	"time"
)

// TypeHealthCard is the vc.type every SMART Health Card carries.
const TypeHealthCard = "https://smarthealth.cards#health-card"

// maxNumericDate: 1e11 s is year 5138. A larger nbf or exp is a value in
// milliseconds written where seconds belong.
const maxNumericDate = 1e11

// Card is the decoded payload of a card. Verified data is only handed out
// as a VerifiedCard; a Card alone is unverified.
type Card struct {
	Issuer    string    // iss: the issuer's URL
	NotBefore time.Time // nbf
	Expires   time.Time // exp; zero when the card has none
	RID       string    // vc.rid, the revocation identifier; "" when none
	Types     []string  // vc.type
	Patient   Patient
	// Immunizations and Observations are the bundle's entries of these
	// types, in order.
	Immunizations []Immunization
	Observations  []Observation
	Raw           []byte // the payload JSON, as signed (inflated)

	nbf float64
}

// Patient is the holder, from the bundle's Patient resource.
type Patient struct {
	Given     []string
	Family    string
	BirthDate string // FHIR date: YYYY, YYYY-MM or YYYY-MM-DD
}

// Name is the holder's name as printed: given names then family name.
func (p Patient) Name() string {
	return strings.TrimSpace(strings.Join(append(append([]string(nil), p.Given...), p.Family), " "))
}

// Coding is one FHIR coding.
type Coding struct {
	System string `json:"system"`
	Code   string `json:"code"`
}

// Immunization is one FHIR Immunization entry.
type Immunization struct {
	Status    string   // "completed" or "entered-in-error"
	Vaccine   []Coding // vaccineCode.coding (CVX, SNOMED, ICD-11 …)
	Date      string   // occurrenceDateTime
	LotNumber string
	Performer string // performer[0].actor.display
}

// Observation is one FHIR Observation entry (a lab result).
type Observation struct {
	Status string
	Code   []Coding // code.coding (LOINC)
	Value  []Coding // valueCodeableConcept.coding
	Date   string   // effectiveDateTime
}

// jsonCard is the wire form of the payload.
type jsonCard struct {
	Iss *string  `json:"iss"`
	Nbf *float64 `json:"nbf"`
	Exp *float64 `json:"exp"`
	VC  *struct {
		Type              []string `json:"type"`
		RID               string   `json:"rid"`
		CredentialSubject *struct {
			FHIRVersion string `json:"fhirVersion"`
			FHIRBundle  *struct {
				ResourceType string `json:"resourceType"`
				Entry        []struct {
					Resource json.RawMessage `json:"resource"`
				} `json:"entry"`
			} `json:"fhirBundle"`
		} `json:"credentialSubject"`
	} `json:"vc"`
}

// The fields read of the bundle entries, by resourceType (a field such as
// name has another type in other resources).
type (
	jsonType struct {
		ResourceType string `json:"resourceType"`
	}
	jsonPatient struct {
		Name []struct {
			Family string   `json:"family"`
			Given  []string `json:"given"`
		} `json:"name"`
		BirthDate string `json:"birthDate"`
	}
	jsonImmunization struct {
		Status      string                    `json:"status"`
		VaccineCode struct{ Coding []Coding } `json:"vaccineCode"`
		Occurrence  string                    `json:"occurrenceDateTime"`
		LotNumber   string                    `json:"lotNumber"`
		Performer   []struct {
			Actor struct{ Display string }
		} `json:"performer"`
	}
	jsonObservation struct {
		Status    string                    `json:"status"`
		Code      struct{ Coding []Coding } `json:"code"`
		ValueCC   struct{ Coding []Coding } `json:"valueCodeableConcept"`
		Effective string                    `json:"effectiveDateTime"`
	}
)

// ParseCard reads a card's (inflated) payload. It checks what a verifier
// relies on: iss an https URL without a trailing slash, nbf, exp when
// present, the health-card type, a FHIR bundle with exactly one Patient.
// FHIR profile details are not a verifier's concern and are not checked.
func ParseCard(b []byte) (*Card, error) {
	var j jsonCard
	if err := decodeJSON(b, &j); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrPayload, err)
	}
	c := &Card{Raw: b}
	switch {
	case j.Iss == nil || *j.Iss == "":
		return nil, fmt.Errorf("%w: no iss", ErrPayload)
	case !strings.HasPrefix(*j.Iss, "https://"):
		return nil, fmt.Errorf("%w: iss %q is not an https URL", ErrPayload, *j.Iss)
	case strings.HasSuffix(*j.Iss, "/"):
		return nil, fmt.Errorf("%w: iss %q ends with a slash", ErrPayload, *j.Iss)
	case j.Nbf == nil:
		return nil, fmt.Errorf("%w: no nbf", ErrPayload)
	}
	c.Issuer = *j.Iss
	var err error
	if c.NotBefore, err = numericDate("nbf", *j.Nbf); err != nil {
		return nil, err
	}
	c.nbf = *j.Nbf
	if j.Exp != nil {
		if c.Expires, err = numericDate("exp", *j.Exp); err != nil {
			return nil, err
		}
		if *j.Exp <= *j.Nbf {
			return nil, fmt.Errorf("%w: exp %s is not after nbf %s", ErrPayload,
				c.Expires.UTC().Format(time.RFC3339), c.NotBefore.UTC().Format(time.RFC3339))
		}
	}
	if j.VC == nil {
		return nil, fmt.Errorf("%w: no vc", ErrPayload)
	}
	c.Types, c.RID = j.VC.Type, j.VC.RID
	if !contains(c.Types, TypeHealthCard) {
		return nil, fmt.Errorf("%w: vc.type lacks %s", ErrPayload, TypeHealthCard)
	}
	if c.RID != "" && (len(c.RID) > maxRIDLen || !isBase64URL(c.RID)) {
		return nil, fmt.Errorf("%w: vc.rid %q is not a base64url rid", ErrPayload, c.RID)
	}
	cs := j.VC.CredentialSubject
	if cs == nil || cs.FHIRBundle == nil || cs.FHIRBundle.ResourceType != "Bundle" {
		return nil, fmt.Errorf("%w: no vc.credentialSubject.fhirBundle of resourceType Bundle", ErrPayload)
	}
	patients := 0
	for i, e := range cs.FHIRBundle.Entry {
		typ, err := c.addEntry(e.Resource)
		if err != nil {
			return nil, fmt.Errorf("%w: fhirBundle.entry[%d]: %v", ErrPayload, i, err)
		}
		if typ == "Patient" {
			patients++
		}
	}
	if patients != 1 {
		return nil, fmt.Errorf("%w: %d Patient entries in the bundle, want 1", ErrPayload, patients)
	}
	return c, nil
}

func numericDate(name string, v float64) (time.Time, error) {
	if math.IsNaN(v) || v < 0 || v > maxNumericDate {
		return time.Time{}, fmt.Errorf("%w: %s %v is not a date in seconds", ErrPayload, name, v)
	}
	sec, frac := math.Modf(v)
	return time.Unix(int64(sec), int64(frac*1e9)).UTC(), nil
}

func contains(list []string, s string) bool {
	for _, e := range list {
		if e == s {
			return true
		}
	}
	return false
}

// addEntry reads one bundle entry's resource and returns its type.
func (c *Card) addEntry(raw json.RawMessage) (string, error) {
	var t jsonType
	if err := json.Unmarshal(raw, &t); err != nil {
		return "", err
	}
	switch t.ResourceType {
	case "Patient":
		var p jsonPatient
		if err := json.Unmarshal(raw, &p); err != nil {
			return "", err
		}
		if len(p.Name) > 0 {
			c.Patient.Given, c.Patient.Family = p.Name[0].Given, p.Name[0].Family
		}
		c.Patient.BirthDate = p.BirthDate
	case "Immunization":
		var r jsonImmunization
		if err := json.Unmarshal(raw, &r); err != nil {
			return "", err
		}
		im := Immunization{Status: r.Status, Vaccine: r.VaccineCode.Coding, Date: r.Occurrence, LotNumber: r.LotNumber}
		if len(r.Performer) > 0 {
			im.Performer = r.Performer[0].Actor.Display
		}
		c.Immunizations = append(c.Immunizations, im)
	case "Observation":
		var r jsonObservation
		if err := json.Unmarshal(raw, &r); err != nil {
			return "", err
		}
		c.Observations = append(c.Observations, Observation{Status: r.Status, Code: r.Code.Coding,
			Value: r.ValueCC.Coding, Date: r.Effective})
	}
	return t.ResourceType, nil
}
