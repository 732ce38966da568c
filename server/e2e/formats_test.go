package e2e

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"passcheck/server/demo"
)

// formatSamples issues the SMART Health Card and NZ COVID Pass demo
// samples with the demo keys the e2e bundle trusts.
func formatSamples(t *testing.T) map[string]demo.Sample {
	t.Helper()
	ss, err := env.data.FormatSamples(time.Now())
	if err != nil {
		t.Fatal(err)
	}
	m := map[string]demo.Sample{}
	for _, s := range ss {
		m[s.Name] = s
	}
	return m
}

// pasteText puts text in the paste form and presses Check.
func pasteText(t *testing.T, ctx context.Context, text string) {
	t.Helper()
	js := `(() => {
		if (!document.getElementById("paste-text")) document.getElementById("paste-toggle").click();
		return !!document.getElementById("paste-text");
	})()`
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](js, chromedp.WithPollingTimeout(hangGuard))); err != nil {
		t.Fatalf("no paste form: %v", err)
	}
	set := `(() => {
		const e = document.getElementById("paste-text");
		e.value = ` + strconv.Quote(text) + `;
		e.dispatchEvent(new Event("input", { bubbles: true }));
		return true;
	})()`
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](set)); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Click("#paste-check")); err != nil {
		t.Fatal(err)
	}
}

// verdictText is what the verdict screen says beyond pageState: the
// format line and the policy line.
func verdictText(t *testing.T, ctx context.Context, sel string) string {
	t.Helper()
	s, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(document.querySelector(`+strconv.Quote(sel)+`) || {}).textContent || ""`))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// pasteVerdict pastes text and waits for a new verdict screen.
func pasteVerdict(t *testing.T, ctx context.Context, text string) pageState {
	t.Helper()
	before := state(t, ctx).Verdict
	pasteText(t, ctx, text)
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](
		`!!document.querySelector("[data-verdict]") && performance.getEntriesByName("passcheck:verdict").slice(-1)[0].startTime > `+
			strconv.FormatFloat(before, 'f', -1, 64),
		chromedp.WithPollingTimeout(hangGuard), chromedp.WithPollingInterval(20*time.Millisecond))); err != nil {
		t.Fatalf("no verdict shown: %v (page: %+v)", err, state(t, ctx))
	}
	return state(t, ctx)
}

func closeVerdict(t *testing.T, ctx context.Context) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.Click("#verdict")); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`!document.querySelector("#verdict")`,
		chromedp.WithPollingTimeout(hangGuard))); err != nil {
		t.Fatal("the verdict screen did not close")
	}
}

// TestPasteFormats: an SMART Health Card, a chunked one (its three codes
// in turn, out of order, with the progress shown between and no verdict
// before the last), and the NZ COVID Pass samples reach their verdicts,
// with the format, issuer, holder and the policy check on the screen.
func TestPasteFormats(t *testing.T) {
	fs := formatSamples(t)
	srv := serve(t)
	ctx := browser(t, video(t, ""), "en-US")
	open(t, ctx, srv.URL)
	waitReady(t, ctx)

	st := pasteVerdict(t, ctx, fs["shc-valid"].Text)
	if st.Attr != "valid" || !contains(st.Name, "Valid Card DEMO") || !contains(st.Summary, "2 doses completed", "Pfizer-BioNTech") {
		t.Errorf("shc-valid: %q (%q), holder %q, summary %q", st.Attr, st.Reason, st.Name, st.Summary)
	}
	if f := verdictText(t, ctx, "#verdict-format"); f != "SMART Health Card — Passcheck DEMO SMART issuer" {
		t.Errorf("shc-valid: format line %q", f)
	}
	if a := verdictText(t, ctx, "#verdict-applied"); !contains(a, "completed vaccination") {
		t.Errorf("shc-valid: policy line %q", a)
	}
	screenshot(t, ctx, "verdict-shc.png")
	closeVerdict(t, ctx)

	for i, n := range []string{"shc-chunked-2", "shc-chunked-3"} {
		pasteText(t, ctx, fs[n].Text)
		want := strconv.Itoa(i+1) + " of 3 scanned"
		if _, err := chromedp.Run(ctx, chromedp.Poll[bool](
			`(document.querySelector("#chunk-progress") || {}).textContent?.startsWith(`+strconv.Quote(want)+`) || false`,
			chromedp.WithPollingTimeout(hangGuard), chromedp.WithPollingInterval(20*time.Millisecond))); err != nil {
			t.Fatalf("%s: no %q: %v (page %+v, progress %q)", n, want, err, state(t, ctx), verdictText(t, ctx, "#chunk-progress"))
		}
		if st := state(t, ctx); st.Attr != "" {
			t.Fatalf("%s: a verdict (%q) before the card is complete", n, st.Attr)
		}
	}
	st = pasteVerdict(t, ctx, fs["shc-chunked-1"].Text)
	if st.Attr != "valid" || !contains(st.Name, "Chunked Card DEMO") || !contains(st.Summary, "42 doses completed") {
		t.Errorf("chunked card: %q (%q), holder %q, summary %q", st.Attr, st.Reason, st.Name, st.Summary)
	}
	if p := verdictText(t, ctx, "#chunk-progress"); p != "" {
		t.Errorf("progress %q still shown with the verdict", p)
	}
	closeVerdict(t, ctx)

	for _, c := range []struct{ name, attr, reason, format string }{
		{"nzcp-valid", "valid", "Genuine", "NZ COVID Pass — Passcheck DEMO NZCP issuer"},
		{"nzcp-expired", "invalid", "expired", "NZ COVID Pass"},
		{"shc-bad-signature", "invalid", "Signature does not match", "SMART Health Card"},
		{"shc-unknown-issuer", "cannot-verify", "Issuer not in trust list", "SMART Health Card"},
	} {
		st := pasteVerdict(t, ctx, fs[c.name].Text)
		f := verdictText(t, ctx, "#verdict-format")
		if st.Attr != c.attr || !contains(st.Reason, c.reason) || f != c.format {
			t.Errorf("%s: %q (%q), format %q; want %q (%q), %q", c.name, st.Attr, st.Reason, f, c.attr, c.reason, c.format)
		}
		closeVerdict(t, ctx)
	}
	st = pasteVerdict(t, ctx, "https://example.com/not-a-pass")
	if st.Attr != "invalid" && st.Attr != "cannot-verify" || !contains(st.Reason, "Not a health certificate") {
		t.Errorf("unknown text: %q (%q)", st.Attr, st.Reason)
	}
}

// TestScanNZCPKorean: an NZ COVID Pass through the fake camera, on a
// Korean browser.
func TestScanNZCPKorean(t *testing.T) {
	fs := formatSamples(t)
	srv := serve(t)
	ctx := browser(t, video(t, fs["nzcp-valid"].Text), "ko-KR")
	open(t, ctx, srv.URL)
	st := waitVerdict(t, ctx)
	f := verdictText(t, ctx, "#verdict-format")
	if st.Attr != "valid" || st.Word != "유효" || !contains(st.Name, "Valid Pass DEMO") || f != "뉴질랜드 코로나19 패스 — Passcheck DEMO NZCP issuer" {
		t.Fatalf("verdict %q %q, holder %q, format %q; want a valid NZ COVID Pass in Korean", st.Attr, st.Word, st.Name, f)
	}
	if a := verdictText(t, ctx, "#verdict-applied"); !contains(a, "적용 기준", "서명만 확인") {
		t.Errorf("policy line %q", a)
	}
	screenshot(t, ctx, "verdict-nzcp-ko.png")
}

// TestScanChunkProgress: one code of a chunked SMART card in front of the
// camera shows "1 of 3 scanned", and no verdict.
func TestScanChunkProgress(t *testing.T) {
	fs := formatSamples(t)
	srv := serve(t)
	ctx := browser(t, video(t, fs["shc-chunked-2"].Text), "en-US")
	open(t, ctx, srv.URL)
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](
		`(document.querySelector("#chunk-progress") || {}).textContent?.startsWith("1 of 3 scanned") || false`,
		chromedp.WithPollingTimeout(hangGuard), chromedp.WithPollingInterval(20*time.Millisecond))); err != nil {
		t.Fatalf("no progress: %v (page %+v)", err, state(t, ctx))
	}
	if st := state(t, ctx); st.Attr != "" || !contains(st.Live, "1 of 3 scanned") {
		t.Errorf("verdict %q, announced %q; want no verdict, the progress announced", st.Attr, st.Live)
	}
}
