package schema

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"
)

// typeSet is a set of JSON Schema type names; 0 means "no type keyword".
type typeSet uint8

const (
	tNull typeSet = 1 << iota
	tBoolean
	tObject
	tArray
	tNumber
	tString
	tInteger // a number with a whole value: 1.0 is one (JSON Schema 2020-12)
)

var typeNames = map[string]typeSet{
	"null": tNull, "boolean": tBoolean, "object": tObject, "array": tArray,
	"number": tNumber, "string": tString, "integer": tInteger,
}

func (ts typeSet) String() string {
	var names []string
	for _, n := range []string{"null", "boolean", "object", "array", "number", "string", "integer"} {
		if ts&typeNames[n] != 0 {
			names = append(names, n)
		}
	}
	return strings.Join(names, " or ")
}

// kindOf gives the JSON type of a Go value of the data model; 0 for a value
// outside it (another Go type, NaN, ±Inf).
func kindOf(v any) typeSet {
	switch v := v.(type) {
	case nil:
		return tNull
	case bool:
		return tBoolean
	case string:
		return tString
	case map[string]any:
		return tObject
	case []any:
		return tArray
	case float64:
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return 0
		}
		return tNumber
	case float32:
		if math.IsNaN(float64(v)) || math.IsInf(float64(v), 0) {
			return 0
		}
		return tNumber
	case json.Number, int, int8, int16, int32, int64, uint, uint8, uint16, uint32, uint64:
		return tNumber
	}
	return 0
}

func kindName(v any) string {
	if k := kindOf(v); k != 0 {
		return k.String()
	}
	return fmt.Sprintf("%T", v)
}

// path is the place in the payload, built only as deep as validation goes
// and formatted only for errors.
type path struct {
	parent *path
	token  string
}

func (p *path) String() string {
	if p == nil {
		return ""
	}
	return p.parent.String() + "/" + escape(p.token)
}

// maxLeaves bounds the failures collected; the message is clipped anyway.
const maxLeaves = 32

// checker collects the failures of one validation, each a leaf "at PATH:
// what".
type checker struct {
	leaves []string
	more   int // failures beyond maxLeaves
}

func (c *checker) fail(at *path, format string, args ...any) {
	if len(c.leaves) == maxLeaves {
		c.more++
		return
	}
	c.leaves = append(c.leaves, fmt.Sprintf("at %s: ", at.locator())+fmt.Sprintf(format, args...))
}

func (p *path) locator() string {
	if p == nil {
		return "/"
	}
	return p.String()
}

func (c *checker) absorb(d *checker) {
	for _, l := range d.leaves {
		if len(c.leaves) == maxLeaves {
			c.more++
			continue
		}
		c.leaves = append(c.leaves, l)
	}
	c.more += d.more
}

func (c *checker) summary() string {
	s := strings.Join(c.leaves, "; ")
	if c.more > 0 {
		s += fmt.Sprintf("; and %d more", c.more)
	}
	return clip(s)
}

// check applies n to v and reports whether v passes. depth counts the
// payload levels descended (properties, items).
func (c *checker) check(n *node, v any, at *path, depth int) bool {
	if depth > maxDepth {
		c.fail(at, "nested deeper than %d levels", maxDepth)
		return false
	}
	k := kindOf(v)
	if k == 0 {
		c.fail(at, "%T is not a JSON value", v)
		return false
	}
	if n.types != 0 && n.types&k == 0 {
		whole, st := isInteger(v)
		if !(n.types&tInteger != 0 && whole) {
			if st == numOutOfRange {
				c.fail(at, "number with an exponent beyond ±%d, want %s", maxScale, n.types)
			} else {
				c.fail(at, "got %s, want %s", k, n.types)
			}
			return false
		}
	}
	ok := true
	if n.ref != nil {
		ok = c.check(n.ref, v, at, depth) && ok
	}
	switch v := v.(type) {
	case map[string]any:
		ok = c.object(n, v, at, depth) && ok
	case []any:
		ok = c.array(n, v, at, depth) && ok
	case string:
		ok = c.string(n, v, at) && ok
	default: // a number: kindOf let only the JSON kinds through
		ok = c.number(n, v, at) && ok
	}
	if len(n.anyOf) > 0 {
		var failed checker
		matched := false
		for _, b := range n.anyOf {
			if failed.check(b, v, at, depth) {
				matched = true
				break
			}
		}
		if !matched {
			c.absorb(&failed)
			ok = false
		}
	}
	if len(n.oneOf) > 0 {
		var failed checker
		first := -1
		for i, b := range n.oneOf {
			if !failed.check(b, v, at, depth) {
				continue
			}
			if first >= 0 {
				c.fail(at, "matches oneOf branches %d and %d, want exactly one", first, i)
				ok = false
				break
			}
			first = i
		}
		if first < 0 {
			c.absorb(&failed)
			ok = false
		}
	}
	return ok
}

func (c *checker) object(n *node, obj map[string]any, at *path, depth int) bool {
	ok := true
	var missing []string
	for _, r := range n.required {
		if _, has := obj[r]; !has {
			missing = append(missing, "'"+r+"'")
		}
	}
	switch len(missing) {
	case 0:
	case 1:
		c.fail(at, "missing property %s", missing[0])
		ok = false
	default:
		c.fail(at, "missing properties %s", strings.Join(missing, ", "))
		ok = false
	}
	for _, name := range n.propNames {
		if pv, has := obj[name]; has {
			ok = c.check(n.properties[name], pv, &path{at, name}, depth+1) && ok
		}
	}
	return ok
}

func (c *checker) array(n *node, a []any, at *path, depth int) bool {
	ok := true
	if n.minItems >= 0 && len(a) < n.minItems {
		c.fail(at, "%d items, want at least %d", len(a), n.minItems)
		ok = false
	}
	if n.maxItems >= 0 && len(a) > n.maxItems {
		c.fail(at, "%d items, want at most %d", len(a), n.maxItems)
		ok = false
	}
	if n.items != nil {
		for i, e := range a {
			ok = c.check(n.items, e, &path{at, strconv.Itoa(i)}, depth+1) && ok
		}
	}
	return ok
}

func (c *checker) string(n *node, s string, at *path) bool {
	ok := true
	// JSON Schema counts characters (code points), not bytes; an invalid
	// UTF-8 byte counts as one, as in the library this replaced.
	if n.maxLength >= 0 {
		if l := utf8.RuneCountInString(s); l > n.maxLength {
			c.fail(at, "%d characters, want at most %d", l, n.maxLength)
			ok = false
		}
	}
	if n.pattern != nil && !n.pattern.MatchString(s) {
		c.fail(at, "%s does not match pattern %q", quote(s), n.pattern.String())
		ok = false
	}
	return ok
}

func (c *checker) number(n *node, v any, at *path) bool {
	if n.minimum == nil {
		return true
	}
	d, st := toDecimal(v)
	switch {
	case st == numOutOfRange:
		c.fail(at, "number with an exponent beyond ±%d, want at least %s", maxScale, n.minimum)
	case st != numOK:
		c.fail(at, "%q is not a number", v)
	case d.cmp(*n.minimum) < 0:
		c.fail(at, "%s is less than the minimum %s", d, n.minimum)
	default:
		return true
	}
	return false
}

// quote shows a payload string in an error, shortened: the message has
// room for several failures.
func quote(s string) string {
	const max = 40
	if utf8.RuneCountInString(s) > max {
		r := []rune(s)
		return strconv.Quote(string(r[:max])) + "…"
	}
	return strconv.Quote(s)
}
