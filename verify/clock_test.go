package verify

import (
	"errors"
	"strings"
	"testing"
	"time"
)

// The forms of VALIDATIONCLOCK in the EU test data, each read by the one
// parser that `passcheck verify --at` uses too.
func TestParseClock(t *testing.T) {
	cest := time.FixedZone("", 2*3600)
	for _, c := range []struct {
		in   string
		want time.Time
	}{
		{"2021-06-09T15:15:34+02:00", time.Date(2021, 6, 9, 15, 15, 34, 0, cest)},             // RFC 3339
		{"2021-06-09T13:15:34Z", time.Date(2021, 6, 9, 13, 15, 34, 0, time.UTC)},              // RFC 3339, Z
		{"2021-06-09T13:15:34.5Z", time.Date(2021, 6, 9, 13, 15, 34, 5e8, time.UTC)},          // fraction
		{"2021-06-09T15:15:34+0200", time.Date(2021, 6, 9, 15, 15, 34, 0, cest)},              // basic offset
		{"2021-06-09T13:15:34+0000", time.Date(2021, 6, 9, 13, 15, 34, 0, time.UTC)},          // basic offset, zero
		{"2021-05-27T10:37:04.092871", time.Date(2021, 5, 27, 10, 37, 4, 92871000, time.UTC)}, // no zone: UTC
		{"2021-05-17T18:21:22", time.Date(2021, 5, 17, 18, 21, 22, 0, time.UTC)},              // no zone: UTC
		{"2021-05-17T18:21:22.1234567", time.Date(2021, 5, 17, 18, 21, 22, 123456700, time.UTC)},
	} {
		got, err := ParseClock(c.in)
		if err != nil || !got.Equal(c.want) {
			t.Errorf("ParseClock(%q) = %v, %v; want %v", c.in, got, err, c.want)
		}
		if _, off := got.Zone(); !strings.ContainsAny(c.in[10:], "+Z") && off != 0 {
			t.Errorf("ParseClock(%q): zone offset %d, want UTC", c.in, off)
		}
	}
	for _, in := range []string{"", "2021-06-09", "2021-06-09 15:15:34", "2021-06-09T15:15:34+02",
		"2021-06-09T25:15:34Z", "yesterday", strings.Repeat("9", 100)} {
		if got, err := ParseClock(in); !errors.Is(err, ErrClockFormat) {
			t.Errorf("ParseClock(%q) = %v, %v; want ErrClockFormat", in, got, err)
		}
	}
}
