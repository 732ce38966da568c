package qr_test

import (
	"fmt"
	"image"
	"image/draw"
	_ "image/jpeg"
	_ "image/png"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"passcheck/verify/qr"
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
				fr := scaleRGBA(img, photoFrameSide)
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

// scaleRGBA returns img as RGBA with its longer side at most side pixels,
// each output pixel the mean of the source pixels its area covers (what a
// camera's scaler does, roughly).
func scaleRGBA(img image.Image, side int) *image.RGBA {
	b := img.Bounds()
	src := image.NewRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	draw.Draw(src, src.Bounds(), img, b.Min, draw.Src)
	w, h := b.Dx(), b.Dy()
	if max(w, h) <= side {
		return src
	}
	dw, dh := w*side/max(w, h), h*side/max(w, h)
	dst := image.NewRGBA(image.Rect(0, 0, dw, dh))
	for y := 0; y < dh; y++ {
		y0, y1 := y*h/dh, max((y+1)*h/dh, y*h/dh+1)
		for x := 0; x < dw; x++ {
			x0, x1 := x*w/dw, max((x+1)*w/dw, x*w/dw+1)
			var s [3]int
			for yy := y0; yy < y1; yy++ {
				p := src.Pix[yy*src.Stride+4*x0 : yy*src.Stride+4*x1]
				for i := 0; i < len(p); i += 4 {
					s[0] += int(p[i])
					s[1] += int(p[i+1])
					s[2] += int(p[i+2])
				}
			}
			n := (y1 - y0) * (x1 - x0)
			o := y*dst.Stride + 4*x
			dst.Pix[o], dst.Pix[o+1], dst.Pix[o+2], dst.Pix[o+3] = byte(s[0]/n), byte(s[1]/n), byte(s[2]/n), 255
		}
	}
	return dst
}
