package shc

import (
	"bytes"
	"testing"
)

func TestMarshalRoundTrip(t *testing.T) {
	is := exampleIssuer(t)
	b, err := MarshalJWKS(is.Keys)
	if err != nil {
		t.Fatal(err)
	}
	keys, skipped, err := ParseJWKS(b)
	if err != nil || len(skipped) > 0 || len(keys) != len(is.Keys) {
		t.Fatalf("%s: %v %v", b, err, skipped)
	}
	for i, k := range keys {
		if k.KID != is.Keys[i].KID || !k.Public.Equal(is.Keys[i].Public) || k.CRLVersion != is.Keys[i].CRLVersion {
			t.Errorf("key %d differs", i)
		}
	}
	c := is.CRLs[0]
	cb, err := c.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	c2, err := ParseCRL(cb)
	if err != nil || c2.Len() != c.Len() || c2.Ctr != c.Ctr || c2.KID != c.KID ||
		!c2.Revoked("vwAjHdarZuc", 1664492123) || c2.Revoked("vwAjHdarZuc", 1664492124) || !c2.Revoked("FKDIxsTCGlU", 2e9) {
		t.Fatalf("%s: %v", cb, err)
	}
	if cb2, _ := c2.MarshalJSON(); !bytes.Equal(cb, cb2) {
		t.Errorf("not deterministic: %s vs %s", cb, cb2)
	}
}
