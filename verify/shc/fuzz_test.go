package shc

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"
)

func isOneOf(err error, sentinels ...error) bool {
	for _, s := range sentinels {
		if errors.Is(err, s) {
			return true
		}
	}
	return false
}

// seeds returns the contents of the example and dev-tools files matching
// the patterns.
func seeds(f *testing.F, patterns ...string) []string {
	var out []string
	for _, p := range patterns {
		files, _ := filepath.Glob(testdata + p)
		for _, file := range files {
			out = append(out, string(mustRead(f, file)))
		}
	}
	if len(out) == 0 {
		f.Fatal("no seeds")
	}
	return out
}

func FuzzDecodeQR(f *testing.F) {
	for _, s := range seeds(f, "examples/*-f-*.txt", "dev-tools/*-f-*.txt") {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		jws, err := DecodeQR(s)
		if err != nil {
			if !isOneOf(err, ErrPrefix, ErrTooLong, ErrNumeric, ErrChunk, ErrPartial) {
				t.Fatalf("error %v is not of its class", err)
			}
			return
		}
		if len(jws) > MaxSingleJWSLen || EncodeQR(jws) != s {
			t.Fatalf("%d characters, or no round trip", len(jws))
		}
	})
}

func FuzzChunks(f *testing.F) {
	f.Add(string(mustRead(f, testdata+"examples/example-02-f-qr-code-numeric-value-1.txt")), "shc:/2/3/5656")
	f.Fuzz(func(t *testing.T, a, b string) {
		var c Chunks
		for _, s := range []string{a, b, a} {
			if _, err := c.Add(s); err != nil && !isOneOf(err, ErrPrefix, ErrTooLong, ErrNumeric, ErrChunk) {
				t.Fatalf("error %v is not of its class", err)
			}
		}
		got, total := c.Progress()
		if got > total || total > MaxChunks || got > 2 {
			t.Fatalf("progress %d of %d", got, total)
		}
		if jws, err := c.JWS(); err == nil && len(jws) > MaxJWSLen {
			t.Fatalf("%d characters", len(jws))
		}
	})
}

func FuzzParseJWS(f *testing.F) {
	for _, s := range seeds(f, "examples/*-d-jws.txt", "dev-tools/*-d-jws-*.txt") {
		f.Add(strings.TrimSpace(s))
	}
	f.Fuzz(func(t *testing.T, s string) {
		j, err := ParseJWS(s)
		if err != nil {
			if !isOneOf(err, ErrTooLong, ErrJWS, ErrAlg, ErrInflate, ErrTooLarge) {
				t.Fatalf("error %v is not of its class", err)
			}
			return
		}
		if len(j.Payload) > MaxInflatedLen {
			t.Fatalf("%d bytes", len(j.Payload))
		}
		// Whatever decoded, an empty trust set never verifies it.
		if _, ok := (&Verifier{}).VerifyJWS(s, at).Verified(); ok {
			t.Fatal("verified without trust")
		}
	})
}

func FuzzParseCard(f *testing.F) {
	for _, s := range seeds(f, "examples/*-c-*.json", "dev-tools/*-b-*.json") {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		c, err := ParseCard(b)
		if err != nil {
			if !isOneOf(err, ErrPayload) {
				t.Fatalf("error %v is not of its class", err)
			}
			return
		}
		if c.Issuer == "" || c.NotBefore.IsZero() && c.nbf != 0 {
			t.Fatalf("accepted without iss/nbf: %+v", c)
		}
	})
}

func FuzzParseTrust(f *testing.F) {
	for _, s := range seeds(f, "issuer/.well-known/jwks.json", "issuer/.well-known/crl/*.json", "dev-tools/*key*.json") {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		if _, skipped, err := ParseJWKS(b); err != nil && !errors.Is(err, ErrKey) {
			t.Fatalf("JWKS error %v is not of its class", err)
		} else {
			for _, e := range skipped {
				if !errors.Is(e, ErrKey) {
					t.Fatalf("skipped %v is not of its class", e)
				}
			}
		}
		if _, err := ParseCRL(b); err != nil && !errors.Is(err, ErrCRL) {
			t.Fatalf("CRL error %v is not of its class", err)
		}
	})
}
