package rules

import (
	"bytes"
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"sync"

	"passcheck/verify/certlogic"
)

// Bounds on value sets: the EU's largest (countries) has 250 entries.
const (
	MaxValueSetBytes = 1 << 20
	MaxValueSets     = 64
	MaxValues        = 5000
)

// ValueSet is one EU DCC value set: codes with their display names.
type ValueSet struct {
	ID     string           `json:"valueSetId"`
	Date   string           `json:"valueSetDate"`
	Values map[string]Value `json:"valueSetValues"`
}

// Value is one code of a value set.
type Value struct {
	Display string `json:"display"`
	Lang    string `json:"lang"`
	Active  bool   `json:"active"`
	System  string `json:"system"`
	Version string `json:"version"`
}

// ValueSets is a collection of value sets by ID. The zero value is empty
// and usable; a ValueSets is immutable once built.
type ValueSets struct {
	sets map[string]*ValueSet
	data map[string]any // id → []any of codes: the "compressed" form rules see
}

// ParseValueSet parses one value set file (eu-dcc-valuesets format).
func ParseValueSet(b []byte) (*ValueSet, error) {
	if len(b) > MaxValueSetBytes {
		return nil, fmt.Errorf("%w: value set of %d bytes, limit %d", ErrTooLarge, len(b), MaxValueSetBytes)
	}
	if _, err := certlogic.DecodeJSON(b); err != nil { // duplicates, trailing data
		return nil, fmt.Errorf("%w: %v", ErrValueSets, err)
	}
	var vs ValueSet
	d := json.NewDecoder(bytes.NewReader(b))
	d.DisallowUnknownFields()
	if err := d.Decode(&vs); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrValueSets, err)
	}
	if vs.ID == "" || len(vs.Values) == 0 || len(vs.Values) > MaxValues {
		return nil, fmt.Errorf("%w: value set %q: no ID, or not 1 to %d values", ErrValueSets, vs.ID, MaxValues)
	}
	return &vs, nil
}

// NewValueSets collects value sets; a later set with the same ID replaces
// an earlier one.
func NewValueSets(sets ...*ValueSet) *ValueSets {
	v := &ValueSets{sets: map[string]*ValueSet{}, data: map[string]any{}}
	for _, s := range sets {
		v.sets[s.ID] = s
		codes := make([]string, 0, len(s.Values))
		for c := range s.Values {
			codes = append(codes, c)
		}
		sort.Strings(codes)
		list := make([]any, len(codes))
		for i, c := range codes {
			list[i] = c
		}
		v.data[s.ID] = list
	}
	return v
}

// notValueSets are files of the eu-dcc-valuesets repository that are not
// value sets of codes and names; LoadValueSets skips them.
var notValueSets = map[string]bool{"vaccines-covid-19-encoding-instructions": true}

// LoadValueSets reads every *.json file at the top of fsys as a value set
// (a folder such as eu-dcc-valuesets), skipping the encoding instructions
// that folder also holds.
func LoadValueSets(fsys fs.FS) (*ValueSets, error) {
	names, err := fs.Glob(fsys, "*.json")
	if err != nil {
		return nil, err
	}
	if len(names) > MaxValueSets {
		return nil, fmt.Errorf("%w: %d value sets, limit %d", ErrTooLarge, len(names), MaxValueSets)
	}
	var sets []*ValueSet
	for _, n := range names {
		b, err := readFile(fsys, n, MaxValueSetBytes)
		if err != nil {
			return nil, err
		}
		var head struct {
			ID string `json:"valueSetId"`
		}
		if json.Unmarshal(b, &head) == nil && notValueSets[head.ID] {
			continue
		}
		s, err := ParseValueSet(b)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", n, err)
		}
		sets = append(sets, s)
	}
	return NewValueSets(sets...), nil
}

// ParseValueSets parses the bundle form written by MarshalJSON: a JSON
// object mapping each value set ID to its value set file.
func ParseValueSets(b []byte) (*ValueSets, error) {
	if len(b) > MaxValueSets*MaxValueSetBytes/8 {
		return nil, fmt.Errorf("%w: value sets of %d bytes", ErrTooLarge, len(b))
	}
	if _, err := (certlogic.Limits{MaxBytes: len(b)}).DecodeJSON(b); err != nil { // duplicate IDs
		return nil, fmt.Errorf("%w: %v", ErrValueSets, err)
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(b, &raw); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrValueSets, err)
	}
	if len(raw) > MaxValueSets {
		return nil, fmt.Errorf("%w: %d value sets, limit %d", ErrTooLarge, len(raw), MaxValueSets)
	}
	sets := make([]*ValueSet, 0, len(raw))
	for id, r := range raw {
		s, err := ParseValueSet(r)
		if err != nil {
			return nil, fmt.Errorf("value set %q: %w", id, err)
		}
		if s.ID != id {
			return nil, fmt.Errorf("%w: value set %q filed under %q", ErrValueSets, s.ID, id)
		}
		sets = append(sets, s)
	}
	return NewValueSets(sets...), nil
}

// MarshalJSON writes the value sets as a JSON object ID → value set (the
// bundle form ParseValueSets reads).
func (v *ValueSets) MarshalJSON() ([]byte, error) {
	m := make(map[string]*ValueSet, len(v.IDs()))
	for _, id := range v.IDs() {
		m[id] = v.sets[id]
	}
	return json.Marshal(m)
}

// IDs returns the value set IDs, sorted.
func (v *ValueSets) IDs() []string {
	if v == nil {
		return nil
	}
	ids := make([]string, 0, len(v.sets))
	for id := range v.sets {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}

// Get returns the value set with the given ID.
func (v *ValueSets) Get(id string) (*ValueSet, bool) {
	if v == nil {
		return nil, false
	}
	s, ok := v.sets[id]
	return s, ok
}

// Display returns the display name of code in value set id ("EU/1/20/1528"
// in "vaccines-covid-19-names" → "Comirnaty"); false when unknown.
func (v *ValueSets) Display(id, code string) (string, bool) {
	s, ok := v.Get(id)
	if !ok {
		return "", false
	}
	e, ok := s.Values[code]
	return e.Display, ok && e.Display != ""
}

// shortNames are the words a door check uses for the two test types and
// results, whose value-set display names are long LOINC/SNOMED terms.
var shortNames = map[string]map[string]string{
	"covid-19-lab-test-type/LP6464-4":   {"en": "PCR", "ko": "PCR"},
	"covid-19-lab-test-type/LP217198-3": {"en": "Rapid antigen test", "ko": "신속항원검사"},
	"covid-19-lab-result/260415000":     {"en": "Not detected", "ko": "음성"},
	"covid-19-lab-result/260373001":     {"en": "Detected", "ko": "양성"},
}

// Name returns the name to show for code in value set id in language lang:
// a short word where the display name is a technical term ("PCR"), else the
// display name, else the code itself.
func (v *ValueSets) Name(id, code, lang string) string {
	if n, ok := shortNames[id+"/"+code]; ok {
		if s, ok := n[lang]; ok {
			return s
		}
		return n["en"]
	}
	if d, ok := v.Display(id, code); ok {
		return d
	}
	return code
}

// ruleData returns the value sets as rules see them: id → array of codes.
func (v *ValueSets) ruleData() map[string]any {
	if v == nil || v.data == nil {
		return map[string]any{}
	}
	return v.data
}

//go:embed valuesets/*.json
var embeddedValueSets embed.FS

var defaultValueSets = sync.OnceValue(func() *ValueSets {
	sub, err := fs.Sub(embeddedValueSets, path.Clean("valuesets"))
	if err != nil {
		panic(err)
	}
	v, err := LoadValueSets(sub)
	if err != nil {
		panic("rules: embedded value sets: " + err.Error()) // caught by TestDefaults
	}
	return v
})

// DefaultValueSets returns the EU value sets embedded in the program
// (release 2.12.0 of eu-dcc-valuesets).
func DefaultValueSets() *ValueSets { return defaultValueSets() }
