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
	} {
		err := ValidateJSON([]byte(c.doc))
		if !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), c.where) {
			t.Errorf("%s: %v; want ErrInvalid mentioning %q", c.name, err, c.where)
		}
		if err != nil && len(err.Error()) > maxMessageLen+100 {
			t.Errorf("%s: message of %d bytes", c.name, len(err.Error()))
		}
	}
}

func ExampleValidateJSON() {
	err := ValidateJSON([]byte(`{"ver":"1.3.0","nam":{"fnt":"MUSTER"},"dob":"1980-13","v":[]}`))
	fmt.Println(errors.Is(err, ErrInvalid))
	// Output: true
}
