package worker

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"testing"
	"time"

	"passcheck/app/shift"
	"passcheck/app/wire"
	"passcheck/server/bundle"
	"passcheck/server/demo"
	"passcheck/verify"
)

// doorWorker is a worker checking with the demo bundle (seq 99, policy 2G
// in force until one is chosen) and remembering admissions, with the demo
// samples by name.
func doorWorker(t *testing.T, now time.Time) (*worker, *demo.Data, map[string]string) {
	t.Helper()
	d, err := demo.Ensure(t.TempDir(), now)
	if err != nil {
		t.Fatal(err)
	}
	samples, err := d.Samples(now)
	if err != nil {
		t.Fatal(err)
	}
	texts := map[string]string{}
	for _, s := range samples {
		texts[s.Name] = s.Text
	}
	w := &worker{pinned: []crypto.PublicKey{&d.BundleKey.PublicKey}}
	if r := w.take(agreementBundle(t, d, now), 0, true, now); r.Err != "" {
		t.Fatal(r.Err)
	}
	if w.seen, err = shift.NewSeen(rand.Reader); err != nil {
		t.Fatal(err)
	}
	return w, d, texts
}

// TestDuplicateScan follows a shift at the door: a certificate admitted
// again is Valid with the minute of its first admission; what is not
// admitted (invalid, refused by the venue policy, cannot verify) is not
// remembered; a code that stays in front of the camera gets no verdict at
// all, so no warning; a new shift forgets everything.
func TestDuplicateScan(t *testing.T) {
	t0 := time.Now().Truncate(time.Minute).Add(17 * time.Second)
	w, _, texts := doorWorker(t, t0)
	steps := []struct {
		name     string
		resume   bool
		newShift bool
		policy   string
		sample   string
		src      source
		at       time.Duration
		verdict  bool          // a verdict at all
		already  time.Duration // the first admission's time shown, from t0 (-1: no warning)
	}{
		{name: "first admission", policy: "eu-3g", sample: "valid-vaccination", src: fromCamera, verdict: true, already: -1},
		{name: "closed", resume: true, at: 2 * time.Second},
		{name: "still in view", sample: "valid-vaccination", src: fromCamera, at: 3 * time.Second, already: -1},
		{name: "back after 4 s out of view", sample: "valid-vaccination", src: fromCamera, at: 3*time.Second + repeatQuiet + time.Second, verdict: true, already: 0},
		{name: "closed", resume: true, at: 10 * time.Second},
		{name: "pasted again, an hour later", sample: "valid-vaccination", src: fromInput, at: time.Hour, verdict: true, already: 0},
		{name: "another certificate", sample: "valid-recovery", src: fromInput, at: time.Hour + time.Minute, verdict: true, already: -1},
		{name: "invalid: expired", sample: "expired", src: fromInput, at: time.Hour + 2*time.Minute, verdict: true, already: -1},
		{name: "invalid again", sample: "expired", src: fromInput, at: time.Hour + 3*time.Minute, verdict: true, already: -1},
		{name: "test refused by 2G", policy: "2g", sample: "valid-test", src: fromInput, at: time.Hour + 4*time.Minute, verdict: true, already: -1},
		{name: "test admitted under 3G", policy: "eu-3g", sample: "valid-test", src: fromInput, at: time.Hour + 5*time.Minute, verdict: true, already: -1},
		{name: "test again", sample: "valid-test", src: fromInput, at: time.Hour + 6*time.Minute, verdict: true, already: time.Hour + 5*time.Minute},
		{name: "cannot verify", sample: "unknown-issuer", src: fromInput, at: time.Hour + 7*time.Minute, verdict: true, already: -1},
		{name: "new shift", newShift: true},
		{name: "first admission of the new shift", sample: "valid-vaccination", src: fromInput, at: 2 * time.Hour, verdict: true, already: -1},
		{name: "and again", sample: "valid-vaccination", src: fromInput, at: 2*time.Hour + time.Minute, verdict: true, already: 2 * time.Hour},
	}
	for _, s := range steps {
		at := t0.Add(s.at)
		switch {
		case s.resume:
			w.resume(at)
			continue
		case s.newShift:
			w.newShift()
			continue
		}
		if s.policy != "" {
			w.policy = s.policy
		}
		var v wire.Verdict
		w.verdict(&v, texts[s.sample], s.src, at)
		if (v.Outcome != nil) != s.verdict {
			t.Fatalf("%s: verdict %v, want %v", s.name, v.Outcome != nil, s.verdict)
		}
		want := int64(0)
		if s.already >= 0 {
			want = t0.Add(s.already).Truncate(time.Minute).UnixMilli()
		}
		if v.AlreadyScanned != want {
			t.Errorf("%s: already scanned %d, want %d (%+v)", s.name, v.AlreadyScanned, want, v.Outcome)
		}
		if v.AlreadyScanned != 0 && v.Outcome.Verdict != verify.Valid {
			t.Errorf("%s: a warning on a %v verdict", s.name, v.Outcome.Verdict)
		}
	}
	if w.seen.Len() != 1 {
		t.Errorf("%d certificates remembered after the new shift, want 1", w.seen.Len())
	}
}

// take opens bundle bytes as downloads and imports need: a fresh import
// refuses what a download takes (an expired bundle), every refusal is
// classed, and a refused bundle never replaces the one in use.
func TestTake(t *testing.T) {
	now := time.Now().Truncate(time.Second)
	w, d, _ := doorWorker(t, now) // seq 99 in use
	sign := func(seq uint64, issued time.Time, ttl time.Duration) []byte {
		b, err := d.SignBundle(seq, issued, ttl)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	other, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	var empty bundle.Builder
	otherKey, err := bundle.Sign(empty.Payload(200, now, time.Hour), other)
	if err != nil {
		t.Fatal(err)
	}
	good := sign(104, now.Add(-time.Hour), 72*time.Hour)
	for _, c := range []struct {
		name   string
		data   []byte
		minSeq uint64
		fresh  bool
		code   string // "" when taken
		inUse  uint64 // the seq checked with afterwards
	}{
		// A download is taken even expired: the status line and the
		// verdicts then say the list is out of date.
		{"expired download", sign(101, now.Add(-100*time.Hour), 72*time.Hour), 99, false, "", 101},
		{"expired import", sign(102, now.Add(-100*time.Hour), 72*time.Hour), 101, true, wire.RefusedStale, 101},
		{"import from the future", sign(103, now.Add(time.Hour), 72*time.Hour), 101, true, wire.RefusedClock, 101},
		{"good import", good, 101, true, "", 104},
		{"rolled back", sign(100, now, time.Hour), 104, true, wire.RefusedRollback, 104},
		{"another key", otherKey, 104, true, wire.RefusedUnknownKey, 104},
		{"truncated", good[:len(good)/2], 104, true, wire.RefusedMalformed, 104},
		{"bad signature", flip(good), 104, true, wire.RefusedSignature, 104},
		{"not a bundle", []byte("hello"), 104, true, wire.RefusedMalformed, 104},
	} {
		r := w.take(c.data, c.minSeq, c.fresh, now)
		if r.Code != c.code || (r.Err == "") != (c.code == "") {
			t.Errorf("%s: code %q (%s), want %q", c.name, r.Code, r.Err, c.code)
		}
		if c.code == "" && (r.Info.Seq != c.inUse || len(r.Info.Fingerprint) != 64) {
			t.Errorf("%s: info %+v", c.name, r.Info)
		}
		if got := w.checker.bundle.Seq(); got != c.inUse {
			t.Errorf("%s: checking with seq %d, want %d", c.name, got, c.inUse)
		}
	}
	var none worker
	if r := none.take(good, 0, true, now); r.Code != wire.RefusedNoKey {
		t.Errorf("no pinned key: %+v", r)
	}
}

// flip changes one byte in the signature (the end of the message).
func flip(b []byte) []byte {
	out := append([]byte(nil), b...)
	out[len(out)-5] ^= 1
	return out
}
