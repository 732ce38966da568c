package shc

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

const (
	// MaxDocLen bounds a JWKS or CRL document.
	MaxDocLen = 1 << 20
	// MaxKeys bounds the keys of one JWKS.
	MaxKeys = 256
	// MaxRIDs bounds the entries of one CRL.
	MaxRIDs = 100_000
	// maxRIDLen: a rid is base64url of at most 64 bits (11 characters);
	// some issuers use longer ones, up to the specification's 24.
	maxRIDLen = 24
)

// Key is one issuer signing key.
type Key struct {
	KID        string // the RFC 7638 thumbprint, base64url
	Public     *ecdsa.PublicKey
	CRLVersion int // the key's crlVersion; 0 when it has no CRL
}

// JWK is one entry of a JWKS as published.
type JWK struct {
	Kty        string   `json:"kty"`
	KID        string   `json:"kid"`
	Use        string   `json:"use"`
	Alg        string   `json:"alg"`
	Crv        string   `json:"crv"`
	X          string   `json:"x"`
	Y          string   `json:"y"`
	D          string   `json:"d"`
	X5C        []string `json:"x5c"`
	CRLVersion int      `json:"crlVersion"`
}

// ParseJWKS reads an issuer's JWKS. keys holds every usable key; skipped
// holds one ErrKey error per entry that cannot be used (wrong kty, curve,
// alg or use, a kid that is not its thumbprint, a private key). err is for
// a document that is not a JWKS at all.
func ParseJWKS(b []byte) (keys []*Key, skipped []error, err error) {
	if len(b) > MaxDocLen {
		return nil, nil, fmt.Errorf("%w: JWKS of %d bytes, at most %d", ErrKey, len(b), MaxDocLen)
	}
	var doc struct {
		Keys []json.RawMessage `json:"keys"`
	}
	if err := decodeJSON(b, &doc); err != nil {
		return nil, nil, fmt.Errorf("%w: JWKS: %v", ErrKey, err)
	}
	if len(doc.Keys) > MaxKeys {
		return nil, nil, fmt.Errorf("%w: JWKS of %d keys, at most %d", ErrKey, len(doc.Keys), MaxKeys)
	}
	for i, raw := range doc.Keys {
		var j JWK
		if err := json.Unmarshal(raw, &j); err != nil {
			skipped = append(skipped, fmt.Errorf("%w: keys[%d]: %v", ErrKey, i, err))
			continue
		}
		k, err := j.Key()
		if err != nil {
			skipped = append(skipped, fmt.Errorf("keys[%d]: %w", i, err))
			continue
		}
		keys = append(keys, k)
	}
	return keys, skipped, nil
}

// Key checks the JWK against the specification (kty EC, crv P-256, alg
// ES256, use sig, no private part, kid = thumbprint) and returns it.
func (j *JWK) Key() (*Key, error) {
	switch {
	case j.Kty != "EC":
		return nil, fmt.Errorf("%w: kid %q: kty %q, want EC", ErrKey, j.KID, j.Kty)
	case j.Crv != "P-256":
		return nil, fmt.Errorf("%w: kid %q: crv %q, want P-256", ErrKey, j.KID, j.Crv)
	case j.Alg != "ES256":
		return nil, fmt.Errorf("%w: kid %q: alg %q, want ES256", ErrKey, j.KID, j.Alg)
	case j.Use != "sig":
		return nil, fmt.Errorf("%w: kid %q: use %q, want sig", ErrKey, j.KID, j.Use)
	case j.D != "":
		return nil, fmt.Errorf("%w: kid %q: a private key", ErrKey, j.KID)
	case j.CRLVersion < 0:
		return nil, fmt.Errorf("%w: kid %q: crlVersion %d", ErrKey, j.KID, j.CRLVersion)
	}
	pub, err := ECPublicKey(j.X, j.Y)
	if err != nil {
		return nil, fmt.Errorf("%w: kid %q: %v", ErrKey, j.KID, err)
	}
	if t := Thumbprint(j.X, j.Y); j.KID != t {
		return nil, fmt.Errorf("%w: kid %q is not the key's thumbprint %q", ErrKey, j.KID, t)
	}
	return &Key{KID: j.KID, Public: pub, CRLVersion: j.CRLVersion}, nil
}

// ECPublicKey makes a P-256 public key of base64url coordinates, checking
// that the point is on the curve.
func ECPublicKey(x, y string) (*ecdsa.PublicKey, error) {
	xb, err1 := b64.DecodeString(x)
	yb, err2 := b64.DecodeString(y)
	if err1 != nil || err2 != nil || len(xb) != 32 || len(yb) != 32 {
		return nil, fmt.Errorf("x and y must be 32 bytes of base64url each")
	}
	pub, err := ecdsa.ParseUncompressedPublicKey(elliptic.P256(), append(append([]byte{4}, xb...), yb...))
	if err != nil {
		return nil, fmt.Errorf("not a point on P-256")
	}
	return pub, nil
}

// Thumbprint is the RFC 7638 thumbprint of a P-256 key: SHA-256 of its
// required members in lexical order, base64url.
func Thumbprint(x, y string) string {
	h := sha256.Sum256([]byte(`{"crv":"P-256","kty":"EC","x":"` + x + `","y":"` + y + `"}`))
	return b64.EncodeToString(h[:])
}

// CRL is an issuer's revocation list for one key.
type CRL struct {
	KID string
	Ctr int
	// rids maps each revoked rid to the time (Unix seconds) before which
	// its cards are revoked; 0 revokes them all.
	rids map[string]int64
}

// ParseCRL reads a CRL ({"kid","method":"rid","ctr","rids":[…]}). It
// refuses an unknown method, a rid that is not base64url or is longer than
// 24 characters, a bad timestamp, and a rid listed twice.
func ParseCRL(b []byte) (*CRL, error) {
	if len(b) > MaxDocLen {
		return nil, fmt.Errorf("%w: %d bytes, at most %d", ErrCRL, len(b), MaxDocLen)
	}
	var doc struct {
		KID    string   `json:"kid"`
		Method string   `json:"method"`
		Ctr    int      `json:"ctr"`
		RIDs   []string `json:"rids"`
	}
	if err := decodeJSON(b, &doc); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrCRL, err)
	}
	switch {
	case doc.KID == "":
		return nil, fmt.Errorf("%w: no kid", ErrCRL)
	case doc.Method != "rid":
		return nil, fmt.Errorf("%w: method %q, want rid", ErrCRL, doc.Method)
	case doc.Ctr < 1:
		return nil, fmt.Errorf("%w: ctr %d, want ≥ 1", ErrCRL, doc.Ctr)
	case len(doc.RIDs) > MaxRIDs:
		return nil, fmt.Errorf("%w: %d rids, at most %d", ErrCRL, len(doc.RIDs), MaxRIDs)
	}
	c := &CRL{KID: doc.KID, Ctr: doc.Ctr, rids: make(map[string]int64, len(doc.RIDs))}
	for i, e := range doc.RIDs {
		rid, ts, hasTS := strings.Cut(e, ".")
		if len(rid) == 0 || len(rid) > maxRIDLen || !isBase64URL(rid) {
			return nil, fmt.Errorf("%w: rids[%d] %q is not a base64url rid of at most %d characters", ErrCRL, i, e, maxRIDLen)
		}
		var t int64
		if hasTS {
			var err error
			if t, err = strconv.ParseInt(ts, 10, 64); err != nil || t <= 0 {
				return nil, fmt.Errorf("%w: rids[%d] %q: bad timestamp", ErrCRL, i, e)
			}
		}
		if _, dup := c.rids[rid]; dup {
			return nil, fmt.Errorf("%w: rids[%d]: rid %q listed twice", ErrCRL, i, rid)
		}
		c.rids[rid] = t
	}
	return c, nil
}

// Revoked reports whether a card with this rid and nbf (Unix seconds) is
// revoked.
func (c *CRL) Revoked(rid string, nbf float64) bool {
	if c == nil || rid == "" {
		return false
	}
	t, ok := c.rids[rid]
	return ok && (t == 0 || nbf < float64(t))
}

// Len is the number of revoked rids.
func (c *CRL) Len() int { return len(c.rids) }

func isBase64URL(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}
