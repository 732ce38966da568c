package nzcp

import (
	"errors"
	"path/filepath"
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

func passTexts(f *testing.F) []string {
	files, _ := filepath.Glob(testdata + "*/*.txt")
	var out []string
	for _, file := range files {
		if s := readText(f, file); IsNZCP(s) {
			out = append(out, s)
		}
	}
	if len(out) != 7 {
		f.Fatalf("%d passes", len(out))
	}
	return out
}

// FuzzVerify covers DecodeQR, DecodeCOSE and ParsePass through Verify.
func FuzzVerify(f *testing.F) {
	for _, s := range passTexts(f) {
		f.Add(s)
	}
	issuers := exampleIssuers(f)
	f.Fuzz(func(t *testing.T, s string) {
		r := (&Verifier{Issuers: issuers}).Verify(s, at)
		if r.Err != nil && !isOneOf(r.Err, ErrPrefix, ErrVersion, ErrTooLong, ErrBase32, ErrCOSE, ErrAlg, ErrCWT,
			ErrPayload, ErrUnknownIssuer, ErrUnknownKey, ErrSignature, ErrExpired, ErrNotYetValid) {
			t.Fatalf("error %v is not of its class", r.Err)
		}
		if _, ok := r.Verified(); ok != (r.Err == nil) {
			t.Fatalf("verified %v with error %v", ok, r.Err)
		}
	})
}

func FuzzDecodeCOSE(f *testing.F) {
	for _, s := range passTexts(f) {
		if b, err := DecodeQR(s); err == nil {
			f.Add(b)
		}
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		m, err := DecodeCOSE(b)
		if err != nil {
			if !isOneOf(err, ErrCOSE, ErrAlg) {
				t.Fatalf("error %v is not of its class", err)
			}
			return
		}
		if _, err := ParsePass(m.Payload); err != nil && !isOneOf(err, ErrCWT, ErrPayload) {
			t.Fatalf("error %v is not of its class", err)
		}
	})
}

func FuzzParseDID(f *testing.F) {
	f.Add(mustRead(f, testdata+"valid/did.json"))
	f.Fuzz(func(t *testing.T, b []byte) {
		is, skipped, err := ParseDID(b)
		if err != nil {
			if !errors.Is(err, ErrDID) {
				t.Fatalf("error %v is not of its class", err)
			}
			return
		}
		for _, e := range skipped {
			if !errors.Is(e, ErrDID) {
				t.Fatalf("skipped %v is not of its class", e)
			}
		}
		if len(is.Keys) > MaxKeys {
			t.Fatalf("%d keys", len(is.Keys))
		}
	})
}
