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
	if !contains(st.Status, "Trust list: 1 keys") {
		t.Errorf("offline status line %q", st.Status)
	}
}
