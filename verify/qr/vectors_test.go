package qr_test

import (
	"errors"
	"testing"

	"passcheck/verify/qr"
	"passcheck/verify/qr/camframes"
)

// vectorsDir is the project's copy of the EU dgc-testdata vectors.
const vectorsDir = "../../testdata/dgc-testdata"

func loadVectors(t testing.TB) []camframes.Vector {
	t.Helper()
	vs, err := camframes.LoadVectors(vectorsDir)
	if err != nil {
		t.Fatal(err)
	}
	if len(vs) == 0 {
		t.Fatalf("no QR vectors under %s", vectorsDir)
	}
	return vs
}

// Every vector picture decodes to its PREFIX text, except those whose
// EXPECTEDPICTUREDECODE is false, which must not.
func TestDecodeImageVectors(t *testing.T) {
	vs := loadVectors(t)
	agree, expectFail := 0, 0
	for _, v := range vs {
		want := v.PictureDecode == nil || *v.PictureDecode
		var got string
		err := v.ImageErr
		if err == nil {
			got, err = qr.DecodeImage(v.Image)
		}
		ok := err == nil && got == v.Text
		if !want {
			expectFail++
		}
		if ok != want {
			t.Errorf("%s: decoded=%v (err %v), EXPECTEDPICTUREDECODE=%v", v.Name, ok, err, want)
			continue
		}
		if !ok && v.ImageErr == nil && !errors.Is(err, qr.ErrNotFound) {
			t.Errorf("%s: error %v is not ErrNotFound", v.Name, err)
		}
		agree++
	}
	t.Logf("dgc-testdata pictures: %d vectors, %d expected to fail, %d agree", len(vs), expectFail, agree)
}
