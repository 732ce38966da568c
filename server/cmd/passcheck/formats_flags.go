//go:build !wasm

package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"passcheck/verify/nzcp"
	"passcheck/verify/shc"
)

// maxTrustDoc bounds a JWKS, CRL or DID document read from a file.
const maxTrustDoc = shc.MaxDocLen

// pairFlags collects repeated ISSUER_URL=FILE flags.
type pairFlags []string

func (p *pairFlags) String() string { return strings.Join(*p, ",") }
func (p *pairFlags) Set(s string) error {
	url, file, ok := strings.Cut(s, "=")
	if !ok || url == "" || file == "" {
		return errors.New("want ISSUER_URL=FILE")
	}
	*p = append(*p, s)
	return nil
}

func readTrustDoc(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, maxTrustDoc+1))
	if err != nil {
		return nil, err
	}
	if len(b) > maxTrustDoc {
		return nil, fmt.Errorf("more than %d bytes", maxTrustDoc)
	}
	return b, nil
}

// shcIssuers reads --shc-jwks and --shc-crl pairs into issuers. A key the
// JWKS holds but that cannot be used is an error naming it: trust is built
// by hand, and a quietly dropped key would refuse its cards later.
func shcIssuers(jwks, crls pairFlags, name func(url string) string, test bool) ([]*shc.Issuer, error) {
	byURL := map[string]*shc.Issuer{}
	var order []*shc.Issuer
	for _, p := range jwks {
		url, file, _ := strings.Cut(p, "=")
		if !strings.HasPrefix(url, "https://") || strings.HasSuffix(url, "/") {
			return nil, fmt.Errorf("--shc-jwks %s: the issuer URL must be https:// without a trailing slash", p)
		}
		b, err := readTrustDoc(file)
		if err != nil {
			return nil, fmt.Errorf("--shc-jwks %s: %v", p, err)
		}
		keys, skipped, err := shc.ParseJWKS(b)
		if err == nil && len(skipped) > 0 {
			err = errors.Join(skipped...)
		}
		if err == nil && len(keys) == 0 {
			err = errors.New("no keys")
		}
		if err != nil {
			return nil, fmt.Errorf("--shc-jwks %s: %v", p, err)
		}
		is := byURL[url]
		if is == nil {
			is = &shc.Issuer{URL: url, Test: test}
			if name != nil {
				is.Name = name(url)
			}
			byURL[url] = is
			order = append(order, is)
		}
		is.Keys = append(is.Keys, keys...)
	}
	for _, p := range crls {
		url, file, _ := strings.Cut(p, "=")
		is := byURL[url]
		if is == nil {
			return nil, fmt.Errorf("--shc-crl %s: no --shc-jwks for %s", p, url)
		}
		b, err := readTrustDoc(file)
		if err != nil {
			return nil, fmt.Errorf("--shc-crl %s: %v", p, err)
		}
		c, err := shc.ParseCRL(b)
		if err != nil {
			return nil, fmt.Errorf("--shc-crl %s: %v", p, err)
		}
		is.CRLs = append(is.CRLs, c)
	}
	var s shc.IssuerSet
	for _, is := range order {
		if err := s.Add(is); err != nil {
			return nil, err
		}
	}
	return order, nil
}

// nzcpIssuers reads --nzcp-did files.
func nzcpIssuers(files []string, test bool) ([]*nzcp.Issuer, error) {
	var out []*nzcp.Issuer
	for _, f := range files {
		b, err := readTrustDoc(f)
		if err != nil {
			return nil, fmt.Errorf("--nzcp-did %s: %v", f, err)
		}
		is, skipped, err := nzcp.ParseDID(b)
		if err == nil && len(is.Keys) == 0 {
			err = errors.Join(append([]error{errors.New("no usable assertion key")}, skipped...)...)
		}
		if err != nil {
			return nil, fmt.Errorf("--nzcp-did %s: %v", f, err)
		}
		is.Test = test
		out = append(out, is)
	}
	return out, nil
}

// joinSHC looks an SMART issuer up on the command line's flags first, then
// in the trust bundle.
type joinSHC [2]shc.Issuers

func (j joinSHC) Issuer(url string) *shc.Issuer {
	for _, s := range j {
		if s == nil {
			continue
		}
		if is := s.Issuer(url); is != nil {
			return is
		}
	}
	return nil
}

// joinNZCP is joinSHC for NZCP issuers.
type joinNZCP [2]nzcp.Issuers

func (j joinNZCP) Issuer(did string) *nzcp.Issuer {
	for _, s := range j {
		if s == nil {
			continue
		}
		if is := s.Issuer(did); is != nil {
			return is
		}
	}
	return nil
}
