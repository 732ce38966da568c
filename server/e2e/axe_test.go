package e2e

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// axeSource is testdata/axe/axe.min.js (axe-core, vendored: SOURCE.md).
var axeSource = sync.OnceValues(func() ([]byte, error) {
	return os.ReadFile(filepath.Join("testdata", "axe", "axe.min.js"))
})

// axeViolation is one rule axe-core found broken, with the elements.
type axeViolation struct {
	ID     string `json:"id"`
	Impact string `json:"impact"`
	Help   string `json:"help"`
	Nodes  []struct {
		Target  []any  `json:"target"`
		HTML    string `json:"html"`
		Summary string `json:"failureSummary"`
	} `json:"nodes"`
}

// checkAxe runs axe-core on the page as it is and fails on any violation of
// impact serious or critical (what blocks or badly hinders a user of
// assistive technology); lesser ones are logged. The page's CSP allows no
// script from the tests, so axe is evaluated through the DevTools protocol
// (Runtime.evaluate), which the page's CSP does not govern.
func checkAxe(t *testing.T, ctx context.Context, screen string) {
	t.Helper()
	src, err := axeSource()
	if err != nil {
		t.Fatalf("axe-core: %v", err)
	}
	if !eval[bool](t, ctx, `typeof window.axe === "object"`) {
		if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](string(src)+"\n;typeof window.axe === \"object\"")); err != nil {
			t.Fatalf("injecting axe-core: %v", err)
		}
	}
	vs, err := chromedp.Run(ctx, chromedp.Evaluate[[]axeViolation](
		`axe.run(document, { resultTypes: ["violations"] }).then((r) => r.violations)`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("%s: running axe-core: %v", screen, err)
	}
	for _, v := range vs {
		var nodes []string
		for _, n := range v.Nodes {
			nodes = append(nodes, n.HTML+" ("+strings.ReplaceAll(n.Summary, "\n", " ")+")")
		}
		msg := screen + ": axe " + v.Impact + " " + v.ID + ": " + v.Help + ": " + strings.Join(nodes, "; ")
		if v.Impact == "serious" || v.Impact == "critical" {
			t.Error(msg)
		} else {
			t.Log(msg)
		}
	}
}

// TestScreens runs axe-core on every screen (scanner, offline scanner,
// settings, and the three verdicts) in English and Korean, and writes the
// screenshots in docs/screenshots (PASSCHECK_UPDATE_SCREENSHOTS=1). The
// verdict screens run their auto-return (60 s here, so that a loaded
// machine does not see them go), to show its countdown.
func TestScreens(t *testing.T) {
	srv := serve(t)
	for _, lang := range []struct{ code, browser, suffix string }{
		{"en", "en-US", ""},
		{"ko", "ko-KR", "-ko"},
	} {
		t.Run(lang.code, func(t *testing.T) {
			ctx := browser(t, video(t, ""), lang.browser)
			addScript(t, ctx, autoReturnScript(60))
			open(t, ctx, srv.URL)
			until(t, ctx, camRunning, "camera never running")
			checkAxe(t, ctx, "scanner")
			screenshot(t, ctx, "scanner"+lang.suffix+".png")

			setOffline(t, ctx, true)
			until(t, ctx, `!!document.querySelector("#offline")`, "no offline indicator")
			checkAxe(t, ctx, "scanner, offline")
			screenshot(t, ctx, "scanner-offline"+lang.suffix+".png")
			setOffline(t, ctx, false)
			until(t, ctx, `!document.querySelector("#offline")`, "offline indicator stays online")

			if err := chromedp.Do(ctx, chromedp.Click("#open-settings"), chromedp.WaitVisible("#set-policy")); err != nil {
				t.Fatal(err)
			}
			checkAxe(t, ctx, "settings")
			screenshot(t, ctx, "settings"+lang.suffix+".png")
			if err := chromedp.Do(ctx, chromedp.Click("#settings-close"), chromedp.WaitNotPresent("#settings")); err != nil {
				t.Fatal(err)
			}

			for _, v := range []struct{ sample, attr, file string }{
				{"valid-vaccination", "valid", "verdict-valid"},
				{"expired", "invalid", "verdict-invalid"},
				{"unknown-issuer", "cannot-verify", "verdict-cannot-verify"},
			} {
				if err := chromedp.Do(ctx, chromedp.KeyEvent(sample(t, v.sample).Text+"\r")); err != nil {
					t.Fatal(err)
				}
				st := waitVerdict(t, ctx)
				if st.Attr != v.attr {
					t.Fatalf("%s: verdict %q (%q), want %s", v.sample, st.Attr, st.Reason, v.attr)
				}
				// The screenshot shows the bar partly run down, as staff see it.
				until(t, ctx, `(() => {
					const c = document.querySelector("#verdict-countdown"), b = c && c.querySelector(".pc-countdown-bar");
					return !!b && b.getBoundingClientRect().width < 0.95 * c.getBoundingClientRect().width;
				})()`, "no countdown running")
				checkAxe(t, ctx, "verdict "+v.attr)
				screenshot(t, ctx, v.file+lang.suffix+".png")
				if err := chromedp.Do(ctx, chromedp.Click("#verdict"), chromedp.WaitNotPresent("#verdict")); err != nil {
					t.Fatal(err)
				}
			}
		})
	}
}

// autoReturnScript saves settings with the verdict screen's auto-return set
// to s seconds, before the app (and instrument, which then keeps them)
// reads them.
func autoReturnScript(s int) string {
	return `try { localStorage.setItem("passcheck.settings", JSON.stringify(
  { v: 1, sound: true, vibrate: true, autoReturn: ` + strconv.Itoa(s) + `, facing: "environment", lang: "", policy: "" })); } catch (e) {}`
}

// setOffline takes the tab off the network or back on: navigator.onLine
// and its online/offline events (Network.overrideNetworkState), and every
// request failing as without a connection (a global rule of
// Network.emulateNetworkConditionsByRule).
func setOffline(t *testing.T, ctx context.Context, off bool) {
	t.Helper()
	if _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{}); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(ctx, network.EmulateNetworkConditionsByRule, network.EmulateNetworkConditionsByRuleParams{
		MatchedNetworkConditions: []*network.Conditions{{Offline: off, DownloadThroughput: -1, UploadThroughput: -1}},
	}); err != nil {
		t.Fatalf("emulating offline=%v: %v", off, err)
	}
	if _, err := chromedp.Call(ctx, network.OverrideNetworkState, network.OverrideNetworkStateParams{
		Offline: off, DownloadThroughput: -1, UploadThroughput: -1,
	}); err != nil {
		t.Fatalf("navigator.onLine=%v: %v", !off, err)
	}
}
