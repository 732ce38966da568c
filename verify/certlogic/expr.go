package certlogic

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// Expr is a compiled, validated CertLogic expression. It is immutable and
// safe for concurrent use.
type Expr struct {
	root *node
	lim  Limits
}

// Issue is one reason why an expression is not valid CertLogic.
type Issue struct {
	Expr    any    // the offending (sub-)expression
	Message string // what is wrong, in the words of the reference validator
	Path    string // where: a JSON pointer into the expression ("" is the root)
}

func (i Issue) String() string {
	if i.Path == "" {
		return i.Message
	}
	return i.Message + " at " + i.Path
}

type opcode uint8

const (
	opLit opcode = iota
	opArray
	opVar
	opIf
	opNot
	opEq
	opNe
	opAnd
	opIn
	opPlus
	opLt
	opGt
	opLe
	opGe
	opBefore
	opAfter
	opNotAfter
	opNotBefore
	opPlusTime
	opReduce
	opExtract
	opDOB
)

var infix = map[string]opcode{
	"===": opEq, "!==": opNe, "and": opAnd, "in": opIn, "+": opPlus,
	"<": opLt, ">": opGt, "<=": opLe, ">=": opGe,
	"before": opBefore, "after": opAfter, "not-after": opNotAfter, "not-before": opNotBefore,
}

type node struct {
	op     opcode
	name   string // the operator, for messages
	at     string // JSON pointer into the expression, for messages
	lit    any
	path   []pathFrag
	args   []*node
	amount int      // plusTime amount, extractFromUVCI index
	unit   timeUnit // plusTime unit
}

type pathFrag struct {
	key   string
	index int // -1 unless key is a decimal array index
}

// Compile validates expr (a value of the data model, e.g. from DecodeJSON)
// and compiles it within DefaultLimits. An invalid expression gives an error
// wrapping ErrInvalid that names the first issue and where it is.
func Compile(expr any) (*Expr, error) { return Limits{}.Compile(expr) }

// Parse decodes a JSON expression and compiles it within DefaultLimits.
func Parse(b []byte) (*Expr, error) { return Limits{}.Parse(b) }

// Parse is Parse within l.
func (l Limits) Parse(b []byte) (*Expr, error) {
	v, err := l.DecodeJSON(b)
	if err != nil {
		return nil, err
	}
	return l.Compile(v)
}

// Compile is Compile within l; the returned Expr evaluates within l.
func (l Limits) Compile(expr any) (*Expr, error) {
	c := compiler{lim: l.orDefault()}
	root := c.compile(expr, "", 0)
	if c.bound != nil {
		return nil, c.bound
	}
	if len(c.issues) > 0 {
		return nil, fmt.Errorf("%w: %s", ErrInvalid, c.issues[0])
	}
	return &Expr{root: root, lim: c.lim}, nil
}

// Validate returns every issue that makes expr invalid CertLogic; none for
// a valid expression. Expressions beyond DefaultLimits give one issue.
func Validate(expr any) []Issue {
	c := compiler{lim: DefaultLimits}
	c.compile(expr, "", 0)
	if c.bound != nil {
		return []Issue{{Expr: expr, Message: c.bound.Error()}}
	}
	return c.issues
}

type compiler struct {
	lim    Limits
	nodes  int
	issues []Issue
	bound  error // a limit was hit: stop
}

func (c *compiler) issue(expr any, at, format string, args ...any) {
	c.issues = append(c.issues, Issue{Expr: expr, Message: fmt.Sprintf(format, args...), Path: at})
}

func (c *compiler) compile(expr any, at string, depth int) *node {
	if c.bound != nil {
		return nil
	}
	if depth > c.lim.MaxDepth {
		c.bound = fmt.Errorf("%w: expression nested deeper than %d at %s", ErrDepth, c.lim.MaxDepth, at)
		return nil
	}
	if c.nodes++; c.nodes > c.lim.MaxNodes {
		c.bound = fmt.Errorf("%w: expression has more than %d nodes", ErrSize, c.lim.MaxNodes)
		return nil
	}
	n := &node{at: at}
	switch e := expr.(type) {
	case string, bool:
		n.op, n.lit = opLit, e
		return n
	case float64:
		if !isInt(e) {
			c.issue(expr, at, "%s is a non-integer number", jsNumber(e))
		}
		n.op, n.lit = opLit, e
		return n
	case []any:
		n.op = opArray
		n.args = make([]*node, len(e))
		for i, item := range e {
			n.args[i] = c.compile(item, at+"/"+strconv.Itoa(i), depth+1)
		}
		return n
	case map[string]any:
		return c.operation(n, e, at, depth)
	case nil:
		c.issue(expr, at, "invalid CertLogic expression")
	default:
		c.issue(expr, at, "invalid CertLogic expression: a %s", typeName(expr))
	}
	return n
}

func (c *compiler) operation(n *node, e map[string]any, at string, depth int) *node {
	if len(e) != 1 {
		c.issue(e, at, "expression object must have exactly one key, but it has %d", len(e))
		return n
	}
	var op string
	var operand any
	for op, operand = range e {
	}
	n.name = op
	if op == "var" {
		path, ok := operand.(string)
		if !ok {
			c.issue(e, at, `not of the form { "var": "<path>" }`)
			return n
		}
		n.op = opVar
		if path == "" {
			return n
		}
		for _, f := range strings.Split(path, ".") {
			if f == "" {
				c.issue(e, at, "data access path doesn't have a valid format: %s", path)
				return n
			}
			pf := pathFrag{key: f, index: -1}
			if i, err := strconv.Atoi(f); err == nil && i >= 0 && f[0] != '+' {
				pf.index = i
			}
			n.path = append(n.path, pf)
		}
		return n
	}
	values, ok := operand.([]any)
	if !ok {
		c.issue(e, at, `operation not of the form { "<operator>": [ <values...> ] }`)
		return n
	}
	arity := func(ok bool, want string) bool {
		if !ok {
			c.issue(e, at, "an operation with operator %q must have %s operands, but it has %d", op, want, len(values))
		}
		return ok
	}
	args := func() {
		n.args = make([]*node, len(values))
		for i, v := range values {
			n.args[i] = c.compile(v, at+"/"+escape(op)+"/"+strconv.Itoa(i), depth+1)
		}
	}
	if code, ok := infix[op]; ok {
		n.op = code
		switch code {
		case opAnd:
			arity(len(values) >= 2, "at least 2")
		case opLt, opGt, opLe, opGe, opBefore, opAfter, opNotAfter, opNotBefore:
			arity(len(values) == 2 || len(values) == 3, "2 or 3")
		default:
			arity(len(values) == 2, "2")
		}
		args()
		return n
	}
	switch op {
	case "if":
		n.op = opIf
		arity(len(values) == 3, "3 (guard, then, else)")
		args()
	case "!":
		n.op = opNot
		arity(len(values) == 1, "1")
		args()
	case "reduce":
		n.op = opReduce
		arity(len(values) == 3, "3 (operand, lambda, initial)")
		args()
	case "dccDateOfBirth":
		n.op = opDOB
		arity(len(values) == 1, "1")
		args()
	case "plusTime":
		n.op = opPlusTime
		if !arity(len(values) == 3, "3 (date-time, amount, unit)") {
			args()
			return n
		}
		amount, ok := values[1].(float64)
		if !ok || !isInt(amount) || math.Abs(amount) > maxAmount {
			c.issue(e, at, `"amount" argument (#2) of "plusTime" must be an integer literal within ±%g`, float64(maxAmount))
			ok = false
		}
		unit, _ := values[2].(string)
		u, uok := timeUnits[unit]
		if !uok {
			c.issue(e, at, `"unit" argument (#3) of "plusTime" must be a string equal to one of year, month, day, hour`)
		}
		if ok && uok {
			n.amount, n.unit = int(amount), u
		}
		n.args = []*node{c.compile(values[0], at+"/plusTime/0", depth+1)}
	case "extractFromUVCI":
		n.op = opExtract
		if !arity(len(values) == 2, "2 (UCI, index)") {
			args()
			return n
		}
		index, ok := values[1].(float64)
		if !ok || !isInt(index) || math.Abs(index) > math.MaxInt32 {
			c.issue(e, at, `"index" argument (#2) of "extractFromUVCI" must be an integer literal`)
		} else {
			n.amount = int(index)
		}
		n.args = []*node{c.compile(values[0], at+"/extractFromUVCI/0", depth+1)}
	default:
		c.issue(e, at, "unrecognised operator: %q", op)
	}
	return n
}

// escape makes op a JSON pointer token (RFC 6901).
func escape(op string) string {
	return strings.ReplaceAll(strings.ReplaceAll(op, "~", "~0"), "/", "~1")
}

// jsNumber formats f the way JavaScript prints numbers, for messages.
func jsNumber(f float64) string {
	if a := math.Abs(f); a != 0 && (a < 1e-6 || a >= 1e21) {
		return strconv.FormatFloat(f, 'g', -1, 64)
	}
	return strconv.FormatFloat(f, 'f', -1, 64)
}

// Evaluate evaluates the expression against data (a value of the data
// model) within the expression's Limits. Errors wrap ErrType (an operand of
// the wrong type), ErrSteps or ErrSize.
func (x *Expr) Evaluate(data any) (any, error) {
	if x == nil || x.root == nil {
		return nil, fmt.Errorf("%w: nil expression", ErrInvalid)
	}
	ev := evaluator{lim: x.lim}
	return ev.eval(x.root, data)
}

type evaluator struct {
	lim   Limits
	steps int
}

func (ev *evaluator) eval(n *node, data any) (any, error) {
	if ev.steps++; ev.steps > ev.lim.MaxSteps {
		return nil, fmt.Errorf("%w: more than %d", ErrSteps, ev.lim.MaxSteps)
	}
	switch n.op {
	case opLit:
		return n.lit, nil
	case opArray:
		a := make([]any, len(n.args))
		for i, arg := range n.args {
			v, err := ev.eval(arg, data)
			if err != nil {
				return nil, err
			}
			a[i] = v
		}
		return a, nil
	case opVar:
		cur := data
		for _, f := range n.path {
			switch t := cur.(type) {
			case map[string]any:
				cur = t[f.key]
			case []any:
				if f.index >= 0 && f.index < len(t) {
					cur = t[f.index]
				} else {
					cur = nil
				}
			default:
				cur = nil
			}
			if cur == nil {
				return nil, nil
			}
		}
		return cur, nil
	case opIf:
		g, err := ev.eval(n.args[0], data)
		if err != nil {
			return nil, err
		}
		switch {
		case Truthy(g):
			return ev.eval(n.args[1], data)
		case Falsy(g):
			return ev.eval(n.args[2], data)
		}
		return nil, n.typeErr("the guard is a %s, neither truthy nor falsy", typeName(g))
	case opNot:
		v, err := ev.eval(n.args[0], data)
		if err != nil {
			return nil, err
		}
		switch {
		case Truthy(v):
			return false, nil
		case Falsy(v):
			return true, nil
		}
		return nil, n.typeErr("the operand is a %s, neither truthy nor falsy", typeName(v))
	case opAnd:
		var v any
		for i, arg := range n.args {
			var err error
			if v, err = ev.eval(arg, data); err != nil {
				return nil, err
			}
			// Every operand, the last one too, must be truthy or falsy
			// (as the reference implementation checks).
			if Falsy(v) {
				break
			}
			if !Truthy(v) {
				return nil, n.typeErr("operand #%d is a %s, neither truthy nor falsy", i+1, typeName(v))
			}
		}
		return v, nil
	case opEq, opNe:
		a, b, err := ev.two(n, data)
		if err != nil {
			return nil, err
		}
		// Arrays, objects and date-times are never equal, as distinct
		// JavaScript objects are not (the reference implementation).
		eq := primitive(a) && primitive(b) && a == b
		return eq == (n.op == opEq), nil
	case opIn:
		a, b, err := ev.two(n, data)
		if err != nil {
			return nil, err
		}
		list, ok := b.([]any)
		if !ok {
			return nil, n.typeErr("the right-hand side must be an array, not a %s", typeName(b))
		}
		if !primitive(a) {
			return false, nil // never equal to an item, as with ===
		}
		for _, item := range list {
			if primitive(item) && item == a {
				return true, nil
			}
		}
		return false, nil
	case opPlus:
		a, b, err := ev.two(n, data)
		if err != nil {
			return nil, err
		}
		if !isInt(a) || !isInt(b) {
			return nil, n.typeErr("operands must both be integers, not a %s and a %s", typeName(a), typeName(b))
		}
		return a.(float64) + b.(float64), nil
	case opLt, opGt, opLe, opGe:
		vs, err := ev.all(n, data)
		if err != nil {
			return nil, err
		}
		f := make([]float64, len(vs))
		for i, v := range vs {
			if !isInt(v) {
				return nil, n.typeErr("operand #%d is a %s, not an integer", i+1, typeName(v))
			}
			f[i] = v.(float64)
		}
		return chain(n.op, len(f), func(i int) int { return cmpFloat(f[i], f[i+1]) }), nil
	case opBefore, opAfter, opNotAfter, opNotBefore:
		vs, err := ev.all(n, data)
		if err != nil {
			return nil, err
		}
		t := make([]time.Time, len(vs))
		for i, v := range vs {
			d, ok := v.(time.Time)
			if !ok {
				return nil, n.typeErr("operand #%d is a %s, not a date-time", i+1, typeName(v))
			}
			t[i] = d
		}
		return chain(n.op, len(t), func(i int) int { return t[i].Compare(t[i+1]) }), nil
	case opPlusTime:
		v, err := ev.eval(n.args[0], data)
		if err != nil {
			return nil, err
		}
		s, ok := v.(string)
		if !ok {
			return nil, n.typeErr("the date-time must be a string, not a %s", typeName(v))
		}
		t, err := parseDateTime(s)
		if err != nil {
			return nil, n.wrap(err)
		}
		t, err = plusTime(t, n.amount, n.unit)
		if err != nil {
			return nil, n.wrap(err)
		}
		return t, nil
	case opDOB:
		v, err := ev.eval(n.args[0], data)
		if err != nil {
			return nil, err
		}
		s, ok := v.(string)
		if !ok {
			return nil, n.typeErr("the date of birth must be a string, not a %s", typeName(v))
		}
		t, err := parseDateOfBirth(s)
		if err != nil {
			return nil, n.wrap(err)
		}
		return t, nil
	case opExtract:
		v, err := ev.eval(n.args[0], data)
		if err != nil {
			return nil, err
		}
		switch s := v.(type) {
		case nil:
			return nil, nil
		case string:
			return extractFromUVCI(s, n.amount), nil
		}
		return nil, n.typeErr("the UCI must be a string or null, not a %s", typeName(v))
	case opReduce:
		v, err := ev.eval(n.args[0], data)
		if err != nil {
			return nil, err
		}
		if v == nil {
			return ev.eval(n.args[2], data)
		}
		list, ok := v.([]any)
		if !ok {
			return nil, n.typeErr("the operand must be an array or null, not a %s", typeName(v))
		}
		if len(list) > ev.lim.MaxArray {
			return nil, fmt.Errorf("%w: reduce over %d items, limit %d, at %s", ErrSize, len(list), ev.lim.MaxArray, n.at)
		}
		acc, err := ev.eval(n.args[2], data)
		if err != nil {
			return nil, err
		}
		for _, item := range list {
			ctx := map[string]any{"current": item, "accumulator": acc, "data": data}
			if acc, err = ev.eval(n.args[1], ctx); err != nil {
				return nil, err
			}
		}
		return acc, nil
	}
	return nil, fmt.Errorf("%w: unknown node at %s", ErrInvalid, n.at)
}

func (ev *evaluator) two(n *node, data any) (any, any, error) {
	a, err := ev.eval(n.args[0], data)
	if err != nil {
		return nil, nil, err
	}
	b, err := ev.eval(n.args[1], data)
	if err != nil {
		return nil, nil, err
	}
	return a, b, nil
}

func (ev *evaluator) all(n *node, data any) ([]any, error) {
	vs := make([]any, len(n.args))
	for i, arg := range n.args {
		v, err := ev.eval(arg, data)
		if err != nil {
			return nil, err
		}
		vs[i] = v
	}
	return vs, nil
}

// chain applies a comparison to each neighbouring pair: the ternary form
// a < b < c means (a < b) and (b < c).
func chain(op opcode, n int, cmp func(i int) int) bool {
	for i := 0; i+1 < n; i++ {
		c := cmp(i)
		var ok bool
		switch op {
		case opLt, opBefore:
			ok = c < 0
		case opGt, opAfter:
			ok = c > 0
		case opLe, opNotAfter:
			ok = c <= 0
		case opGe, opNotBefore:
			ok = c >= 0
		}
		if !ok {
			return false
		}
	}
	return true
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// extractFromUVCI returns fragment index of a UCI split on '/', '#' and
// ':', ignoring an initial "URN:UVCI:"; nil when there is no such fragment.
func extractFromUVCI(uci string, index int) any {
	if index < 0 {
		return nil
	}
	uci = strings.TrimPrefix(uci, "URN:UVCI:")
	i, start := 0, 0
	for j := 0; j <= len(uci); j++ {
		if j == len(uci) || uci[j] == '/' || uci[j] == '#' || uci[j] == ':' {
			if i == index {
				return uci[start:j]
			}
			i, start = i+1, j+1
		}
	}
	return nil
}

func (n *node) typeErr(format string, args ...any) error {
	return fmt.Errorf("%w: %q at %s: %s", ErrType, n.name, pointer(n.at), fmt.Sprintf(format, args...))
}

func (n *node) wrap(err error) error {
	return fmt.Errorf("%w (%q at %s)", err, n.name, pointer(n.at))
}

func pointer(at string) string {
	if at == "" {
		return "the root"
	}
	return at
}
