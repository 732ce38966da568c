package e2e

import (
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestPhotoUpload: "scan from photo" with a picture of a valid code, on a
// camera that shows nothing.
func TestPhotoUpload(t *testing.T) {
	srv := serve(t)
	ctx := browser(t, video(t, ""), "en-US")
	open(t, ctx, srv.URL)
	waitReady(t, ctx)
	photo := filepath.Join(t.TempDir(), "photo.png")
	if err := writePNG(photo, sample(t, "valid-test").Text); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.SetUploadFiles("#photo", []string{photo})); err != nil {
		t.Fatal(err)
	}
	st := waitVerdict(t, ctx)
	if st.Attr != "valid" || !contains(st.Summary, "Test", "PCR test", "negative") {
		t.Fatalf("verdict %q (%q), summary %q; want a valid PCR test", st.Attr, st.Reason, st.Summary)
	}
}

// TestKeyboardWedge: a hardware scanner "types" the code fast and presses
// Enter, with the focus anywhere on the page.
func TestKeyboardWedge(t *testing.T) {
	srv := serve(t)
	ctx := browser(t, video(t, ""), "en-US")
	open(t, ctx, srv.URL)
	waitReady(t, ctx)
	if err := chromedp.Do(ctx, chromedp.KeyEvent(sample(t, "revoked").Text+"\r")); err != nil {
		t.Fatal(err)
	}
	st := waitVerdict(t, ctx)
	if st.Attr != "invalid" || !contains(st.Reason, "revoked") {
		t.Fatalf("verdict %q, reason %q; want invalid, revoked", st.Attr, st.Reason)
	}
}

// TestOffline: after one visit the app starts and verifies with the server
// gone (service worker + persisted trust bundle).
func TestOffline(t *testing.T) {
	srv := serve(t)
	ctx := browser(t, video(t, sample(t, "valid-recovery").Text), "en-US")
	open(t, ctx, srv.URL)
	if st := waitVerdict(t, ctx); st.Attr != "valid" {
		t.Fatalf("online verdict %q (%q), want valid", st.Attr, st.Reason)
	}
	waitOffline(t, ctx)
	srv.Close()
	if err := chromedp.Do(ctx, chromedp.Reload()); err != nil {
		t.Fatal(err)
	}
	st := waitVerdict(t, ctx)
	if st.Attr != "valid" || !contains(st.Summary, "Recovery") {
		t.Fatalf("offline verdict %q (%q), summary %q; want valid recovery", st.Attr, st.Reason, st.Summary)
	}
	if !contains(st.Status, "Trust list: 1 key · updated") {
		t.Errorf("offline status line %q", st.Status)
	}
}

// TestCameraDenied: when the camera permission is refused, the page says so
// and offers a retry; the other inputs still work.
func TestCameraDenied(t *testing.T) {
	srv := serve(t)
	ctx := browser(t, "", "en-US",
		chromedp.Flag("use-fake-ui-for-media-stream", false),
		chromedp.Flag("deny-permission-prompts", true))
	open(t, ctx, srv.URL)
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](
		`document.querySelector("#camera")?.dataset.state === "denied" && !!document.querySelector("#camera-retry")`,
		chromedp.WithPollingTimeout(hangGuard))); err != nil {
		t.Fatalf("no denied-camera message: %v (page %+v)", err, state(t, ctx))
	}
	msg, err := chromedp.Run(ctx, chromedp.Text("#camera-message"))
	if err != nil || !contains(msg, "Camera access was denied") {
		t.Errorf("message %q (%v)", msg, err)
	}
	screenshot(t, ctx, "camera-denied.png")
	// Paste still works.
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
