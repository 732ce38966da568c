//go:build !wasm

package main

import (
	"strings"

	"passcheck/server/bundle"
	"passcheck/verify/nzcp"
	"passcheck/verify/shc"
)

// pairFlags collects repeated ISSUER_URL=FILE flags.
type pairFlags []bundle.IssuerFile

func (p *pairFlags) String() string {
	var out []string
	for _, f := range *p {
		out = append(out, f.URL+"="+f.Path)
	}
	return strings.Join(out, ",")
}

func (p *pairFlags) Set(s string) error {
	f, err := bundle.ParseIssuerFile(s)
	if err != nil {
		return err
	}
	*p = append(*p, f)
	return nil
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
