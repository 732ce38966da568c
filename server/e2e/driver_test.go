package e2e

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// driver is one browser tab, driven through its engine's automation
// protocol: Chromium's DevTools protocol (chromedp), W3C WebDriver classic
// over HTTP (WebKitGTK) or WebDriver BiDi (Firefox). The scenarios in
// engines_test.go use nothing else, so they run unchanged on each engine.
type driver interface {
	// preload runs src, a script, in every document the tab loads from now
	// on, before the page's own scripts.
	preload(src string) error
	navigate(url string) error
	reload() error
	// eval evaluates the JavaScript expression expr, awaits it if it is a
	// promise, and decodes its JSON value into out (nil: discarded).
	eval(expr string, out any) error
	// click clicks the element matching the CSS selector sel as a user
	// would (the engine checks it is visible and not covered).
	click(sel string) error
	// upload picks the file at path in the file input matching sel.
	upload(sel, path string) error
	screenshot() ([]byte, error)
	// pageErrors returns the errors the engine reported for the page
	// (uncaught exceptions, console errors), where it reports them.
	pageErrors() []string
	// contentPSS is the memory (PSS, kB) of the engine's page processes.
	contentPSS() (kb, procs int)
	close()
}

// errNoEngine means the engine is not installed: locally its tests skip,
// with PASSCHECK_REQUIRE_BROWSER they fail.
var errNoEngine = errors.New("engine not installed")

// chromeDriver drives Chromium through chromedp.
type chromeDriver struct {
	ctx    context.Context
	cancel func()
	mu     sync.Mutex
	errs   []string
}

// startChromium starts a headless Chromium (own profile, fake camera playing
// video, a y4m file).
func startChromium(dir, video string) (driver, error) {
	if env.chromium == "" {
		return nil, errNoEngine
	}
	actx, cancelA := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(env.chromium),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(dir),
		chromedp.Flag("use-fake-ui-for-media-stream", true),
		chromedp.Flag("use-fake-device-for-media-stream", true),
		chromedp.Flag("use-file-for-fake-video-capture", video),
		chromedp.Flag("autoplay-policy", "no-user-gesture-required"),
		chromedp.Flag("lang", "en-US"), chromedp.Flag("accept-lang", "en-US"), chromedp.Env("LANGUAGE=en-US"),
		chromedp.WindowSize(390, 844),
	)
	ctx, cancelC := chromedp.NewContext(actx)
	if err := chromedp.Do(ctx); err != nil {
		cancelC()
		cancelA()
		return nil, err
	}
	d := &chromeDriver{ctx: ctx, cancel: func() { cancelC(); cancelA() }}
	if err := chromedp.Listen(ctx, d.listen); err != nil {
		d.close()
		return nil, err
	}
	if _, err := chromedp.Call(ctx, runtime.Enable, cdp.Empty{}); err != nil {
		d.close()
		return nil, err
	}
	return d, nil
}

func (d *chromeDriver) listen(ev any) {
	var msg string
	switch e := ev.(type) {
	case *runtime.EventExceptionThrown:
		msg = "exception: " + e.ExceptionDetails.Text
		if e.ExceptionDetails.Exception != nil {
			msg += " " + e.ExceptionDetails.Exception.Description
		}
	case *runtime.EventConsoleAPICalled:
		if e.Type != runtime.ConsoleAPICalledTypeError {
			return
		}
		msg = "console.error:"
		for _, a := range e.Args {
			msg += " " + string(a.Value) + a.Description
		}
	default:
		return
	}
	d.mu.Lock()
	if len(d.errs) < 50 {
		d.errs = append(d.errs, msg)
	}
	d.mu.Unlock()
}

func (d *chromeDriver) pageErrors() []string {
	d.mu.Lock()
	defer d.mu.Unlock()
	return append([]string(nil), d.errs...)
}

// bounded is d's context, bounded by hangGuard for one protocol exchange.
func (d *chromeDriver) bounded() (context.Context, context.CancelFunc) {
	return context.WithTimeout(d.ctx, hangGuard)
}

func (d *chromeDriver) preload(src string) error {
	ctx, cancel := d.bounded()
	defer cancel()
	_, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument,
		page.AddScriptToEvaluateOnNewDocumentParams{Source: src})
	return err
}

func (d *chromeDriver) navigate(url string) error {
	ctx, cancel := d.bounded()
	defer cancel()
	return chromedp.Do(ctx, chromedp.EmulateViewport(390, 844, chromedp.EmulatePortrait), chromedp.Navigate(url))
}

func (d *chromeDriver) reload() error {
	ctx, cancel := d.bounded()
	defer cancel()
	return chromedp.Do(ctx, chromedp.Reload())
}

func (d *chromeDriver) eval(expr string, out any) error {
	ctx, cancel := d.bounded()
	defer cancel()
	raw, err := chromedp.Run(ctx, chromedp.Evaluate[json.RawMessage](expr, chromedp.EvalAwaitPromise))
	if err != nil && !errors.Is(err, chromedp.ErrJSUndefined) {
		return err
	}
	return decodeJSON(raw, out)
}

func (d *chromeDriver) click(sel string) error {
	ctx, cancel := d.bounded()
	defer cancel()
	return chromedp.Do(ctx, chromedp.Click(sel))
}

func (d *chromeDriver) upload(sel, path string) error {
	ctx, cancel := d.bounded()
	defer cancel()
	return chromedp.Do(ctx, chromedp.SetUploadFiles(sel, []string{path}))
}

func (d *chromeDriver) screenshot() ([]byte, error) {
	ctx, cancel := d.bounded()
	defer cancel()
	return chromedp.Run(ctx, chromedp.CaptureScreenshot())
}

func (d *chromeDriver) close() { d.cancel() }

func (d *chromeDriver) contentPSS() (int, int) {
	p := chromedp.FromContext(d.ctx).Browser.Process()
	if p == nil {
		return 0, 0
	}
	return contentPSS(p.Pid, "--type=renderer")
}

func decodeJSON(raw []byte, out any) error {
	if out == nil || len(raw) == 0 {
		return nil
	}
	return json.Unmarshal(raw, out)
}

// preloader serves the app through a handler that adds, as the first
// script of every HTML page, /__e2e/preload.js: the scripts given to
// add. It is how scripts run before the app's own where the protocol has
// no way to do it (WebDriver classic). It also takes the server "offline"
// without closing it (the browser is shared by several scenarios): every
// request but the preload then fails as on a dropped connection.
type preloader struct {
	h       http.Handler
	offline atomic.Bool
	mu      sync.Mutex
	scripts []string
	// firstWasm is the first app.wasm exchange: what the engine accepted
	// and the Content-Encoding it got.
	firstWasm atomic.Pointer[[2]string]
}

const preloadPath = "/__e2e/preload.js"

func (p *preloader) add(src string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.scripts = append(p.scripts, src)
}

func (p *preloader) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == preloadPath {
		p.mu.Lock()
		// One script failing does not stop the next.
		var b strings.Builder
		for _, s := range p.scripts {
			fmt.Fprintf(&b, "try {\n%s\n} catch (e) { (window.__pcErrors = window.__pcErrors || []).push(\"preload: \" + e); }\n", s)
		}
		src := b.String()
		p.mu.Unlock()
		w.Header().Set("Content-Type", "text/javascript")
		w.Header().Set("Cache-Control", "no-store")
		fmt.Fprint(w, src)
		return
	}
	if p.offline.Load() {
		panic(http.ErrAbortHandler)
	}
	p.mu.Lock()
	inject := len(p.scripts) > 0
	p.mu.Unlock()
	if r.URL.Path == "/web/app.wasm" {
		p.h.ServeHTTP(w, r)
		p.firstWasm.CompareAndSwap(nil, &[2]string{r.Header.Get("Accept-Encoding"), w.Header().Get("Content-Encoding")})
		return
	}
	if !inject || r.Method != http.MethodGet || !strings.Contains(r.Header.Get("Accept"), "text/html") &&
		r.URL.Path != "/" {
		p.h.ServeHTTP(w, r)
		return
	}
	// The page uncompressed and unconditional, to edit it.
	r.Header.Del("Accept-Encoding")
	r.Header.Del("If-None-Match")
	r.Header.Del("If-Modified-Since")
	rec := &recorder{header: http.Header{}}
	p.h.ServeHTTP(rec, r)
	body := rec.body.String()
	if strings.HasPrefix(rec.header.Get("Content-Type"), "text/html") {
		tag := `<script src="` + preloadPath + `"></script>`
		if i := strings.Index(body, "<head>"); i >= 0 {
			body = body[:i+len("<head>")] + tag + body[i+len("<head>"):]
		}
		rec.header.Del("Content-Length")
		rec.header.Del("ETag")
	}
	for k, v := range rec.header {
		w.Header()[k] = v
	}
	if rec.code == 0 {
		rec.code = http.StatusOK
	}
	w.WriteHeader(rec.code)
	fmt.Fprint(w, body)
}

type recorder struct {
	header http.Header
	code   int
	body   strings.Builder
}

func (r *recorder) Header() http.Header { return r.header }
func (r *recorder) WriteHeader(c int) {
	if r.code == 0 {
		r.code = c
	}
}
func (r *recorder) Write(b []byte) (int, error) { return r.body.Write(b) }

// poll evaluates cond (a JS expression) until it is true, for up to
// hangGuard: a wait for a condition, never a duration asserted.
func poll(d driver, cond string) error {
	deadline := time.Now().Add(hangGuard)
	var last error
	for time.Now().Before(deadline) {
		var ok bool
		if last = d.eval(`(async () => { try { return !!(await (`+cond+`)); } catch (e) { return false; } })()`, &ok); last == nil && ok {
			return nil
		}
		time.Sleep(100 * time.Millisecond)
	}
	if last != nil {
		return fmt.Errorf("not true after %v: %s (last error: %v)", hangGuard, cond, last)
	}
	return fmt.Errorf("not true after %v: %s", hangGuard, cond)
}
