package site

import (
	"strconv"
	"strings"
)

// acceptsEncoding reports whether an Accept-Encoding header value allows
// coding (e.g. "br"): listed, or covered by "*", with a non-zero q-value.
func acceptsEncoding(header, coding string) bool {
	star := false
	for len(header) > 0 {
		var part string
		part, header, _ = strings.Cut(header, ",")
		name, params, _ := strings.Cut(part, ";")
		name = strings.TrimSpace(name)
		q := qValue(params)
		if strings.EqualFold(name, coding) {
			return q > 0
		}
		if name == "*" {
			star = q > 0
		}
	}
	return star
}

// qValue parses the q parameter of one Accept-Encoding element; a missing or
// malformed q counts as 1 (RFC 9110 section 12.4.2 says q defaults to 1).
func qValue(params string) float64 {
	for len(params) > 0 {
		var p string
		p, params, _ = strings.Cut(params, ";")
		k, v, ok := strings.Cut(strings.TrimSpace(p), "=")
		if !ok || !strings.EqualFold(strings.TrimSpace(k), "q") {
			continue
		}
		f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
		if err != nil || f < 0 || f > 1 {
			return 1
		}
		return f
	}
	return 1
}

// noneMatch reports whether an If-None-Match header value matches etag, by
// the weak comparison RFC 9110 section 13.1.2 prescribes for this header.
func noneMatch(header, etag string) bool {
	if header == "" {
		return false
	}
	etag = strings.TrimPrefix(etag, "W/")
	for len(header) > 0 {
		var tag string
		tag, header, _ = strings.Cut(header, ",")
		tag = strings.TrimSpace(tag)
		if tag == "*" || strings.TrimPrefix(tag, "W/") == etag {
			return true
		}
	}
	return false
}
