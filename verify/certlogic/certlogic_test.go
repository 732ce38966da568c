package certlogic

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

func mustParse(t testing.TB, s string) *Expr {
	t.Helper()
	x, err := Parse([]byte(s))
	if err != nil {
		t.Fatalf("Parse(%s): %v", s, err)
	}
	return x
}

func mustData(t testing.TB, s string) any {
	t.Helper()
	v, err := DecodeJSON([]byte(s))
	if err != nil {
		t.Fatalf("DecodeJSON(%s): %v", s, err)
	}
	return v
}

func TestParseDateTime(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"2021", "2021-12-31T00:00:00Z"},
		{"2020-02", "2020-02-29T00:00:00Z"},
		{"2021-02", "2021-02-28T00:00:00Z"},
		{"2021-06-01", "2021-06-01T00:00:00Z"},
		{"2021-06-01T10:11:12", "2021-06-01T10:11:12Z"},
		{"2021-06-01T10:11:12Z", "2021-06-01T10:11:12Z"},
		{"2021-06-01T10:11:12+2", "2021-06-01T08:11:12Z"},
		{"2021-06-01T10:11:12+02", "2021-06-01T08:11:12Z"},
		{"2021-06-01T10:11:12+230", "2021-06-01T07:41:12Z"},
		{"2021-06-01T10:11:12-0230", "2021-06-01T12:41:12Z"},
		{"2021-06-01T10:11:12+2:30", "2021-06-01T07:41:12Z"},
		{"2021-06-01T10:11:12+02:30", "2021-06-01T07:41:12Z"},
		{"2021-06-01T10:11:12.5", "2021-06-01T10:11:12.5Z"},
		{"2021-06-01T10:11:12.123456789Z", "2021-06-01T10:11:12.123Z"}, // truncated, not rounded
		{"2021-06-01T10:11:12.9999+01:00", "2021-06-01T09:11:12.999Z"},
	} {
		got, err := parseDateTime(tc.in)
		if err != nil {
			t.Errorf("%s: %v", tc.in, err)
			continue
		}
		if s := got.Format(time.RFC3339Nano); s != tc.want {
			t.Errorf("%s: got %s, want %s", tc.in, s, tc.want)
		}
	}
	for _, bad := range []string{"", "21", "2021-", "2021-13", "2021-02-29", "2021-06-01T", "2021-06-01T10:11",
		"2021-06-01T24:00:00", "2021-06-01T10:11:12.", "2021-06-01T10:11:12+", "2021-06-01T10:11:12+12345",
		"2021-06-01T10:11:12+1:3", "2021-06-01T10:11:12X", "2021-06-01 10:11:12", "２０２１"} {
		if _, err := parseDateTime(bad); !errors.Is(err, ErrType) {
			t.Errorf("%q: got %v, want ErrType", bad, err)
		}
	}
}

func TestPlusTime(t *testing.T) {
	for _, tc := range []struct {
		in     string
		amount int
		unit   string
		want   string
	}{
		// The leap-day table of the specification.
		{"2020-02-29", 1, "day", "2020-03-01T00:00:00Z"},
		{"2020-02-29", 1, "month", "2020-03-29T00:00:00Z"},
		{"2020-02-29", 1, "year", "2021-03-01T00:00:00Z"},
		{"2021-01-31", 1, "month", "2021-03-03T00:00:00Z"},
		{"2021-03-01", -1, "day", "2021-02-28T00:00:00Z"},
		// DST-free: 24 hours is always one day, whatever the offset.
		{"2021-03-27T12:00:00+01:00", 24, "hour", "2021-03-28T11:00:00Z"},
		{"2021-06-01T00:00:00Z", -18, "year", "2003-06-01T00:00:00Z"},
	} {
		x := mustParse(t, fmt.Sprintf(`{"plusTime": [%q, %d, %q]}`, tc.in, tc.amount, tc.unit))
		got, err := x.Evaluate(nil)
		if err != nil {
			t.Errorf("%v: %v", tc, err)
			continue
		}
		if s := got.(time.Time).Format(time.RFC3339Nano); s != tc.want {
			t.Errorf("%v: got %s, want %s", tc, s, tc.want)
		}
	}
}

func TestDateOfBirth(t *testing.T) {
	for in, want := range map[string]string{
		"1990":       "1990-12-31T00:00:00Z",
		"1990-02":    "1990-02-28T00:00:00Z",
		"1992-02":    "1992-02-29T00:00:00Z",
		"1990-07-15": "1990-07-15T00:00:00Z",
	} {
		got, err := mustParse(t, `{"dccDateOfBirth": [{"var": ""}]}`).Evaluate(in)
		if err != nil || got.(time.Time).Format(time.RFC3339) != want {
			t.Errorf("%s: got %v, %v; want %s", in, got, err, want)
		}
	}
	for _, bad := range []any{"", "1990-07-15T00:00:00Z", "90", nil, 1990.0} {
		if _, err := mustParse(t, `{"dccDateOfBirth": [{"var": ""}]}`).Evaluate(bad); !errors.Is(err, ErrType) {
			t.Errorf("%v: got %v, want ErrType", bad, err)
		}
	}
}

func TestTruthiness(t *testing.T) {
	for _, tc := range []struct {
		v             any
		truthy, falsy bool
	}{
		{true, true, false}, {false, false, true}, {nil, false, true},
		{"", false, true}, {"0", true, false}, {0.0, false, true}, {-1.0, true, false},
		{0.5, false, false}, {[]any{}, false, true}, {[]any{nil}, true, false},
		{map[string]any{}, false, true}, {map[string]any{"a": nil}, true, false},
		{time.Unix(0, 0), false, false},
	} {
		if Truthy(tc.v) != tc.truthy || Falsy(tc.v) != tc.falsy {
			t.Errorf("%#v: truthy %v falsy %v, want %v %v", tc.v, Truthy(tc.v), Falsy(tc.v), tc.truthy, tc.falsy)
		}
	}
}

func TestEvaluate(t *testing.T) {
	for _, tc := range []struct {
		expr, data string
		want       any
	}{
		{`{"!==": [1, 2]}`, `null`, true},
		{`{"===": [[1], [1]]}`, `null`, false},
		{`{"===": [{"var": "x"}, {"var": "n"}]}`, `{"x": {"a": 1}}`, false},
		{`{"!==": [{"var": "x"}, {"var": "n"}]}`, `{"x": [1]}`, true},
		{`{"===": [{"plusTime": ["2021", 0, "day"]}, {"plusTime": ["2021", 0, "day"]}]}`, `null`, false},
		{`{"in": [{"var": "x"}, [{"var": "x"}]]}`, `{"x": [1]}`, false},
		{`{"!==": ["a", "a"]}`, `null`, false},
		{`{"===": [{"var": "y"}, {"var": "x"}]}`, `{}`, true},
		{`{"<": [1, 2, 3]}`, `null`, true},
		{`{"<": [1, 3, 2]}`, `null`, false},
		{`{">=": [3, 3, 1]}`, `null`, true},
		{`{"+": [{"var": "a"}, 2]}`, `{"a": 40}`, 42.0},
		{`{"in": ["b", ["a", "b"]]}`, `null`, true},
		{`{"in": [1, ["1"]]}`, `null`, false},
		{`{"before": [{"plusTime": ["2021-01-01", 0, "day"]}, {"plusTime": ["2021-01-01T00:00:00.001Z", 0, "day"]}]}`, `null`, true},
		{`{"not-before": [{"plusTime": ["2021-01-01T01:00:00+01:00", 0, "day"]}, {"plusTime": ["2021-01-01", 0, "day"]}]}`, `null`, true},
		{`{"after": [{"plusTime": ["2021-01-03", 0, "day"]}, {"plusTime": ["2021-01-02", 0, "day"]}, {"plusTime": ["2021-01-01", 0, "day"]}]}`, `null`, true},
		{`{"reduce": [{"var": "v"}, {"+": [{"var": "accumulator"}, {"var": "current.dn"}]}, 0]}`, `{"v": [{"dn": 1}, {"dn": 2}]}`, 3.0},
		{`{"reduce": [{"var": "v"}, {"var": "data.k"}, 0]}`, `{"v": [1], "k": "seen"}`, "seen"},
		{`{"extractFromUVCI": [{"var": "ci"}, 1]}`, `{"ci": "URN:UVCI:01:DE:ABC#X"}`, "DE"},
		{`{"if": [{"var": "x"}, "yes", "no"]}`, `{"x": [0]}`, "yes"},
		{`{"var": "a.1.b"}`, `{"a": [{}, {"b": false}]}`, false},
	} {
		got, err := mustParse(t, tc.expr).Evaluate(mustData(t, tc.data))
		if err != nil || got != tc.want {
			t.Errorf("%s on %s: got %#v, %v; want %#v", tc.expr, tc.data, got, err, tc.want)
		}
	}
}

func TestEvaluateErrors(t *testing.T) {
	for _, tc := range []struct {
		expr, data string
		want       error
	}{
		{`{"if": [{"var": "x"}, 1, 2]}`, `{"x": 1.5}`, ErrType},
		{`{"!": [{"plusTime": ["2021", 0, "day"]}]}`, `null`, ErrType},
		{`{"and": [{"var": "x"}, true]}`, `{"x": 0.5}`, ErrType},
		{`{"and": [true, {"plusTime": ["2021", 0, "day"]}]}`, `null`, ErrType}, // the last operand too
		{`{"<": [1, "2"]}`, `null`, ErrType},
		{`{"<": [1, {"var": "x"}]}`, `{"x": 1.5}`, ErrType},
		{`{"before": [1, 2]}`, `null`, ErrType},
		{`{"+": ["1", 1]}`, `null`, ErrType},
		{`{"in": ["a", "abc"]}`, `null`, ErrType},
		{`{"in": ["a", {"var": "x"}]}`, `{}`, ErrType},
		{`{"plusTime": [{"var": "x"}, 1, "day"]}`, `{}`, ErrType},
		{`{"plusTime": ["2021-13-01", 1, "day"]}`, `null`, ErrType},
		{`{"plusTime": ["9999", 999999999, "year"]}`, `null`, ErrType},
		{`{"reduce": ["abc", 1, 0]}`, `null`, ErrType},
		{`{"extractFromUVCI": [1, 0]}`, `null`, ErrType},
	} {
		got, err := mustParse(t, tc.expr).Evaluate(mustData(t, tc.data))
		if !errors.Is(err, tc.want) {
			t.Errorf("%s on %s: got %#v, %v; want %v", tc.expr, tc.data, got, err, tc.want)
		}
	}
}

func TestCompileErrors(t *testing.T) {
	for _, tc := range []struct {
		expr  string
		want  error
		where string
	}{
		{`{"if": [true, 1]}`, ErrInvalid, ""},
		{`{"and": [true]}`, ErrInvalid, ""},
		{`{"===": [1, 2, 3]}`, ErrInvalid, ""},
		{`{"<": [1]}`, ErrInvalid, ""},
		{`{"!": []}`, ErrInvalid, ""},
		{`{"plusTime": ["2021", {"var": "n"}, "day"]}`, ErrInvalid, ""},
		{`{"plusTime": ["2021", 1, "week"]}`, ErrInvalid, ""},
		{`{"plusTime": ["2021", 1e12, "day"]}`, ErrInvalid, ""},
		{`{"extractFromUVCI": ["x", 0.5]}`, ErrInvalid, ""},
		{`{"var": ["x", 1]}`, ErrInvalid, ""},
		{`{"var": "a..b"}`, ErrInvalid, ""},
		{`{"merge": [1]}`, ErrInvalid, ""},
		{`{"if": [true, {"and": [true, {"foo": []}]}, 1]}`, ErrInvalid, "/if/1/and/1"},
		{`{"if": [true, 1, 2.5]}`, ErrInvalid, "/if/2"},
		{`null`, ErrInvalid, ""},
		{`{"a": 1} x`, ErrJSON, ""},
		{`{"a": 1, "a": 2}`, ErrJSON, ""},
		{`[1e999]`, ErrJSON, ""},
	} {
		_, err := Parse([]byte(tc.expr))
		if !errors.Is(err, tc.want) || !strings.Contains(fmt.Sprint(err), tc.where) {
			t.Errorf("%s: got %v, want %v at %q", tc.expr, err, tc.want, tc.where)
		}
	}
}

// Hostile rules are refused when compiled or stopped while evaluated, each
// with its own sentinel.
func TestHostile(t *testing.T) {
	deep := strings.Repeat(`{"!": [`, 1000) + "true" + strings.Repeat(`]}`, 1000)
	if _, err := Parse([]byte(deep)); !errors.Is(err, ErrDepth) {
		t.Errorf("deep nesting: got %v, want ErrDepth", err)
	}
	// The same depth built in Go (no JSON decoder) is refused by Compile.
	var v any = true
	for i := 0; i < 1000; i++ {
		v = map[string]any{"!": []any{v}}
	}
	if _, err := Compile(v); !errors.Is(err, ErrDepth) {
		t.Errorf("deep nesting (Compile): got %v, want ErrDepth", err)
	}
	wide := "[" + strings.Repeat("1,", 20000) + "1]"
	if _, err := (Limits{MaxArray: 100_000}).Parse([]byte(wide)); !errors.Is(err, ErrSize) {
		t.Errorf("20001 nodes: got %v, want ErrSize", err)
	}
	if _, err := Parse([]byte(wide)); !errors.Is(err, ErrSize) {
		t.Errorf("20001-item array: got %v, want ErrSize", err)
	}
	if _, err := Parse([]byte(`"` + strings.Repeat("x", 2<<20) + `"`)); !errors.Is(err, ErrSize) {
		t.Errorf("2 MiB expression: got %v, want ErrSize", err)
	}

	// reduce over an array beyond MaxArray.
	big := make([]any, 10_001)
	sum := mustParse(t, `{"reduce": [{"var": "x"}, {"+": [{"var": "accumulator"}, 1]}, 0]}`)
	if _, err := sum.Evaluate(map[string]any{"x": big}); !errors.Is(err, ErrSize) {
		t.Errorf("reduce over 10001 items: got %v, want ErrSize", err)
	}
	// Nested reduces: 10 000 × 10 000 lambda calls stop at MaxSteps.
	ok := make([]any, 10_000)
	nested := mustParse(t, `{"reduce": [{"var": "x"}, {"reduce": [{"var": "data.x"}, {"+": [{"var": "accumulator"}, 1]}, 0]}, 0]}`)
	if _, err := nested.Evaluate(map[string]any{"x": ok}); !errors.Is(err, ErrSteps) {
		t.Errorf("nested reduce: got %v, want ErrSteps", err)
	}
	// An accumulator that doubles every step shares its halves: memory
	// stays linear and steps bound the time.
	double := mustParse(t, `{"reduce": [{"var": "x"}, [{"var": "accumulator"}, {"var": "accumulator"}], 0]}`)
	if _, err := double.Evaluate(map[string]any{"x": ok}); err != nil {
		t.Errorf("doubling accumulator: %v", err)
	}
	// Tight limits apply.
	small := Limits{MaxSteps: 10}
	x, err := small.Parse([]byte(`{"reduce": [{"var": "x"}, {"+": [{"var": "accumulator"}, 1]}, 0]}`))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := x.Evaluate(map[string]any{"x": make([]any, 10)}); !errors.Is(err, ErrSteps) {
		t.Errorf("MaxSteps 10: got %v, want ErrSteps", err)
	}
}
