package e2e

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"passcheck/server/demo"
)

// TestPolicySwitch: the venue policy in force is named on the scanner's
// status line and selected in settings, and it is the one applied. A fresh
// profile (no policy chosen: the tests' seeded settings leave it unset, as
// on a new device) runs the demo bundle's default, EU 3G, which admits the
// demo PCR test. Choosing 2G changes the label and refuses the same code,
// with the failed rule listed; choosing "Signature only (no venue rules)"
// changes both again.
func TestPolicySwitch(t *testing.T) {
	if demo.DefaultPolicy != "eu-3g" {
		t.Fatalf("the demo bundle's default is %q; this test expects eu-3g", demo.DefaultPolicy)
	}
	srv := serve(t)
	text := sample(t, "valid-test").Text
	ctx := browser(t, video(t, text), "en-US")
	open(t, ctx, srv.URL)
	checkPolicyShown(t, ctx, "eu-3g", "Rules: EU 3G (vaccinated, tested or recovered)")
	if st := waitVerdict(t, ctx); st.Attr != "valid" {
		t.Fatalf("default EU 3G: verdict %q (%q), want valid", st.Attr, st.Reason)
	}
	if err := chromedp.Do(ctx,
		chromedp.Click("#verdict"),
		chromedp.WaitNotPresent("#verdict"),
		chromedp.Click("#open-settings"),
		chromedp.WaitVisible("#set-policy"),
	); err != nil {
		t.Fatal(err)
	}
	// Settings select what is in force, not merely the first entry.
	if sel, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(() => {
		const s = document.getElementById("set-policy");
		return s.value + "|" + s.options[s.selectedIndex].text + "|" + [...s.options].map((o) => o.value).join(",");
	})()`)); err != nil || sel != "eu-3g|EU 3G (vaccinated, tested or recovered)|2g,eu-3g,kr-vaccine-pass-2022-01-03,signature-only" {
		t.Errorf("settings on a fresh profile: %q (%v)", sel, err)
	}
	if err := chromedp.Do(ctx, chromedp.Click("#settings-close"), chromedp.WaitNotPresent("#settings")); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ policy, label, want string }{
		{"2g", "Rules: 2G (vaccinated or recovered)", "invalid"},
		{"signature-only", "Rules: Signature only (no venue rules)", "valid"},
		{"eu-3g", "Rules: EU 3G (vaccinated, tested or recovered)", "valid"},
	} {
		choosePolicy(t, ctx, tc.policy)
		checkPolicyShown(t, ctx, tc.policy, tc.label)
		// The same code again, from the hardware-scanner path (the camera
		// would not re-trigger on a code that stays in view).
		if err := chromedp.Do(ctx, chromedp.KeyEvent(text+"\r")); err != nil {
			t.Fatal(err)
		}
		st := waitVerdict(t, ctx)
		if st.Attr != tc.want {
			t.Fatalf("%s: verdict %q (%q), want %s", tc.policy, st.Attr, st.Reason, tc.want)
		}
		if tc.want == "invalid" {
			// The one failed rule is named in the reason, by its own words.
			if !strings.HasPrefix(st.Reason, "Does not meet the venue rules — Test certificates are not accepted") {
				t.Errorf("%s: reason %q", tc.policy, st.Reason)
			}
			screenshot(t, ctx, "verdict-policy-2g.png")
		}
		if err := chromedp.Do(ctx, chromedp.Click("#verdict"), chromedp.WaitNotPresent("#verdict")); err != nil {
			t.Fatal(err)
		}
	}
}

// choosePolicy picks a policy in settings, as staff would.
func choosePolicy(t *testing.T, ctx context.Context, id string) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.Click("#open-settings"), chromedp.WaitVisible("#set-policy")); err != nil {
		t.Fatal(err)
	}
	if ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(() => {
		const s = document.getElementById("set-policy");
		s.value = "`+id+`";
		s.dispatchEvent(new Event("change", { bubbles: true }));
		return s.value === "`+id+`";
	})()`)); err != nil || !ok {
		t.Fatalf("choosing %s: %v, %v", id, ok, err)
	}
	if err := chromedp.Do(ctx, chromedp.Click("#settings-close"), chromedp.WaitNotPresent("#settings")); err != nil {
		t.Fatal(err)
	}
}

// checkPolicyShown waits for the status line to name the policy in force.
func checkPolicyShown(t *testing.T, ctx context.Context, id, label string) {
	t.Helper()
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](
		`document.querySelector("#policy-status")?.textContent === `+strconv.Quote(label),
		chromedp.WithPollingTimeout(hangGuard))); err != nil {
		got, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector("#trust-status")?.textContent || ""`))
		t.Fatalf("%s: status line %q, want it to name %q (%v)", id, got, label, err)
	}
}
