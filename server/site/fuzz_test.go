package site

import (
	"strings"
	"testing"
)

// FuzzNegotiate feeds arbitrary Accept-Encoding and If-None-Match values to
// the two header parsers: they must not panic, and their answers must stay
// consistent with the plain cases.
func FuzzNegotiate(f *testing.F) {
	for _, s := range []string{"br", "gzip, deflate, br, zstd", "br;q=0, gzip", "*;q=0", "br;q=bogus", ";;,,q=", `"a"`,
		`W/"a", "b"`, "*", `"x", W/"qOJAYIdv_TOH3-uiBi2zBPSh"`, "\x00", strings.Repeat("br;q=0.5,", 100)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, h string) {
		br := acceptsEncoding(h, "br")
		if h == "br" && !br {
			t.Error(`"br" not accepted`)
		}
		if noneMatch(h, `"a"`) && !strings.Contains(h, `"a"`) && !strings.Contains(h, "*") {
			t.Errorf("%q matched ETag \"a\"", h)
		}
		if noneMatch("", h) {
			t.Error("an empty If-None-Match matched")
		}
	})
}
