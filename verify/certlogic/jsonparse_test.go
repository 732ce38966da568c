package certlogic

import (
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"
)

func TestDecodeJSON(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want any
	}{
		{`null`, nil}, {` true `, true}, {`false`, false}, {`0`, 0.0}, {`-1.5e2`, -150.0}, {`42.0`, 42.0},
		{`"a\"\\\/\b\f\n\r\t\u00e9\ud83d\ude00"`, "a\"\\/\b\f\n\r\té😀"}, {`"한국"`, "한국"},
		{`[]`, []any{}}, {`{}`, map[string]any{}}, {`[1,[2,{"a":null}]]`, []any{1.0, []any{2.0, map[string]any{"a": nil}}}},
	} {
		got, err := DecodeJSON([]byte(tc.in))
		if err != nil || !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s: got %#v, %v; want %#v", tc.in, got, err, tc.want)
		}
	}
	for _, bad := range []string{``, ` `, `nul`, `tru`, `01`, `1.`, `.5`, `-`, `1e`, `+1`, `1e999`, `"abc`, `"\x"`,
		`"\u12"`, `"\ud800"`, "\"\x01\"", "\"\xff\"", `[1,]`, `[1 2]`, `{"a"}`, `{"a":1,}`, `{a:1}`, `{"a":1,"a":2}`,
		`[] []`, `{"a":1}}`, `NaN`, `Infinity`} {
		if _, err := DecodeJSON([]byte(bad)); !errors.Is(err, ErrJSON) {
			t.Errorf("%q: got %v, want ErrJSON", bad, err)
		}
	}
	if _, err := DecodeJSON([]byte(strings.Repeat("[", 100) + strings.Repeat("]", 100))); !errors.Is(err, ErrDepth) {
		t.Errorf("deep: %v", err)
	}
}

// FuzzDecodeJSON compares the parser with encoding/json: whatever it
// accepts, encoding/json accepts with the same value; what it refuses and
// encoding/json accepts must be one of its documented strictnesses.
func FuzzDecodeJSON(f *testing.F) {
	for _, s := range []string{`{"a":[1,2.5,"x\u00e9",true,null,{}]}`, `"\ud83d\ude00"`, `-0.0e-3`, `{"a":1,"a":2}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		v, err := DecodeJSON(b)
		var w any
		errStd := json.Unmarshal(b, &w)
		if err == nil {
			if errStd != nil {
				t.Fatalf("accepted %q, encoding/json refuses: %v", b, errStd)
			}
			if !reflect.DeepEqual(v, w) {
				t.Fatalf("%q: got %#v, encoding/json %#v", b, v, w)
			}
			return
		}
		if errStd == nil && !errors.Is(err, ErrDepth) && !errors.Is(err, ErrSize) {
			msg := err.Error()
			if !strings.Contains(msg, "duplicate key") && !strings.Contains(msg, "UTF-8") && !strings.Contains(msg, "surrogate") {
				t.Fatalf("refused %q (%v), encoding/json accepts", b, err)
			}
		}
	})
}
