package schema_test

// The validator in this package replaced github.com/santhosh-tekuri/jsonschema
// (v6, draft 2020-12, format not asserted), which stays a test-only
// dependency so that these tests can hold the two to the same answers.

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/fxamacker/cbor/v2"
	"github.com/santhosh-tekuri/jsonschema/v6"

	"passcheck/internal/dgctestdata"
	"passcheck/verify"
	"passcheck/verify/schema"
)

// old is the previous implementation, set up as it was in production.
var old = sync.OnceValues(func() (*jsonschema.Schema, error) {
	b, err := os.ReadFile("dcc.schema.json")
	if err != nil {
		return nil, err
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	c := jsonschema.NewCompiler()
	const url = "https://id.uvci.eu/DCC.combined-schema.json"
	if err := c.AddResource(url, doc); err != nil {
		return nil, err
	}
	return c.Compile(url)
})

func oldValidate(t testing.TB, doc any) error {
	sch, err := old()
	if err != nil {
		t.Fatal(err)
	}
	return sch.Validate(doc)
}

func oldValidateJSON(t testing.TB, b []byte) error {
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		return err
	}
	return oldValidate(t, doc)
}

// tally counts comparisons by outcome so a test can insist it compared
// both valid and invalid payloads.
type tally struct{ valid, invalid int }

// same fails unless both validators judge doc alike.
func (n *tally) same(t testing.TB, what string, doc any) {
	t.Helper()
	newErr, oldErr := schema.Validate(doc), oldValidate(t, doc)
	n.count(t, what, newErr, oldErr)
}

func (n *tally) sameJSON(t testing.TB, what string, b []byte) {
	t.Helper()
	newErr, oldErr := schema.ValidateJSON(b), oldValidateJSON(t, b)
	n.count(t, what, newErr, oldErr)
}

func (n *tally) count(t testing.TB, what string, newErr, oldErr error) {
	t.Helper()
	if (newErr == nil) != (oldErr == nil) {
		t.Errorf("%s: new says %v; old says %v", what, newErr, oldErr)
		return
	}
	if newErr != nil && !errors.Is(newErr, schema.ErrInvalid) {
		t.Errorf("%s: %v does not wrap ErrInvalid", what, newErr)
	}
	if newErr == nil {
		n.valid++
	} else {
		n.invalid++
	}
}

// payloads returns, for each dgc-testdata vector (the same files the verify
// conformance test reads), the DCC in every form the vector yields: its
// JSON field, its CBOR field, and the payload of its COSE and of its QR
// text, each decoded as far as it goes. Forms that do not decode are left
// out: they never reach the schema.
func payloads(t testing.TB) (jsonDocs map[string][]byte, cborDocs map[string]any) {
	vs, err := dgctestdata.Load("../../testdata/dgc-testdata")
	if err != nil {
		t.Fatal(err)
	}
	jsonDocs, cborDocs = map[string][]byte{}, map[string]any{}
	for _, v := range vs {
		name := v.Path
		if len(v.JSON) > 0 && string(v.JSON) != "null" {
			jsonDocs[name+" JSON"] = v.JSON
		}
		if raw, err := hex.DecodeString(v.CBOR); err == nil && len(raw) > 0 {
			addCBOR(jsonDocs, cborDocs, name+" CBOR", raw)
		}
		if raw, err := hex.DecodeString(v.COSE); err == nil {
			addCOSE(jsonDocs, cborDocs, name+" COSE", raw)
		}
		if s, err := verify.Unprefix(v.Prefix); err == nil {
			if z, err := verify.DecodeBase45(s); err == nil {
				if raw, err := verify.Inflate(z); err == nil {
					addCOSE(jsonDocs, cborDocs, name+" QR", raw)
				}
			}
		}
	}
	return jsonDocs, cborDocs
}

// addCOSE adds the DCC of a COSE_Sign1: as verify sees it (Payload.JSON)
// and in the CBOR data model verify hands to Validate.
func addCOSE(jsonDocs map[string][]byte, cborDocs map[string]any, name string, raw []byte) {
	msg, err := verify.DecodeCOSE(raw)
	if err != nil {
		return
	}
	if p, err := verify.DecodePayload(msg.Payload); err == nil {
		jsonDocs[name+" verify"] = p.JSON
	}
	addCBOR(jsonDocs, cborDocs, name, msg.Payload)
}

var cborMode, _ = cbor.DecOptions{
	DefaultMapType: reflect.TypeOf(map[string]any(nil)),
	IntDec:         cbor.IntDecConvertSigned,
}.DecMode()

// addCBOR adds a DCC given as CBOR, or inside CWT claims (-260 → 1), in the
// data model of verify's CBOR conversion: int64 and float64 numbers, tags
// dropped.
func addCBOR(jsonDocs map[string][]byte, cborDocs map[string]any, name string, raw []byte) {
	var claims map[int64]cbor.RawMessage
	if cbor.Unmarshal(raw, &claims) == nil {
		if hc, ok := claims[-260]; ok {
			var m map[int64]cbor.RawMessage
			if cbor.Unmarshal(hc, &m) != nil {
				return
			}
			raw = m[1]
		}
	}
	var doc any
	if cborMode.Unmarshal(raw, &doc) != nil {
		return
	}
	doc, ok := jsonModel(doc)
	if !ok {
		return
	}
	cborDocs[name] = doc
	if b, err := json.Marshal(doc); err == nil {
		jsonDocs[name+" as JSON"] = b
	}
}

func jsonModel(v any) (any, bool) {
	switch x := v.(type) {
	case cbor.Tag:
		return jsonModel(x.Content)
	case map[string]any:
		for k, e := range x {
			var ok bool
			if x[k], ok = jsonModel(e); !ok {
				return nil, false
			}
		}
	case []any:
		for i, e := range x {
			var ok bool
			if x[i], ok = jsonModel(e); !ok {
				return nil, false
			}
		}
	case nil, bool, string, int64, float64:
	default:
		return nil, false
	}
	return v, true
}

func TestSameAsOldOnVectors(t *testing.T) {
	jsonDocs, cborDocs := payloads(t)
	var n tally
	for name, b := range jsonDocs {
		n.sameJSON(t, name, b)
		// The float64 data model of plain encoding/json, too.
		var doc any
		if json.Unmarshal(b, &doc) == nil {
			n.same(t, name+" float64", doc)
		}
	}
	for name, doc := range cborDocs {
		n.same(t, name, doc)
	}
	t.Logf("%d JSON and %d CBOR-model payloads: %d comparisons valid, %d invalid", len(jsonDocs), len(cborDocs), n.valid, n.invalid)
	if len(jsonDocs) < 403 || len(cborDocs) < 403 || n.valid < 1000 || n.invalid == 0 {
		t.Fatalf("too few payloads compared: %d JSON, %d CBOR, %+v", len(jsonDocs), len(cborDocs), n)
	}
}

// Payloads of each kind, valid as they stand; the cases edit them.
const (
	vacc = `{"ver":"1.3.0","nam":{"fn":"Musterfrau","gn":"Erika","fnt":"MUSTERFRAU","gnt":"ERIKA"},"dob":"1964-08-12",` +
		`"v":[{"tg":"840539006","vp":"1119349007","mp":"EU/1/20/1528","ma":"ORG-100030215","dn":2,"sd":2,"dt":"2021-05-29","co":"AT","is":"Ministry of Health, Austria","ci":"URN:UVCI:01:AT:10807843F94AEE0EE5093FBC254BD813#B"}]}`
	test = `{"ver":"1.3.0","nam":{"fnt":"MUSTER"},"dob":"1980",` +
		`"t":[{"tg":"840539006","tt":"LP6464-4","nm":"PCR","sc":"2021-05-29T10:00:00Z","tr":"260415000","tc":"Centre","co":"AT","is":"Ministry","ci":"URN:UVCI:01:AT:X#1"}]}`
	recov = `{"ver":"1.3.0","nam":{"gnt":"ERIKA"},"dob":"",` +
		`"r":[{"tg":"840539006","fr":"2026-01-01","co":"AT","is":"Ministry","df":"2026-01-12","du":"2026-06-30","ci":"URN:UVCI:01:AT:X#1"}]}`
)

// edit replaces the first old in doc with new; the case list below must
// name text that is there, or it would compare an unedited payload.
func edit(t testing.TB, doc, old, new string) string {
	if !strings.Contains(doc, old) {
		t.Fatalf("%q not in %.60s…", old, doc)
	}
	return strings.Replace(doc, old, new, 1)
}

// edgeCases are hand-made payloads at and over each bound of the schema.
// want is the expected verdict, checked as well as the agreement so that
// the two cannot agree on a wrong answer unnoticed.
func edgeCases(t testing.TB) []struct {
	name, doc string
	valid     bool
} {
	e := func(doc, old, new string) string { return edit(t, doc, old, new) }
	dn := func(n string) string { return e(vacc, `"dn":2`, `"dn":`+n) }
	name := func(field, v string) string {
		orig := map[string]string{"fn": "Musterfrau", "gn": "Erika"}[field]
		return e(vacc, `"`+field+`":"`+orig+`"`, `"`+field+`":"`+v+`"`)
	}
	r := strings.Repeat
	return []struct {
		name, doc string
		valid     bool
	}{
		{"vaccination", vacc, true}, {"test", test, true}, {"recovery", recov, true},
		// oneOf: exactly one of v, t, r.
		{"v and t", e(vacc, `"v":`, `"t":[],"v":`), false},
		{"v and r", e(recov, `"r":`, `"v":[{}],"r":`), false},
		{"none", e(vacc, `,"v":[`, `,"x":[`), false},
		{"all three", e(e(vacc, `"v":`, `"t":[],"v":`), `"t":`, `"r":[],"t":`), false},
		// required.
		{"no ver", e(vacc, `"ver":"1.3.0",`, ``), false},
		{"no nam", e(test, `"nam":{"fnt":"MUSTER"},`, ``), false},
		{"no dob", e(recov, `"dob":"",`, ``), false},
		{"no tg in v", e(vacc, `"tg":"840539006",`, ``), false},
		{"no ci in t", e(test, `,"ci":"URN:UVCI:01:AT:X#1"`, ``), false},
		{"no du in r", e(recov, `"du":"2026-06-30",`, ``), false},
		{"optional nm, tc, ma absent", e(e(test, `"nm":"PCR",`, ``), `"tc":"Centre",`, ``), true},
		// anyOf: fnt or gnt.
		{"fnt only", e(vacc, `,"gnt":"ERIKA"`, ``), true},
		{"gnt only", e(vacc, `"fnt":"MUSTERFRAU",`, ``), true},
		{"neither fnt nor gnt", e(e(vacc, `"fnt":"MUSTERFRAU",`, ``), `,"gnt":"ERIKA"`, ``), false},
		{"nam empty", e(test, `{"fnt":"MUSTER"}`, `{}`), false},
		// items, minItems, maxItems.
		{"v empty", e(vacc, `"v":[{`, `"v":[],"x":[{`), false},
		{"t two", e(test, `"t":[{`, `"t":[{"tg":"840539006","tt":"x","sc":"x","tr":"x","co":"AT","is":"M","ci":"U"},{`), false},
		{"r entry not an object", e(recov, `"r":[{`, `"r":["x"],"x":[{`), false},
		{"v not an array", e(vacc, `"v":[{`, `"v":{"x":{`), false},
		// maxLength 80, in characters.
		{"fn 80 ASCII", name("gn", r("a", 80)), true},
		{"fn 81 ASCII", name("gn", r("a", 81)), false},
		{"gn 80 two-byte", name("gn", r("Č", 80)), true},
		{"gn 81 two-byte", name("gn", r("Č", 81)), false},
		{"gn 80 four-byte", name("gn", r("😀", 80)), true},
		{"gn 81 four-byte", name("gn", r("😀", 81)), false},
		{"gn 80 escaped", name("gn", r(`\u010c`, 80)), true},
		{"gn 79 + surrogate pair", name("gn", r("a", 79)+`\ud83d\ude00`), true},
		{"gn 79 + 2 lone surrogates", name("gn", r("a", 79)+`\ud83d\ud83d`), false},
		{"fnt 81", e(vacc, `"fnt":"MUSTERFRAU"`, `"fnt":"`+r("A", 81)+`"`), false},
		{"is 80", e(vacc, `"is":"Ministry of Health, Austria"`, `"is":"`+r("ä", 80)+`"`), true},
		{"is 81", e(vacc, `"is":"Ministry of Health, Austria"`, `"is":"`+r("ä", 81)+`"`), false},
		{"ci 81", e(recov, `"ci":"URN:UVCI:01:AT:X#1"`, `"ci":"`+r("x", 81)+`"`), false},
		{"nm 81", e(test, `"nm":"PCR"`, `"nm":"`+r("x", 81)+`"`), false},
		{"tc 81", e(test, `"tc":"Centre"`, `"tc":"`+r("x", 81)+`"`), false},
		// integer and minimum 1.
		{"dn 1", dn("1"), true}, {"dn 0", dn("0"), false}, {"dn -1", dn("-1"), false},
		{"dn 1.0", dn("1.0"), true}, {"dn 1.5", dn("1.5"), false}, {"dn 0.5", dn("0.5"), false},
		{"dn 1e0", dn("1e0"), true}, {"dn 10e-1", dn("10e-1"), true}, {"dn 0.5e1", dn("0.5e1"), true},
		{"dn 1.00000000000000000001", dn("1.00000000000000000001"), false},
		{"dn 0.99999999999999999999", dn("0.99999999999999999999"), false},
		{"dn 9007199254740993", dn("9007199254740993"), true}, {"dn 1e400", dn("1e400"), true},
		{"dn 1E+2", dn("1E+2"), true}, {"dn -0", dn("-0"), false}, {"dn 0e5", dn("0e5"), false},
		{"dn 1e1000000", dn("1e1000000"), true},
		{"dn 1e1000001 (beyond the scale bound)", dn("1e1000001"), false},
		{"dn 10e999999", dn("10e999999"), true},
		{"dn 1.5e1000001", dn("1.5e1000001"), true},
		{"dn 1e-1000001", dn("1e-1000001"), false},
		{"dn 0e99999999999999999999", dn("0e99999999999999999999"), false},
		{"dn 0e-9223372036854775808", dn("0e-9223372036854775808"), false},
		{"dn string", dn(`"1"`), false}, {"dn true", dn("true"), false}, {"dn null", dn("null"), false},
		{"sd 0", e(vacc, `"sd":2`, `"sd":0`), false},
		// pattern.
		{"ver 1.3", e(vacc, `"ver":"1.3.0"`, `"ver":"1.3"`), false},
		{"ver 1x3y0 (. is any character)", e(vacc, `"ver":"1.3.0"`, `"ver":"1x3y0"`), true},
		{"ver with CR (RE2 . matches it)", e(vacc, `"ver":"1.3.0"`, `"ver":"1\r3.0"`), true},
		{"ver with LF", e(vacc, `"ver":"1.3.0"`, `"ver":"1\n3.0"`), false},
		{"ver trailing LF", e(vacc, `"ver":"1.3.0"`, `"ver":"1.3.0\n"`), false},
		{"ver Arabic digits", e(vacc, `"ver":"1.3.0"`, `"ver":"١.٣.٠"`), false},
		{"dob year", e(vacc, `"1964-08-12"`, `"1964"`), true},
		{"dob month", e(vacc, `"1964-08-12"`, `"1964-08"`), true},
		{"dob 1899", e(vacc, `"1964-08-12"`, `"1899-08-12"`), false},
		{"dob 2100", e(vacc, `"1964-08-12"`, `"2100"`), false},
		{"dob 1964-8-12", e(vacc, `"1964-08-12"`, `"1964-8-12"`), false},
		{"dob 1964-99-99", e(vacc, `"1964-08-12"`, `"1964-99-99"`), true},
		{"dob four parts", e(vacc, `"1964-08-12"`, `"1964-08-12-01"`), false},
		{"dob full-width digits", e(vacc, `"1964-08-12"`, `"１９６４"`), false},
		{"fnt lower case", e(vacc, `"fnt":"MUSTERFRAU"`, `"fnt":"Musterfrau"`), false},
		{"fnt empty", e(vacc, `"fnt":"MUSTERFRAU"`, `"fnt":""`), true},
		{"fnt with <", e(vacc, `"fnt":"MUSTERFRAU"`, `"fnt":"MUSTER<FRAU"`), true},
		{"fnt Č", e(vacc, `"fnt":"MUSTERFRAU"`, `"fnt":"Č"`), false},
		{"co unanchored", e(vacc, `"co":"AT"`, `"co":"xATx"`), true},
		{"co lower case", e(vacc, `"co":"AT"`, `"co":"at"`), false},
		{"co empty", e(vacc, `"co":"AT"`, `"co":""`), false},
		// format is an annotation in 2020-12: not checked.
		{"dt not a date", e(vacc, `"dt":"2021-05-29"`, `"dt":"yesterday"`), true},
		{"sc not a date-time", e(test, `"sc":"2021-05-29T10:00:00Z"`, `"sc":"soon"`), true},
		{"df not a date", e(recov, `"df":"2026-01-12"`, `"df":"2026-02-30"`), true},
		{"dt a number", e(vacc, `"dt":"2021-05-29"`, `"dt":20210529`), false},
		// types.
		{"payload array", `[` + vacc + `]`, false}, {"payload string", `"x"`, false},
		{"payload null", `null`, false}, {"payload number", `1`, false},
		{"nam string", e(test, `{"fnt":"MUSTER"}`, `"MUSTER"`), false},
		{"nam array", e(test, `{"fnt":"MUSTER"}`, `[{"fnt":"MUSTER"}]`), false},
		{"dob number", e(vacc, `"1964-08-12"`, `1964`), false},
		{"dob null", e(vacc, `"1964-08-12"`, `null`), false},
		{"tg number", e(vacc, `"tg":"840539006"`, `"tg":840539006`), false},
		{"fnt number", e(vacc, `"fnt":"MUSTERFRAU"`, `"fnt":1`), false},
		{"ver object", e(vacc, `"ver":"1.3.0"`, `"ver":{}`), false},
		// Unknown properties are allowed (no additionalProperties), at any
		// depth, and not looked into.
		{"extra property", e(vacc, `"ver":`, `"x":{"y":[1,2,{"z":null}]},"ver":`), true},
		{"extra in entry", e(vacc, `"tg":`, `"xx":1.5,"tg":`), true},
		{"extra deep", e(vacc, `"ver":`, `"x":`+r("[", 31)+r("]", 31)+`,"ver":`), true},
		{"extra huge exponent", e(vacc, `"ver":`, `"x":1e99999999999999999999,"ver":`), true},
		{"duplicate key, last wins", e(vacc, `"ver":"1.3.0"`, `"ver":1,"ver":"1.3.0"`), true},
		{"duplicate key, last loses", e(vacc, `"ver":"1.3.0"`, `"ver":"1.3.0","ver":1`), false},
		// JSON syntax.
		{"trailing data", vacc + `{}`, false}, {"trailing space", vacc + " \n", true},
		{"two values", vacc + vacc, false}, {"empty", ``, false}, {"truncated", vacc[:len(vacc)-1], false},
		{"invalid UTF-8 (replaced)", e(vacc, `"gn":"Erika"`, "\"gn\":\"Er\xffka\""), true},
	}
}

func TestSameAsOldOnEdgeCases(t *testing.T) {
	var n tally
	for _, c := range edgeCases(t) {
		err := schema.ValidateJSON([]byte(c.doc))
		if (err == nil) != c.valid {
			t.Errorf("%s: %v, want valid=%v", c.name, err, c.valid)
		}
		n.sameJSON(t, c.name, []byte(c.doc))
		var doc any
		if json.Unmarshal([]byte(c.doc), &doc) == nil {
			n.same(t, c.name+" float64", doc)
		}
	}
	if n.valid == 0 || n.invalid == 0 {
		t.Fatalf("%+v", n)
	}
}

// Go values a caller may pass to Validate directly, beyond what JSON
// decoding makes: integer and float types, and strings that are not UTF-8.
func TestSameAsOldOnGoValues(t *testing.T) {
	mk := func(field string, v any) map[string]any {
		var doc map[string]any
		if err := json.Unmarshal([]byte(vacc), &doc); err != nil {
			t.Fatal(err)
		}
		entry := doc["v"].([]any)[0].(map[string]any)
		if _, ok := entry[field]; ok {
			entry[field] = v
		} else {
			doc["nam"].(map[string]any)[field] = v
		}
		return doc
	}
	var n tally
	for i, c := range []struct {
		field string
		v     any
		valid bool
	}{
		{"dn", int64(1), true}, {"dn", int64(0), false}, {"dn", int64(-1), false},
		{"dn", int(3), true}, {"dn", int8(1), true}, {"dn", uint8(0), false}, {"dn", uint64(1 << 63), true},
		{"dn", int32(-5), false}, {"dn", uint(7), true}, {"dn", int16(2), true}, {"dn", uint16(1), true}, {"dn", uint32(0), false},
		{"dn", float64(1), true}, {"dn", 1.5, false}, {"dn", 0.9999999999999999, false}, {"dn", 1.0000000000000002, false},
		{"dn", 1e300, true}, {"dn", 5e-324, false}, {"dn", -0.0, false}, {"dn", float32(2), true}, {"dn", float32(1.5), false},
		{"dn", json.Number("1.0"), true}, {"dn", json.Number("2e0"), true}, {"dn", json.Number("0.1e1"), true},
		{"dn", json.Number("1e1000001"), false},
		{"dn", "1", false}, {"dn", true, false}, {"dn", nil, false}, {"dn", []any{int64(1)}, false},
		{"fn", strings.Repeat("\xff", 80), true}, {"fn", strings.Repeat("\xff", 81), false},
		{"fn", strings.Repeat("\xe2\x82", 40), true}, // 80 invalid bytes, one character each
		{"fnt", "ABC\xff", false}, {"gn", strings.Repeat("Č", 80), true}, {"gn", strings.Repeat("Č", 81), false},
	} {
		doc := mk(c.field, c.v)
		err := schema.Validate(doc)
		if (err == nil) != c.valid {
			t.Errorf("%d: %s = %#v: %v, want valid=%v", i, c.field, c.v, err, c.valid)
		}
		n.same(t, fmt.Sprintf("%d: %s = %#v", i, c.field, c.v), doc)
	}
	if n.valid == 0 || n.invalid == 0 {
		t.Fatalf("%+v", n)
	}
}

// FuzzValidateJSON holds the new and the old validator to the same verdict
// on any input within ValidateJSON's bounds (64 KiB, 32 levels); beyond
// them the new one must refuse.
func FuzzValidateJSON(f *testing.F) {
	jsonDocs, _ := payloads(f)
	for _, b := range jsonDocs {
		f.Add(b)
	}
	for _, c := range edgeCases(f) {
		f.Add([]byte(c.doc))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		newErr := schema.ValidateJSON(b)
		if newErr != nil {
			if !errors.Is(newErr, schema.ErrInvalid) {
				t.Fatalf("%v does not wrap ErrInvalid", newErr)
			}
			if msg := newErr.Error(); len(msg) > 500 || strings.ContainsAny(msg, "\n\r") {
				t.Fatalf("message of %d bytes or more than one line: %q", len(msg), msg)
			}
		}
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
		if err == nil && (len(b) > 64<<10 || depth(doc) > 32) {
			if newErr == nil {
				t.Fatalf("beyond the bounds (%d bytes, depth %d) but valid", len(b), depth(doc))
			}
			return
		}
		var n tally
		n.count(t, "input", newErr, oldValidateJSON(t, b))
	})
}

func depth(v any) int {
	d := 0
	switch x := v.(type) {
	case map[string]any:
		for _, e := range x {
			d = max(d, depth(e))
		}
	case []any:
		for _, e := range x {
			d = max(d, depth(e))
		}
	default:
		return 0
	}
	return d + 1
}

// BenchmarkValidate times one typical payload (the vaccination one above,
// already decoded, as verify passes it) through each validator.
func BenchmarkValidate(b *testing.B) {
	var doc any
	if err := json.Unmarshal([]byte(vacc), &doc); err != nil {
		b.Fatal(err)
	}
	b.Run("new", func(b *testing.B) {
		for b.Loop() {
			if err := schema.Validate(doc); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("old", func(b *testing.B) {
		for b.Loop() {
			if err := oldValidate(b, doc); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// format is an annotation today: the old validator, as set up, does not
// check it, and neither does the new one. With format assertion switched on
// the old one refuses these payloads, so they do tell the two cases apart.
func TestFormatIsAnnotation(t *testing.T) {
	b, err := os.ReadFile("dcc.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource("https://id.uvci.eu/DCC.combined-schema.json", doc); err != nil {
		t.Fatal(err)
	}
	asserting, err := c.Compile("https://id.uvci.eu/DCC.combined-schema.json")
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{
		edit(t, vacc, `"dt":"2021-05-29"`, `"dt":"yesterday"`),
		edit(t, test, `"sc":"2021-05-29T10:00:00Z"`, `"sc":"soon"`),
		edit(t, recov, `"df":"2026-01-12"`, `"df":"2026-02-30"`),
	} {
		inst, err := jsonschema.UnmarshalJSON(strings.NewReader(p))
		if err != nil {
			t.Fatal(err)
		}
		if asserting.Validate(inst) == nil {
			t.Errorf("%.70s…: valid even with format asserted", p)
		}
		if err := oldValidate(t, inst); err != nil {
			t.Errorf("old: %v", err)
		}
		if err := schema.Validate(inst); err != nil {
			t.Errorf("new: %v", err)
		}
	}
}
