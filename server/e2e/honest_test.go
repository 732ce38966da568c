package e2e

import (
	"context"
	"image"
	"image/color"
	"image/png"
	"net"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestInsecureContextCamera: the app loaded over plain HTTP from this
// machine's network address (as a phone on the LAN would load it) is not a
// secure context, so the browser offers no camera. The page says the camera
// needs HTTPS and how to get it, offers no Retry or Switch camera (neither
// can help), and keeps photo and paste working.
//
// Chromium counts every loopback address (127.0.0.0/8, so 127.0.0.2 too)
// and localhost as potentially trustworthy: only a non-loopback address
// shows the problem. Without one, a made-up host name resolved to loopback
// by the browser (--host-resolver-rules) is not trustworthy either.
func TestInsecureContextCamera(t *testing.T) {
	ip := lanIPv4()
	host := "passcheck-lan.test"
	var extra []chromedp.ExecAllocatorOption
	ln, err := net.Listen("tcp", net.JoinHostPort(ip, "0"))
	if ip == "" || err != nil {
		t.Logf("no usable network address (%q, %v): using %s mapped to loopback", ip, err, host)
		if ln, err = net.Listen("tcp", "127.0.0.1:0"); err != nil {
			t.Fatal(err)
		}
		extra = append(extra, chromedp.Flag("host-resolver-rules", "MAP "+host+" 127.0.0.1"))
	} else {
		host = ip
	}
	srv := httptest.NewUnstartedServer(newSite(t, 5))
	srv.Listener.Close()
	srv.Listener = ln
	srv.Start()
	t.Cleanup(srv.Close)
	_, port, _ := net.SplitHostPort(ln.Addr().String())
	url := "http://" + net.JoinHostPort(host, port) + "/"

	ctx := browser(t, video(t, ""), "en-US", extra...)
	open(t, ctx, url)
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](
		`document.querySelector("#camera")?.dataset.state === "insecure"`,
		chromedp.WithPollingTimeout(hangGuard))); err != nil {
		t.Fatalf("%s: no insecure-context message: %v (page %+v)", url, err, state(t, ctx))
	}
	got, err := chromedp.Run(ctx, chromedp.Evaluate[map[string]any](`({
		secure: window.isSecureContext,
		message: document.getElementById("camera-message").textContent,
		retry: !!document.getElementById("camera-retry"),
		switchCamera: !!document.getElementById("switch-camera"),
		photo: !!document.getElementById("photo"),
		paste: !!document.getElementById("paste-toggle"),
	})`))
	if err != nil {
		t.Fatal(err)
	}
	if got["secure"] != false {
		t.Fatalf("%s is a secure context here (%v): the test shows nothing", url, got["secure"])
	}
	if msg, _ := got["message"].(string); !contains(msg, "HTTPS", "--tls-cert", "--acme", "localhost") || contains(msg, "No camera") {
		t.Errorf("message %q", msg)
	}
	if got["retry"] != false || got["switchCamera"] != false || got["photo"] != true || got["paste"] != true {
		t.Errorf("buttons: %v", got)
	}
	screenshot(t, ctx, "camera-insecure.png")
	// Paste still verifies, over the same insecure page.
	if err := chromedp.Do(ctx,
		chromedp.Click("#paste-toggle"),
		chromedp.WaitVisible("#paste-text"),
		chromedp.SetValue("#paste-text", sample(t, "valid-vaccination").Text),
	); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.getElementById("paste-text").dispatchEvent(new Event("input", { bubbles: true }))`)); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Click("#paste-check")); err != nil {
		t.Fatal(err)
	}
	if st := waitVerdict(t, ctx); st.Attr != "valid" {
		t.Fatalf("pasted code: verdict %q (%q)", st.Attr, st.Reason)
	}
}

// lanIPv4 is this machine's first IPv4 address that is not loopback, or "".
func lanIPv4() string {
	addrs, _ := net.InterfaceAddrs()
	for _, a := range addrs {
		if n, ok := a.(*net.IPNet); ok && n.IP.To4() != nil && !n.IP.IsLoopback() && !n.IP.IsLinkLocalUnicast() {
			return n.IP.String()
		}
	}
	return ""
}

// englishWord is a run of Latin letters long enough to be an English word
// left behind (short tokens such as QR, EU, PCR, 2G are names, not text).
var englishWord = regexp.MustCompile(`[A-Za-z]{4,}`)

// namesInKorean are the Latin words that stay in Korean text: the app's
// command names in the HTTPS advice, and the DEMO marker of demo data.
var namesInKorean = map[string]bool{"HTTPS": true, "passcheck": true, "serve": true, "cert": true,
	"acme": true, "localhost": true, "http": true, "DEMO": true}

// TestLanguageSwitch: after "No QR code found in this picture", switching
// to Korean turns that note, and every other visible text, into Korean;
// Korean text breaks between words (word-break: keep-all). Back in English,
// the note follows again.
func TestLanguageSwitch(t *testing.T) {
	srv := serve(t)
	ctx := browser(t, video(t, ""), "en-US")
	open(t, ctx, srv.URL)
	waitReady(t, ctx)
	checkPolicyShown(t, ctx, "eu-3g", "Rules: EU 3G (vaccinated, tested or recovered)")
	blank := filepath.Join(t.TempDir(), "blank.png")
	if err := writeBlankPNG(blank); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.SetUploadFiles("#photo", []string{blank})); err != nil {
		t.Fatal(err)
	}
	waitText(t, ctx, "#input-note", "No QR code found in this picture")
	chooseLanguage(t, ctx, "ko")
	waitText(t, ctx, "#input-note", "이 사진에서 QR 코드를 찾지 못했습니다")
	waitText(t, ctx, "#policy-status", "적용 기준: EU 3G (접종·검사·완치)")
	visible, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.body.innerText`))
	if err != nil {
		t.Fatal(err)
	}
	var left []string
	for _, w := range englishWord.FindAllString(visible, -1) {
		if !namesInKorean[w] {
			left = append(left, w)
		}
	}
	if len(left) > 0 {
		t.Errorf("English left on the Korean screen: %v\n%s", left, visible)
	}
	wb, err := chromedp.Run(ctx, chromedp.Evaluate[string](`getComputedStyle(document.getElementById("input-note")).wordBreak`))
	if err != nil || wb != "keep-all" {
		t.Errorf("Korean word-break: %q (%v)", wb, err)
	}
	screenshot(t, ctx, "language-switch-ko.png")
	chooseLanguage(t, ctx, "en")
	waitText(t, ctx, "#input-note", "No QR code found in this picture")
	if wb, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`getComputedStyle(document.getElementById("input-note")).wordBreak`)); wb == "keep-all" {
		t.Errorf("English text keeps Korean word-break")
	}
}

// chooseLanguage picks a language in settings.
func chooseLanguage(t *testing.T, ctx context.Context, lang string) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.Click("#open-settings"), chromedp.WaitVisible("#set-lang")); err != nil {
		t.Fatal(err)
	}
	if ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(() => {
		const s = document.getElementById("set-lang");
		s.value = "`+lang+`";
		s.dispatchEvent(new Event("change", { bubbles: true }));
		return s.value === "`+lang+`";
	})()`)); err != nil || !ok {
		t.Fatalf("choosing %s: %v, %v", lang, ok, err)
	}
	if err := chromedp.Do(ctx, chromedp.Click("#settings-close"), chromedp.WaitNotPresent("#settings")); err != nil {
		t.Fatal(err)
	}
}

// waitText waits for the element's text to be want.
func waitText(t *testing.T, ctx context.Context, sel, want string) {
	t.Helper()
	js := `document.querySelector(` + strconvQuote(sel) + `)?.textContent === ` + strconvQuote(want)
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](js, chromedp.WithPollingTimeout(hangGuard))); err != nil {
		got, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector(`+strconvQuote(sel)+`)?.textContent || "(absent)"`))
		t.Fatalf("%s: %q, want %q (%v)", sel, got, want, err)
	}
}

func strconvQuote(s string) string { return strconv.Quote(s) }

// writeBlankPNG writes a grey picture without a code.
func writeBlankPNG(path string) error {
	img := image.NewGray(image.Rect(0, 0, 320, 240))
	for i := range img.Pix {
		img.Pix[i] = 200
	}
	img.SetGray(10, 10, color.Gray{Y: 0})
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := png.Encode(f, img); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
