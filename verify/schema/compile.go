package schema

import (
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"
)

// draft is the only dialect understood: keyword meanings (items, format)
// differ between drafts.
const draft = "https://json-schema.org/draft/2020-12/schema"

// Bounds on the schema document: the DCC schema nests subschemas 2 deep.
const (
	maxSchemaLen   = 1 << 20
	maxSchemaDepth = 16
)

// node is one compiled subschema. Unset bounds are -1.
type node struct {
	ptr        string // JSON pointer in the schema, for compile errors
	types      typeSet
	ref        *node
	refName    string // the $defs entry ref points to, until linked
	properties map[string]*node
	propNames  []string // sorted, so errors come out in a stable order
	required   []string
	items      *node
	minItems   int
	maxItems   int
	maxLength  int
	minimum    *decimal
	pattern    *regexp.Regexp
	anyOf      []*node
	oneOf      []*node
}

// compileError is an error already prefixed with its place in the schema.
type compileError struct{ msg string }

func (e *compileError) Error() string { return e.msg }

// compiler holds the state of one compile: every node, for linking $ref.
type compiler struct {
	nodes []*node
	defs  map[string]*node
}

// compile builds a validator from a JSON Schema 2020-12 document that uses
// only the keywords below. Anything else is an error, never ignored:
//
//   - annotations, not checked against: $schema and $id (root only), $comment,
//     title, description, examples, valueset-uri (DCC-specific), and format
//     (2020-12 makes format an annotation unless a format-assertion
//     vocabulary is declared; the library this replaced, as used, asserted
//     none, and neither does this);
//   - $defs (root only) and $ref (only "#/$defs/NAME");
//   - type (a name or an array of names), properties, required, items (one
//     schema), minItems, maxItems, maxLength, minimum, pattern, anyOf, oneOf.
//
// Boolean subschemas are refused as well. $ref chains that never descend
// into the instance (a $ref cycle, possibly through anyOf/oneOf) are refused
// as they would never end.
func compile(b []byte) (*node, error) {
	doc, err := parseSchemaJSON(b)
	if err != nil {
		return nil, fmt.Errorf("schema is not JSON: %v", err)
	}
	if m, ok := doc.(map[string]any); ok && m["$schema"] == nil {
		return nil, fmt.Errorf("no $schema: the dialect must be named (%s)", draft)
	}
	c := &compiler{defs: map[string]*node{}}
	root, err := c.node(doc, "", 0)
	if err != nil {
		return nil, err
	}
	for _, n := range c.nodes {
		if n.refName == "" {
			continue
		}
		if n.ref = c.defs[n.refName]; n.ref == nil {
			return nil, fmt.Errorf("%s: $ref to undefined #/$defs/%s", at(n.ptr), n.refName)
		}
	}
	if err := c.checkCycles(); err != nil {
		return nil, err
	}
	return root, nil
}

// parseSchemaJSON reads the schema document with the payload's JSON bounds
// on depth, and a larger size bound.
func parseSchemaJSON(b []byte) (any, error) {
	return parseJSON(b, maxSchemaLen)
}

func (c *compiler) node(v any, ptr string, depth int) (*node, error) {
	if depth > maxSchemaDepth {
		return nil, &compileError{fmt.Sprintf("%s: subschemas nested deeper than %d", at(ptr), maxSchemaDepth)}
	}
	m, ok := v.(map[string]any)
	if !ok {
		return nil, &compileError{fmt.Sprintf("%s: a schema must be an object, got %s", at(ptr), kindName(v))}
	}
	n := &node{ptr: ptr, minItems: -1, maxItems: -1, maxLength: -1}
	c.nodes = append(c.nodes, n)
	root := depth == 0
	for _, k := range slices.Sorted(maps.Keys(m)) {
		v := m[k]
		kp := ptr + "/" + escape(k)
		var err error
		switch k {
		case "$schema":
			if !root {
				err = errors.New("$schema is only supported at the root")
			} else if s, ok := v.(string); !ok || s != draft {
				err = fmt.Errorf("dialect %v is not supported, only %s", v, draft)
			}
		case "$id":
			if !root {
				err = errors.New("$id is only supported at the root (it would change how $ref resolves)")
			} else {
				err = isString(v)
			}
		case "$comment", "title", "description", "valueset-uri", "format":
			err = isString(v)
		case "examples":
			if _, ok := v.([]any); !ok {
				err = fmt.Errorf("got %s, want an array", kindName(v))
			}
		case "$defs":
			if !root {
				err = errors.New("$defs is only supported at the root")
				break
			}
			err = c.defsKeyword(v, kp, depth)
		case "$ref":
			n.refName, err = localRef(v)
		case "type":
			n.types, err = parseTypes(v)
		case "properties":
			err = c.propertiesKeyword(n, v, kp, depth)
		case "required":
			n.required, err = uniqueStrings(v)
		case "items":
			n.items, err = c.node(v, kp, depth+1)
		case "minItems":
			n.minItems, err = count(v)
		case "maxItems":
			n.maxItems, err = count(v)
		case "maxLength":
			n.maxLength, err = count(v)
		case "minimum":
			n.minimum, err = schemaNumber(v)
		case "pattern":
			n.pattern, err = compilePattern(v)
		case "anyOf":
			n.anyOf, err = c.list(v, kp, depth)
		case "oneOf":
			n.oneOf, err = c.list(v, kp, depth)
		default:
			err = errors.New("keyword not supported by this validator")
		}
		if err != nil {
			var located *compileError
			if errors.As(err, &located) {
				return nil, err // from a subschema
			}
			return nil, &compileError{fmt.Sprintf("%s: %v", at(kp), err)}
		}
	}
	return n, nil
}

func (c *compiler) defsKeyword(v any, ptr string, depth int) error {
	m, ok := v.(map[string]any)
	if !ok {
		return fmt.Errorf("got %s, want an object", kindName(v))
	}
	for _, name := range slices.Sorted(maps.Keys(m)) { // sorted: the same error first every time
		d := m[name]
		if !validDefName(name) {
			return fmt.Errorf("name %q: only names without / ~ %% # are supported", name)
		}
		n, err := c.node(d, ptr+"/"+name, depth+1)
		if err != nil {
			return err
		}
		c.defs[name] = n
	}
	return nil
}

func (c *compiler) propertiesKeyword(n *node, v any, ptr string, depth int) error {
	m, ok := v.(map[string]any)
	if !ok {
		return fmt.Errorf("got %s, want an object", kindName(v))
	}
	n.properties = make(map[string]*node, len(m))
	n.propNames = slices.Sorted(maps.Keys(m))
	for _, name := range n.propNames {
		sub, err := c.node(m[name], ptr+"/"+escape(name), depth+1)
		if err != nil {
			return err
		}
		n.properties[name] = sub
	}
	return nil
}

func (c *compiler) list(v any, ptr string, depth int) ([]*node, error) {
	a, ok := v.([]any)
	if !ok || len(a) == 0 {
		return nil, fmt.Errorf("got %s, want a non-empty array of schemas", kindName(v))
	}
	out := make([]*node, len(a))
	for i, s := range a {
		var err error
		if out[i], err = c.node(s, fmt.Sprintf("%s/%d", ptr, i), depth+1); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// checkCycles refuses $ref/anyOf/oneOf loops: those edges apply a schema to
// the same instance value, so a loop of them would recurse forever. Loops
// through properties or items descend into the instance and are bounded by
// maxDepth at validation.
func (c *compiler) checkCycles() error {
	const (
		unseen = iota
		active
		done
	)
	state := make(map[*node]int, len(c.nodes))
	var visit func(n *node) error
	visit = func(n *node) error {
		switch state[n] {
		case active:
			return fmt.Errorf("%s: $ref cycle that never descends into the payload", at(n.ptr))
		case done:
			return nil
		}
		state[n] = active
		next := append(append([]*node{}, n.anyOf...), n.oneOf...)
		if n.ref != nil {
			next = append(next, n.ref)
		}
		for _, m := range next {
			if err := visit(m); err != nil {
				return err
			}
		}
		state[n] = done
		return nil
	}
	for _, n := range c.nodes {
		if err := visit(n); err != nil {
			return err
		}
	}
	return nil
}

// localRef accepts only "#/$defs/NAME": no remote documents, no other
// pointers, no anchors.
func localRef(v any) (string, error) {
	s, ok := v.(string)
	if !ok {
		return "", fmt.Errorf("got %s, want a string", kindName(v))
	}
	name, ok := strings.CutPrefix(s, "#/$defs/")
	if !ok || !validDefName(name) {
		return "", fmt.Errorf("%q: only local references of the form #/$defs/NAME are supported", s)
	}
	return name, nil
}

// validDefName excludes what would need JSON-pointer or URI unescaping, so
// a $ref and its $defs key compare as plain strings.
func validDefName(s string) bool {
	return s != "" && !strings.ContainsAny(s, "/~%#")
}

func isString(v any) error {
	if _, ok := v.(string); !ok {
		return fmt.Errorf("got %s, want a string", kindName(v))
	}
	return nil
}

func uniqueStrings(v any) ([]string, error) {
	a, ok := v.([]any)
	if !ok {
		return nil, fmt.Errorf("got %s, want an array of strings", kindName(v))
	}
	out := make([]string, 0, len(a))
	for _, e := range a {
		s, ok := e.(string)
		if !ok {
			return nil, fmt.Errorf("got %s in the array, want strings", kindName(e))
		}
		if slices.Contains(out, s) {
			return nil, fmt.Errorf("%q listed twice", s)
		}
		out = append(out, s)
	}
	return out, nil
}

// count reads a non-negative integer bound, written without fraction or
// exponent.
func count(v any) (int, error) {
	n, ok := v.(json.Number)
	if ok {
		if i, err := n.Int64(); err == nil && i >= 0 && i <= 1<<31 {
			return int(i), nil
		}
	}
	return 0, fmt.Errorf("got %v, want a non-negative integer", v)
}

func schemaNumber(v any) (*decimal, error) {
	if n, ok := v.(json.Number); ok {
		if d, st := parseDecimal(string(n)); st == numOK {
			return &d, nil
		}
	}
	return nil, fmt.Errorf("got %v, want a number", v)
}

func parseTypes(v any) (typeSet, error) {
	var names []any
	switch v := v.(type) {
	case string:
		names = []any{v}
	case []any:
		names = v
	}
	if len(names) == 0 {
		return 0, fmt.Errorf("got %v, want a type name or a non-empty array of them", v)
	}
	var ts typeSet
	for _, e := range names {
		s, _ := e.(string)
		t, ok := typeNames[s]
		if !ok {
			return 0, fmt.Errorf("unknown type %v", e)
		}
		if ts&t != 0 {
			return 0, fmt.Errorf("type %s listed twice", s)
		}
		ts |= t
	}
	return ts, nil
}

// compilePattern compiles an ECMA-262 pattern with Go's regexp (RE2), as
// the library this replaced did. The two read the syntax below the same
// way, and only that syntax is accepted; anything where they differ or that
// only one of them knows is refused: \s \S (Unicode spaces in ECMA, ASCII in
// RE2), \p, \u, \c, \k, back-references, inline flags and (?P<…>), [:…:],
// \A \z \Q. Accepted: literals, . ^ $ | ( ) (?: ) [ ] [^ ] quantifiers,
// \d \D \w \W \b \B (ASCII in both), \n \r \t \f \v \xHH and escaped
// punctuation. One known difference remains and is kept, as before: "."
// does not match \r, U+2028 or U+2029 in ECMA-262 but does in RE2.
func compilePattern(v any) (*regexp.Regexp, error) {
	p, ok := v.(string)
	if !ok {
		return nil, fmt.Errorf("got %s, want a string", kindName(v))
	}
	for i := 0; i < len(p); i++ {
		switch p[i] {
		case '\\':
			if i++; i == len(p) {
				return nil, fmt.Errorf("pattern %q ends in a backslash", p)
			}
			e := p[i]
			switch {
			case strings.IndexByte("dDwWbBnrtfv", e) >= 0:
			case e == 'x' && i+1 < len(p) && p[i+1] != '{':
			case e < 0x80 && !isAlnum(e):
			default:
				return nil, fmt.Errorf("pattern %q: escape \\%c is not supported (RE2 and ECMA-262 differ or one lacks it)", p, e)
			}
		case '(':
			if strings.HasPrefix(p[i:], "(?") && !strings.HasPrefix(p[i:], "(?:") {
				return nil, fmt.Errorf("pattern %q: (? groups other than (?: are not supported", p)
			}
		case '[':
			if strings.HasPrefix(p[i:], "[:") {
				return nil, fmt.Errorf("pattern %q: [: is not supported (a POSIX class in RE2)", p)
			}
		}
	}
	re, err := regexp.Compile(p)
	if err != nil {
		return nil, fmt.Errorf("pattern %q: %v", p, err)
	}
	return re, nil
}

func isAlnum(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}

// escape makes a JSON-pointer token (RFC 6901).
func escape(s string) string {
	return strings.NewReplacer("~", "~0", "/", "~1").Replace(s)
}

// at formats a location (schema or payload) as the error prefix.
func at(ptr string) string {
	if ptr == "" {
		ptr = "/"
	}
	return "at " + ptr
}
