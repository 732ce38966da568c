package certlogic

import (
	"bufio"
	"bytes"
	"encoding/json"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// referenceScript evaluates each line {"expr","data"} of its input with
// certlogic-js and prints {"val"} or {"err"} per line, dates as {"$date"}.
const referenceScript = `
const { evaluate } = require("certlogic-js");
const lines = require("fs").readFileSync(process.argv[2], "utf8").trim().split("\n");
const norm = (v) => v instanceof Date ? { $date: isNaN(v) ? "Invalid" : v.toISOString() }
  : Array.isArray(v) ? v.map(norm)
  : v && typeof v === "object" ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, norm(x)])) : v;
for (const l of lines) {
  const r = JSON.parse(l);
  let out;
  try { out = { val: norm(evaluate(r.expr, r.data)) }; } catch (e) { out = { err: String(e.message) }; }
  console.log(JSON.stringify(out));
}
`

// TestReference compares this evaluator with the reference implementation,
// certlogic-js, on 20 000 generated expressions (every operation, every
// date format, truthy/falsy/neither values): the results must be equal, or
// both must be errors. It needs Node.js and certlogic-js, so it runs only
// when PASSCHECK_CERTLOGIC_JS names a folder holding node_modules/certlogic-js
// (e.g. after "npm install certlogic-js@1.2.2" there).
func TestReference(t *testing.T) {
	dir := os.Getenv("PASSCHECK_CERTLOGIC_JS")
	if dir == "" {
		t.Skip("set PASSCHECK_CERTLOGIC_JS to a folder with node_modules/certlogic-js to compare with the reference")
	}
	tmp := t.TempDir()
	script := filepath.Join(tmp, "ref.js")
	if err := os.WriteFile(script, []byte(referenceScript), 0o644); err != nil {
		t.Fatal(err)
	}
	type pair struct {
		Expr any `json:"expr"`
		Data any `json:"data"`
	}
	r := rand.New(rand.NewSource(1))
	datas := []string{`null`, `{}`, `{"a":"x","b":"b","c":3,"d":[1,2],"e":{"x":true},"n":null}`,
		`{"a":"URN:UVCI:01:DE:X#Y","b":"","c":0,"d":[],"e":{},"n":5}`, `{"a":"2021-06-01","d":[3,4,5],"c":-1}`}
	var in bytes.Buffer
	var goRes []map[string]any
	for i := 0; i < 20000; i++ {
		expr := genExpr(r, 0)
		data, _ := DecodeJSON([]byte(datas[r.Intn(len(datas))]))
		b, _ := json.Marshal(pair{expr, data})
		in.Write(append(b, '\n'))
		res := map[string]any{}
		if x, err := Compile(expr); err != nil {
			res["err"] = err.Error()
		} else if v, err := x.Evaluate(data); err != nil {
			res["err"] = err.Error()
		} else {
			res["val"] = jsonable(v)
		}
		goRes = append(goRes, res)
	}
	pairs := filepath.Join(tmp, "pairs.jsonl")
	if err := os.WriteFile(pairs, in.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("node", script, pairs)
	cmd.Env = append(os.Environ(), "NODE_PATH="+filepath.Join(dir, "node_modules"))
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("node: %v", err)
	}
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(nil, 1<<20)
	lines := bytes.Split(in.Bytes(), []byte("\n"))
	n, same, bothErr := 0, 0, 0
	for sc.Scan() {
		var js map[string]any
		if err := json.Unmarshal(sc.Bytes(), &js); err != nil {
			t.Fatal(err)
		}
		g := goRes[n]
		_, gErr := g["err"]
		_, jErr := js["err"]
		gv, _ := json.Marshal(g["val"])
		jv, _ := json.Marshal(js["val"])
		switch {
		case gErr && jErr:
			bothErr++
		case !gErr && !jErr && bytes.Equal(gv, jv):
			same++
		default:
			t.Errorf("%s: Go %v, certlogic-js %v", lines[n], g, js)
		}
		n++
	}
	if n != len(goRes) {
		t.Fatalf("certlogic-js answered %d of %d", n, len(goRes))
	}
	t.Logf("reference: %d expressions, %d equal results, %d errors in both", n, same, bothErr)
}

func jsonable(v any) any {
	switch t := v.(type) {
	case time.Time:
		return map[string]any{"$date": t.UTC().Format("2006-01-02T15:04:05.000Z")}
	case []any:
		out := make([]any, len(t))
		for i, x := range t {
			out[i] = jsonable(x)
		}
		return out
	case map[string]any:
		out := map[string]any{}
		for k, x := range t {
			out[k] = jsonable(x)
		}
		return out
	}
	return v
}

var genDates = []string{"2021", "2020-02", "2021-02", "2021-06-01", "2020-02-29", "2021-01-31", "2021-03-28T01:30:00",
	"2021-06-01T10:11:12Z", "2021-06-01T10:11:12+2", "2021-06-01T10:11:12+02", "2021-06-01T10:11:12+130",
	"2021-06-01T10:11:12-0230", "2021-06-01T10:11:12+2:30", "2021-06-01T10:11:12.1Z", "2021-06-01T10:11:12.123456+01:00",
	"2021-12-31T23:59:59.999Z", "1970-01-01", "2000-02-29T12:00:00-05:00", "2021-10-31T02:30:00+01:00"}

// genExpr makes a random expression. Whole arrays and objects of the data
// are not read by var: JavaScript compares those by identity, which a
// value-based Go evaluator cannot reproduce (documented in doc.go).
func genExpr(r *rand.Rand, d int) any {
	if d > 4 || r.Intn(5) == 0 {
		switch r.Intn(6) {
		case 0:
			return float64(r.Intn(7) - 2)
		case 1:
			return []string{"", "a", "b", "LP6464-4"}[r.Intn(4)]
		case 2:
			return r.Intn(2) == 0
		case 3:
			return map[string]any{"var": []string{"", "a", "b", "c", "d.0", "d.1", "e.x", "n"}[r.Intn(8)]}
		case 4:
			return genDates[r.Intn(len(genDates))]
		default:
			return []any{genExpr(r, d+1), genExpr(r, d+1)}[:r.Intn(3)]
		}
	}
	date := func() any {
		if r.Intn(3) == 0 {
			return map[string]any{"dccDateOfBirth": []any{[]any{"1990", "1990-02", "1990-07-15", genDates[r.Intn(len(genDates))]}[r.Intn(4)]}}
		}
		return map[string]any{"plusTime": []any{genDates[r.Intn(len(genDates))], float64(r.Intn(800) - 400),
			[]string{"year", "month", "day", "hour"}[r.Intn(4)]}}
	}
	two := func(op string) any { return map[string]any{op: []any{genExpr(r, d+1), genExpr(r, d+1)}} }
	switch r.Intn(12) {
	case 0:
		return map[string]any{"if": []any{genExpr(r, d+1), genExpr(r, d+1), genExpr(r, d+1)}}
	case 1:
		return two("===")
	case 2:
		return map[string]any{"and": []any{genExpr(r, d+1), genExpr(r, d+1), genExpr(r, d+1)}[:2+r.Intn(2)]}
	case 3:
		op := []string{"<", ">", "<=", ">="}[r.Intn(4)]
		return map[string]any{op: []any{genExpr(r, d+1), genExpr(r, d+1), genExpr(r, d+1)}[:2+r.Intn(2)]}
	case 4:
		op := []string{"before", "after", "not-before", "not-after"}[r.Intn(4)]
		return map[string]any{op: []any{date(), date(), date()}[:2+r.Intn(2)]}
	case 5:
		return two("in")
	case 6:
		return two("+")
	case 7:
		return map[string]any{"!": []any{genExpr(r, d+1)}}
	case 8:
		return date()
	case 9:
		return map[string]any{"reduce": []any{map[string]any{"var": "d"},
			map[string]any{"+": []any{map[string]any{"var": "accumulator"}, map[string]any{"var": "current"}}}, float64(0)}}
	case 10:
		return map[string]any{"extractFromUVCI": []any{[]any{"URN:UVCI:01:NL:187/37512422923", "01:AT:1080#B", "a::c/#/f",
			map[string]any{"var": "a"}}[r.Intn(4)], float64(r.Intn(7) - 1)}}
	}
	return genExpr(r, d+1)
}
