package rules

import (
	"bytes"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"sync"
	"time"

	"passcheck/verify"
	"passcheck/verify/certlogic"
)

// Policy is a named set of rules a venue applies at the door, such as
// "Korea vaccine pass (from 2022-01-03)". A certificate is admitted when
// every rule that applies to it passes. A policy with no rules checks the
// signature only.
type Policy struct {
	ID          string            // stable, e.g. "kr-vaccine-pass-2022-01-03"
	Name        map[string]string // lang → name; "en" and "ko" at least
	Description map[string]string // lang → one or two sentences
	Rules       []*Rule
	// Formats maps each credential format the policy admits to the check
	// it applies (formats.go); nil: the EU format with Rules only.
	Formats map[verify.Format]string
}

type policiesJSON struct {
	Policies *[]policyJSON `json:"policies"`
	Default  string        `json:"default,omitempty"`
}

type policyJSON struct {
	ID          string            `json:"id"`
	Name        map[string]string `json:"name"`
	Description map[string]string `json:"description"`
	Rules       []json.RawMessage `json:"rules"`
	Formats     map[string]string `json:"formats,omitempty"`
}

// policyFile is policy.json in a policy folder: the rules are named and
// live in sibling folders <RuleID>/rule.json.
type policyFile struct {
	ID          string            `json:"id"`
	Name        map[string]string `json:"name"`
	Description map[string]string `json:"description"`
	Rules       []string          `json:"rules"`
	Formats     map[string]string `json:"formats"`
}

var rePolicyID = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,63}$`)

func checkPolicyHead(id string, name, desc map[string]string) error {
	if !rePolicyID.MatchString(id) {
		return fmt.Errorf("id %q: want 1-64 of a-z, 0-9, '-'", id)
	}
	for _, m := range []map[string]string{name, desc} {
		if m["en"] == "" || m["ko"] == "" {
			return fmt.Errorf("policy %q: name and description need \"en\" and \"ko\"", id)
		}
		if len(m) > MaxDescriptions {
			return fmt.Errorf("policy %q: more than %d languages", id, MaxDescriptions)
		}
		for lang := range m {
			if !reLang.MatchString(lang) {
				return fmt.Errorf("policy %q: bad language %q", id, lang)
			}
		}
	}
	return nil
}

// ParsePolicies parses the bundle form written by MarshalPolicies and
// returns its policies (see ParseSet for its default).
func ParsePolicies(b []byte) ([]*Policy, error) {
	s, err := ParseSet(b)
	if err != nil {
		return nil, err
	}
	return s.Policies, nil
}

// ParseSet parses the bundle form written by MarshalSet:
// {"policies":[{"id","name","description","rules":[rule…]}…], "default": id}
// with the rules inline in the gateway shape. "default" is optional (the
// bundles made before it existed have none); when present it must name one
// of the policies, or SignatureOnly. Errors wrap ErrPolicy, ErrRule or
// ErrTooLarge.
func ParseSet(b []byte) (*Set, error) {
	if len(b) > MaxPolicyBytes {
		return nil, fmt.Errorf("%w: policies of %d bytes, limit %d", ErrTooLarge, len(b), MaxPolicyBytes)
	}
	// One strict decode (duplicate keys, trailing data) for the whole
	// document; the rules are made from the decoded values.
	v, err := (certlogic.Limits{MaxBytes: MaxPolicyBytes}).DecodeJSON(b)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrPolicy, err)
	}
	doc, ok := v.(map[string]any)
	list, ok2 := doc["policies"].([]any)
	def, ok3 := doc["default"].(string)
	_, hasDef := doc["default"]
	if !ok || !ok2 || hasDef && (!ok3 || def == "") || len(doc) != 1+btoi(hasDef) {
		return nil, fmt.Errorf("%w: want {\"policies\": [...]} and at most a \"default\" policy ID", ErrPolicy)
	}
	if len(list) > MaxPolicies {
		return nil, fmt.Errorf("%w: %d policies, limit %d", ErrTooLarge, len(list), MaxPolicies)
	}
	out := make([]*Policy, 0, len(list))
	seen := map[string]bool{}
	for i, item := range list {
		p, rules, err := policyHead(item)
		if err != nil {
			return nil, fmt.Errorf("%w: policy #%d: %v", ErrPolicy, i, err)
		}
		if seen[p.ID] {
			return nil, fmt.Errorf("%w: policy %q twice", ErrPolicy, p.ID)
		}
		seen[p.ID] = true
		if len(rules) > MaxRulesInPolicy {
			return nil, fmt.Errorf("%w: policy %q has %d rules, limit %d", ErrTooLarge, p.ID, len(rules), MaxRulesInPolicy)
		}
		for j, rv := range rules {
			r, err := ruleFromValue(rv)
			if err != nil {
				return nil, fmt.Errorf("policy %q rule #%d: %w", p.ID, j, err)
			}
			p.Rules = append(p.Rules, r)
		}
		if err := p.checkRuleIDs(); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	set := &Set{Policies: out, Default: def}
	if err := set.check(); err != nil {
		return nil, err
	}
	return set, nil
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// policyHead reads the fields of one policy of the bundle form.
func policyHead(v any) (*Policy, []any, error) {
	m, ok := v.(map[string]any)
	if !ok {
		return nil, nil, errors.New("not a JSON object")
	}
	texts := func(key string) (map[string]string, error) {
		o, ok := m[key].(map[string]any)
		if !ok {
			return nil, fmt.Errorf("%s: not an object", key)
		}
		t := make(map[string]string, len(o))
		for lang, x := range o {
			if t[lang], ok = x.(string); !ok {
				return nil, fmt.Errorf("%s.%s: not a string", key, lang)
			}
		}
		return t, nil
	}
	for key := range m {
		if key != "id" && key != "name" && key != "description" && key != "rules" && key != "formats" {
			return nil, nil, fmt.Errorf("unknown field %q", key)
		}
	}
	id, _ := m["id"].(string)
	name, err := texts("name")
	if err != nil {
		return nil, nil, err
	}
	desc, err := texts("description")
	if err != nil {
		return nil, nil, err
	}
	rules, ok := m["rules"].([]any)
	if !ok {
		return nil, nil, errors.New("rules: not an array")
	}
	if err := checkPolicyHead(id, name, desc); err != nil {
		return nil, nil, err
	}
	var formats map[string]string
	if _, ok := m["formats"]; ok {
		if formats, err = texts("formats"); err != nil {
			return nil, nil, err
		}
	}
	fm, err := checkFormats(id, formats)
	if err != nil {
		return nil, nil, err
	}
	return &Policy{ID: id, Name: name, Description: desc, Formats: fm}, rules, nil
}

func (p *Policy) checkRuleIDs() error {
	ids := map[string]bool{}
	for _, r := range p.Rules {
		if ids[r.Identifier] {
			return fmt.Errorf("%w: policy %q has rule %s twice", ErrPolicy, p.ID, r.Identifier)
		}
		ids[r.Identifier] = true
	}
	return nil
}

// MarshalPolicies writes policies in the bundle form ParsePolicies reads,
// with no default.
func MarshalPolicies(ps []*Policy) ([]byte, error) {
	return MarshalSet(&Set{Policies: ps})
}

// MarshalSet writes a policy set in the bundle form ParseSet reads. Without
// a default the bytes are those of the bundles made before "default"
// existed, which every version of the app reads.
func MarshalSet(s *Set) ([]byte, error) {
	if err := s.check(); err != nil {
		return nil, err
	}
	out := make([]policyJSON, len(s.Policies))
	for i, p := range s.Policies {
		out[i] = policyJSON{ID: p.ID, Name: p.Name, Description: p.Description, Rules: []json.RawMessage{},
			Formats: formatsJSON(p.Formats)}
		for _, r := range p.Rules {
			b, err := r.MarshalJSON()
			if err != nil {
				return nil, err
			}
			out[i].Rules = append(out[i].Rules, b)
		}
	}
	return json.Marshal(policiesJSON{Policies: &out, Default: s.Default})
}

// LoadPolicies reads policies from a folder tree (the layout of
// verify/rules/policies and of `passcheck trust build --rules DIR`): every
// <policy>/policy.json names its rules, found at <policy>/<RuleID>/rule.json
// (with their tests beside them in <policy>/<RuleID>/tests/).
func LoadPolicies(fsys fs.FS) ([]*Policy, error) {
	files, err := fs.Glob(fsys, "*/policy.json")
	if err != nil {
		return nil, err
	}
	if len(files) > MaxPolicies {
		return nil, fmt.Errorf("%w: %d policies, limit %d", ErrTooLarge, len(files), MaxPolicies)
	}
	var out []*Policy
	seen := map[string]bool{}
	for _, f := range files {
		b, err := readFile(fsys, f, MaxRuleBytes)
		if err != nil {
			return nil, err
		}
		var pf policyFile
		d := json.NewDecoder(bytes.NewReader(b))
		d.DisallowUnknownFields()
		if err := d.Decode(&pf); err != nil {
			return nil, fmt.Errorf("%w: %s: %v", ErrPolicy, f, err)
		}
		if err := checkPolicyHead(pf.ID, pf.Name, pf.Description); err != nil {
			return nil, fmt.Errorf("%w: %s: %v", ErrPolicy, f, err)
		}
		if seen[pf.ID] {
			return nil, fmt.Errorf("%w: %s: policy %q twice", ErrPolicy, f, pf.ID)
		}
		seen[pf.ID] = true
		if len(pf.Rules) > MaxRulesInPolicy {
			return nil, fmt.Errorf("%w: %s: %d rules", ErrTooLarge, f, len(pf.Rules))
		}
		fm, err := checkFormats(pf.ID, pf.Formats)
		if err != nil {
			return nil, fmt.Errorf("%w: %s: %v", ErrPolicy, f, err)
		}
		p := &Policy{ID: pf.ID, Name: pf.Name, Description: pf.Description, Formats: fm}
		for _, id := range pf.Rules {
			if !reIdentifier.MatchString(id) {
				return nil, fmt.Errorf("%w: %s: rule name %q", ErrPolicy, f, id)
			}
			rf := path.Join(path.Dir(f), id, "rule.json")
			rb, err := readFile(fsys, rf, MaxRuleBytes)
			if err != nil {
				return nil, fmt.Errorf("%w: %s: %v", ErrPolicy, f, err)
			}
			r, err := ParseRule(rb)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", rf, err)
			}
			if r.Identifier != id {
				return nil, fmt.Errorf("%w: %s holds rule %s", ErrPolicy, rf, r.Identifier)
			}
			p.Rules = append(p.Rules, r)
		}
		if err := p.checkRuleIDs(); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, nil
}

//go:embed policies/*/policy.json policies/*/*/rule.json
var embeddedPolicies embed.FS

var defaultPolicies = sync.OnceValue(func() []*Policy {
	sub, err := fs.Sub(embeddedPolicies, "policies")
	if err != nil {
		panic(err)
	}
	ps, err := LoadPolicies(sub)
	if err != nil {
		panic("rules: embedded policies: " + err.Error()) // caught by TestDefaults
	}
	return ps
})

// DefaultPolicies returns the policies shipped in the program: Korea's
// vaccine pass (from 2022-01-03), EU 3G, 2G, and signature only. The
// returned policies are shared: do not modify them.
func DefaultPolicies() []*Policy { return defaultPolicies() }

// Find returns the policy with the given ID from ps.
func Find(ps []*Policy, id string) (*Policy, bool) {
	for _, p := range ps {
		if p.ID == id {
			return p, true
		}
	}
	return nil, false
}

// Title returns the policy's name in lang, else in English.
func (p *Policy) Title(lang string) string {
	if s, ok := p.Name[lang]; ok {
		return s
	}
	return p.Name["en"]
}

// External is the data a rule sees beside the payload.
type External struct {
	ValueSets       *ValueSets
	ValidationClock time.Time // required: the time of the check
	CountryCode     string    // the country the check happens in (ISO alpha-2)
	Exp, Iat        time.Time // the CWT's expiry and issue times; zero when unknown
}

// data is the "external" object of the CertLogic data context.
func (e External) data() map[string]any {
	ts := func(t time.Time) string { return t.Format("2006-01-02T15:04:05.000Z07:00") }
	m := map[string]any{
		"valueSets":       e.ValueSets.ruleData(),
		"validationClock": ts(e.ValidationClock),
		"countryCode":     e.CountryCode,
	}
	if !e.Exp.IsZero() {
		m["exp"] = ts(e.Exp)
	}
	if !e.Iat.IsZero() {
		m["iat"] = ts(e.Iat)
	}
	return m
}

// RuleResult is the outcome of one rule of a policy.
type RuleResult struct {
	ID          string            // the rule's Identifier
	Result      Result            // passed, failed or open
	Description map[string]string // lang → the rule's description (shared: read only)
	Err         error             // why the rule is open
}

var (
	// ErrPayload: the payload given to Evaluate is not a JSON object.
	ErrPayload = errors.New("rules: payload is not a JSON object")
	// ErrNoClock: Evaluate was given no validation clock. Without one no
	// rule could be said to be in force, and a policy would admit anyone.
	ErrNoClock = errors.New("rules: no validation clock")
)

// Evaluate applies the policy to a DCC payload (JSON with the DCC's field
// names, as verify's Certificate.Raw): every rule in force at the
// validation clock for the payload's certificate type, in policy order.
// When the payload does not decode, every rule is Open with ErrPayload;
// without a validation clock, every rule is Open with ErrNoClock.
func (p *Policy) Evaluate(payload json.RawMessage, ext External) []RuleResult {
	pl, err := certlogic.DecodeJSON(payload)
	obj, isObj := pl.(map[string]any)
	switch {
	case err != nil:
		err = fmt.Errorf("%w: %w", ErrPayload, err)
	case !isObj:
		err = ErrPayload
	}
	if err == nil && ext.ValidationClock.IsZero() {
		err = ErrNoClock
	}
	ct := certType(obj)
	data := map[string]any{"payload": pl, "external": ext.data()}
	out := make([]RuleResult, 0, len(p.Rules))
	for _, r := range p.Rules {
		if err == nil && !r.Applies(ct, ext.ValidationClock) {
			continue
		}
		rr := RuleResult{ID: r.Identifier, Description: r.Descriptions(), Err: err}
		if err == nil {
			rr.Result, rr.Err = r.Eval(data)
		}
		out = append(out, rr)
	}
	return out
}

// certType names the payload's certificate type as rules do; "" when it
// holds no event or several kinds (then only General rules apply).
func certType(p map[string]any) string {
	ct := ""
	for _, k := range [...]struct{ key, name string }{{"v", "Vaccination"}, {"t", "Test"}, {"r", "Recovery"}} {
		if a, ok := p[k.key].([]any); ok && len(a) > 0 {
			if ct != "" {
				return ""
			}
			ct = k.name
		}
	}
	return ct
}

// Overall sums up results: Passed when every rule passed (or there were
// none), Failed when any failed, else Open.
func Overall(results []RuleResult) Result {
	out := Passed
	for _, r := range results {
		switch r.Result {
		case Failed:
			return Failed
		case Open:
			out = Open
		}
	}
	return out
}

// About returns the policy's description in lang, else in English.
func (p *Policy) About(lang string) string {
	if s, ok := p.Description[lang]; ok {
		return s
	}
	return p.Description["en"]
}

// Text returns the rule's description in lang, else in English: what the
// verdict screen shows for a rule that did not pass.
func (r RuleResult) Text(lang string) string {
	if s, ok := r.Description[lang]; ok {
		return s
	}
	return r.Description["en"]
}

// EvaluateCertificate applies the policy to a verified certificate (only
// verify.Result.Verified hands one out), at the validation clock at, in
// country (ISO alpha-2, may be ""): the payload, exp and iat come from the
// certificate.
func (p *Policy) EvaluateCertificate(c *verify.Certificate, vs *ValueSets, at time.Time, country string) []RuleResult {
	return p.Evaluate(c.Raw, External{ValueSets: vs, ValidationClock: at, CountryCode: country,
		Exp: c.ExpiresAt, Iat: c.IssuedAt})
}
