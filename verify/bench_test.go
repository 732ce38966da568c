package verify

import (
	"path/filepath"
	"testing"
)

// benchVector loads one vector for a benchmark.
func benchVector(b *testing.B, name string) (*vector, *Verifier) {
	b.Helper()
	for _, v := range loadVectors(b) {
		if v.Path == filepath.FromSlash(name) {
			return v, &Verifier{Trust: v.trust(b)}
		}
	}
	b.Fatalf("no vector %s", name)
	return nil, nil
}

// BenchmarkVerify is HC1 text → verdict, the whole pipeline.
func BenchmarkVerify(b *testing.B) {
	for _, c := range []struct{ name, vector string }{
		{"ES256", "AT/2DCode/raw/1.json"},
		{"PS256", "CH/2DCode/raw/1.json"},
	} {
		b.Run(c.name, func(b *testing.B) {
			v, ver := benchVector(b, c.vector)
			at := v.clock(b)
			if r := ver.Verify(v.Prefix, at); r.Verdict != Valid {
				b.Fatalf("%s: %v: %v", c.vector, r.Verdict, r.Err)
			}
			b.ReportAllocs()
			for b.Loop() {
				ver.Verify(v.Prefix, at)
			}
		})
	}
}

// BenchmarkStages splits the ES256 case: decoding only (text → DCC, no
// crypto, no schema), and the schema check alone.
func BenchmarkStages(b *testing.B) {
	v, _ := benchVector(b, "AT/2DCode/raw/1.json")
	b.Run("decode", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			s, _ := Unprefix(v.Prefix)
			z, _ := DecodeBase45(s)
			c, _ := Inflate(z)
			m, err := DecodeCOSE(c)
			if err != nil {
				b.Fatal(err)
			}
			if _, err := DecodePayload(m.Payload); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("schema", func(b *testing.B) {
		s, _ := Unprefix(v.Prefix)
		z, _ := DecodeBase45(s)
		c, _ := Inflate(z)
		m, _ := DecodeCOSE(c)
		p, _ := DecodePayload(m.Payload)
		b.ReportAllocs()
		for b.Loop() {
			if err := checkSchema(p); err != nil {
				b.Fatal(err)
			}
		}
	})
}
