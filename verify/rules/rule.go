package rules

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"regexp"
	"time"

	"passcheck/verify/certlogic"
)

var (
	// ErrRule: a rule is malformed (JSON, a missing or ill-formed field,
	// invalid CertLogic logic).
	ErrRule = errors.New("rules: malformed rule")
	// ErrPolicy: a policy file is malformed.
	ErrPolicy = errors.New("rules: malformed policy")
	// ErrValueSets: a value-set file is malformed.
	ErrValueSets = errors.New("rules: malformed value sets")
	// ErrTooLarge: a rule, policy or value-set file is over its bound.
	ErrTooLarge = errors.New("rules: too large")
	// ErrRuleFailed: a rule of the policy failed; the verdict is Invalid.
	ErrRuleFailed = errors.New("rules: the venue policy refuses the certificate")
	// ErrRuleOpen: no rule failed, but one could not be decided (data the
	// rule needs is missing, say); the verdict is CannotVerify, never Valid.
	ErrRuleOpen = errors.New("rules: a rule of the venue policy could not be decided")
)

// Bounds on untrusted rule data. The largest real rule in testdata is 4.5 KB.
const (
	MaxRuleBytes     = 64 << 10
	MaxPolicyBytes   = 4 << 20
	MaxRulesInPolicy = 200
	MaxPolicies      = 64
	MaxDescriptions  = 64
)

// Rule is one business rule in the EU DCC gateway shape.
type Rule struct {
	Identifier      string        // e.g. "VR-KR-0001": type prefix, country, number
	Type            string        // "Acceptance" or "Invalidation"
	Country         string        // ISO 3166-1 alpha-2 of the rule's owner
	Version         string        // semver
	SchemaVersion   string        // semver
	Engine          string        // "CERTLOGIC"
	EngineVersion   string        // semver
	CertificateType string        // "General", "Vaccination", "Test" or "Recovery"
	Description     []Description // at least English
	ValidFrom       time.Time
	ValidTo         time.Time
	AffectedFields  []string
	Logic           json.RawMessage // the CertLogic expression as given

	logic *certlogic.Expr
	desc  map[string]string // Description by language, built once
}

// Description is a rule's description in one language.
type Description struct {
	Lang string `json:"lang"`
	Desc string `json:"desc"`
}

// The field patterns of the gateway's validation-rule schema (the number of
// an Identifier is four digits, as every real rule has it: the schema's
// "[1-9]\d*" would refuse "GR-AT-0000").
var (
	reIdentifier = regexp.MustCompile(`^(GR|VR|TR|RR|IR)-[A-Z]{2}-[0-9]{4}$`)
	reCountry    = regexp.MustCompile(`^[A-Z]{2}$`)
	reSemver     = regexp.MustCompile(`^[0-9]+\.[0-9]+\.[0-9]+`)
	reLang       = regexp.MustCompile(`^([a-z]{2}|[a-z]{2}-[a-z]{2})$`)
	reTimestamp  = regexp.MustCompile(`^[0-9]{4}-[01][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9]([-+][0-2][0-9]:[0-5][0-9]|Z)$`)
)

// ruleJSON mirrors the wire shape; unknown fields are refused.
type ruleJSON struct {
	Identifier      *string         `json:"Identifier"`
	Type            *string         `json:"Type"`
	Country         *string         `json:"Country"`
	Version         *string         `json:"Version"`
	SchemaVersion   *string         `json:"SchemaVersion"`
	Engine          *string         `json:"Engine"`
	EngineVersion   *string         `json:"EngineVersion"`
	CertificateType *string         `json:"CertificateType"`
	Description     []Description   `json:"Description"`
	ValidFrom       *string         `json:"ValidFrom"`
	ValidTo         *string         `json:"ValidTo"`
	AffectedFields  []string        `json:"AffectedFields"`
	Logic           json.RawMessage `json:"Logic"`

	logic    any  // Logic, decoded
	hasLogic bool // Logic was present
}

// ParseRule parses and checks one rule (JSON in the gateway shape) and
// compiles its logic. Errors wrap ErrRule (or ErrTooLarge) and name the
// field at fault.
func ParseRule(b []byte) (*Rule, error) {
	if len(b) > MaxRuleBytes {
		return nil, fmt.Errorf("%w: rule of %d bytes, limit %d", ErrTooLarge, len(b), MaxRuleBytes)
	}
	// One strict decode (duplicate keys and trailing data refused, which
	// encoding/json lets through) serves the fields and the logic.
	v, err := certlogic.DecodeJSON(b)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrRule, err)
	}
	return ruleFromValue(v)
}

// ruleFromValue makes a rule of a decoded JSON value.
func ruleFromValue(v any) (*Rule, error) {
	j, err := ruleFields(v)
	if err == nil {
		var r *Rule
		if r, err = j.rule(); err == nil {
			return r, nil
		}
	}
	id := "rule"
	if j != nil && j.Identifier != nil {
		id = fmt.Sprintf("rule %q", *j.Identifier)
	}
	return nil, fmt.Errorf("%w: %s: %w", ErrRule, id, err)
}

// ruleFields reads the fields of a rule object, refusing unknown fields and
// fields of the wrong JSON type.
func ruleFields(v any) (*ruleJSON, error) {
	m, ok := v.(map[string]any)
	if !ok {
		return nil, errors.New("not a JSON object")
	}
	j := &ruleJSON{}
	str := func(key string, dst **string) error {
		if x, ok := m[key]; ok {
			s, ok := x.(string)
			if !ok {
				return fmt.Errorf("%s: not a string", key)
			}
			*dst = &s
		}
		return nil
	}
	for key, x := range m {
		var err error
		switch key {
		case "Identifier":
			err = str(key, &j.Identifier)
		case "Type":
			err = str(key, &j.Type)
		case "Country":
			err = str(key, &j.Country)
		case "Version":
			err = str(key, &j.Version)
		case "SchemaVersion":
			err = str(key, &j.SchemaVersion)
		case "Engine":
			err = str(key, &j.Engine)
		case "EngineVersion":
			err = str(key, &j.EngineVersion)
		case "CertificateType":
			err = str(key, &j.CertificateType)
		case "ValidFrom":
			err = str(key, &j.ValidFrom)
		case "ValidTo":
			err = str(key, &j.ValidTo)
		case "Description":
			list, ok := x.([]any)
			if !ok {
				return j, errors.New("Description: not an array")
			}
			j.Description = make([]Description, 0, len(list))
			for i, item := range list {
				d, ok := item.(map[string]any)
				lang, ok1 := d["lang"].(string)
				desc, ok2 := d["desc"].(string)
				if !ok || !ok1 || !ok2 || len(d) != 2 {
					return j, fmt.Errorf("Description[%d]: want {\"lang\": string, \"desc\": string}", i)
				}
				j.Description = append(j.Description, Description{Lang: lang, Desc: desc})
			}
		case "AffectedFields":
			list, ok := x.([]any)
			if !ok {
				return j, errors.New("AffectedFields: not an array")
			}
			j.AffectedFields = make([]string, 0, len(list))
			for i, item := range list {
				f, ok := item.(string)
				if !ok {
					return j, fmt.Errorf("AffectedFields[%d]: not a string", i)
				}
				j.AffectedFields = append(j.AffectedFields, f)
			}
		case "Logic":
			j.logic, j.hasLogic = x, true
		default:
			return j, fmt.Errorf("unknown field %q", key)
		}
		if err != nil {
			return j, err
		}
	}
	return j, nil
}

func (j *ruleJSON) rule() (*Rule, error) {
	r := &Rule{}
	for _, f := range []struct {
		name string
		v    *string
		re   *regexp.Regexp
		enum []string
		dst  *string
	}{
		{"Identifier", j.Identifier, reIdentifier, nil, &r.Identifier},
		{"Type", j.Type, nil, []string{"Acceptance", "Invalidation"}, &r.Type},
		{"Country", j.Country, reCountry, nil, &r.Country},
		{"Version", j.Version, reSemver, nil, &r.Version},
		{"SchemaVersion", j.SchemaVersion, reSemver, nil, &r.SchemaVersion},
		{"Engine", j.Engine, nil, []string{"CERTLOGIC"}, &r.Engine},
		{"EngineVersion", j.EngineVersion, reSemver, nil, &r.EngineVersion},
		{"CertificateType", j.CertificateType, nil, []string{"General", "Vaccination", "Test", "Recovery"}, &r.CertificateType},
	} {
		if f.v == nil {
			return nil, fmt.Errorf("%s missing", f.name)
		}
		ok := f.re == nil || f.re.MatchString(*f.v)
		if f.enum != nil {
			ok = false
			for _, e := range f.enum {
				ok = ok || *f.v == e
			}
		}
		if !ok {
			return nil, fmt.Errorf("%s %q not allowed", f.name, *f.v)
		}
		*f.dst = *f.v
	}
	if len(j.Description) == 0 || len(j.Description) > MaxDescriptions {
		return nil, fmt.Errorf("Description: want 1 to %d entries, got %d", MaxDescriptions, len(j.Description))
	}
	en := false
	for i, d := range j.Description {
		if !reLang.MatchString(d.Lang) || d.Desc == "" {
			return nil, fmt.Errorf("Description[%d]: bad lang %q or empty desc", i, d.Lang)
		}
		en = en || d.Lang == "en"
	}
	if !en {
		return nil, errors.New("Description: no English (en) entry")
	}
	r.Description = j.Description
	r.desc = make(map[string]string, len(r.Description))
	for _, d := range r.Description {
		r.desc[d.Lang] = d.Desc
	}
	var err error
	if r.ValidFrom, err = timestamp("ValidFrom", j.ValidFrom); err != nil {
		return nil, err
	}
	if r.ValidTo, err = timestamp("ValidTo", j.ValidTo); err != nil {
		return nil, err
	}
	if j.AffectedFields == nil {
		return nil, errors.New("AffectedFields missing")
	}
	r.AffectedFields = j.AffectedFields
	if !j.hasLogic {
		return nil, errors.New("Logic missing")
	}
	if m, ok := j.logic.(map[string]any); !ok || len(m) == 0 {
		return nil, errors.New("Logic: not a CertLogic operation object")
	}
	if r.logic, err = certlogic.Compile(j.logic); err != nil {
		return nil, fmt.Errorf("Logic: %w", err)
	}
	// The logic as given, for MarshalJSON (numbers are float64 here: a
	// CertLogic integer marshals back as an integer).
	if r.Logic, err = marshal(j.logic); err != nil {
		return nil, fmt.Errorf("Logic: %w", err)
	}
	return r, nil
}

func timestamp(name string, s *string) (time.Time, error) {
	if s == nil {
		return time.Time{}, fmt.Errorf("%s missing", name)
	}
	if !reTimestamp.MatchString(*s) {
		return time.Time{}, fmt.Errorf("%s %q not an ISO 8601 timestamp with zone", name, *s)
	}
	t, err := time.Parse(time.RFC3339, *s)
	if err != nil {
		return time.Time{}, fmt.Errorf("%s: %v", name, err)
	}
	return t, nil
}

// MarshalJSON writes the rule back in the gateway shape.
func (r *Rule) MarshalJSON() ([]byte, error) {
	s := func(v string) *string { return &v }
	ts := func(t time.Time) *string { return s(t.Format(time.RFC3339)) }
	return json.Marshal(ruleJSON{
		Identifier: s(r.Identifier), Type: s(r.Type), Country: s(r.Country), Version: s(r.Version),
		SchemaVersion: s(r.SchemaVersion), Engine: s(r.Engine), EngineVersion: s(r.EngineVersion),
		CertificateType: s(r.CertificateType), Description: r.Description,
		ValidFrom: ts(r.ValidFrom), ValidTo: ts(r.ValidTo), AffectedFields: r.AffectedFields, Logic: r.Logic,
	})
}

// UnmarshalJSON is ParseRule.
func (r *Rule) UnmarshalJSON(b []byte) error {
	p, err := ParseRule(b)
	if err != nil {
		return err
	}
	*r = *p
	return nil
}

// Describe returns the description in lang, else English.
func (r *Rule) Describe(lang string) string {
	en := ""
	for _, d := range r.Description {
		if d.Lang == lang {
			return d.Desc
		}
		if d.Lang == "en" {
			en = d.Desc
		}
	}
	return en
}

// Descriptions returns the descriptions as a map lang → text. The map is
// shared by every result of the rule: do not modify it.
func (r *Rule) Descriptions() map[string]string { return r.desc }

// Result is the outcome of one rule for one certificate.
type Result uint8

const (
	// Open: the rule could not be decided (its logic failed on this
	// payload). A venue must not admit on an open rule.
	Open Result = iota
	// Passed: the rule's logic evaluated to true.
	Passed
	// Failed: the rule's logic evaluated to anything but true.
	Failed
)

func (r Result) String() string {
	switch r {
	case Passed:
		return "passed"
	case Failed:
		return "failed"
	}
	return "open"
}

// MarshalText writes "passed", "failed" or "open".
func (r Result) MarshalText() ([]byte, error) { return []byte(r.String()), nil }

// Eval evaluates the rule's logic against data, a value of the CertLogic
// data model of the form {"payload": …, "external": …} (see Data). The rule
// passes only when its logic yields exactly true; an evaluation error makes
// it Open, with the error.
func (r *Rule) Eval(data any) (Result, error) {
	v, err := r.logic.Evaluate(data)
	if err != nil {
		return Open, err
	}
	if v == true {
		return Passed, nil
	}
	return Failed, nil
}

// Applies reports whether the rule is in force at the clock and concerns a
// certificate of type ct ("Vaccination", "Test", "Recovery"); General rules
// concern every type.
func (r *Rule) Applies(ct string, clock time.Time) bool {
	if clock.Before(r.ValidFrom) || !clock.Before(r.ValidTo) {
		return false
	}
	return r.CertificateType == "General" || r.CertificateType == ct
}

// readFile reads name from fsys, refusing with ErrTooLarge a file of more
// than max bytes before reading it all.
func readFile(fsys fs.FS, name string, max int) ([]byte, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, int64(max)+1))
	if err != nil {
		return nil, err
	}
	if len(b) > max {
		return nil, fmt.Errorf("%w: %s is over %d bytes", ErrTooLarge, name, max)
	}
	return b, nil
}

// marshal is json.Marshal without HTML escaping, so that "<" stays "<".
func marshal(v any) ([]byte, error) {
	var b bytes.Buffer
	e := json.NewEncoder(&b)
	e.SetEscapeHTML(false)
	if err := e.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}
