package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"image"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// chunkVideo makes a fake camera file that shows each text's code for
// shown frames in turn, with blank frames before each (the guest turning
// the page), then loops.
func chunkVideo(t *testing.T, texts []string, blank, shown int) string {
	t.Helper()
	empty := cameraFrame(nil)
	var frames []*image.Gray
	for _, text := range texts {
		if got, err := decodeCameraFrame(text); err != nil || got != text {
			t.Fatalf("verify/qr's FrameDecoder cannot read this code (%v); see TestFakeCameraFramesDecode", err)
		}
		img, err := qrImage(text, qrSide)
		if err != nil {
			t.Fatal(err)
		}
		withQR := cameraFrame(img)
		for i := 0; i < blank; i++ {
			frames = append(frames, empty)
		}
		for i := 0; i < shown; i++ {
			frames = append(frames, withQR)
		}
	}
	path := filepath.Join(t.TempDir(), "camera.y4m")
	if err := writeY4M(path, frames); err != nil {
		t.Fatal(err)
	}
	return path
}

// recordChunks is run in the page before its scripts: on every DOM change
// it notes the chunk progress line and the verdict, keeping each state
// that differs from the one before, so that no state is missed however
// briefly it lasted or however slowly the test polls.
const recordChunks = `(() => {
  const seen = window.__chunkStates = [];
  let last = "";
  const look = () => {
    const p = document.getElementById("chunk-progress");
    const v = document.querySelector("[data-verdict]");
    const s = { progress: p ? p.textContent : "", got: p ? Number(p.dataset.got) : 0,
      verdict: v ? v.dataset.verdict : "", at: performance.now() };
    const key = s.progress + "|" + s.verdict;
    if (key !== last) { last = key; seen.push(s); }
  };
  new MutationObserver(look).observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
})()`

// chunkState is one state recordChunks noted.
type chunkState struct {
	Progress string  `json:"progress"`
	Got      int     `json:"got"`
	Verdict  string  `json:"verdict"`
	At       float64 `json:"at"`
}

// checkChunkStates checks the states a page went through while a card of
// total codes was scanned: "1 of total scanned", "2 of total scanned", …
// in that order, each once, no verdict before the last code, then the
// verdict want with no progress line. States with neither (before the
// first code, or between two renders) are passed over.
func checkChunkStates(states []chunkState, total int, want string) error {
	var seen []chunkState
	for _, s := range states {
		if s.Progress != "" || s.Verdict != "" {
			seen = append(seen, s)
		}
	}
	if len(seen) != total {
		return fmt.Errorf("%d states with progress or a verdict, want %d (%d progress, then the verdict)", len(seen), total, total-1)
	}
	for i, s := range seen[:total-1] {
		if p := fmt.Sprintf("%d of %d scanned", i+1, total); s.Verdict != "" || s.Got != i+1 || len(s.Progress) < len(p) || s.Progress[:len(p)] != p {
			return fmt.Errorf("state %d is %+v, want %q and no verdict", i+1, s, p)
		}
	}
	if last := seen[total-1]; last.Verdict != want || last.Progress != "" {
		return fmt.Errorf("last state is %+v, want verdict %q and no progress line", last, want)
	}
	return nil
}

// The check itself fails on what a broken app would show.
func TestCheckChunkStates(t *testing.T) {
	p := func(got int) chunkState { return chunkState{Progress: fmt.Sprintf("%d of 3 scanned", got), Got: got} }
	v := func(verdict string) chunkState { return chunkState{Verdict: verdict} }
	none := chunkState{}
	for _, c := range []struct {
		name   string
		states []chunkState
		ok     bool
	}{
		{"in order", []chunkState{none, p(1), p(2), v("valid")}, true},
		{"empty states between", []chunkState{none, p(1), none, p(2), none, v("valid")}, true},
		{"nothing", nil, false},
		{"verdict only", []chunkState{none, v("valid")}, false},
		{"no second", []chunkState{p(1), v("valid")}, false},
		{"no first", []chunkState{p(2), v("valid")}, false},
		{"incomplete", []chunkState{p(1), p(2)}, false},
		{"started over", []chunkState{p(1), p(1), p(2), v("valid")}, false},
		{"back to one", []chunkState{p(1), p(2), p(1), v("valid")}, false},
		{"a third progress", []chunkState{p(1), p(2), p(3), v("valid")}, false},
		{"verdict early", []chunkState{p(1), v("valid"), p(2), v("valid")}, false},
		{"wrong verdict", []chunkState{p(1), p(2), v("invalid")}, false},
		{"progress with the verdict", []chunkState{p(1), p(2), {Progress: "2 of 3 scanned", Got: 2, Verdict: "valid"}}, false},
	} {
		if err := checkChunkStates(c.states, 3, "valid"); (err == nil) != c.ok {
			t.Errorf("%s: %v", c.name, err)
		}
	}
}

// scanChunks opens the app on a fake camera showing texts in turn and
// returns the states the page went through until its first verdict.
func scanChunks(t *testing.T, texts []string) (context.Context, []chunkState) {
	t.Helper()
	srv := serve(t)
	// 1 s of empty scene before each code, each code for 2 s.
	ctx := browser(t, chunkVideo(t, texts, 10, 20), "en-US")
	if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument,
		page.AddScriptToEvaluateOnNewDocumentParams{Source: recordChunks}); err != nil {
		t.Fatal(err)
	}
	open(t, ctx, srv.URL)
	waitVerdict(t, ctx)
	var states []chunkState
	if err := json.Unmarshal([]byte(eval[string](t, ctx, `JSON.stringify(window.__chunkStates)`)), &states); err != nil {
		t.Fatal(err)
	}
	return ctx, states
}

// TestScanChunks: the three codes of a chunked SMART card shown to the
// fake camera one after the other, out of order (2, 3, 1; a camera that
// starts late sees them from another point of the loop, still in turn):
// the page says "1 of 3 scanned", then "2 of 3 scanned", then the card's
// verdict, VALID, with the SMART format line. The same sequence with the
// last code taken from another card ends INVALID: the verdict is the
// assembled card's.
func TestScanChunks(t *testing.T) {
	fs := formatSamples(t)
	ctx, states := scanChunks(t, []string{fs["shc-chunked-2"].Text, fs["shc-chunked-3"].Text, fs["shc-chunked-1"].Text})
	t.Logf("states: %+v", states)
	if err := checkChunkStates(states, 3, "valid"); err != nil {
		t.Fatalf("%v (page %+v)", err, state(t, ctx))
	}
	st := state(t, ctx)
	if !contains(st.Name, "Chunked Card DEMO") || !contains(st.Summary, "42 doses completed") {
		t.Errorf("holder %q, summary %q", st.Name, st.Summary)
	}
	if f := verdictText(t, ctx, "#verdict-format"); f != "SMART Health Card — Passcheck DEMO SMART issuer" {
		t.Errorf("format line %q", f)
	}

	t.Run("another card's code", func(t *testing.T) {
		// Another chunked card, issued a second later: its first code is
		// well formed and completes the count, but not this card.
		other, err := env.data.FormatSamples(time.Now().Add(time.Second))
		if err != nil {
			t.Fatal(err)
		}
		var first string
		for _, s := range other {
			if s.Name == "shc-chunked-1" {
				first = s.Text
			}
		}
		if first == fs["shc-chunked-1"].Text {
			t.Fatal("the other card's first code is this card's")
		}
		ctx, states := scanChunks(t, []string{fs["shc-chunked-2"].Text, fs["shc-chunked-3"].Text, first})
		st := state(t, ctx)
		t.Logf("states: %+v; verdict %q (%q)", states, st.Attr, st.Reason)
		// Pieces of two cards make no card: refused as damaged.
		if st.Attr != "invalid" {
			t.Fatalf("verdict %q (%q), want invalid", st.Attr, st.Reason)
		}
		if err := checkChunkStates(states, 3, st.Attr); err != nil {
			t.Errorf("%v", err)
		}
	})
}
