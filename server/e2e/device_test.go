package e2e

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	passcheck "passcheck/app"
	"passcheck/server/site"
)

// Device features the fake camera and desktop headless Chromium lack (a
// torch, a second camera, an installed or Apple browser) are faked in the
// page, over the real browser APIs the app calls.

// deviceHooks returns a script run in the page before its own: it records
// every getUserMedia call (constraints, and the video tracks it returned) in
// window.__dev. With torch, every video track also reports a torch in
// getCapabilities (Chromium's fake camera has none), and applyConstraints
// calls are recorded, with whether they went to the newest track.
func deviceHooks(torch bool) string {
	return `(() => {
  const d = window.__dev = { gum: [], tracks: [], applied: [] };
  const md = navigator.mediaDevices;
  if (md && md.getUserMedia) {
    const gum = md.getUserMedia.bind(md);
    md.getUserMedia = (c) => {
      d.gum.push(JSON.parse(JSON.stringify(c || {})));
      return gum(c).then((s) => { d.tracks.push(...s.getVideoTracks()); return s; });
    };
  }
  if (` + strconv.FormatBool(torch) + `) {
    const P = MediaStreamTrack.prototype, caps = P.getCapabilities, apply = P.applyConstraints;
    P.getCapabilities = function () {
      const c = caps.call(this);
      if (this.kind === "video") c.torch = true;
      return c;
    };
    P.applyConstraints = function (c) {
      d.applied.push({ c: JSON.parse(JSON.stringify(c || {})), current: this === d.tracks[d.tracks.length - 1],
        state: this.readyState });
      return apply.call(this, c);
    };
  }
})();`
}

// devLog is window.__dev, read back.
type devLog struct {
	Gum     []json.RawMessage `json:"gum"`
	Tracks  []string          `json:"tracks"` // readyState of each track, in order
	Applied []struct {
		C       json.RawMessage `json:"c"`
		Current bool            `json:"current"`
		State   string          `json:"state"`
	} `json:"applied"`
}

func readDev(t *testing.T, ctx context.Context) devLog {
	t.Helper()
	d, err := chromedp.Run(ctx, chromedp.Evaluate[devLog](
		`({ gum: __dev.gum, tracks: __dev.tracks.map((t) => t.readyState), applied: __dev.applied })`))
	if err != nil {
		t.Fatalf("reading __dev: %v", err)
	}
	return d
}

// facing is the facingMode a getUserMedia call asked for ("" if none).
func facing(c json.RawMessage) string {
	var v struct {
		Video struct {
			FacingMode struct {
				Ideal string `json:"ideal"`
				Exact string `json:"exact"`
			} `json:"facingMode"`
		} `json:"video"`
	}
	json.Unmarshal(c, &v)
	return v.Video.FacingMode.Ideal + v.Video.FacingMode.Exact
}

// addScript runs src in every document the tab opens from now on.
func addScript(t *testing.T, ctx context.Context, src string) {
	t.Helper()
	if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument,
		page.AddScriptToEvaluateOnNewDocumentParams{Source: src}); err != nil {
		t.Fatal(err)
	}
}

// until waits for the JS expression cond to be true; what names it in the
// failure, with the page's state.
func until(t *testing.T, ctx context.Context, cond, what string) {
	t.Helper()
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](cond,
		chromedp.WithPollingTimeout(hangGuard), chromedp.WithPollingInterval(50*time.Millisecond))); err != nil {
		t.Fatalf("%s: %v (page: %+v)", what, err, state(t, ctx))
	}
}

func eval[T any](t *testing.T, ctx context.Context, expr string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		t.Fatalf("%s: %v", expr, err)
	}
	return v
}

// camRunning is true once the mounted app has had a camera frame decoded
// since the camera last (re)started: the server-rendered page says
// "starting", and so does the app from each camera start until then. The
// torch button's presence is decided in the same update.
const camRunning = `document.querySelector("#camera")?.dataset.state === "running"`

// slowVideo is a fake camera showing text's code for 3 s after 4 s of empty
// scene: longer than the repeat guard's 3 s, so the code gives a new
// verdict on every loop once the previous one is closed.
func slowVideo(t *testing.T, text string) string {
	t.Helper()
	if got, err := decodeCameraFrame(text); err != nil || got != text {
		t.Fatalf("verify/qr's FrameDecoder cannot read this code (%v); see TestFakeCameraFramesDecode", err)
	}
	path := filepath.Join(t.TempDir(), "camera.y4m")
	if err := scanVideo(path, text, 40, 30); err != nil {
		t.Fatal(err)
	}
	return path
}

// nextVerdict closes the verdict screen if one is up and waits for a new
// one: a verdict shown after this call.
func nextVerdict(t *testing.T, ctx context.Context) pageState {
	t.Helper()
	// The app keeps only the latest mark of each name.
	last := `(performance.getEntriesByName("passcheck:verdict")[0]?.startTime ?? -1)`
	before := eval[float64](t, ctx, last)
	if eval[bool](t, ctx, `!!document.querySelector("#verdict")`) {
		if err := chromedp.Do(ctx, chromedp.Click("#verdict"), chromedp.WaitNotPresent("#verdict")); err != nil {
			t.Fatal(err)
		}
	}
	until(t, ctx, `!!document.querySelector("[data-verdict]") && `+last+` > `+
		strconv.FormatFloat(before, 'f', -1, 64), "no new verdict")
	return state(t, ctx)
}

// TestTorch: where the camera track reports a torch, a toggle appears;
// pressing it asks the live track for torch on, then off, and the button's
// aria-pressed follows. Chromium's fake camera has no torch, so the torch
// is added to getCapabilities in the page; without that the button must not
// appear.
func TestTorch(t *testing.T) {
	srv := serve(t)
	t.Run("torch", func(t *testing.T) {
		ctx := browser(t, video(t, ""), "en-US")
		addScript(t, ctx, deviceHooks(true))
		open(t, ctx, srv.URL)
		until(t, ctx, camRunning+` && !!document.querySelector("#torch")`, "no torch button on a camera with a torch")
		if p := eval[string](t, ctx, `document.querySelector("#torch").getAttribute("aria-pressed")`); p != "false" {
			t.Errorf("torch button before any press: aria-pressed %q, want false", p)
		}
		for i, want := range []bool{true, false} {
			if err := chromedp.Do(ctx, chromedp.Click("#torch")); err != nil {
				t.Fatal(err)
			}
			until(t, ctx, `__dev.applied.length > `+strconv.Itoa(i)+
				` && document.querySelector("#torch").getAttribute("aria-pressed") === "`+strconv.FormatBool(want)+`"`,
				"press "+strconv.Itoa(i+1)+": no applyConstraints call with aria-pressed "+strconv.FormatBool(want))
			d := readDev(t, ctx)
			if len(d.Applied) != i+1 {
				t.Fatalf("press %d: %d applyConstraints calls, want %d", i+1, len(d.Applied), i+1)
			}
			a := d.Applied[i]
			if got, w := string(a.C), `{"advanced":[{"torch":`+strconv.FormatBool(want)+`}]}`; got != w {
				t.Errorf("press %d: applyConstraints(%s), want %s", i+1, got, w)
			}
			if !a.Current || a.State != "live" {
				t.Errorf("press %d: applied to a track that is not the camera's live one (current %v, %s)",
					i+1, a.Current, a.State)
			}
		}
	})
	t.Run("no torch", func(t *testing.T) {
		ctx := browser(t, video(t, ""), "en-US")
		addScript(t, ctx, deviceHooks(false))
		open(t, ctx, srv.URL)
		until(t, ctx, camRunning, "camera never running")
		if n := eval[int](t, ctx, `document.querySelectorAll("#torch").length`); n != 0 {
			t.Errorf("torch button shown on a camera without a torch")
		}
		// The decision was made on the real capabilities.
		if c := eval[bool](t, ctx, `"torch" in __dev.tracks[0].getCapabilities()`); c {
			t.Fatalf("Chromium's fake camera now reports a torch: this case tests nothing")
		}
	})
}

// TestCameraSwitch: the switch button asks for the front camera, stops the
// rear one, scanning goes on with the new one, and the choice is kept
// across a reload (settings in localStorage); a second press goes back.
//
// Chromium's fake camera is a single device without facingMode, also with
// --use-fake-device-for-media-stream=device-count=2 when it plays a file
// (checked: enumerateDevices lists one camera, getCapabilities().facingMode
// is empty), so `ideal: "user"` gets the same file again: what is asserted
// is what the app asks the browser for and what it does with the result.
func TestCameraSwitch(t *testing.T) {
	srv := serve(t)
	ctx := browser(t, slowVideo(t, sample(t, "valid-vaccination").Text), "en-US")
	addScript(t, ctx, deviceHooks(false))
	open(t, ctx, srv.URL)
	if st := waitVerdict(t, ctx); st.Attr != "valid" {
		t.Fatalf("rear camera: verdict %q (%q), want valid", st.Attr, st.Reason)
	}
	d := readDev(t, ctx)
	if len(d.Gum) != 1 || facing(d.Gum[0]) != "environment" {
		t.Fatalf("first camera request %s, want one, facing environment", d.Gum)
	}

	if err := chromedp.Do(ctx, chromedp.Click("#verdict"), chromedp.WaitNotPresent("#verdict"),
		chromedp.Click("#switch-camera")); err != nil {
		t.Fatal(err)
	}
	until(t, ctx, `__dev.tracks.length === 2`, "no second camera after pressing switch")
	d = readDev(t, ctx)
	if len(d.Gum) != 2 || facing(d.Gum[1]) != "user" {
		t.Fatalf("camera requests after switch %s, want a second one facing user", d.Gum)
	}
	if d.Tracks[0] != "ended" || d.Tracks[1] != "live" {
		t.Errorf("tracks after switch %v, want the rear one ended and the front one live", d.Tracks)
	}
	until(t, ctx, camRunning, "the camera state does not return to running after the switch")
	if st := nextVerdict(t, ctx); st.Attr != "valid" {
		t.Fatalf("front camera: verdict %q (%q), want valid", st.Attr, st.Reason)
	}

	// Reload: the app starts on the front camera.
	if err := chromedp.Do(ctx, chromedp.Reload()); err != nil {
		t.Fatal(err)
	}
	until(t, ctx, `__dev.gum.length === 1`, "no camera request after reload")
	if d := readDev(t, ctx); facing(d.Gum[0]) != "user" {
		t.Fatalf("after reload the camera request is %s, want facing user (the saved choice)", d.Gum[0])
	}
	if f := eval[string](t, ctx, `JSON.parse(localStorage.getItem("passcheck.settings")).facing`); f != "user" {
		t.Errorf("saved facing %q, want user", f)
	}
	// Back to the rear camera.
	until(t, ctx, camRunning, "camera never running after reload")
	if eval[bool](t, ctx, `!!document.querySelector("#verdict")`) {
		if err := chromedp.Do(ctx, chromedp.Click("#verdict"), chromedp.WaitNotPresent("#verdict")); err != nil {
			t.Fatal(err)
		}
	}
	if err := chromedp.Do(ctx, chromedp.Click("#switch-camera")); err != nil {
		t.Fatal(err)
	}
	until(t, ctx, `__dev.gum.length === 2`, "no camera request after the second switch")
	if d := readDev(t, ctx); facing(d.Gum[1]) != "environment" {
		t.Errorf("second switch asked for %s, want facing environment", d.Gum[1])
	}
}

// appSwitch serves one go-app handler and can be switched to another: a
// deploy of a new app version behind the same site.
type appSwitch struct{ h atomic.Pointer[http.Handler] }

func (a *appSwitch) set(h http.Handler) { a.h.Store(&h) }

func (a *appSwitch) ServeHTTP(w http.ResponseWriter, r *http.Request) { (*a.h.Load()).ServeHTTP(w, r) }

// TestAppUpdate: the app was used once (service worker installed); a new
// version is deployed; the next start shows the non-blocking "Update
// available — reload" notice while the old version keeps scanning, and the
// notice reloads into the new version.
func TestAppUpdate(t *testing.T) {
	const next = "e2e-next-version"
	if env.version == next {
		t.Fatal("the build's version is the test's next version")
	}
	var apps appSwitch
	apps.set(passcheck.NewHandler(env.version))
	s, err := site.New(siteConfig(&apps, 5))
	if err != nil {
		t.Fatal(err)
	}
	s.Wait()
	srv := httptest.NewServer(s)
	t.Cleanup(srv.Close)

	ctx := browser(t, slowVideo(t, sample(t, "valid-vaccination").Text), "en-US")
	open(t, ctx, srv.URL)
	if st := waitVerdict(t, ctx); st.Attr != "valid" {
		t.Fatalf("first visit: verdict %q (%q), want valid", st.Attr, st.Reason)
	}
	waitOffline(t, ctx)
	version := `goappGetenv("GOAPP_VERSION")`

	// Deploy; the phone opens the app again (from its service worker).
	apps.set(passcheck.NewHandler(next))
	if err := chromedp.Do(ctx, chromedp.Reload()); err != nil {
		t.Fatal(err)
	}
	until(t, ctx, `!!document.querySelector("#update")`, "no update notice after a new version was deployed")
	if v := eval[string](t, ctx, version); v != env.version {
		t.Fatalf("page version %q before reloading, want the old %q", v, env.version)
	}
	if txt := eval[string](t, ctx, `document.querySelector("#update").textContent`); txt != "Update available — reload" {
		t.Errorf("update notice %q", txt)
	}
	// The notice appeared while the camera ran: the preview must still show it.
	if !eval[bool](t, ctx, `!!document.getElementById("pc-video")?.srcObject?.active`) {
		t.Errorf("the camera preview lost its stream when the update notice appeared")
	}
	// Non-blocking: the old version still scans with the notice shown.
	if st := nextVerdict(t, ctx); st.Attr != "valid" {
		t.Fatalf("with the update notice: verdict %q (%q), want valid", st.Attr, st.Reason)
	}
	if !eval[bool](t, ctx, `!!document.querySelector("#update")`) {
		t.Errorf("the update notice went away without a reload")
	}

	// The notice reloads into the new version, which scans too.
	if err := chromedp.Do(ctx, chromedp.Click("#verdict"), chromedp.WaitNotPresent("#verdict")); err != nil {
		t.Fatal(err)
	}
	eval[bool](t, ctx, `window.__oldPage = true`)
	if err := chromedp.Do(ctx, chromedp.Click("#update")); err != nil {
		t.Fatal(err)
	}
	// Polled from Go: a poll running in the page dies with the old page.
	for end := time.Now().Add(hangGuard); ; time.Sleep(100 * time.Millisecond) {
		done, err := chromedp.Run(ctx, chromedp.Evaluate[bool](
			`!window.__oldPage && document.readyState === "complete" && typeof goappGetenv === "function"`))
		if err == nil && done {
			break
		}
		if time.Now().After(end) {
			t.Fatalf("the update notice did not reload the page (last: %v)", err)
		}
	}
	if v := eval[string](t, ctx, version); v != next {
		t.Fatalf("after the update the page runs version %q, want %q", v, next)
	}
	if st := waitVerdict(t, ctx); st.Attr != "valid" {
		t.Fatalf("new version: verdict %q (%q), want valid", st.Attr, st.Reason)
	}
	if n := eval[int](t, ctx, `document.querySelectorAll("#update").length`); n != 0 {
		t.Errorf("the new version still shows an update notice")
	}
}

// Browsers for TestInstallIOS.
const (
	uaIPhone = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 " +
		"(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1"
	// iosStandalone is what an app started from the home screen sees on
	// iOS; displayStandalone, what an installed PWA sees elsewhere (CDP's
	// Emulation.setEmulatedMedia does not emulate display-mode: checked).
	iosStandalone     = `Object.defineProperty(Navigator.prototype, "standalone", { get: () => true, configurable: true });`
	displayStandalone = `(() => {
  const mm = window.matchMedia.bind(window);
  window.matchMedia = (q) => /display-mode:\s*standalone/.test(q)
    ? { matches: true, media: q, onchange: null, addEventListener() {}, removeEventListener() {},
        addListener() {}, removeListener() {}, dispatchEvent() { return false; } }
    : mm(q);
})();`
)

// TestInstallIOS: Safari on iOS has no install prompt, so the app tells
// the user how to add it to the home screen, in the page's language; a
// desktop Chromium does not get the instructions, and neither does the app
// once installed (started from the home screen).
func TestInstallIOS(t *testing.T) {
	srv := serve(t)
	for _, tc := range []struct {
		name, ua, lang string
		script         string // run in the page first
		installed      string // JS true when the script made the app look installed
		want           string // "": no instructions
	}{
		{"iphone en", uaIPhone, "en-US", "", "", "To install: tap Share, then “Add to Home Screen”."},
		{"iphone ko", uaIPhone, "ko-KR", "", "", "설치하려면 공유 버튼을 누른 뒤 “홈 화면에 추가”를 선택하세요."},
		{"desktop chromium", "", "en-US", "", "", ""},
		{"iphone home screen", uaIPhone, "en-US", iosStandalone, `navigator.standalone === true`, ""},
		{"iphone display-mode standalone", uaIPhone, "en-US", displayStandalone,
			`matchMedia("(display-mode: standalone)").matches`, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := browser(t, video(t, ""), tc.lang)
			if tc.ua != "" {
				if _, err := chromedp.Call(ctx, emulation.SetUserAgentOverride, emulation.SetUserAgentOverrideParams{
					UserAgent: tc.ua, AcceptLanguage: tc.lang, Platform: "iPhone"}); err != nil {
					t.Fatal(err)
				}
			}
			if tc.script != "" {
				addScript(t, ctx, tc.script)
			}
			open(t, ctx, srv.URL)
			// Mounted, with the install state read (OnMount).
			until(t, ctx, camRunning, "camera never running")
			ua := eval[string](t, ctx, `navigator.userAgent`)
			if tc.ua != "" && ua != tc.ua {
				t.Fatalf("user agent %q, want %q", ua, tc.ua)
			}
			if tc.installed != "" && !eval[bool](t, ctx, tc.installed) {
				t.Fatalf("%s is not true: the installed app is not faked", tc.installed)
			}
			got := eval[[]string](t, ctx, `[...document.querySelectorAll("#install-ios")].map((e) => e.textContent)`)
			if tc.want == "" {
				if len(got) != 0 {
					t.Errorf("install instructions shown: %q", got)
				}
				return
			}
			if len(got) != 1 || got[0] != tc.want {
				t.Errorf("install instructions %q, want %q", got, tc.want)
			}
			if lang := eval[string](t, ctx, `document.documentElement.lang`); !strings.HasPrefix(tc.lang, lang) {
				t.Errorf("page language %q, browser %q", lang, tc.lang)
			}
		})
	}
}
