package qr_test

import (
	"fmt"
	"image"
	_ "image/jpeg"
	_ "image/png"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"passcheck/verify/qr"
	"passcheck/verify/qr/camframes"
)

// photoFrameSide is the longer side the frame path sees a photo at: a
// camera stream's 1280×720.
const photoFrameSide = 1280

// TestPhotos measures both paths on BoofCV's real QR photos (the folder named
// by PASSCHECK_PHOTOS, e.g. /work/shared/testdata/boofcv-qr; never copied
// into the repository) and logs a table of photos read per category. It is a
// measurement, not a pass/fail test of the counts: it fails only on a panic
// or an error other than ErrNotFound. Run one category with
// -run 'TestPhotos/monitor'; -v lists the photos each path missed.
func TestPhotos(t *testing.T) {
	dir := os.Getenv("PASSCHECK_PHOTOS")
	if dir == "" {
		t.Skip("PASSCHECK_PHOTOS not set (e.g. PASSCHECK_PHOTOS=/work/shared/testdata/boofcv-qr)")
	}
	cats, err := os.ReadDir(dir)
	if err != nil {
		t.Skipf("photos folder %s: %v", dir, err)
	}
	type row struct {
		name               string
		n, still, frame    int
		stillDur, frameDur time.Duration
	}
	var rows []row
	for _, c := range cats {
		if !c.IsDir() {
			continue
		}
		t.Run(c.Name(), func(t *testing.T) {
			files, _ := filepath.Glob(filepath.Join(dir, c.Name(), "*"))
			slices.Sort(files)
			r := row{name: c.Name()}
			var d qr.FrameDecoder
			for _, f := range files {
				ext := strings.ToLower(filepath.Ext(f))
				if ext != ".jpg" && ext != ".png" {
					continue
				}
				img, err := decodeFile(f)
				if err != nil {
					t.Logf("%s: %v", filepath.Base(f), err)
					continue
				}
				r.n++
				start := time.Now()
				_, err = qr.DecodeImage(img)
				r.stillDur += time.Since(start)
				if checkPhotoErr(t, f, "still", err) {
					r.still++
				}
				fr := camframes.Shrink(img, photoFrameSide)
				b := fr.Bounds()
				start = time.Now()
				_, err = d.DecodeRGBA(fr.Pix, b.Dx(), b.Dy())
				r.frameDur += time.Since(start)
				if checkPhotoErr(t, f, "frame", err) {
					r.frame++
				}
			}
			rows = append(rows, r)
		})
	}
	var b strings.Builder
	var tot row
	fmt.Fprintf(&b, "\n| category | still | frame | still ms/photo | frame ms/photo |\n|---|---|---|---|---|\n")
	for _, r := range rows {
		fmt.Fprintf(&b, "| %s | %d/%d | %d/%d | %d | %d |\n", r.name, r.still, r.n, r.frame, r.n,
			msPer(r.stillDur, r.n), msPer(r.frameDur, r.n))
		tot.n += r.n
		tot.still += r.still
		tot.frame += r.frame
		tot.stillDur += r.stillDur
		tot.frameDur += r.frameDur
	}
	fmt.Fprintf(&b, "| **all** | %d/%d | %d/%d | %d | %d |\n", tot.still, tot.n, tot.frame, tot.n,
		msPer(tot.stillDur, tot.n), msPer(tot.frameDur, tot.n))
	t.Log(b.String())
}

func msPer(d time.Duration, n int) int64 {
	if n == 0 {
		return 0
	}
	return d.Milliseconds() / int64(n)
}

// checkPhotoErr reports whether err is a read; any error other than
// ErrNotFound fails the test.
func checkPhotoErr(t *testing.T, file, path string, err error) bool {
	t.Helper()
	switch {
	case err == nil:
		return true
	case err == qr.ErrNotFound:
		t.Logf("%s %s: not read", path, filepath.Base(file))
	default:
		t.Errorf("%s %s: %v, want ErrNotFound or a code", path, filepath.Base(file), err)
	}
	return false
}

func decodeFile(name string) (image.Image, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	img, _, err := image.Decode(f)
	return img, err
}
