package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"image"
	_ "image/jpeg"
	_ "image/png"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"passcheck/verify/qr"
	"passcheck/verify/qr/camframes"
)

// photoFrameSide is the longer side the frame path sees a photo at: the
// 1280×720 stream the app asks the camera for.
const photoFrameSide = 1280

// photoRow is one category of the photo benchmark.
type photoRow struct {
	Category            string
	N                   int
	Still, Frame, ZXing int
	StillMs, FrameMs    float64 // summed, native
	ZXingMs             float64 // summed, Node
	Missed              []string
}

// runPhotos decodes every photo of dir/<category>/*.{jpg,png} with both of
// our paths natively (qr.DecodeImage; FrameDecoder.DecodeRGBA on the photo
// scaled to photoFrameSide) and with zxing-wasm under Node (page/photos.mjs),
// and prints a Markdown table per category. A photo is read when a decoder
// returns any code (the photos' texts are not given). A missing dir is not
// an error: the photos are not part of the repository.
func runPhotos(ctx context.Context, dir, webDir, jsonOut string) error {
	rows, err := benchPhotos(ctx, dir, webDir)
	if errors.Is(err, fs.ErrNotExist) {
		fmt.Printf("qrbench: no photos folder %s (BoofCV's photos are not in the repository); skipped\n", dir)
		return nil
	}
	if err != nil || rows == nil {
		return err
	}
	if jsonOut != "" {
		b, _ := json.MarshalIndent(rows, "", " ")
		if err := os.WriteFile(jsonOut, b, 0o644); err != nil {
			return err
		}
	}
	printPhotos(dir, rows)
	return nil
}

// benchPhotos does the work of runPhotos: rows in category order, nil when
// there are no photos.
func benchPhotos(ctx context.Context, dir, webDir string) ([]*photoRow, error) {
	cats, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	type photo struct{ cat, file string }
	var photos []photo
	var order []string
	for _, c := range cats {
		if !c.IsDir() {
			continue
		}
		files, err := filepath.Glob(filepath.Join(dir, c.Name(), "*"))
		if err != nil {
			return nil, err
		}
		slices.Sort(files)
		n := 0
		for _, f := range files {
			if ext := strings.ToLower(filepath.Ext(f)); ext == ".jpg" || ext == ".jpeg" || ext == ".png" {
				photos = append(photos, photo{c.Name(), f})
				n++
			}
		}
		if n > 0 {
			order = append(order, c.Name())
		}
	}
	if len(photos) == 0 {
		fmt.Printf("qrbench: no photos under %s; skipped\n", dir)
		return nil, nil
	}
	if err := ensureZXing(ctx, webDir); err != nil {
		return nil, err
	}

	// zxing-wasm first, then ours: one at a time, so that neither slows the
	// other on a shared machine.
	var list strings.Builder
	for _, p := range photos {
		abs, err := filepath.Abs(p.file)
		if err != nil {
			return nil, err
		}
		list.WriteString(abs + "\n")
	}
	node := exec.CommandContext(ctx, "node", "photos.mjs")
	node.Dir, node.Stdin, node.Stderr = webDir, strings.NewReader(list.String()), os.Stderr
	outp, err := node.Output()
	if err != nil {
		return nil, fmt.Errorf("node photos.mjs: %w", err)
	}
	type zx struct {
		File string  `json:"file"`
		Text *string `json:"text"`
		Ms   float64 `json:"ms"`
	}
	zxing := map[string]zx{}
	sc := bufio.NewScanner(strings.NewReader(string(outp)))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var z zx
		if err := json.Unmarshal(sc.Bytes(), &z); err != nil {
			return nil, fmt.Errorf("node photos.mjs: %v", err)
		}
		zxing[z.File] = z
	}

	rows := map[string]*photoRow{}
	for _, c := range order {
		rows[c] = &photoRow{Category: c}
	}
	var dec qr.FrameDecoder
	for _, p := range photos {
		r := rows[p.cat]
		abs, _ := filepath.Abs(p.file)
		z, ok := zxing[abs]
		if !ok {
			return nil, fmt.Errorf("node photos.mjs: no result for %s", p.file)
		}
		img, err := decodeFile(p.file)
		if err != nil {
			fmt.Fprintf(os.Stderr, "qrbench: %s: %v (not counted)\n", p.file, err)
			continue
		}
		r.N++
		if z.Text != nil {
			r.ZXing++
		}
		r.ZXingMs += z.Ms
		t0 := time.Now()
		_, err = qr.DecodeImage(img)
		r.StillMs += ms(time.Since(t0))
		still := err == nil
		frame := camframes.Shrink(img, photoFrameSide)
		t0 = time.Now()
		_, err = dec.DecodeRGBA(frame.Pix, frame.Rect.Dx(), frame.Rect.Dy())
		r.FrameMs += ms(time.Since(t0))
		fr := err == nil
		if still {
			r.Still++
		}
		if fr {
			r.Frame++
		}
		if !still || !fr {
			r.Missed = append(r.Missed, fmt.Sprintf("%s(%s)", filepath.Base(p.file), mark(still, fr, z.Text != nil)))
		}
	}
	var out []*photoRow
	for _, c := range order {
		out = append(out, rows[c])
	}
	return out, nil
}

// mark says which decoders read a photo: s still, f frame, z zxing-wasm; "-"
// for one that did not.
func mark(still, frame, zx bool) string {
	b := []byte("---")
	if still {
		b[0] = 's'
	}
	if frame {
		b[1] = 'f'
	}
	if zx {
		b[2] = 'z'
	}
	return string(b)
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

func printPhotos(dir string, rows []*photoRow) {
	fmt.Printf("Photos read (any code) per category, %s. Ours natively (still = qr.DecodeImage; frame = FrameDecoder.DecodeRGBA at %d px on the longer side); zxing-wasm 3.1.4 under Node (defaults, QR, one symbol). ms = mean per photo.\n\n", dir, photoFrameSide)
	fmt.Println("| category | still | frame | zxing-wasm | still ms | frame ms | zxing-wasm ms |")
	fmt.Println("|---|---|---|---|---|---|---|")
	var t photoRow
	mean := func(sum float64, n int) float64 {
		if n == 0 {
			return 0
		}
		return sum / float64(n)
	}
	for _, r := range rows {
		fmt.Printf("| %s | %d/%d | %d/%d | %d/%d | %.0f | %.0f | %.0f |\n", r.Category, r.Still, r.N, r.Frame, r.N, r.ZXing, r.N,
			mean(r.StillMs, r.N), mean(r.FrameMs, r.N), mean(r.ZXingMs, r.N))
		t.N += r.N
		t.Still += r.Still
		t.Frame += r.Frame
		t.ZXing += r.ZXing
		t.StillMs += r.StillMs
		t.FrameMs += r.FrameMs
		t.ZXingMs += r.ZXingMs
	}
	fmt.Printf("| **all %d** | **%d/%d** | **%d/%d** | **%d/%d** | %.0f | %.0f | %.0f |\n", len(rows), t.Still, t.N, t.Frame, t.N, t.ZXing, t.N,
		mean(t.StillMs, t.N), mean(t.FrameMs, t.N), mean(t.ZXingMs, t.N))
	fmt.Println()
	fmt.Println("Missed by a path of ours (s/f/z: read by still/frame/zxing-wasm, - not):")
	for _, r := range rows {
		if len(r.Missed) > 0 {
			fmt.Printf("- %s: %s\n", r.Category, strings.Join(r.Missed, " "))
		}
	}
}

// maxPhotoBytes bounds one photo file.
const maxPhotoBytes = 64 << 20

func decodeFile(name string) (image.Image, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && st.Size() > maxPhotoBytes {
		return nil, fmt.Errorf("%d bytes, over %d", st.Size(), maxPhotoBytes)
	}
	cfg, _, err := image.DecodeConfig(f)
	if err != nil {
		return nil, err
	}
	if cfg.Width > 8192 || cfg.Height > 8192 {
		return nil, fmt.Errorf("%d×%d, over 8192", cfg.Width, cfg.Height)
	}
	if _, err := f.Seek(0, 0); err != nil {
		return nil, err
	}
	img, _, err := image.Decode(f)
	return img, err
}
