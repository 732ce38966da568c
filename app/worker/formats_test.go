package worker

import (
	"crypto"
	"path/filepath"
	"testing"
	"time"

	"passcheck/app/wire"
	"passcheck/server/demo"
	"passcheck/verify"
	"passcheck/verify/rules"
	"passcheck/verify/trust"
)

// formatWorker is a worker holding the demo bundle (demo DSC, SMART and
// NZCP demo issuers, default policies with eu-3g in force), and the demo
// samples of the other formats, issued at now.
func formatWorker(t *testing.T, now time.Time) (*worker, map[string]demo.Sample) {
	t.Helper()
	d, err := demo.Ensure(filepath.Join(t.TempDir(), "data"), now)
	if err != nil {
		t.Fatal(err)
	}
	data, err := d.SignBundle(7, now.Add(-time.Minute), 24*time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	tb, err := trust.Open(data, []crypto.PublicKey{&d.BundleKey.PublicKey}, 0, now)
	if err != nil {
		t.Fatal(err)
	}
	w := &worker{}
	if perr, verr := w.checker.load(tb); perr != nil || verr != nil {
		t.Fatal(perr, verr)
	}
	ss, err := d.FormatSamples(now)
	if err != nil {
		t.Fatal(err)
	}
	m := map[string]demo.Sample{}
	for _, s := range ss {
		m[s.Name] = s
	}
	return w, m
}

// TestFormatVerdicts: every single-code demo sample of the other formats
// reaches its verdict through the worker, with the format, the verified
// summary (Valid only) and the check the policy applied.
func TestFormatVerdicts(t *testing.T) {
	now := time.Now().Truncate(time.Second)
	w, samples := formatWorker(t, now)
	for _, tc := range []struct {
		name   string
		format verify.Format
		check  string
		holder string // the verified name, Valid only
	}{
		{"shc-valid", verify.FormatSHC, rules.CheckVaccinationCompleted, "Valid Card DEMO"},
		{"shc-bad-signature", verify.FormatSHC, rules.CheckVaccinationCompleted, ""},
		{"shc-unknown-issuer", verify.FormatSHC, rules.CheckVaccinationCompleted, ""},
		{"nzcp-valid", verify.FormatNZCP, rules.CheckSignatureOnly, "Valid Pass DEMO"},
		{"nzcp-expired", verify.FormatNZCP, rules.CheckSignatureOnly, ""},
	} {
		s, ok := samples[tc.name]
		if !ok {
			t.Fatalf("no demo sample %s", tc.name)
		}
		w.paused = false
		var v wire.Verdict
		w.verdict(&v, s.Text, fromInput, now)
		o := v.Outcome
		if o == nil {
			t.Errorf("%s: no outcome", tc.name)
			continue
		}
		if o.Verdict != s.Want || o.Format != tc.format || o.Check != tc.check || o.Policy != demo.DefaultPolicy {
			t.Errorf("%s: %v format %q check %q policy %q (code %s), want %v %q %q %q", tc.name, o.Verdict, o.Format,
				o.Check, o.Policy, o.Code, s.Want, tc.format, tc.check, demo.DefaultPolicy)
		}
		switch {
		case tc.holder != "" && (o.Other == nil || o.Other.Name != tc.holder || !o.Other.TestIssuer || o.Other.IssuerName == ""):
			t.Errorf("%s: verified summary %+v, want holder %q from a test issuer", tc.name, o.Other, tc.holder)
		case tc.holder == "" && o.Other != nil:
			t.Errorf("%s: %v verdict carries a verified summary", tc.name, o.Verdict)
		}
	}
	// Unknown text stays "not a health certificate".
	w.paused = false
	var v wire.Verdict
	w.verdict(&v, "https://example.com/hello", fromInput, now)
	if o := v.Outcome; o == nil || o.Verdict == verify.Valid || o.Code != verify.ErrorCode(verify.ErrNotHealthCert) || o.Format != "" {
		t.Errorf("plain URL: %+v", o)
	}
}

// TestChunkedCard scans the three codes of the chunked demo card in
// several orders, by camera, with a repeat and a resume between: each
// code but the last gives progress and no verdict, the last one verdict.
func TestChunkedCard(t *testing.T) {
	now := time.Now().Truncate(time.Second)
	w, samples := formatWorker(t, now)
	chunk := func(i int) string { return samples["shc-chunked-"+string(rune('0'+i))].Text }
	at := now
	for _, order := range [][]int{{1, 2, 3}, {3, 1, 2}, {2, 2, 3, 1}} {
		for k, i := range order {
			at = at.Add(repeatQuiet + time.Second) // out of view long enough
			var v wire.Verdict
			w.verdict(&v, chunk(i), fromCamera, at)
			last := k == len(order)-1
			if last {
				if v.Outcome == nil || v.Outcome.Verdict != verify.Valid || v.Outcome.Format != verify.FormatSHC ||
					v.Outcome.Other == nil || v.Outcome.Other.Name != "Chunked Card DEMO" || v.Chunks != nil {
					t.Fatalf("order %v: last chunk: outcome %+v chunks %+v", order, v.Outcome, v.Chunks)
				}
				w.resume(at)
				continue
			}
			if v.Outcome != nil || v.Chunks == nil || v.Chunks.Total != 3 {
				t.Fatalf("order %v, code %d: outcome %+v chunks %+v", order, i, v.Outcome, v.Chunks)
			}
			if got := distinct(order[:k+1]); v.Chunks.Got != got {
				t.Errorf("order %v, code %d: %d of 3, want %d", order, i, v.Chunks.Got, got)
			}
			if w.paused {
				t.Errorf("order %v: a chunk paused scanning", order)
			}
		}
		if got, total := w.chunks.progress(); got != 0 || total != 0 {
			t.Errorf("order %v: chunks kept after the verdict: %d of %d", order, got, total)
		}
	}
}

// TestChunksForgotten: chunks older than chunkTTL are dropped, so a card
// shown half and taken away does not complete a minute later.
func TestChunksForgotten(t *testing.T) {
	now := time.Now().Truncate(time.Second)
	w, samples := formatWorker(t, now)
	var v wire.Verdict
	w.verdict(&v, samples["shc-chunked-1"].Text, fromInput, now)
	w.verdict(&v, samples["shc-chunked-2"].Text, fromInput, now.Add(time.Second))
	v = wire.Verdict{}
	w.verdict(&v, samples["shc-chunked-3"].Text, fromInput, now.Add(time.Second+chunkTTL+time.Second))
	if v.Outcome != nil || v.Chunks == nil || v.Chunks.Got != 1 {
		t.Fatalf("after %v: outcome %+v chunks %+v, want 1 of 3", chunkTTL, v.Outcome, v.Chunks)
	}
}

func distinct(xs []int) int {
	seen := map[int]bool{}
	for _, x := range xs {
		seen[x] = true
	}
	return len(seen)
}
