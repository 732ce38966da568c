package verify

import (
	"fmt"
	"time"
)

// maxClockLen bounds the text ParseClock reads: the longest accepted form,
// with nine fractional digits and an offset, is 35 bytes.
const maxClockLen = 64

// clockLayouts are the forms of a validation time, as the EU test data
// writes VALIDATIONCLOCK: RFC 3339, ISO 8601 with a basic offset
// ("+0200"), and no zone at all, which is read as UTC. Fractional seconds
// are optional in each.
var clockLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05.999999999Z0700",
	"2006-01-02T15:04:05.999999999",
}

// ParseClock reads a validation time in any of the forms above. It is the
// one parser of `passcheck verify --at` and of the conformance test, so
// that the command line can reproduce any vector's verdict at its clock.
func ParseClock(s string) (time.Time, error) {
	if len(s) > maxClockLen {
		return time.Time{}, fmt.Errorf("%w: %d bytes", ErrClockFormat, len(s))
	}
	for _, layout := range clockLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("%w: %q (want RFC 3339, e.g. 2021-06-09T15:15:34+02:00; "+
		"a basic offset, 2021-06-09T15:15:34+0200; or no zone for UTC)", ErrClockFormat, s)
}
