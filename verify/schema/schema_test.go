package schema

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
)

func TestEmbeddedCopyIsUpstream(t *testing.T) {
	b, err := os.ReadFile("../../testdata/dcc-schema/DCC.combined-schema.json")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(b, schemaJSON) {
		t.Fatal("verify/schema/dcc.schema.json differs from testdata/dcc-schema/DCC.combined-schema.json")
	}
	if !bytes.Contains(schemaJSON, []byte(`"Schema version `+Version+`"`)) {
		t.Fatalf("embedded schema is not version %s", Version)
	}
}

const valid = `{"ver":"1.3.0","nam":{"fnt":"MUSTER","gnt":"ERIKA"},"dob":"1980-01-02",
 "r":[{"tg":"840539006","fr":"2026-01-01","co":"AT","is":"Ministry","df":"2026-01-12","du":"2026-06-30","ci":"URN:UVCI:01:AT:X#1"}]}`

// Just under the bounds is still judged on its content.
func TestValidateJSONBounds(t *testing.T) {
	deep := strings.Replace(valid, `"dob"`, `"x":`+strings.Repeat("[", maxDepth-1)+strings.Repeat("]", maxDepth-1)+`,"dob"`, 1)
	big := valid + strings.Repeat(" ", maxJSONLen-len(valid))
	for _, doc := range []string{deep, big} {
		if err := ValidateJSON([]byte(doc)); err != nil {
			t.Errorf("%.40q…: %v", doc, err)
		}
	}
}

// The message stays short however many places fail.
func TestMessageBounded(t *testing.T) {
	var b strings.Builder
	b.WriteString(`{"ver":"1.3.0","nam":{"fnt":"M"},"dob":"1980","v":[`)
	for i := range 100 {
		if i > 0 {
			b.WriteString(",")
		}
		b.WriteString(`{"dn":0.5,"co":"` + strings.Repeat("a", 100) + `"}`)
	}
	b.WriteString("]}")
	err := ValidateJSON([]byte(b.String()))
	if !errors.Is(err, ErrInvalid) || len(err.Error()) > len(ErrInvalid.Error())+2+maxMessageLen+len("…") {
		t.Fatalf("%d bytes: %v", len(err.Error()), err)
	}
	if !strings.Contains(err.Error(), "at /v/0") {
		t.Fatalf("does not say where: %v", err)
	}
}

func TestValidateJSON(t *testing.T) {
	if err := ValidateJSON([]byte(valid)); err != nil {
		t.Fatalf("valid payload: %v", err)
	}
	for _, c := range []struct{ name, doc, where string }{
		{"not JSON", `{`, "not JSON"},
		{"dob pattern", strings.Replace(valid, `"1980-01-02"`, `"02.01.1980"`, 1), "/dob"},
		{"neither fnt nor gnt", strings.Replace(valid, `"fnt":"MUSTER","gnt":"ERIKA"`, `"fn":"Muster"`, 1), "/nam"},
		{"two recovery entries", strings.Replace(valid, `"r":[{`, `"r":[{"tg":"840539006","fr":"2026-01-01","co":"AT","is":"M","df":"2026-01-12","du":"2026-06-30","ci":"U"},{`, 1), "/r"},
		{"no entry at all", `{"ver":"1.3.0","nam":{"fnt":"M"},"dob":"1980"}`, "missing property 'v'"},
		{"trailing data", valid + ` {}`, "not JSON: data after the JSON value"},
		{"too large", valid + strings.Repeat(" ", maxJSONLen), "not JSON: 65"},
		{"too deep", strings.Replace(valid, `"dob"`, `"x":`+strings.Repeat("[", maxDepth)+strings.Repeat("]", maxDepth)+`,"dob"`, 1), "nested deeper than 32"},
		{"dose 1.5", `{"ver":"1.3.0","nam":{"fnt":"M"},"dob":"1980","v":[{"dn":1.5}]}`, "at /v/0/dn: got number, want integer"},
		{"long name", strings.Replace(valid, `"fnt":"MUSTER"`, `"fn":"`+strings.Repeat("Č", 81)+`","fnt":"MUSTER"`, 1), "at /nam/fn: 81 characters, want at most 80"},
	} {
		err := ValidateJSON([]byte(c.doc))
		if !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), c.where) {
			t.Errorf("%s: %v; want ErrInvalid mentioning %q", c.name, err, c.where)
		}
		if err != nil && (len(err.Error()) > maxMessageLen+100 || strings.Contains(err.Error(), "\n")) {
			t.Errorf("%s: message of %d bytes or more than one line", c.name, len(err.Error()))
		}
	}
}

func TestEmbeddedSchemaCompiles(t *testing.T) {
	root, err := compile(schemaJSON)
	if err != nil {
		t.Fatal(err)
	}
	// Spot checks that the interpretation reached the leaves.
	dn := root.properties["v"].items.ref.properties["dn"].ref
	if dn.types != tInteger || dn.minimum.String() != "1" {
		t.Errorf("dn: types %v, minimum %v", dn.types, dn.minimum)
	}
	if fnt := root.properties["nam"].ref.properties["fnt"]; fnt.maxLength != 80 || fnt.pattern.String() != "^[A-Z<]*$" {
		t.Errorf("fnt: maxLength %d, pattern %v", fnt.maxLength, fnt.pattern)
	}
	if len(root.oneOf) != 3 || len(root.oneOf[2].required) != 4 {
		t.Errorf("root oneOf: %d branches", len(root.oneOf))
	}
}

// allKeywords uses every supported keyword, so the refusals below are
// refusals of the one change each makes, not of the whole document.
const allKeywords = `{
 "$schema": "https://json-schema.org/draft/2020-12/schema", "$id": "https://example.org/s.json",
 "$comment": "c", "title": "t", "description": "d", "examples": [{}], "valueset-uri": "v.json",
 "type": ["object", "null"], "required": ["a"], "anyOf": [{"required": ["a"]}], "oneOf": [{"required": ["a"]}],
 "properties": {
  "a": {"$ref": "#/$defs/a"},
  "n": {"type": "number", "minimum": -1.5},
  "s": {"type": "string", "maxLength": 3, "pattern": "^(?:\\d|\\w|[a-z.]|\\.|\\x41|\\n)+$", "format": "date"}
 },
 "$defs": {"a": {"type": "array", "items": {"type": "integer"}, "minItems": 1, "maxItems": 2}}
}`

func TestCompileRefuses(t *testing.T) {
	if _, err := compile([]byte(allKeywords)); err != nil {
		t.Fatalf("control schema: %v", err)
	}
	replace := func(old, new string) string {
		if !strings.Contains(allKeywords, old) {
			t.Fatalf("%q not in the control schema", old)
		}
		return strings.Replace(allKeywords, old, new, 1)
	}
	for _, c := range []struct{ name, schema, want string }{
		{"unknown keyword", replace(`"title": "t"`, `"title": "t", "additionalProperties": false`), `at /additionalProperties: keyword not supported`},
		{"unknown keyword in a def", replace(`"minItems": 1`, `"minItems": 1, "uniqueItems": true`), `at /$defs/a/uniqueItems: keyword not supported`},
		{"minLength", replace(`"maxLength": 3`, `"minLength": 3`), `at /properties/s/minLength`},
		{"const", replace(`"minimum": -1.5`, `"const": 1`), `/properties/n/const`},
		{"remote ref", replace(`"#/$defs/a"`, `"https://example.org/other.json#/$defs/a"`), `only local references`},
		{"own id in ref", replace(`"#/$defs/a"`, `"https://example.org/s.json#/$defs/a"`), `only local references`},
		{"relative ref", replace(`"#/$defs/a"`, `"other.json"`), `only local references`},
		{"pointer ref", replace(`"#/$defs/a"`, `"#/properties/n"`), `only local references`},
		{"anchor ref", replace(`"#/$defs/a"`, `"#a"`), `only local references`},
		{"escaped ref", replace(`"#/$defs/a"`, `"#/$defs/a~1b"`), `only local references`},
		{"undefined ref", replace(`"#/$defs/a"`, `"#/$defs/b"`), `undefined #/$defs/b`},
		{"ref cycle", replace(`"type": "array", "items"`, `"$ref": "#/$defs/a", "items"`), `cycle`},
		{"ref cycle through oneOf", replace(`"type": "array", "items"`, `"oneOf": [{"$ref": "#/$defs/a"}], "items"`), `cycle`},
		{"boolean schema", replace(`"items": {"type": "integer"}`, `"items": true`), `at /$defs/a/items: a schema must be an object`},
		{"other draft", replace(`2020-12`, `2019-09`), `dialect`},
		{"no draft", replace(`"$schema": "https://json-schema.org/draft/2020-12/schema",`, ``), `no $schema`},
		{"nested $id", replace(`"type": "number"`, `"$id": "x", "type": "number"`), `$id is only supported at the root`},
		{"nested $defs", replace(`"type": "number"`, `"$defs": {}, "type": "number"`), `$defs is only supported at the root`},
		{"items array", replace(`"items": {"type": "integer"}`, `"items": [{"type": "integer"}]`), `a schema must be an object`},
		{"unknown type", replace(`"type": "number"`, `"type": "float"`), `unknown type`},
		{"negative bound", replace(`"maxLength": 3`, `"maxLength": -1`), `non-negative integer`},
		{"fractional bound", replace(`"maxLength": 3`, `"maxLength": 3.5`), `non-negative integer`},
		{"minimum not a number", replace(`"minimum": -1.5`, `"minimum": "1"`), `want a number`},
		{"duplicate required", replace(`"required": ["a"],`, `"required": ["a", "a"],`), `listed twice`},
		{"empty oneOf", replace(`"oneOf": [{"required": ["a"]}]`, `"oneOf": []`), `non-empty array`},
		{"pattern \\s", replace(`\\w|`, `\\s|`), `escape \s`},
		{"pattern \\p", replace(`\\w|`, `\\p{L}|`), `escape \p`},
		{"pattern back-reference", replace(`\\w|`, `(a)\\1|`), `escape \1`},
		{"pattern inline flag", replace(`^(?:`, `^(?i)(?:`), `(? groups`},
		{"pattern named group", replace(`^(?:`, `^(?P<x>`), `(? groups`},
		{"pattern POSIX class", replace(`[a-z.]`, `[[:alpha:]]`), `[:`},
		{"pattern RE2 refuses", replace(`\\d|`, `a{1001}|`), `invalid repeat count`},
		{"annotation not a string", replace(`"title": "t"`, `"title": 1`), `at /title: got number, want a string`},
		{"not JSON", allKeywords + "}", `not JSON`},
		{"too deep", replace(`"items": {"type": "integer"}`, `"items": `+strings.Repeat(`{"items": `, maxSchemaDepth)+`{}`+strings.Repeat("}", maxSchemaDepth)), `nested deeper than 16`},
	} {
		_, err := compile([]byte(c.schema))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v; want an error containing %q", c.name, err, c.want)
		}
	}
}

// A recursive schema (through properties) compiles; the payload depth bound
// ends it.
func TestRecursionBoundedByPayloadDepth(t *testing.T) {
	root, err := compile([]byte(`{"$schema": "https://json-schema.org/draft/2020-12/schema", "$ref": "#/$defs/t",
	 "$defs": {"t": {"type": "object", "properties": {"c": {"$ref": "#/$defs/t"}}}}}`))
	if err != nil {
		t.Fatal(err)
	}
	nest := func(n int) any {
		var v any = map[string]any{}
		for range n {
			v = map[string]any{"c": v}
		}
		return v
	}
	var c checker
	if !c.check(root, nest(maxDepth), nil, 0) {
		t.Errorf("depth %d: %s", maxDepth, c.summary())
	}
	c = checker{}
	if c.check(root, nest(maxDepth+1), nil, 0) || !strings.Contains(c.summary(), "nested deeper than 32") {
		t.Errorf("depth %d accepted or wrong message: %s", maxDepth+1, c.summary())
	}
}

func ExampleValidateJSON() {
	err := ValidateJSON([]byte(`{"ver":"1.3.0","nam":{"fnt":"MUSTER"},"dob":"1980-13","v":[]}`))
	fmt.Println(errors.Is(err, ErrInvalid))
	fmt.Println(err)
	fmt.Println(ValidateJSON([]byte(valid)))
	// Output:
	// true
	// schema: payload does not match: at /v: 0 items, want at least 1
	// <nil>
}
