package dgctestdata_test

import (
	"bytes"
	"crypto/x509"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"passcheck/internal/dgctestdata"
)

const dir = "../../testdata/dgc-testdata"

// Load reads every vector of the project's copy, with the fields each
// caller needs, and names them by their slash path.
func TestLoad(t *testing.T) {
	vs, err := dgctestdata.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(vs) < 400 {
		t.Fatalf("%d vectors, want the 403 of testdata/dgc-testdata", len(vs))
	}
	byPath := map[string]*dgctestdata.Vector{}
	for _, v := range vs {
		byPath[v.Path] = v
	}
	at := byPath["AT/2DCode/raw/1.json"]
	if at == nil || !strings.HasPrefix(at.Prefix, "HC1:") || at.Context.Clock == "" || len(at.Expected) == 0 || at.COSE == "" {
		t.Fatalf("AT/1: %+v", at)
	}
	der, err := at.CertificateDER()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := x509.ParseCertificate(der); err != nil {
		t.Fatal(err)
	}
	// The LV files name the picture _2DCODE; Picture reads either.
	for _, p := range []string{"AT/2DCode/raw/1.json", "LV/2DCode/raw/1.json"} {
		png, err := byPath[p].Picture()
		if err != nil || !bytes.HasPrefix(png, []byte("\x89PNG")) {
			t.Errorf("%s: picture %.8q, %v", p, png, err)
		}
	}
	if png, err := byPath["common/2DCode/raw/B1.json"].Picture(); png != nil || err != nil {
		t.Errorf("B1 has no picture, got %d bytes, %v", len(png), err)
	}
}

func TestParseErrors(t *testing.T) {
	bom, err := dgctestdata.Parse([]byte("\xef\xbb\xbf{\"PREFIX\":\"HC1:X\",\"EXPECTEDRESULTS\":{\"EXPECTEDVERIFY\":false}}"))
	if err != nil || bom.Prefix != "HC1:X" || bom.Expected["EXPECTEDVERIFY"] || len(bom.Expected) != 1 {
		t.Fatalf("with a BOM: %+v, %v", bom, err)
	}
	if _, err := bom.CertificateDER(); err == nil {
		t.Error("no certificate: no error")
	}
	bad := &dgctestdata.Vector{PNG: "not base64!"}
	bad.Context.Certificate = "not base64!"
	if _, err := bad.CertificateDER(); err == nil {
		t.Error("bad certificate base64 accepted")
	}
	if _, err := bad.Picture(); err == nil {
		t.Error("bad picture base64 accepted")
	}
	if _, err := dgctestdata.Parse([]byte("[1]")); err == nil {
		t.Error("an array parsed as a vector")
	}
	tmp := t.TempDir()
	if _, err := dgctestdata.Load(tmp); err == nil {
		t.Error("an empty folder loaded without error")
	}
	big := filepath.Join(tmp, "big.json")
	if err := os.WriteFile(big, bytes.Repeat([]byte(" "), dgctestdata.MaxFile+1), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := dgctestdata.ReadFile(big); err == nil || !strings.Contains(err.Error(), "more than") {
		t.Errorf("oversized file: %v", err)
	}
}
