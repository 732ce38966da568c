package main

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"passcheck/verify/qr/camframes"
)

// A missing photos folder is reported and skipped, not an error: the photos
// are not part of the repository.
func TestPhotosAbsent(t *testing.T) {
	if err := runPhotos(context.Background(), filepath.Join(t.TempDir(), "none"), "page", ""); err != nil {
		t.Fatal(err)
	}
}

// benchPhotos counts, per category folder, what each decoder reads: here a
// clean code (all three read it), a camera-like frame of one, and a picture
// with no code (none reads it). Needs node and zxing-wasm installed in page/
// (`npm ci` there); skipped otherwise, as this test does not reach the npm
// registry.
func TestBenchPhotos(t *testing.T) {
	if _, err := exec.LookPath("node"); err != nil {
		t.Skip("no node:", err)
	}
	if _, err := os.Stat("page/node_modules/zxing-wasm/package.json"); err != nil {
		t.Skip("zxing-wasm not installed (npm ci in server/cmd/qrbench/page):", err)
	}
	vs, err := camframes.LoadVectors("../../../testdata/dgc-testdata")
	if err != nil || len(vs) == 0 {
		t.Fatal(err)
	}
	dir := t.TempDir()
	write := func(name string, img image.Image) {
		t.Helper()
		var b bytes.Buffer
		if err := png.Encode(&b, img); err != nil {
			t.Fatal(err)
		}
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	set, err := camframes.Set(vs, 1, 640, 480)
	if err != nil {
		t.Fatal(err)
	}
	write("clean/a.png", vs[0].Image)
	write("clean/b.png", set[0].Frame)
	write("empty/c.png", image.NewGray(image.Rect(0, 0, 300, 200)))
	if err := os.WriteFile(filepath.Join(dir, "clean", "a.txt"), []byte("corners, not a photo"), 0o644); err != nil {
		t.Fatal(err)
	}
	rows, err := benchPhotos(context.Background(), dir, "page")
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2 || rows[0].Category != "clean" || rows[1].Category != "empty" {
		t.Fatalf("rows %+v, want clean and empty", rows)
	}
	if r := rows[0]; r.N != 2 || r.Still != 2 || r.Frame != 2 || r.ZXing != 2 {
		t.Errorf("clean: %+v, want 2 of 2 read by each", r)
	}
	if r := rows[1]; r.N != 1 || r.Still != 0 || r.Frame != 0 || r.ZXing != 0 || len(r.Missed) != 1 || !strings.Contains(r.Missed[0], "(---)") {
		t.Errorf("empty: %+v, want 1 photo read by none", r)
	}
}
