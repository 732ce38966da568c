package e2e

import (
	"testing"

	"github.com/chromedp/chromedp"
)

// TestPolicySwitch: the venue policy chosen in settings changes the verdict
// for the same code: a PCR test is valid under "signature only" and EU 3G,
// invalid under 2G with the failed rule listed.
func TestPolicySwitch(t *testing.T) {
	srv := serve(t)
	text := sample(t, "valid-test").Text
	ctx := browser(t, video(t, text), "en-US")
	open(t, ctx, srv.URL)
	if st := waitVerdict(t, ctx); st.Attr != "valid" {
		t.Fatalf("signature only: verdict %q (%q), want valid", st.Attr, st.Reason)
	}
	for _, tc := range []struct{ policy, want string }{{"2g", "invalid"}, {"eu-3g", "valid"}} {
		if err := chromedp.Do(ctx,
			chromedp.Click("#verdict"),
			chromedp.WaitNotPresent("#verdict"),
			chromedp.Click("#open-settings"),
			chromedp.WaitVisible("#set-policy"),
		); err != nil {
			t.Fatal(err)
		}
		if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(() => {
			const s = document.getElementById("set-policy");
			s.value = "`+tc.policy+`";
			s.dispatchEvent(new Event("change", { bubbles: true }));
			return s.value === "`+tc.policy+`";
		})()`)); err != nil {
			t.Fatal(err)
		}
		// The same code again, from the hardware-scanner path (the camera
		// would not re-trigger on a code that stays in view).
		if err := chromedp.Do(ctx,
			chromedp.Click("#settings-close"),
			chromedp.WaitNotPresent("#settings"),
			chromedp.KeyEvent(text+"\r"),
		); err != nil {
			t.Fatal(err)
		}
		st := waitVerdict(t, ctx)
		if st.Attr != tc.want {
			t.Fatalf("%s: verdict %q (%q), want %s", tc.policy, st.Attr, st.Reason, tc.want)
		}
		if tc.want == "invalid" {
			rules, err := chromedp.Run(ctx, chromedp.Text("#verdict-rules"))
			if err != nil || rules == "" || !contains(st.Reason, "venue rules") {
				t.Errorf("%s: reason %q, rules %q (%v)", tc.policy, st.Reason, rules, err)
			}
			screenshot(t, ctx, "verdict-policy-2g.png")
		}
	}
}
