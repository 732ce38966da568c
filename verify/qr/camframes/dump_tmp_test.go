package camframes_test

import (
	"bytes"
	"fmt"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"passcheck/verify/qr/camframes"
)

func TestDumpAll(t *testing.T) {
	dir := os.Getenv("CAMFRAMES_DUMPALL")
	if dir == "" {
		t.Skip()
	}
	vs, _ := camframes.LoadVectors(vectorsDir)
	for _, sz := range camframes.Sizes {
		set, err := camframes.Set(vs, 40, sz.X, sz.Y)
		if err != nil {
			t.Fatal(err)
		}
		for i, s := range set {
			var buf bytes.Buffer
			png.Encode(&buf, s.Frame)
			os.WriteFile(filepath.Join(dir, fmt.Sprintf("%d_%02d.png", sz.X, i)), buf.Bytes(), 0o644)
			os.WriteFile(filepath.Join(dir, fmt.Sprintf("%d_%02d.txt", sz.X, i)), []byte(s.Text), 0o644)
		}
	}
}
