// Command qrbench measures QR decoding side by side with zxing-wasm
// (zxing-cpp compiled to WebAssembly, npm 3.1.4, served from this origin or
// run under Node; never fetched from a CDN).
//
// By default it decodes camera-like frames (verify/qr/camframes: the 40
// default frames per size) with Passcheck's decoder (verify/qr compiled to
// WebAssembly, wasm/qrbench) and with zxing-wasm in the same page of headless
// Chromium, and prints a Markdown table: frames decoded, median and
// 95th-percentile milliseconds. Run from the repository root (needs Go, npm
// and Chromium):
//
//	go run ./server/cmd/qrbench
//
// -categories all (or a comma-separated list) decodes the frames of the
// camframes categories instead (tilt, close-up, phone screen, …; -catn per
// category, 1280×720), in the same page, one row per category.
//
// -photos [DIR] decodes real photos instead (default
// ../shared/testdata/boofcv-qr, which is not part of the repository; absent,
// the command says so and exits 0): our two paths natively (qr.DecodeImage,
// and FrameDecoder.DecodeRGBA on the photo scaled to 1280 px), zxing-wasm
// under Node (page/photos.mjs), counts per category.
//
// -dump DIR writes -catn sample frames of each category and of the default
// sets as PNG (with the text each holds) and exits.
//
// zxing-wasm is installed into server/cmd/qrbench/page/node_modules with
// `npm ci` when missing.
//
// With -verify it measures HC1 text → verdict instead (verify.Verifier, the
// vectors of BenchmarkVerify in verify/), in the page and natively in this
// program, -runs calls per vector each, and prints both side by side.
package main

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"image"
	"image/png"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/cdproto/cdp"
	cdprofiler "github.com/chromedp/cdproto/profiler"
	"github.com/chromedp/chromedp"

	"passcheck/internal/browser"
	"passcheck/internal/dgctestdata"
	"passcheck/verify"
	"passcheck/verify/qr/camframes"
	"passcheck/verify/trust"
)

func main() {
	defaultChromium, _ := browser.FindChromium() // "": runBrowser says what to install
	var (
		vectors  = flag.String("vectors", "testdata/dgc-testdata", "dgc-testdata folder holding the QR pictures")
		webDir   = flag.String("web", "server/cmd/qrbench/page", "folder of the bench page (and its node_modules)")
		n        = flag.Int("n", 40, "frames per size")
		runs     = flag.Int("runs", 5, "decodes per frame and decoder (the fastest is kept)")
		chromium = flag.String("chromium", defaultChromium, "Chromium binary (default: chromium on PATH)")
		jsonOut  = flag.String("json", "", "also write the raw results to this file")
		timeout  = flag.Duration("timeout", 20*time.Minute, "give up after this long")
		decoders = flag.String("decoders", "", "comma-separated subset of decoders to run (default all)")
		profile  = flag.Bool("profile", false, "sample a CPU profile of the page and print the hottest functions (wasm built with symbols)")
		verifyB  = flag.Bool("verify", false, "benchmark HC1 verification (page and native) instead of QR decoding")
		cats     = flag.String("categories", "", "decode the frames of these camframes categories (comma-separated, or all) instead of the default sets")
		catN     = flag.Int("catn", 20, "frames per category")
		dump     = flag.String("dump", "", "write -catn sample frames of each category (and of the default sets) as PNG to this folder, and exit")
	)
	var photos photosFlag
	flag.Var(&photos, "photos", "benchmark real photos instead: -photos [DIR] (default "+defaultPhotos+"), ours natively, zxing-wasm under Node")
	flag.Parse()
	if photos.set {
		dir := photos.dir
		if flag.NArg() > 1 || (dir != "" && flag.NArg() > 0) {
			// Flags after DIR are not parsed: say so rather than ignore them.
			fmt.Fprintln(os.Stderr, "qrbench: -photos takes one folder, after every other flag; got", flag.Args())
			os.Exit(2)
		}
		if dir == "" && flag.NArg() == 1 {
			dir = flag.Arg(0) // -photos DIR
		} else if dir == "" {
			dir = defaultPhotos
		}
		ctx, cancel := context.WithTimeout(context.Background(), *timeout)
		defer cancel()
		if err := runPhotos(ctx, dir, *webDir, *jsonOut); err != nil {
			fmt.Fprintln(os.Stderr, "qrbench:", err)
			os.Exit(1)
		}
		return
	}
	if flag.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "qrbench: unexpected arguments:", flag.Args())
		os.Exit(2)
	}
	c := config{vectors: *vectors, webDir: *webDir, n: *n, runs: *runs, chromium: *chromium, jsonOut: *jsonOut,
		decoders: *decoders, profile: *profile, verify: *verifyB, timeout: *timeout, catN: *catN}
	if *cats != "" {
		c.categories = strings.Split(*cats, ",")
		if *cats == "all" {
			c.categories = camframes.Categories
		}
	}
	if *dump != "" {
		if err := dumpFrames(*dump, c); err != nil {
			fmt.Fprintln(os.Stderr, "qrbench:", err)
			os.Exit(1)
		}
		return
	}
	if err := run(c); err != nil {
		fmt.Fprintln(os.Stderr, "qrbench:", err)
		os.Exit(1)
	}
}

// result mirrors window.benchResult in server/cmd/qrbench/page/bench.js.
type result struct {
	Error               string `json:"error"`
	CrossOriginIsolated bool   `json:"crossOriginIsolated"`
	Runs                int    `json:"runs"`
	Sets                []struct {
		Category         string
		Width, Height, N int
		Window           []int
		Decoders         map[string]struct {
			OK     int       `json:"ok"`
			Times  []float64 `json:"times"`
			Failed []string  `json:"failed"`
			// gozxing-stream: frames fed until read, per frame (0: not
			// read); Times are then per call.
			Frames []int `json:"frames"`
		}
	} `json:"sets"`
	Verify map[string][]float64 `json:"verify"` // ms per call, by vector
}

// config is what one run measures and how.
type config struct {
	vectors, webDir   string
	n, runs           int
	chromium, jsonOut string
	decoders          string
	profile, verify   bool
	timeout           time.Duration
	categories        []string // camframes categories instead of the default sets
	catN              int      // frames per category
}

func run(c config) error {
	vectors, webDir, n, runs, chromium, jsonOut, decoders, profile, verifyMode := c.vectors, c.webDir, c.n, c.runs, c.chromium, c.jsonOut, c.decoders, c.profile, c.verify
	ctx, cancel := context.WithTimeout(context.Background(), c.timeout)
	defer cancel()

	if !verifyMode {
		if err := ensureZXing(ctx, webDir); err != nil {
			return err
		}
	}

	tmp, err := os.MkdirTemp("", "qrbench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	wasmPath := filepath.Join(tmp, "qrbench.wasm")
	ldflags := "-ldflags=-s -w"
	if profile {
		ldflags = "-ldflags=" // keep the function names for the profiler
	}
	build := exec.CommandContext(ctx, "go", "build", "-trimpath", ldflags, "-o", wasmPath, "./wasm/qrbench")
	build.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		return fmt.Errorf("building wasm/qrbench: %w", err)
	}
	wasmExec := filepath.Join(runtime.GOROOT(), "lib", "wasm", "wasm_exec.js")

	var (
		frames   map[string][]byte
		manifest []byte
		vvs      []verifyVector
	)
	if verifyMode {
		vvs, err = loadVerifyVectors(vectors)
		if err == nil {
			manifest, err = json.Marshal(map[string]any{"vectors": vvs})
		}
	} else {
		frames, manifest, err = makeFrames(vectors, n, c.categories, c.catN)
	}
	if err != nil {
		return err
	}

	mux := http.NewServeMux()
	mux.Handle("/node_modules/", http.StripPrefix("/node_modules/", http.FileServer(http.Dir(filepath.Join(webDir, "node_modules")))))
	mux.HandleFunc("/{$}", func(w http.ResponseWriter, r *http.Request) {
		http.ServeFile(w, r, filepath.Join(webDir, "index.html"))
	})
	mux.HandleFunc("/bench.js", func(w http.ResponseWriter, r *http.Request) { http.ServeFile(w, r, filepath.Join(webDir, "bench.js")) })
	mux.HandleFunc("/wasm_exec.js", func(w http.ResponseWriter, r *http.Request) { http.ServeFile(w, r, wasmExec) })
	mux.HandleFunc("/qrbench.wasm", func(w http.ResponseWriter, r *http.Request) { http.ServeFile(w, r, wasmPath) })
	mux.HandleFunc("/verify/manifest.json", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Write(manifest)
	})
	mux.HandleFunc("/frames/manifest.json", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Write(manifest)
	})
	mux.HandleFunc("/frames/{name}", func(w http.ResponseWriter, r *http.Request) {
		b, ok := frames[r.PathValue("name")]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "application/octet-stream")
		w.Write(b)
	})
	// Cross-origin isolation gives performance.now() microsecond resolution
	// instead of 100 µs.
	handler := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cross-Origin-Opener-Policy", "same-origin")
		w.Header().Set("Cross-Origin-Embedder-Policy", "require-corp")
		w.Header().Set("Cache-Control", "no-store")
		mux.ServeHTTP(w, r)
	})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: handler}
	go srv.Serve(ln)
	defer srv.Close()

	u := fmt.Sprintf("http://%s/?runs=%d", ln.Addr(), runs)
	if decoders != "" {
		u += "&decoders=" + url.QueryEscape(decoders)
	}
	if verifyMode {
		u += "&verify=1"
	}
	res, err := runBrowser(ctx, chromium, tmp, u, profile)
	if err != nil {
		return err
	}
	if jsonOut != "" {
		b, _ := json.MarshalIndent(res, "", " ")
		if err := os.WriteFile(jsonOut, b, 0o644); err != nil {
			return err
		}
	}
	if verifyMode {
		for _, v := range vvs {
			if len(res.Verify[v.Name]) != runs {
				return fmt.Errorf("page: %d timings for %s, want %d", len(res.Verify[v.Name]), v.Name, runs)
			}
		}
		native, err := verifyNative(vvs, runs)
		if err != nil {
			return err
		}
		printVerify(res, native, vvs)
		return nil
	}
	if len(c.categories) > 0 {
		printCategories(res)
		return nil
	}
	printTable(res)
	return nil
}

// ensureZXing runs `npm ci` in the page folder when zxing-wasm is not
// installed there (the lock file pins it, 3.1.4).
func ensureZXing(ctx context.Context, webDir string) error {
	if _, err := os.Stat(filepath.Join(webDir, "node_modules", "zxing-wasm", "package.json")); err == nil {
		return nil
	}
	fmt.Fprintln(os.Stderr, "qrbench: installing zxing-wasm (npm ci) in", webDir)
	cmd := exec.CommandContext(ctx, "npm", "ci", "--no-audit", "--no-fund")
	cmd.Dir, cmd.Stdout, cmd.Stderr = webDir, os.Stderr, os.Stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("npm ci: %w", err)
	}
	return nil
}

// defaultPhotos is BoofCV's QR photos beside the repository (never copied
// into it; see its SOURCE.md).
const defaultPhotos = "../shared/testdata/boofcv-qr"

// photosFlag is -photos, alone (the default folder) or with a folder, as
// -photos=DIR or -photos DIR.
type photosFlag struct {
	set bool
	dir string
}

func (f *photosFlag) String() string   { return f.dir }
func (f *photosFlag) IsBoolFlag() bool { return true }
func (f *photosFlag) Set(v string) error {
	f.set = true
	if v != "true" {
		f.dir = v
	}
	return nil
}

// verifyVectors are those of BenchmarkVerify in verify/bench_test.go.
var verifyVectors = []struct{ name, path string }{
	{"ES256", "AT/2DCode/raw/1.json"},
	{"PS256", "CH/2DCode/raw/1.json"},
}

// verifyVector is one entry of /verify/manifest.json: QR text, the signing
// DSC (base64 DER) and the vector's validation time (RFC 3339).
type verifyVector struct {
	Name  string `json:"name"`
	Path  string `json:"path"`
	Text  string `json:"text"`
	Cert  string `json:"cert"`
	Clock string `json:"clock"`
}

func loadVerifyVectors(dir string) ([]verifyVector, error) {
	var out []verifyVector
	for _, vv := range verifyVectors {
		f := filepath.Join(dir, filepath.FromSlash(vv.path))
		v, err := dgctestdata.ReadFile(f)
		if err != nil {
			return nil, err
		}
		at, err := time.Parse(time.RFC3339Nano, v.Context.Clock)
		if err != nil {
			return nil, fmt.Errorf("%s: VALIDATIONCLOCK: %v", f, err)
		}
		out = append(out, verifyVector{vv.name, vv.path, v.Prefix, v.Context.Certificate, at.Format(time.RFC3339Nano)})
	}
	return out, nil
}

// verifyNative does natively what benchVerify in bench.js does in the page:
// the same Verifier setup, warm-up, alternation and number of calls.
func verifyNative(vvs []verifyVector, runs int) (map[string][]float64, error) {
	var keys []*verify.Key
	ats := make([]time.Time, len(vvs))
	for i, v := range vvs {
		der, err := base64.StdEncoding.DecodeString(v.Cert)
		if err != nil {
			return nil, fmt.Errorf("%s: certificate: %v", v.Path, err)
		}
		k, err := trust.KeyFromDER(der)
		if err != nil {
			return nil, fmt.Errorf("%s: certificate: %v", v.Path, err)
		}
		keys = append(keys, k)
		ats[i], _ = time.Parse(time.RFC3339Nano, v.Clock)
	}
	ver := verify.Verifier{Trust: verify.NewKeySet(keys...)}
	check := func(v verifyVector, r *verify.Result) error {
		if r.Verdict != verify.Valid {
			return fmt.Errorf("native %s: %v: %v", v.Path, r.Verdict, r.Err)
		}
		return nil
	}
	for i, v := range vvs {
		for range 3 {
			if err := check(v, ver.Verify(v.Text, ats[i])); err != nil {
				return nil, err
			}
		}
	}
	times := map[string][]float64{}
	for range runs {
		for i, v := range vvs {
			t0 := time.Now()
			r := ver.Verify(v.Text, ats[i])
			times[v.Name] = append(times[v.Name], float64(time.Since(t0))/float64(time.Millisecond))
			if err := check(v, r); err != nil {
				return nil, err
			}
		}
	}
	return times, nil
}

func printVerify(res *result, native map[string][]float64, vvs []verifyVector) {
	fmt.Printf("HC1 text → verdict (all valid), %d calls per vector; performance.now() cross-origin isolated: %v\n\n", res.Runs, res.CrossOriginIsolated)
	fmt.Println("| vector | wasm (Chromium) min ms | median ms | native min ms | median ms |")
	fmt.Println("|---|---|---|---|---|")
	for _, v := range vvs {
		w, n := slices.Sorted(slices.Values(res.Verify[v.Name])), slices.Sorted(slices.Values(native[v.Name]))
		fmt.Printf("| %s `%s` | %.2f | %.2f | %.3f | %.3f |\n", v.Name, v.Path, w[0], pct(w, 50), n[0], pct(n, 50))
	}
}

// makeFrames generates the frames (raw RGBA) and the manifest the page reads:
// the default sets (n frames per size), or n frames of each category at
// catSize.
func makeFrames(vectors string, n int, categories []string, catN int) (map[string][]byte, []byte, error) {
	sets, err := frameSets(vectors, n, categories, catN)
	if err != nil {
		return nil, nil, err
	}
	type frame struct {
		URL  string `json:"url"`
		Name string `json:"name"`
		Text string `json:"text"`
	}
	type set struct {
		Category string  `json:"category,omitempty"`
		Width    int     `json:"width"`
		Height   int     `json:"height"`
		Window   [4]int  `json:"window"`
		Frames   []frame `json:"frames"`
	}
	var m struct {
		Sets []set `json:"sets"`
	}
	frames := map[string][]byte{}
	for _, fs := range sets {
		win := scanWindow(fs.w, fs.h)
		s := set{Category: fs.category, Width: fs.w, Height: fs.h, Window: [4]int{win.Min.X, win.Min.Y, win.Max.X, win.Max.Y}}
		for i, smp := range fs.samples {
			key := fmt.Sprintf("%s%dx%d-%02d.rgba", fs.category, fs.w, fs.h, i)
			frames[key] = smp.Frame.Pix
			s.Frames = append(s.Frames, frame{URL: "/frames/" + key, Name: smp.Name, Text: smp.Text})
		}
		m.Sets = append(m.Sets, s)
	}
	b, err := json.Marshal(m)
	return frames, b, err
}

// catSize is the size of the category frames: the 1280×720 stream the app
// asks the camera for.
var catSize = image.Pt(1280, 720)

// scanWindow is a centred square as high as the frame, the viewfinder the
// app draws.
func scanWindow(w, h int) image.Rectangle {
	return image.Rect((w-h)/2, 0, (w+h)/2, h)
}

type frameSet struct {
	category string // "" for a default set
	w, h     int
	samples  []camframes.Sample
}

// frameSets makes the default sets, or those of the categories, two at a
// time (frame making is slow, and the machine is shared).
func frameSets(vectors string, n int, categories []string, catN int) ([]frameSet, error) {
	vs, err := camframes.LoadVectors(vectors)
	if err != nil {
		return nil, err
	}
	if len(vs) == 0 {
		return nil, fmt.Errorf("no QR vectors under %s", vectors)
	}
	var sets []frameSet
	if len(categories) == 0 {
		for _, sz := range camframes.Sizes {
			sets = append(sets, frameSet{w: sz.X, h: sz.Y})
		}
	}
	for _, c := range categories {
		if !slices.Contains(camframes.Categories, c) {
			return nil, fmt.Errorf("no camframes category %q (have %s)", c, strings.Join(camframes.Categories, ", "))
		}
		sets = append(sets, frameSet{category: c, w: catSize.X, h: catSize.Y})
	}
	errs := make([]error, len(sets))
	sem := make(chan struct{}, 2)
	var wg sync.WaitGroup
	for i := range sets {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			fs := &sets[i]
			if fs.category == "" {
				fs.samples, errs[i] = camframes.Set(vs, n, fs.w, fs.h)
			} else {
				fs.samples, errs[i] = camframes.CategorySet(fs.category, vs, catN, fs.w, fs.h)
			}
		}()
	}
	wg.Wait()
	return sets, errors.Join(errs...)
}

// dumpFrames writes the frames of every category (c.catN each) and of the
// default sets (the first c.catN per size) to dir as PNG, each with a .txt
// of the text its code holds: sample frames for regression tests and for
// looking at.
func dumpFrames(dir string, c config) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	def, err := frameSets(c.vectors, c.catN, nil, 0)
	if err != nil {
		return err
	}
	cats, err := frameSets(c.vectors, 0, camframes.Categories, c.catN)
	if err != nil {
		return err
	}
	for _, fs := range append(def, cats...) {
		name := fs.category
		if name == "" {
			name = "default"
		}
		for i, s := range fs.samples {
			base := filepath.Join(dir, fmt.Sprintf("%s-%dx%d-%02d", name, fs.w, fs.h, i))
			var buf bytes.Buffer
			if err := png.Encode(&buf, s.Frame); err != nil {
				return err
			}
			if err := os.WriteFile(base+".png", buf.Bytes(), 0o644); err != nil {
				return err
			}
			if err := os.WriteFile(base+".txt", []byte(s.Text), 0o644); err != nil {
				return err
			}
		}
	}
	fmt.Printf("wrote %d categories and the default sets, %d frames each, to %s\n", len(camframes.Categories), c.catN, dir)
	return nil
}

func runBrowser(ctx context.Context, chromium, tmp, url string, profile bool) (*result, error) {
	if chromium == "" {
		return nil, browser.ErrNoChromium
	}
	if _, err := os.Stat(chromium); err != nil {
		return nil, fmt.Errorf("chromium: %w", err)
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromium),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(filepath.Join(tmp, "profile")),
	}
	actx, cancel := chromedp.NewExecAllocator(ctx, opts...)
	defer cancel()
	bctx, cancel := chromedp.NewContext(actx)
	defer cancel()

	if profile {
		if _, err := chromedp.Call(bctx, cdprofiler.Enable, cdp.Empty{}); err != nil {
			return nil, err
		}
		if _, err := chromedp.Call(bctx, cdprofiler.SetSamplingInterval, cdprofiler.SetSamplingIntervalParams{Interval: 100}); err != nil {
			return nil, err
		}
		if _, err := chromedp.Call(bctx, cdprofiler.Start, cdp.Empty{}); err != nil {
			return nil, err
		}
	}
	if err := chromedp.Do(bctx, chromedp.Navigate(url)); err != nil {
		return nil, fmt.Errorf("opening the bench page: %w", err)
	}
	if _, err := chromedp.Run(bctx, chromedp.Poll[bool]("window.benchResult !== undefined",
		chromedp.WithPollingInterval(500*time.Millisecond), chromedp.WithPollingTimeout(0))); err != nil {
		return nil, fmt.Errorf("waiting for the bench: %w", err)
	}
	if profile {
		st, err := chromedp.Call(bctx, cdprofiler.Stop, cdp.Empty{})
		if err != nil {
			return nil, err
		}
		printProfile(st.Profile)
	}
	raw, err := chromedp.Run(bctx, chromedp.Evaluate[[]byte]("window.benchResult"))
	if err != nil {
		return nil, err
	}
	var res result
	if err := json.Unmarshal(raw, &res); err != nil {
		return nil, err
	}
	if res.Error != "" {
		return nil, errors.New("page: " + res.Error)
	}
	return &res, nil
}

func printTable(res *result) {
	fmt.Printf("performance.now() cross-origin isolated: %v; per frame the fastest of %d decodes; median and p95 over the frames\n\n", res.CrossOriginIsolated, res.Runs)
	fmt.Println("| frames | decoder | decoded | median ms | p95 ms |")
	fmt.Println("|---|---|---|---|---|")
	var notes []string
	for _, s := range res.Sets {
		names := make([]string, 0, len(s.Decoders))
		for k := range s.Decoders {
			names = append(names, k)
		}
		sort.Strings(names)
		for _, name := range names {
			d := s.Decoders[name]
			t := append([]float64(nil), d.Times...)
			sort.Float64s(t)
			label := name
			if name == "gozxing-window" {
				label = fmt.Sprintf("gozxing, window %v", s.Window)
			}
			fmt.Printf("| %d×%d | %s | %d/%d | %.1f | %.1f |\n", s.Width, s.Height, label, d.OK, s.N, pct(t, 50), pct(t, 95))
			if len(d.Failed) > 0 {
				notes = append(notes, fmt.Sprintf("%d×%d %s missed: %s", s.Width, s.Height, name, strings.Join(d.Failed, ", ")))
			}
		}
	}
	// Both decoders read each frame in turn, so the ratio per frame is less
	// disturbed by load that drifts during the run than the ratio of the
	// medians.
	for _, s := range res.Sets {
		z, ok := s.Decoders["zxing-wasm"]
		if !ok {
			continue
		}
		for _, name := range []string{"gozxing", "gozxing-window"} {
			d, ok := s.Decoders[name]
			if !ok || len(d.Times) != len(z.Times) {
				continue
			}
			r := make([]float64, len(d.Times))
			for i := range r {
				r[i] = d.Times[i] / z.Times[i]
			}
			slices.Sort(r)
			notes = append(notes, fmt.Sprintf("%d×%d %s: median of the per-frame time ratios to zxing-wasm %.2f", s.Width, s.Height, name, pct(r, 50)))
		}
	}
	if len(notes) > 0 {
		fmt.Println()
		for _, n := range notes {
			fmt.Println("- " + n)
		}
	}
}

// printCategories prints one row per category: frames decoded, median and
// p95 ms for our decoder on the whole frame and in the scan window, and for
// zxing-wasm, then the frames each missed.
func printCategories(res *result) {
	fmt.Printf("camframes categories, %d×%d; performance.now() cross-origin isolated: %v; per frame the fastest of %d decodes; median and p95 ms over the frames\n\n", catSize.X, catSize.Y, res.CrossOriginIsolated, res.Runs)
	cols := []string{"gozxing", "gozxing-window", "zxing-wasm"}
	fmt.Println("| category | ours, whole frame | ms median / p95 | ours, window | ms median / p95 | zxing-wasm | ms median / p95 |")
	fmt.Println("|---|---|---|---|---|---|---|")
	tot := map[string][2]int{}
	var notes []string
	for _, s := range res.Sets {
		row := "| " + s.Category
		for _, name := range cols {
			d, ok := s.Decoders[name]
			if !ok {
				row += " | – | –"
				continue
			}
			t := slices.Sorted(slices.Values(d.Times))
			row += fmt.Sprintf(" | %d/%d | %.1f / %.1f", d.OK, s.N, pct(t, 50), pct(t, 95))
			tot[name] = [2]int{tot[name][0] + d.OK, tot[name][1] + s.N}
			if len(d.Failed) > 0 {
				notes = append(notes, fmt.Sprintf("%s, %s missed: %s", s.Category, name, strings.Join(d.Failed, ", ")))
			}
		}
		fmt.Println(row + " |")
	}
	row := "| **all**"
	for _, name := range cols {
		row += fmt.Sprintf(" | **%d/%d** | ", tot[name][0], tot[name][1])
	}
	fmt.Println(row + " |")
	printStream(res)
	if len(notes) > 0 {
		fmt.Println()
		for _, n := range notes {
			fmt.Println("- " + n)
		}
	}
}

// printStream prints, per category, what the camera path's budgeted decoder
// (FrameDecoder.Stream: the first attempt and one retry per frame) does
// with a code held still: how many frames it needs to read it, and what
// one frame costs; the full chain's cost per frame is the whole-frame
// column above.
func printStream(res *result) {
	if len(res.Sets) == 0 {
		return
	}
	if _, ok := res.Sets[0].Decoders["gozxing-stream"]; !ok {
		return
	}
	fmt.Println()
	fmt.Println("Budgeted decoder (`FrameDecoder.Stream`, as in the app: the first attempt and one retry per frame), whole frame, each frame fed until read:")
	fmt.Println()
	fmt.Println("| category | read | frames to read median / p95 / max | ms per frame median / p95 / max |")
	fmt.Println("|---|---|---|---|")
	ok, n := 0, 0
	for _, s := range res.Sets {
		d := s.Decoders["gozxing-stream"]
		var fr []float64
		for _, f := range d.Frames {
			if f > 0 {
				fr = append(fr, float64(f))
			}
		}
		slices.Sort(fr)
		t := slices.Sorted(slices.Values(d.Times))
		frames := "–"
		if len(fr) > 0 {
			frames = fmt.Sprintf("%.0f / %.0f / %.0f", pct(fr, 50), pct(fr, 95), fr[len(fr)-1])
		}
		ms := "–"
		if len(t) > 0 {
			ms = fmt.Sprintf("%.1f / %.1f / %.1f", pct(t, 50), pct(t, 95), t[len(t)-1])
		}
		fmt.Printf("| %s | %d/%d | %s | %s |\n", s.Category, d.OK, s.N, frames, ms)
		ok, n = ok+d.OK, n+s.N
	}
	fmt.Printf("| **all** | **%d/%d** | | |\n", ok, n)
}

// pct is the p-th percentile (nearest rank) of sorted values.
func pct(sorted []float64, p int) float64 {
	if len(sorted) == 0 {
		return 0
	}
	i := (p*len(sorted)+99)/100 - 1
	return sorted[max(0, min(i, len(sorted)-1))]
}

// printProfile lists the functions with the most self samples.
func printProfile(p *cdprofiler.Profile) {
	if p == nil {
		return
	}
	self := map[string]int64{}
	var total int64
	for _, n := range p.Nodes {
		name := n.CallFrame.FunctionName
		if name == "" {
			name = "(anonymous) " + n.CallFrame.URL
		}
		self[name] += n.HitCount
		total += n.HitCount
	}
	names := make([]string, 0, len(self))
	for k := range self {
		names = append(names, k)
	}
	sort.Slice(names, func(i, j int) bool { return self[names[i]] > self[names[j]] })
	fmt.Printf("CPU profile: %d samples; hottest functions (self):\n", total)
	for _, k := range names[:min(40, len(names))] {
		fmt.Printf("%6.2f%%  %s\n", 100*float64(self[k])/float64(total), k)
	}
	fmt.Println()
}
