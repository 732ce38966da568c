package trust

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"strings"

	"passcheck/verify/internal/der"
)

// MaxPinned bounds the number of keys in a pinned-key string.
const MaxPinned = 16

// ParsePinned parses the pinned bundle keys the app is built with: base64
// (standard, padded) DER SubjectPublicKeyInfo of ECDSA P-256 keys, comma
// separated so that a new key can be pinned before the old one retires.
func ParsePinned(s string) ([]crypto.PublicKey, error) {
	parts := strings.Split(s, ",")
	if strings.TrimSpace(s) == "" {
		return nil, fmt.Errorf("%w: no key", ErrPinnedKey)
	}
	if len(parts) > MaxPinned {
		return nil, fmt.Errorf("%w: %d keys, limit %d", ErrPinnedKey, len(parts), MaxPinned)
	}
	keys := make([]crypto.PublicKey, 0, len(parts))
	for i, p := range parts {
		spki, err := base64.StdEncoding.DecodeString(strings.TrimSpace(p))
		if err != nil {
			return nil, fmt.Errorf("%w: key %d: base64: %v", ErrPinnedKey, i+1, err)
		}
		pub, err := der.ParsePublicKey(spki)
		if err != nil {
			return nil, fmt.Errorf("%w: key %d: %v", ErrPinnedKey, i+1, err)
		}
		if _, err := KeyID(pub); err != nil {
			return nil, fmt.Errorf("%w: key %d: not ECDSA P-256", ErrPinnedKey, i+1)
		}
		keys = append(keys, pub)
	}
	return keys, nil
}

// FormatPinned is the inverse of ParsePinned.
func FormatPinned(keys ...crypto.PublicKey) (string, error) {
	parts := make([]string, len(keys))
	for i, k := range keys {
		if _, err := KeyID(k); err != nil {
			return "", err
		}
		spki, err := der.MarshalPublicKey(k.(*ecdsa.PublicKey))
		if err != nil {
			return "", fmt.Errorf("%w: %v", ErrPinnedKey, err)
		}
		parts[i] = base64.StdEncoding.EncodeToString(spki)
	}
	return strings.Join(parts, ","), nil
}

func spkiID(der []byte) []byte {
	h := sha256.Sum256(der)
	return h[:8:8]
}
