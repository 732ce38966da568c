package certlogic

import (
	"fmt"
	"time"
)

// The JavaScript Date range (±8.64e15 ms around the epoch): the reference
// implementation has no date-times outside it.
var (
	minDateTime = time.UnixMilli(-8.64e15).UTC()
	maxDateTime = time.UnixMilli(8.64e15).UTC()
)

// maxAmount bounds plusTime's literal amount so that calendar arithmetic
// cannot overflow; a billion hours is over 100 000 years.
const maxAmount = 1e9

type timeUnit uint8

const (
	unitYear timeUnit = iota + 1
	unitMonth
	unitDay
	unitHour
)

var timeUnits = map[string]timeUnit{"year": unitYear, "month": unitMonth, "day": unitDay, "hour": unitHour}

// parseDateTime parses one of the formats of the specification (section
// plusTime) into a UTC time truncated to the millisecond. Partial dates
// (YYYY, YYYY-MM) take the last day, as dccDateOfBirth does.
func parseDateTime(s string) (time.Time, error) {
	bad := func(why string) (time.Time, error) {
		return time.Time{}, fmt.Errorf("%w: %q is not a date-time in an allowed format (%s)", ErrType, s, why)
	}
	p := scanner{s: s}
	year, ok := p.digits(4)
	if !ok {
		return bad("year")
	}
	if p.done() {
		return time.Date(year, 12, 31, 0, 0, 0, 0, time.UTC), nil
	}
	if !p.lit('-') {
		return bad("after year")
	}
	month, ok := p.digits(2)
	if !ok || month < 1 || month > 12 {
		return bad("month")
	}
	if p.done() {
		// Day 0 of the next month is the last day of this one.
		return time.Date(year, time.Month(month)+1, 0, 0, 0, 0, 0, time.UTC), nil
	}
	if !p.lit('-') {
		return bad("after month")
	}
	day, ok := p.digits(2)
	if !ok || day < 1 || day > daysIn(year, month) {
		return bad("day")
	}
	if p.done() {
		return time.Date(year, time.Month(month), day, 0, 0, 0, 0, time.UTC), nil
	}
	if !p.lit('T') {
		return bad("after date")
	}
	hour, ok1 := p.digits(2)
	c1 := p.lit(':')
	min, ok2 := p.digits(2)
	c2 := p.lit(':')
	sec, ok3 := p.digits(2)
	if !ok1 || !ok2 || !ok3 || !c1 || !c2 || hour > 23 || min > 59 || sec > 59 {
		return bad("time")
	}
	ms := 0
	if p.lit('.') {
		n := 0
		for ; !p.done() && isDigit(p.s[p.i]); n++ {
			if n < 3 {
				ms = ms*10 + int(p.s[p.i]-'0')
			}
			p.i++
		}
		if n == 0 {
			return bad("fraction")
		}
		for ; n < 3; n++ {
			ms *= 10
		}
	}
	offset := 0
	switch {
	case p.done():
	case p.lit('Z'):
	case p.peek('+') || p.peek('-'):
		sign := 1
		if p.s[p.i] == '-' {
			sign = -1
		}
		p.i++
		oh, om, ok := parseOffset(p.s[p.i:])
		if !ok {
			return bad("offset")
		}
		p.i = len(p.s)
		offset = sign * (oh*60 + om) * 60
	default:
		return bad("after time")
	}
	if !p.done() {
		return bad("trailing characters")
	}
	t := time.Date(year, time.Month(month), day, hour, min, sec, ms*1e6, time.FixedZone("", offset))
	return t.UTC(), nil
}

// parseOffset reads the hours and minutes of h, hh, hmm, hhmm, h:mm, hh:mm.
func parseOffset(s string) (h, m int, ok bool) {
	num := func(s string) (int, bool) {
		if s == "" {
			return 0, false
		}
		n := 0
		for i := 0; i < len(s); i++ {
			if !isDigit(s[i]) {
				return 0, false
			}
			n = n*10 + int(s[i]-'0')
		}
		return n, true
	}
	var hs, ms string
	if i := indexByte(s, ':'); i >= 0 {
		hs, ms = s[:i], s[i+1:]
		if len(hs) < 1 || len(hs) > 2 || len(ms) != 2 {
			return 0, 0, false
		}
	} else {
		switch len(s) {
		case 1, 2:
			hs = s
		case 3, 4:
			hs, ms = s[:len(s)-2], s[len(s)-2:]
		default:
			return 0, 0, false
		}
	}
	h, ok = num(hs)
	if !ok || h > 23 {
		return 0, 0, false
	}
	if ms != "" {
		if m, ok = num(ms); !ok || m > 59 {
			return 0, 0, false
		}
	}
	return h, m, true
}

func indexByte(s string, c byte) int {
	for i := 0; i < len(s); i++ {
		if s[i] == c {
			return i
		}
	}
	return -1
}

// parseDateOfBirth converts a DCC dob (YYYY, YYYY-MM, YYYY-MM-DD) to the last
// date-time consistent with it.
func parseDateOfBirth(s string) (time.Time, error) {
	if n := len(s); n != 4 && n != 7 && n != 10 {
		return time.Time{}, fmt.Errorf("%w: %q is not a date of birth (YYYY, YYYY-MM or YYYY-MM-DD)", ErrType, s)
	}
	return parseDateTime(s)
}

// plusTime adds amount units to t the way JavaScript's setUTC<unit> does:
// in UTC (no DST), overflowing days roll into the next month.
func plusTime(t time.Time, amount int, u timeUnit) (time.Time, error) {
	y, mo, d := t.Date()
	h, mi, s := t.Clock()
	ns := t.Nanosecond()
	switch u {
	case unitYear:
		y += amount
	case unitMonth:
		mo += time.Month(amount)
	case unitDay:
		d += amount
	case unitHour:
		h += amount
	}
	r := time.Date(y, mo, d, h, mi, s, ns, time.UTC)
	if r.Before(minDateTime) || r.After(maxDateTime) {
		return time.Time{}, fmt.Errorf("%w: plusTime result outside the date-time range", ErrType)
	}
	return r, nil
}

func daysIn(year, month int) int {
	return time.Date(year, time.Month(month)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

type scanner struct {
	s string
	i int
}

func (p *scanner) done() bool { return p.i == len(p.s) }

func (p *scanner) peek(c byte) bool { return p.i < len(p.s) && p.s[p.i] == c }

func (p *scanner) lit(c byte) bool {
	if p.peek(c) {
		p.i++
		return true
	}
	return false
}

func (p *scanner) digits(n int) (int, bool) {
	if p.i+n > len(p.s) {
		return 0, false
	}
	v := 0
	for _, c := range []byte(p.s[p.i : p.i+n]) {
		if !isDigit(c) {
			return 0, false
		}
		v = v*10 + int(c-'0')
	}
	p.i += n
	return v, true
}
