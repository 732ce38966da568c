package shc

import (
	"encoding/json"
	"fmt"
	"strings"
)

// MaxSnapshotLen bounds a VCI directory snapshot (the daily one of every
// issuer's keys and CRLs is a few MiB).
const MaxSnapshotLen = 64 << 20

// maxSnapshotIssuers bounds the issuers of one snapshot (a thousand in
// 2024).
const maxSnapshotIssuers = 10_000

// ParseVCISnapshot reads the VCI directory's snapshot of trusted issuers
// ({"issuerInfo":[{"issuer":{"iss","name"},"keys":[JWK…],"crls":[CRL…]}]}),
// the form published for offline verifiers. It returns the usable issuers,
// and one error per entry that cannot be used, naming it: an issuer URL
// that is not https without a trailing slash, an issuer with no usable key,
// an unreadable CRL or one that does not match its key (such an issuer is
// left out whole: its cards could not be checked for revocation). A key
// that cannot be used is reported and left out; the issuer's other keys
// stay. err is for a document that is not a snapshot at all.
func ParseVCISnapshot(b []byte) (issuers []*Issuer, problems []error, err error) {
	if len(b) > MaxSnapshotLen {
		return nil, nil, fmt.Errorf("%w: snapshot of %d bytes, at most %d", ErrKey, len(b), MaxSnapshotLen)
	}
	var doc struct {
		IssuerInfo []struct {
			Issuer struct {
				Iss          string `json:"iss"`
				Name         string `json:"name"`
				CanonicalIss string `json:"canonical_iss"`
			} `json:"issuer"`
			Keys []json.RawMessage `json:"keys"`
			CRLs []json.RawMessage `json:"crls"`
		} `json:"issuerInfo"`
	}
	if err := decodeJSON(b, &doc); err != nil {
		return nil, nil, fmt.Errorf("%w: VCI snapshot: %v", ErrKey, err)
	}
	if doc.IssuerInfo == nil {
		return nil, nil, fmt.Errorf("%w: VCI snapshot has no issuerInfo", ErrKey)
	}
	if len(doc.IssuerInfo) > maxSnapshotIssuers {
		return nil, nil, fmt.Errorf("%w: %d issuers, at most %d", ErrKey, len(doc.IssuerInfo), maxSnapshotIssuers)
	}
	seen := map[string]bool{}
	for i, e := range doc.IssuerInfo {
		iss := e.Issuer.Iss
		where := fmt.Sprintf("issuerInfo[%d] %q", i, iss)
		if !strings.HasPrefix(iss, "https://") || strings.HasSuffix(iss, "/") {
			problems = append(problems, fmt.Errorf("%s: %w: the issuer URL must be https:// without a trailing slash", where, ErrKey))
			continue
		}
		if seen[iss] {
			problems = append(problems, fmt.Errorf("%s: %w: listed twice", where, ErrKey))
			continue
		}
		is := &Issuer{URL: iss, Name: e.Issuer.Name}
		for j, raw := range e.Keys {
			var jwk JWK
			if err := json.Unmarshal(raw, &jwk); err != nil {
				problems = append(problems, fmt.Errorf("%s: keys[%d]: %w: %v", where, j, ErrKey, err))
				continue
			}
			k, err := jwk.Key()
			if err != nil {
				problems = append(problems, fmt.Errorf("%s: keys[%d]: %w", where, j, err))
				continue
			}
			is.Keys = append(is.Keys, k)
		}
		if len(is.Keys) == 0 {
			problems = append(problems, fmt.Errorf("%s: %w: no usable key, issuer left out", where, ErrKey))
			continue
		}
		var crlErr error
		for j, raw := range e.CRLs {
			c, err := ParseCRL(raw)
			if err != nil {
				crlErr = fmt.Errorf("crls[%d]: %w", j, err)
				break
			}
			is.CRLs = append(is.CRLs, c)
		}
		if crlErr == nil {
			crlErr = (&IssuerSet{}).Add(is)
		}
		if crlErr != nil {
			problems = append(problems, fmt.Errorf("%s: %w; issuer left out", where, crlErr))
			continue
		}
		seen[iss] = true
		issuers = append(issuers, is)
	}
	return issuers, problems, nil
}
