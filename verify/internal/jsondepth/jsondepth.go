// Package jsondepth bounds how deeply untrusted JSON nests, before a decoder
// sees it: encoding/json's own limit is 10 000 levels, and deep input should
// cost no allocation. It is the one such check of verify's JSON readers
// (the DCC schema check, SMART Health Cards, NZCP DID documents).
package jsondepth

import "fmt"

// Check returns an error when the brackets of b nest deeper than max. It
// skips strings, honouring escapes. It does not validate: on malformed JSON
// its answer does not matter, the decoder that follows refuses it anyway.
func Check(b []byte, max int) error {
	depth, inString, escaped := 0, false, false
	for i, c := range b {
		switch {
		case inString:
			switch {
			case escaped:
				escaped = false
			case c == '\\':
				escaped = true
			case c == '"':
				inString = false
			}
		case c == '"':
			inString = true
		case c == '[' || c == '{':
			if depth++; depth > max {
				return fmt.Errorf("JSON nested deeper than %d at offset %d", max, i)
			}
		case c == ']' || c == '}':
			depth--
		}
	}
	return nil
}
