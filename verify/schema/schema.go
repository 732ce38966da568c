// Package schema holds the EU DCC JSON schema (v1.3.3, embedded) and checks
// payloads against it.
//
// The checking is done by a small validator in this package that interprets
// the embedded schema, so a new schema version is a file swap. It knows
// exactly the JSON Schema 2020-12 keywords that schema uses (see compile.go)
// and refuses to compile a schema with any other keyword, so a future schema
// cannot be silently under-validated. A general JSON Schema library did the
// same job before, at ~180 KB of brotli in the scanner's first download; the
// tests compare the two on every test vector and under fuzzing.
package schema

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sync"
	"unicode/utf8"

	"passcheck/verify/internal/jsondepth"
)

//go:embed dcc.schema.json
var schemaJSON []byte

// Version is the version of the embedded schema.
const Version = "1.3.3"

// ErrInvalid is wrapped by every Validate error that means "the payload
// does not match".
var ErrInvalid = errors.New("schema: payload does not match")

// maxMessageLen bounds the error text: schema errors can list every branch
// of a oneOf.
const maxMessageLen = 400

// Bounds on ValidateJSON input. A DCC is a few hundred bytes, three levels
// deep; the bounds only keep hostile input from costing much.
const (
	maxJSONLen = 64 << 10
	maxDepth   = 32 // also bounds instance nesting during validation
)

// compiled is built once, on first use (compiling costs a little, which a
// program that never validates should not pay at start-up).
var compiled = sync.OnceValues(func() (*node, error) { return compile(schemaJSON) })

// ValidateJSON checks a DCC payload, given as JSON, against the schema. The
// JSON must be one value (trailing data is refused), at most 64 KiB and 32
// levels deep.
func ValidateJSON(b []byte) error {
	doc, err := parseJSON(b, maxJSONLen)
	if err != nil {
		return fmt.Errorf("%w: not JSON: %s", ErrInvalid, clip(err.Error()))
	}
	return Validate(doc)
}

// Validate checks a DCC payload in the JSON data model against the schema:
// nil, bool, string, json.Number, float64 (finite), Go integer types,
// []any and map[string]any, as produced by encoding/json (with or without
// UseNumber) or by the verify package's CBOR conversion.
func Validate(doc any) error {
	root, err := compiled()
	if err != nil {
		// The embedded schema is fixed; this is a build defect.
		panic("schema: embedded DCC schema does not compile: " + err.Error())
	}
	var c checker
	if c.check(root, doc, nil, 0) {
		return nil
	}
	return fmt.Errorf("%w: %s", ErrInvalid, c.summary())
}

// parseJSON decodes one JSON value with numbers as json.Number, refusing
// trailing data, more than maxLen bytes and nesting deeper than maxDepth.
func parseJSON(b []byte, maxLen int) (any, error) {
	if len(b) > maxLen {
		return nil, fmt.Errorf("%d bytes, at most %d", len(b), maxLen)
	}
	if jsondepth.Check(b, maxDepth) != nil {
		return nil, fmt.Errorf("nested deeper than %d levels", maxDepth)
	}
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	var v any
	if err := d.Decode(&v); err != nil {
		return nil, err
	}
	if _, err := d.Token(); err != io.EOF {
		return nil, errors.New("data after the JSON value")
	}
	return v, nil
}

// clip bounds s to maxMessageLen bytes, cutting on a character boundary.
func clip(s string) string {
	if len(s) <= maxMessageLen {
		return s
	}
	i := maxMessageLen
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	return s[:i] + "…"
}
