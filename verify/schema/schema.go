// Package schema holds the EU DCC JSON schema (v1.3.3, embedded) and checks
// payloads against it.
package schema

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"strings"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
)

var printer = message.NewPrinter(language.English)

//go:embed dcc.schema.json
var schemaJSON []byte

// Version is the version of the embedded schema.
const Version = "1.3.3"

const schemaURL = "https://id.uvci.eu/DCC.combined-schema.json"

// ErrInvalid is wrapped by every Validate error that means "the payload
// does not match".
var ErrInvalid = errors.New("schema: payload does not match")

// maxMessageLen bounds the error text: schema errors can list every branch
// of a oneOf.
const maxMessageLen = 400

// compiled is built once, on first use (compiling costs a few ms, which a
// program that never validates should not pay at start-up).
var compiled = sync.OnceValues(func() (*jsonschema.Schema, error) {
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(schemaJSON))
	if err != nil {
		return nil, err
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource(schemaURL, doc); err != nil {
		return nil, err
	}
	return c.Compile(schemaURL)
})

// ValidateJSON checks a DCC payload, given as JSON, against the schema.
func ValidateJSON(b []byte) error {
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		return fmt.Errorf("%w: not JSON: %v", ErrInvalid, err)
	}
	return Validate(doc)
}

// Validate checks a DCC payload in the JSON data model (as produced by
// jsonschema.UnmarshalJSON or encoding/json into any) against the schema.
func Validate(doc any) error {
	sch, err := compiled()
	if err != nil {
		// The embedded schema is fixed; this is a build defect.
		panic("schema: embedded DCC schema does not compile: " + err.Error())
	}
	err = sch.Validate(doc)
	if err == nil {
		return nil
	}
	var ve *jsonschema.ValidationError
	if !errors.As(err, &ve) {
		return fmt.Errorf("%w: %v", ErrInvalid, err)
	}
	return fmt.Errorf("%w: %s", ErrInvalid, summary(ve))
}

// summary flattens a validation error to one line: the leaf causes, each
// with the place in the payload.
func summary(ve *jsonschema.ValidationError) string {
	var leaves []string
	var walk func(e *jsonschema.ValidationError)
	walk = func(e *jsonschema.ValidationError) {
		if len(e.Causes) == 0 {
			leaves = append(leaves, fmt.Sprintf("at /%s: %s", strings.Join(e.InstanceLocation, "/"), e.ErrorKind.LocalizedString(printer)))
			return
		}
		for _, c := range e.Causes {
			walk(c)
		}
	}
	walk(ve)
	s := strings.Join(leaves, "; ")
	if len(s) > maxMessageLen {
		s = s[:maxMessageLen] + "…"
	}
	return s
}
