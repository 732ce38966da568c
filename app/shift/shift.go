// Package shift holds what the scanner keeps about a shift at the door:
// which certificates were admitted (Seen, for the duplicate-scan warning)
// and how many verdicts of each kind were given (Counts).
//
// Both are built to keep as little as works. Seen holds, in memory only, a
// salted hash of each admitted certificate's identifier and the minute it
// was first admitted; the salt is drawn at random for each shift and never
// leaves memory, so the hashes cannot be linked to a certificate once the
// shift is over, nor across shifts or devices. Counts are four numbers and
// the shift's start: no names, identifiers or times of single scans.
package shift

import (
	"crypto/hmac"
	"crypto/sha256"
	"errors"
	"io"
	"time"

	"passcheck/verify"
)

// MaxSeen bounds the certificates remembered in a shift; past it the
// earliest admitted are forgotten first. 50 000 admissions is a stadium's
// day, and at 16 bytes of hash and 8 of time each a few MB at most.
const MaxSeen = 50_000

// MaxIDLen bounds an identifier hashed (a UVCI is at most 80 characters;
// a whole QR text, the fallback, at most a few kB).
const MaxIDLen = 8 << 10

// ErrRandom: no salt could be drawn; the duplicate warning is off.
var ErrRandom = errors.New("shift: no random salt")

type digest [16]byte

// Seen remembers the certificates admitted in a shift as salted hashes. The
// zero value remembers nothing until Reset succeeds. It is not safe for
// concurrent use (the worker is single-threaded).
type Seen struct {
	random io.Reader
	salt   []byte // nil: no salt could be drawn; nothing is remembered
	first  map[digest]time.Time
	order  []digest // admission order, for eviction at MaxSeen
	next   int      // the oldest entry of order once it is full
}

// NewSeen starts a shift with a salt read from random (crypto/rand.Reader;
// tests pass their own). On ErrRandom the returned Seen works but never
// reports a duplicate.
func NewSeen(random io.Reader) (*Seen, error) {
	s := &Seen{random: random}
	return s, s.Reset()
}

// Reset starts a new shift: a new salt, and every hash forgotten.
func (s *Seen) Reset() error {
	s.salt, s.first, s.order, s.next = nil, map[digest]time.Time{}, nil, 0
	salt := make([]byte, 32)
	if s.random == nil {
		return ErrRandom
	}
	if _, err := io.ReadFull(s.random, salt); err != nil {
		return ErrRandom
	}
	s.salt = salt
	return nil
}

// Len is the number of certificates remembered.
func (s *Seen) Len() int { return len(s.first) }

// Admit records that the certificate named id was admitted at `at`. If it
// was admitted before in this shift, it returns that first admission time
// (to the minute) and true, and keeps the first time.
func (s *Seen) Admit(id string, at time.Time) (time.Time, bool) {
	if s.salt == nil || id == "" || len(id) > MaxIDLen {
		return time.Time{}, false
	}
	m := hmac.New(sha256.New, s.salt)
	m.Write([]byte(id))
	var d digest
	copy(d[:], m.Sum(nil))
	if t, ok := s.first[d]; ok {
		return t, true
	}
	// The minute is all the notice shows; keep no finer time.
	s.first[d] = at.Truncate(time.Minute)
	if len(s.order) < MaxSeen {
		s.order = append(s.order, d)
	} else {
		delete(s.first, s.order[s.next])
		s.order[s.next] = d
		s.next = (s.next + 1) % MaxSeen
	}
	return time.Time{}, false
}

// ID is the identifier that names r's certificate in Seen: the DCC's unique
// certificate identifier (UVCI) when the certificate verified with one,
// else the whole QR text (which names one credential exactly). Only a
// Valid result has one: only admissions are remembered.
func ID(r *verify.Result) (string, bool) {
	c, ok := r.Verified()
	if !ok {
		return "", false
	}
	for _, ci := range certIDs(&c.DCC) {
		if ci != "" {
			return "uvci:" + ci, true
		}
	}
	if r.Text == "" {
		return "", false
	}
	return "qr:" + r.Text, true
}

func certIDs(d *verify.DCC) []string {
	var ids []string
	for _, v := range d.V {
		ids = append(ids, v.CI)
	}
	for _, t := range d.T {
		ids = append(ids, t.CI)
	}
	for _, r := range d.R {
		ids = append(ids, r.CI)
	}
	return ids
}
