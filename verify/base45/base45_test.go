package base45

import (
	"bytes"
	"errors"
	"strings"
	"testing"
)

// The examples of RFC 9285, sections 4.3 and 4.4.
var rfcVectors = []struct {
	raw, enc string
}{
	{"AB", "BB8"},
	{"Hello!!", "%69 VD92EX0"},
	{"base-45", "UJCLQE7W581"},
	{"ietf!", "QED8WEX0"},
	{"", ""},
	{"\x00", "00"},
	{"\xff", "U5"},
	{"\x00\x00", "000"},
	{"\xff\xff", "FGW"},
}

func TestRFCVectors(t *testing.T) {
	for _, v := range rfcVectors {
		if got := Encode([]byte(v.raw)); got != v.enc {
			t.Errorf("Encode(%q) = %q, want %q", v.raw, got, v.enc)
		}
		got, err := Decode(v.enc)
		if err != nil {
			t.Errorf("Decode(%q): %v", v.enc, err)
			continue
		}
		if string(got) != v.raw {
			t.Errorf("Decode(%q) = %q, want %q", v.enc, got, v.raw)
		}
		if n := EncodedLen(len(v.raw)); n != len(v.enc) {
			t.Errorf("EncodedLen(%d) = %d, want %d", len(v.raw), n, len(v.enc))
		}
	}
}

func TestDecodeRejects(t *testing.T) {
	for _, tc := range []struct {
		name, in, msg string
	}{
		{"lowercase", "BBb", "'b' at offset 2"},
		{"equals padding", "BB8=", "dangling"},
		{"equals inside", "BB=", "'=' at offset 2"},
		{"newline", "BB8\nBB", "'\\n' at offset 3"},
		{"length mod 3 = 1", "BB8B", "dangling character at offset 3"},
		{"single character", "A", "dangling"},
		{"triplet over 65535 (GGW)", "GGW", "65535"},
		{"triplet over 65535 later", "BB8GGW", "offset 3"},
		{"pair over 255 (V5)", "V5", "255"},
		{"pair over 255 after triplet", "BB8V5", "offset 3"},
		{"non-ASCII", "BB\xc3", "offset 2"},
		{"NUL", "B\x008", "offset 1"},
		{"too long", strings.Repeat("000", MaxDecodeLen/3+1), "more than"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Decode(tc.in)
			if !errors.Is(err, ErrInvalid) {
				t.Fatalf("Decode(%q) = %x, %v; want ErrInvalid", tc.in, got, err)
			}
			if !strings.Contains(err.Error(), tc.msg) {
				t.Errorf("error %q does not say %q", err, tc.msg)
			}
		})
	}
}

func TestRoundTripAllPairs(t *testing.T) {
	// Every two-byte value and every single byte encode and decode back.
	for n := 0; n <= 0xffff; n++ {
		b := []byte{byte(n >> 8), byte(n)}
		got, err := Decode(Encode(b))
		if err != nil || !bytes.Equal(got, b) {
			t.Fatalf("round trip of %x: %x, %v", b, got, err)
		}
		if n <= 0xff {
			got, err := Decode(Encode(b[1:]))
			if err != nil || !bytes.Equal(got, b[1:]) {
				t.Fatalf("round trip of %x: %x, %v", b[1:], got, err)
			}
		}
	}
}

func FuzzDecode(f *testing.F) {
	for _, v := range rfcVectors {
		f.Add(v.enc)
	}
	for _, s := range []string{"GGW", "V5", "bb8", "BB8B", "6BFOXN%TS3DH"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		b, err := Decode(s)
		if err != nil {
			if !errors.Is(err, ErrInvalid) {
				t.Fatalf("error %v does not wrap ErrInvalid", err)
			}
			return
		}
		// Strictness: the only accepted text for b is its canonical encoding.
		if enc := Encode(b); enc != s {
			t.Fatalf("Decode(%q) = %x, which encodes as %q", s, b, enc)
		}
	})
}

func FuzzEncode(f *testing.F) {
	f.Add([]byte("Hello!!"))
	f.Add([]byte{0xff, 0xff, 0xff})
	f.Fuzz(func(t *testing.T, b []byte) {
		if len(b) > MaxDecodeLen/3*2 {
			return
		}
		got, err := Decode(Encode(b))
		if err != nil || !bytes.Equal(got, b) {
			t.Fatalf("round trip of %x: %x, %v", b, got, err)
		}
	})
}
