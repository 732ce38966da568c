package verify

import (
	"testing"

	"passcheck/verify/shc"
)

// BenchmarkVerifyFormats is QR text → verdict for each format through
// VerifyAny (HC1: the ES256 EU vector; shc: example 00; NZCP: the
// specification's valid pass), and the chunked SMART card from its three
// texts.
func BenchmarkVerifyFormats(b *testing.B) {
	v, ver := benchVector(b, "AT/2DCode/raw/1.json")
	fv := formatsVerifier(b, nil)
	fv.Trust = ver.Trust
	for _, c := range []struct {
		name, text string
	}{
		{"hc1", v.Prefix},
		{"shc", readFile(b, "../testdata/shc/examples/example-00-f-qr-code-numeric-value-0.txt")},
		{"nzcp", readFile(b, "../testdata/nzcp/examples/valid/nzcp.txt")},
	} {
		b.Run(c.name, func(b *testing.B) {
			at := formatsAt
			if c.name == "hc1" {
				at = v.clock(b)
			}
			if r := fv.VerifyAny(c.text, at); r.Verdict != Valid {
				b.Fatalf("%v: %v", r.Verdict, r.Err)
			}
			b.ReportAllocs()
			for b.Loop() {
				fv.VerifyAny(c.text, at)
			}
		})
	}
	b.Run("shc-3-chunks", func(b *testing.B) {
		var texts []string
		for _, n := range []string{"0", "1", "2"} {
			texts = append(texts, readFile(b, "../testdata/shc/examples/example-02-f-qr-code-numeric-value-"+n+".txt"))
		}
		b.ReportAllocs()
		for b.Loop() {
			var c shc.Chunks
			for _, t := range texts {
				c.Add(t)
			}
			if r := fv.VerifyChunks(&c, formatsAt); r.Verdict != Valid {
				b.Fatal(r.Err)
			}
		}
	})
}
