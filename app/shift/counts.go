package shift

import (
	"time"

	"passcheck/verify"
)

// Counts is the admission counter of a shift: how many verdicts of each
// kind were given since it started. It is what may be kept across reloads
// (localStorage): no names, no identifiers, no times of single scans.
type Counts struct {
	V            int   `json:"v"`     // format version (1); 0: never saved
	Since        int64 `json:"since"` // the shift's start, Unix seconds
	Valid        int   `json:"valid"`
	Invalid      int   `json:"invalid"`
	CannotVerify int   `json:"cannotVerify"`
	// Duplicates are the Valid verdicts for a certificate admitted before
	// in the shift (counted in Valid too).
	Duplicates int `json:"duplicates"`
}

// MaxCount bounds each stored count: localStorage is editable by anyone
// holding the phone, and a count past it is nonsense.
const MaxCount = 10_000_000

// New starts a shift at now with every count at zero.
func New(now time.Time) Counts {
	return Counts{V: 1, Since: now.Unix()}
}

// Add counts one verdict given; duplicate says the Valid certificate was
// admitted before in the shift.
func (c *Counts) Add(v verify.Verdict, duplicate bool) {
	switch v {
	case verify.Valid:
		c.Valid++
		if duplicate {
			c.Duplicates++
		}
	case verify.Invalid:
		c.Invalid++
	default:
		c.CannotVerify++
	}
}

// Total is the number of verdicts given in the shift.
func (c Counts) Total() int { return c.Valid + c.Invalid + c.CannotVerify }

// Started is when the shift started.
func (c Counts) Started() time.Time { return time.Unix(c.Since, 0) }

// Sane reports whether c, read back from storage, is a counter this package
// could have written, not after now: a version, counts in range, no more
// duplicates than valid verdicts.
func (c Counts) Sane(now time.Time) bool {
	in := func(n int) bool { return n >= 0 && n <= MaxCount }
	return c.V == 1 && c.Since > 0 && c.Since <= now.Unix()+60 &&
		in(c.Valid) && in(c.Invalid) && in(c.CannotVerify) && in(c.Duplicates) && c.Duplicates <= c.Valid
}
