package e2e

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// TestVerdictScreenPolish: with an auto-return set, the verdict screen shows
// a bar that shrinks as the time runs out, next to "tap to scan the next
// code"; the name is set large, the machine-readable name of a Latin name
// is not shown, and a test result gives its sample time with zone and age.
func TestVerdictScreenPolish(t *testing.T) {
	srv := serve(t)
	ctx := browser(t, video(t, ""), "en-US")
	addScript(t, ctx, autoReturnScript(60))
	open(t, ctx, srv.URL)
	until(t, ctx, camRunning, "camera never running")
	if err := chromedp.Do(ctx, chromedp.KeyEvent(sample(t, "valid-test").Text+"\r")); err != nil {
		t.Fatal(err)
	}
	st := waitVerdict(t, ctx)
	if st.Attr != "valid" {
		t.Fatalf("verdict %q (%q), want valid", st.Attr, st.Reason)
	}
	type bar struct {
		Seconds  string  `json:"seconds"`
		Full     float64 `json:"full"`
		Width    float64 `json:"width"`
		Tap      string  `json:"tap"`
		Name     float64 `json:"name"`
		Translit int     `json:"translit"`
	}
	const read = `(() => {
		const c = document.querySelector("#verdict-countdown"), b = c && c.querySelector(".pc-countdown-bar");
		return { seconds: c ? c.dataset.seconds : "", full: c ? c.getBoundingClientRect().width : 0,
			width: b ? b.getBoundingClientRect().width : 0,
			tap: document.querySelector(".pc-verdict-tap")?.textContent || "",
			name: parseFloat(getComputedStyle(document.querySelector("#holder-name")).fontSize),
			translit: document.querySelectorAll("#verdict .pc-holder-translit").length };
	})()`
	b := eval[bar](t, ctx, read)
	if b.Seconds != "60" || b.Full < 200 || b.Width <= 0 || b.Width > b.Full {
		t.Fatalf("countdown %+v: want a bar for 60 s, 200 px wide or more", b)
	}
	if b.Tap != "Tap to scan the next code" {
		t.Errorf("tap line %q", b.Tap)
	}
	if b.Name < 28 {
		t.Errorf("name set at %.0f px, want 28 or more", b.Name)
	}
	if b.Translit != 0 {
		t.Errorf("machine-readable name shown under a Latin name")
	}
	// The bar shrinks: a later width, whenever it comes, is smaller.
	until(t, ctx, fmt.Sprintf(`(() => {
		const b = document.querySelector("#verdict-countdown .pc-countdown-bar");
		return !!b && b.getBoundingClientRect().width < %f - 2;
	})()`, b.Width), "the countdown bar does not shrink")
	// The demo test was sampled 6 h before the demo data was made.
	sampled := regexp.MustCompile(`Sample taken \d{4}-\d\d-\d\d \d\d:\d\d UTC([+-]\d\d:\d\d)? \((6|7) h ago\)`)
	if !sampled.MatchString(st.Summary) {
		t.Errorf("summary %q lacks the sample time with zone and age", st.Summary)
	}
	if err := chromedp.Do(ctx, chromedp.Click("#verdict"), chromedp.WaitNotPresent("#verdict")); err != nil {
		t.Fatal(err)
	}
}

// TestOfflineIndicator: the scanner says when the device is offline: on
// the offline event, and at start when it starts offline (from the service
// worker's cache); back online, the notice goes. With the server stopped
// (the device online), the reloaded app says the server is unreachable.
func TestOfflineIndicator(t *testing.T) {
	srv := serve(t)
	ctx := browser(t, video(t, ""), "en-US")
	open(t, ctx, srv.URL)
	until(t, ctx, camRunning, "camera never running")
	if eval[bool](t, ctx, `!!document.querySelector("#offline")`) {
		t.Fatal("offline indicator shown while online")
	}
	waitOffline(t, ctx)
	setOffline(t, ctx, true)
	until(t, ctx, `document.querySelector("#offline")?.textContent === "Offline — checks still run on this device"`,
		"no offline indicator after going offline")
	if err := chromedp.Do(ctx, chromedp.Reload()); err != nil {
		t.Fatal(err)
	}
	until(t, ctx, camRunning+` && !navigator.onLine`, "the app did not start offline")
	if !eval[bool](t, ctx, `!!document.querySelector("#offline")`) {
		t.Error("no offline indicator on a start offline")
	}
	setOffline(t, ctx, false)
	until(t, ctx, `!document.querySelector("#offline")`, "the offline indicator stays back online")
	// The server down, the network up: the app starts from the service
	// worker's cache and says the server does not answer.
	srv.Close()
	reloadMounted(t, ctx)
	until(t, ctx, `navigator.onLine && document.querySelector("#offline")?.textContent === "Server unreachable — checks still run on this device"`,
		"no notice with the server stopped")
}

// TestNoticesDismissed: the install notice (Chromium's prompt) and the iOS
// instructions each go when dismissed, and stay gone after a reload.
func TestNoticesDismissed(t *testing.T) {
	srv := serve(t)
	t.Run("install", func(t *testing.T) {
		ctx := browser(t, video(t, ""), "en-US")
		open(t, ctx, srv.URL)
		until(t, ctx, camRunning, "camera never running")
		// What Chromium fires when the app may be installed (app.js keeps
		// it for the prompt).
		const offer = `window.dispatchEvent(new Event("beforeinstallprompt")), true`
		eval[bool](t, ctx, offer)
		until(t, ctx, `!!document.querySelector("#install")`, "no install notice")
		dismiss(t, ctx, "#install-dismiss", "#install")
		reloadMounted(t, ctx)
		eval[bool](t, ctx, offer)
		checkGone(t, ctx, "#install")
	})
	t.Run("ios", func(t *testing.T) {
		ctx := browser(t, video(t, ""), "en-US")
		if _, err := chromedp.Call(ctx, emulation.SetUserAgentOverride, emulation.SetUserAgentOverrideParams{
			UserAgent: uaIPhone, AcceptLanguage: "en-US", Platform: "iPhone"}); err != nil {
			t.Fatal(err)
		}
		open(t, ctx, srv.URL)
		until(t, ctx, camRunning, "camera never running")
		until(t, ctx, `!!document.querySelector("#install-ios")`, "no iOS instructions")
		dismiss(t, ctx, "#install-ios-dismiss", "#install-ios")
		reloadMounted(t, ctx)
		checkGone(t, ctx, "#install-ios")
	})
}

func dismiss(t *testing.T, ctx context.Context, button, notice string) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.Click(button), chromedp.WaitNotPresent(notice)); err != nil {
		t.Fatalf("dismissing %s: %v", notice, err)
	}
}

// reloadMounted reloads the page and waits for the app to run again.
func reloadMounted(t *testing.T, ctx context.Context) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.Reload()); err != nil {
		t.Fatal(err)
	}
	until(t, ctx, camRunning, "camera never running after the reload")
}

// checkGone asserts that notice is not shown once the app has handled
// what it was sent before: opening the settings is handled after it (one
// event loop, in order), so with the settings open, the notice would be
// there.
func checkGone(t *testing.T, ctx context.Context, notice string) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.Click("#open-settings"), chromedp.WaitVisible("#settings")); err != nil {
		t.Fatal(err)
	}
	if eval[bool](t, ctx, `!!document.querySelector("`+notice+`")`) {
		t.Errorf("%s shown again after it was dismissed and the page reloaded", notice)
	}
	if err := chromedp.Do(ctx, chromedp.Click("#settings-close"), chromedp.WaitNotPresent("#settings")); err != nil {
		t.Fatal(err)
	}
}

// TestPasteOnlySpaces: checking a paste of nothing but white space says
// there is nothing to check, sends nothing to be checked, and the note
// goes once something is typed. "Scan from photo" and "Paste code" are set
// in the same type.
func TestPasteOnlySpaces(t *testing.T) {
	srv := serve(t)
	ctx := browser(t, video(t, ""), "en-US")
	open(t, ctx, srv.URL)
	until(t, ctx, camRunning, "camera never running")
	fonts := eval[[]string](t, ctx, `["#photo-label", "#paste-toggle"].map((s) => {
		const c = getComputedStyle(document.querySelector(s));
		return c.fontSize + " " + c.fontWeight + " " + c.fontFamily;
	})`)
	if len(fonts) != 2 || fonts[0] != fonts[1] {
		t.Errorf("photo and paste buttons in different type: %q", fonts)
	}
	if err := chromedp.Do(ctx, chromedp.Click("#paste-toggle"), chromedp.WaitVisible("#paste-text")); err != nil {
		t.Fatal(err)
	}
	typeInto(t, ctx, "#paste-text", "   \n\t  \u00a0 ")
	if err := chromedp.Do(ctx, chromedp.Click("#paste-check")); err != nil {
		t.Fatal(err)
	}
	until(t, ctx, `document.querySelector("#input-note")?.textContent.startsWith("Nothing to check")`, "no note for an empty paste")
	if n := eval[int](t, ctx, `__pc.worker.posted.text || 0`); n != 0 || eval[bool](t, ctx, `!!document.querySelector("[data-verdict]")`) {
		t.Errorf("an empty paste was checked (%d texts posted)", n)
	}
	typeInto(t, ctx, "#paste-text", "HC1:")
	until(t, ctx, `!document.querySelector("#input-note")`, "the note stays after typing")
}

// typeInto sets a field's value as typing would (an input event).
func typeInto(t *testing.T, ctx context.Context, sel, text string) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.SetValue(sel, text)); err != nil {
		t.Fatal(err)
	}
	eval[bool](t, ctx, `document.querySelector("`+sel+`").dispatchEvent(new Event("input", { bubbles: true }))`)
}

// rect is a DOMRect, read back.
type rect struct {
	L, T, R, B float64
}

func (r rect) String() string { return fmt.Sprintf("(%.0f,%.0f)-(%.0f,%.0f)", r.L, r.T, r.R, r.B) }
func (r rect) empty() bool    { return r.R <= r.L || r.B <= r.T }

// overlaps reports whether r and o share any area.
func (r rect) overlaps(o rect) bool {
	return !r.empty() && !o.empty() && r.L < o.R && o.L < r.R && r.T < o.B && o.T < r.B
}

// inside reports whether r lies within o.
func (r rect) inside(o rect) bool { return r.L >= o.L && r.R <= o.R && r.T >= o.T && r.B <= o.B }

// cameraRects reads the boxes of the camera section and of what is drawn
// over it: the frame (its outline is drawn inside its box), the message,
// and the buttons (switch camera, retry). Missing or hidden: empty.
const cameraRects = `(() => {
	const r = (s) => {
		const e = document.querySelector(s);
		if (!e || !e.getClientRects().length) return null;
		const b = e.getBoundingClientRect();
		return { L: b.left, T: b.top, R: b.right, B: b.bottom };
	};
	return { state: document.querySelector("#camera")?.dataset.state || "", camera: r("#camera"), frame: r(".pc-frame"),
		message: r("#camera-message"), text: document.querySelector("#camera-message")?.textContent || "",
		buttons: [r("#switch-camera"), r("#camera-retry"), r("#torch")].filter((x) => x) };
})()`

type cameraLayout struct {
	State   string `json:"state"`
	Camera  *rect  `json:"camera"`
	Frame   *rect  `json:"frame"`
	Message *rect  `json:"message"`
	Text    string `json:"text"`
	Buttons []rect `json:"buttons"`
}

// check returns what is wrong with the layout: the frame (when shown)
// overlapped by the message or a button, or any of them outside the camera
// section, or the message on a button.
func (l cameraLayout) check(wantFrame bool) []string {
	var bad []string
	if l.Camera == nil || l.Message == nil {
		return []string{"no camera section or no message"}
	}
	if wantFrame && (l.Frame == nil || l.Frame.R-l.Frame.L < 100 || !l.Frame.inside(*l.Camera)) {
		bad = append(bad, fmt.Sprintf("frame %v: want one at least 100 px wide, inside the camera section %v", l.Frame, *l.Camera))
	}
	if !wantFrame && l.Frame != nil {
		bad = append(bad, fmt.Sprintf("frame %v shown with no camera running", l.Frame))
	}
	parts := append([]rect{*l.Message}, l.Buttons...)
	for i, p := range parts {
		name := "message"
		if i > 0 {
			name = fmt.Sprintf("button %d", i)
		}
		if l.Frame != nil && p.overlaps(*l.Frame) {
			bad = append(bad, fmt.Sprintf("%s %v on the frame %v", name, p, *l.Frame))
		}
		if !p.inside(*l.Camera) {
			bad = append(bad, fmt.Sprintf("%s %v outside the camera section %v", name, p, *l.Camera))
		}
		if i > 0 && p.overlaps(*l.Message) {
			bad = append(bad, fmt.Sprintf("%s %v on the message %v", name, p, *l.Message))
		}
	}
	return bad
}

// layoutSizes are a phone, a small phone and a desktop window.
var layoutSizes = []struct {
	name   string
	w, h   int64
	mobile bool
}{
	{"phone 390x844", 390, 844, true},
	{"small phone 400x600", 400, 600, true},
	{"phone landscape 844x390", 844, 390, true},
	{"desktop 1280x800", 1280, 800, false},
}

// checkCameraLayout checks the camera section at each size, with the paste
// box closed and open, in the camera's current state.
func checkCameraLayout(t *testing.T, ctx context.Context, state string, wantFrame bool) {
	t.Helper()
	for _, sz := range layoutSizes {
		for _, paste := range []bool{false, true} {
			opts := []chromedp.EmulateViewportOption{}
			if sz.mobile {
				opts = append(opts, chromedp.EmulateMobile)
			}
			if err := chromedp.Do(ctx, chromedp.EmulateViewport(sz.w, sz.h, opts...)); err != nil {
				t.Fatal(err)
			}
			if open := eval[bool](t, ctx, `!!document.querySelector("#paste-text")`); open != paste {
				if err := chromedp.Do(ctx, chromedp.Click("#paste-toggle")); err != nil {
					t.Fatal(err)
				}
				until(t, ctx, fmt.Sprintf(`!!document.querySelector("#paste-text") === %v`, paste), "paste box did not toggle")
			}
			l, err := chromedp.Run(ctx, chromedp.Evaluate[cameraLayout](
				`new Promise((ok) => requestAnimationFrame(() => ok(`+cameraRects+`)))`, chromedp.EvalAwaitPromise))
			if err != nil {
				t.Fatal(err)
			}
			if l.State != state {
				t.Fatalf("camera state %q, want %q", l.State, state)
			}
			if bad := l.check(wantFrame); len(bad) > 0 {
				t.Errorf("%s, paste box open %v, %s (%q): %s", sz.name, paste, state, l.Text, strings.Join(bad, "; "))
			}
		}
	}
}

// TestCameraLayout: the camera's message ("Hold the QR code inside the
// frame", "Starting camera…", camera denied) and its buttons never sit on
// the scan frame's outline, on a phone, a small phone, a phone held
// sideways and a desktop window, with the paste box closed and open.
func TestCameraLayout(t *testing.T) {
	srv := serve(t)
	t.Run("running", func(t *testing.T) {
		ctx := browser(t, video(t, ""), "en-US")
		open(t, ctx, srv.URL)
		until(t, ctx, camRunning, "camera never running")
		checkCameraLayout(t, ctx, "running", true)
	})
	t.Run("starting", func(t *testing.T) {
		ctx := browser(t, video(t, ""), "en-US")
		// A camera that never answers: the app stays at "Starting camera…".
		addScript(t, ctx, `navigator.mediaDevices.getUserMedia = () => { window.__asked = true; return new Promise(() => {}); };`)
		open(t, ctx, srv.URL)
		until(t, ctx, `document.querySelector("#camera")?.dataset.state === "starting" && !!document.querySelector("#switch-camera")`+
			` && window.__asked === true`, "camera not starting")
		checkCameraLayout(t, ctx, "starting", true)
	})
	t.Run("denied", func(t *testing.T) {
		ctx := browser(t, "", "en-US",
			chromedp.Flag("use-fake-ui-for-media-stream", false),
			chromedp.Flag("deny-permission-prompts", true))
		open(t, ctx, srv.URL)
		until(t, ctx, `document.querySelector("#camera")?.dataset.state === "denied" && !!document.querySelector("#camera-retry")`,
			"no denied-camera message")
		checkCameraLayout(t, ctx, "denied", false)
	})
}
