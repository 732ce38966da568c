package shc

import (
	"encoding/json"
	"sort"
	"strconv"
)

// JWK returns the key as a published JWK (kty, kid, use, alg, crv, x, y and
// crlVersion when set).
func (k *Key) JWK() JWK {
	b, _ := k.Public.Bytes() // uncompressed: 0x04 ‖ x ‖ y, 32 bytes each on P-256
	return JWK{Kty: "EC", KID: k.KID, Use: "sig", Alg: "ES256", Crv: "P-256",
		X: b64.EncodeToString(b[1:33]), Y: b64.EncodeToString(b[33:65]), CRLVersion: k.CRLVersion}
}

// MarshalJWKS writes keys as a JWKS that ParseJWKS reads back to the same
// keys, whatever the published document held besides (x5c, comments).
func MarshalJWKS(keys []*Key) ([]byte, error) {
	type jwk struct {
		Kty        string `json:"kty"`
		KID        string `json:"kid"`
		Use        string `json:"use"`
		Alg        string `json:"alg"`
		Crv        string `json:"crv"`
		X          string `json:"x"`
		Y          string `json:"y"`
		CRLVersion int    `json:"crlVersion,omitempty"`
	}
	doc := struct {
		Keys []jwk `json:"keys"`
	}{Keys: []jwk{}}
	for _, k := range keys {
		j := k.JWK()
		doc.Keys = append(doc.Keys, jwk{j.Kty, j.KID, j.Use, j.Alg, j.Crv, j.X, j.Y, j.CRLVersion})
	}
	return json.Marshal(doc)
}

// MarshalJSON writes the CRL as published, its rids sorted, so that
// ParseCRL reads it back to the same list.
func (c *CRL) MarshalJSON() ([]byte, error) {
	rids := make([]string, 0, len(c.rids))
	for rid, t := range c.rids {
		if t != 0 {
			rid += "." + strconv.FormatInt(t, 10)
		}
		rids = append(rids, rid)
	}
	sort.Strings(rids)
	return json.Marshal(struct {
		KID    string   `json:"kid"`
		Method string   `json:"method"`
		Ctr    int      `json:"ctr"`
		RIDs   []string `json:"rids"`
	}{c.KID, "rid", c.Ctr, rids})
}
