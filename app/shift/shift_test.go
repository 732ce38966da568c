package shift

import (
	"bytes"
	"crypto"
	"crypto/rand"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
	"testing/iotest"
	"time"

	"passcheck/server/demo"
	"passcheck/verify"
	"passcheck/verify/trust"
)

var t0 = time.Date(2026, 12, 4, 18, 2, 31, 0, time.UTC)

func TestSeen(t *testing.T) {
	s, err := NewSeen(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	for i, c := range []struct {
		id      string
		at      time.Time
		dup     bool
		firstAt time.Time // when dup
	}{
		{"uvci:A", t0, false, time.Time{}},
		{"uvci:B", t0.Add(time.Minute), false, time.Time{}},
		{"uvci:A", t0.Add(2 * time.Hour), true, t0.Truncate(time.Minute)},
		// The first admission stays the one shown.
		{"uvci:A", t0.Add(3 * time.Hour), true, t0.Truncate(time.Minute)},
		{"uvci:a", t0, false, time.Time{}},
		{"", t0, false, time.Time{}},
		{"", t0, false, time.Time{}},
		{strings.Repeat("x", MaxIDLen+1), t0, false, time.Time{}},
		{strings.Repeat("x", MaxIDLen+1), t0, false, time.Time{}},
	} {
		first, dup := s.Admit(c.id, c.at)
		if dup != c.dup || !first.Equal(c.firstAt) {
			t.Errorf("%d: Admit(%.10q) = %v, %t; want %v, %t", i, c.id, first, dup, c.firstAt, c.dup)
		}
	}
	if s.Len() != 3 {
		t.Errorf("Len %d, want 3", s.Len())
	}
	// A new shift forgets everything.
	if err := s.Reset(); err != nil {
		t.Fatal(err)
	}
	if _, dup := s.Admit("uvci:A", t0); dup || s.Len() != 1 {
		t.Fatalf("after Reset: duplicate %t, %d remembered", dup, s.Len())
	}
}

// The hashes depend on the shift's salt: the same certificate gives
// unrelated hashes in two shifts, and the identifier is not kept.
func TestSeenSalted(t *testing.T) {
	a, _ := NewSeen(rand.Reader)
	b, _ := NewSeen(rand.Reader)
	const id = "uvci:URN:UVCI:01:XD:DEMO-1"
	a.Admit(id, t0)
	b.Admit(id, t0)
	var ka, kb digest
	for k := range a.first {
		ka = k
	}
	for k := range b.first {
		kb = k
	}
	if ka == kb || ka == (digest{}) {
		t.Fatalf("two shifts stored %x and %x for one certificate", ka, kb)
	}
	before := append([]byte(nil), a.salt...)
	a.Reset()
	if bytes.Equal(before, a.salt) || len(a.salt) != 32 {
		t.Fatal("Reset kept the salt")
	}
	if strings.Contains(fmt.Sprintf("%#v", *a), "DEMO-1") {
		t.Fatal("the identifier is kept in clear")
	}
}

// Without a salt (no randomness), nothing is remembered: no duplicate is
// ever reported, rather than one under a known salt.
func TestSeenNoRandom(t *testing.T) {
	for _, r := range []*Seen{
		must(NewSeen(nil)),
		must(NewSeen(iotest.ErrReader(errors.New("no entropy")))),
		must(NewSeen(strings.NewReader("short"))),
		{},
	} {
		r.Admit("uvci:A", t0)
		if _, dup := r.Admit("uvci:A", t0); dup || r.Len() != 0 {
			t.Errorf("no salt, yet duplicate %t with %d remembered", dup, r.Len())
		}
	}
	if _, err := NewSeen(nil); !errors.Is(err, ErrRandom) {
		t.Errorf("NewSeen(nil): %v", err)
	}
}

func must(s *Seen, _ error) *Seen { return s }

// Past MaxSeen the earliest admissions are forgotten first (a forgotten one
// comes back as new, and pushes out the next earliest).
func TestSeenBound(t *testing.T) {
	s, _ := NewSeen(rand.Reader)
	for i := 0; i <= MaxSeen+1; i++ {
		s.Admit(fmt.Sprint("uvci:", i), t0)
	}
	if s.Len() != MaxSeen {
		t.Fatalf("Len %d, want %d", s.Len(), MaxSeen)
	}
	for _, c := range []struct {
		i   int
		dup bool
	}{{2, true}, {MaxSeen + 1, true}, {0, false}, {1, false}} {
		if _, dup := s.Admit(fmt.Sprint("uvci:", c.i), t0); dup != c.dup {
			t.Errorf("admission %d: duplicate %t, want %t", c.i, dup, c.dup)
		}
	}
}

// ID names a verified certificate by its UVCI, and nothing unverified.
func TestID(t *testing.T) {
	now := time.Now()
	d, err := demo.Ensure(t.TempDir(), now)
	if err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(d.BundlePath)
	b, err := trust.Open(data, []crypto.PublicKey{&d.BundleKey.PublicKey}, 0, now)
	if err != nil {
		t.Fatal(err)
	}
	samples, err := d.Samples(now)
	if err != nil {
		t.Fatal(err)
	}
	v := verify.Verifier{Trust: b, Revocations: b}
	ids := map[string]bool{}
	for _, smp := range samples {
		r := v.Verify(smp.Text, now)
		id, ok := ID(r)
		if ok != (r.Verdict == verify.Valid) {
			t.Errorf("%s: %v verdict, id %q %t", smp.Name, r.Verdict, id, ok)
		}
		if ok {
			c, _ := r.Verified()
			if !strings.HasPrefix(id, "uvci:URN:UVCI:") || !strings.Contains(string(c.Raw), id[len("uvci:"):]) || ids[id] {
				t.Errorf("%s: id %q", smp.Name, id)
			}
			ids[id] = true
		}
	}
	if len(ids) != 3 {
		t.Errorf("%d ids for the 3 valid samples", len(ids))
	}
}

func TestCounts(t *testing.T) {
	c := New(t0)
	for _, a := range []struct {
		v   verify.Verdict
		dup bool
	}{{verify.Valid, false}, {verify.Valid, true}, {verify.Invalid, false}, {verify.CannotVerify, false},
		{verify.Valid, false}, {verify.Invalid, false}} {
		c.Add(a.v, a.dup)
	}
	want := Counts{V: 1, Since: t0.Unix(), Valid: 3, Invalid: 2, CannotVerify: 1, Duplicates: 1}
	if c != want || c.Total() != 6 || !c.Started().Equal(t0) || !c.Sane(t0) {
		t.Fatalf("counts %+v, want %+v", c, want)
	}
	for i, bad := range []Counts{
		{},
		{V: 2, Since: t0.Unix()},
		{V: 1},
		{V: 1, Since: t0.Add(time.Hour).Unix()},
		{V: 1, Since: t0.Unix(), Valid: -1},
		{V: 1, Since: t0.Unix(), Invalid: MaxCount + 1},
		{V: 1, Since: t0.Unix(), Valid: 1, Duplicates: 2},
	} {
		if bad.Sane(t0) {
			t.Errorf("%d: %+v passed as sane", i, bad)
		}
	}
}
