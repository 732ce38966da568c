package nzcp

import (
	"errors"
	"testing"

	"github.com/fxamacker/cbor/v2"
)

// TestTextKID: the specification says kid is a text string, but its own
// examples (and the passes issued) carry a byte string, and go-cose refuses
// a text kid when decoding. A pass with a text kid is malformed here.
func TestTextKID(t *testing.T) {
	prot, _ := cbor.Marshal(map[int]any{1: -7, 4: "key-1"})
	msg, _ := cbor.Marshal(cbor.Tag{Number: 18, Content: []any{prot, map[int]any{}, []byte{0xa0}, make([]byte, 64)}})
	if _, err := DecodeCOSE(msg); !errors.Is(err, ErrCOSE) {
		t.Errorf("text kid: %v", err)
	}
}
