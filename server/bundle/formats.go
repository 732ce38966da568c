package bundle

import (
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"

	"passcheck/verify/nzcp"
	"passcheck/verify/shc"
	"passcheck/verify/trust"
)

// IssuerFile is one ISSUER_URL=FILE of `trust build --shc-jwks/--shc-crl`.
type IssuerFile struct{ URL, Path string }

// ParseIssuerFile reads "ISSUER_URL=FILE".
func ParseIssuerFile(s string) (IssuerFile, error) {
	url, path, ok := strings.Cut(s, "=")
	if !ok || url == "" || path == "" {
		return IssuerFile{}, fmt.Errorf("bundle: %q: want ISSUER_URL=FILE", s)
	}
	return IssuerFile{URL: url, Path: path}, nil
}

// Formats names the sources of the SMART Health Card and NZ COVID Pass
// issuers of a bundle.
type Formats struct {
	SHCJWKS     []IssuerFile // an issuer's JWKS; repeat an URL to add keys
	SHCCRLs     []IssuerFile // the CRL of one of its keys
	VCISnapshot string       // the VCI directory's snapshot ("": none)
	NZCPDIDs    []string     // DID documents
	// Test marks every issuer of these sources as a test issuer (the demo
	// bundle's specification examples): the app says so on the verdict.
	Test bool
}

// Issuers reads the sources into the bundle's issuer lists. Files given
// one by one must be wholly usable (an unusable key or CRL is an error:
// it was asked for by name); the VCI snapshot's unusable entries are
// reported to w as skipped, naming each, and the rest is kept. An issuer
// named by --shc-jwks replaces the snapshot's entry for it (reported).
func (f *Formats) Issuers(w io.Writer) ([]trust.SHCIssuer, []trust.NZCPIssuer, error) {
	byURL := map[string]*shc.Issuer{}
	var order []string
	add := func(is *shc.Issuer) {
		if _, ok := byURL[is.URL]; !ok {
			order = append(order, is.URL)
		}
		byURL[is.URL] = is
	}
	if f.VCISnapshot != "" {
		b, err := readFile(f.VCISnapshot)
		if err != nil {
			return nil, nil, err
		}
		issuers, problems, err := shc.ParseVCISnapshot(b)
		if err != nil {
			return nil, nil, fmt.Errorf("bundle: %s: %w", f.VCISnapshot, err)
		}
		fmt.Fprintf(w, "%s: %d SMART issuers, %d entries skipped\n", f.VCISnapshot, len(issuers), len(problems))
		for _, p := range problems {
			fmt.Fprintf(w, "  skipped %v\n", p)
		}
		for _, is := range issuers {
			is.Test = f.Test
			add(is)
		}
	}
	named, err := ReadSHCIssuers(f.SHCJWKS, f.SHCCRLs, f.Test)
	if err != nil {
		return nil, nil, err
	}
	for _, is := range named {
		if _, ok := byURL[is.URL]; ok {
			fmt.Fprintf(w, "--shc-jwks: replaces the snapshot's entry for %s\n", is.URL)
		}
		add(is)
	}
	var shcs []trust.SHCIssuer
	sort.Strings(order)
	for _, url := range order {
		is := byURL[url]
		if err := (&shc.IssuerSet{}).Add(is); err != nil {
			return nil, nil, fmt.Errorf("bundle: %w", err)
		}
		t, err := SHCIssuer(is)
		if err != nil {
			return nil, nil, err
		}
		shcs = append(shcs, t)
	}
	if len(f.SHCJWKS) > 0 {
		fmt.Fprintf(w, "--shc-jwks: %d SMART issuers, %d with a CRL\n", len(named), countCRLs(named))
	}

	var nzcps []trust.NZCPIssuer
	seen := map[string]bool{}
	for _, path := range f.NZCPDIDs {
		is, b, skipped, err := ReadNZCPIssuer(path)
		if err != nil {
			return nil, nil, err
		}
		if seen[is.DID] {
			return nil, nil, fmt.Errorf("bundle: --nzcp-did %s: %s given twice", path, is.DID)
		}
		seen[is.DID] = true
		fmt.Fprintf(w, "%s: NZCP issuer %s, %d assertion keys, %d other methods left out\n", path, is.DID, len(is.Keys), len(skipped))
		for _, s := range skipped {
			fmt.Fprintf(w, "  skipped %v\n", s)
		}
		nzcps = append(nzcps, trust.NZCPIssuer{DID: is.DID, Test: f.Test, Doc: b})
	}
	sort.Slice(nzcps, func(i, j int) bool { return nzcps[i].DID < nzcps[j].DID })
	return shcs, nzcps, nil
}

// ReadSHCIssuers reads the JWKS and CRL files given one by one (--shc-jwks,
// --shc-crl) into issuers, in the order first named; repeating an URL adds
// keys. Every file must be wholly usable: trust is built by hand here, and a
// quietly dropped key or CRL would refuse or admit cards later.
func ReadSHCIssuers(jwks, crls []IssuerFile, test bool) ([]*shc.Issuer, error) {
	byURL := map[string]*shc.Issuer{}
	var order []*shc.Issuer
	for _, jf := range jwks {
		if !strings.HasPrefix(jf.URL, "https://") || strings.HasSuffix(jf.URL, "/") {
			return nil, fmt.Errorf("bundle: --shc-jwks %s: the issuer URL must be https:// without a trailing slash", jf.URL)
		}
		b, err := readFile(jf.Path)
		if err != nil {
			return nil, err
		}
		keys, skipped, err := shc.ParseJWKS(b)
		if err == nil && len(skipped) > 0 {
			err = errors.Join(skipped...)
		}
		if err == nil && len(keys) == 0 {
			err = errors.New("no keys")
		}
		if err != nil {
			return nil, fmt.Errorf("bundle: --shc-jwks %s=%s: %w", jf.URL, jf.Path, err)
		}
		is := byURL[jf.URL]
		if is == nil {
			is = &shc.Issuer{URL: jf.URL, Test: test}
			byURL[jf.URL] = is
			order = append(order, is)
		}
		is.Keys = append(is.Keys, keys...)
	}
	for _, cf := range crls {
		is := byURL[cf.URL]
		if is == nil {
			return nil, fmt.Errorf("bundle: --shc-crl %s: no --shc-jwks for this issuer", cf.URL)
		}
		b, err := readFile(cf.Path)
		if err != nil {
			return nil, err
		}
		c, err := shc.ParseCRL(b)
		if err != nil {
			return nil, fmt.Errorf("bundle: --shc-crl %s=%s: %w", cf.URL, cf.Path, err)
		}
		is.CRLs = append(is.CRLs, c)
	}
	var set shc.IssuerSet
	for _, is := range order {
		if err := set.Add(is); err != nil {
			return nil, fmt.Errorf("bundle: %w", err)
		}
	}
	return order, nil
}

// ReadNZCPIssuer reads a DID document file (--nzcp-did): the issuer, the
// document as read, and the verification methods left out. A document
// without a usable assertion key is an error.
func ReadNZCPIssuer(path string) (*nzcp.Issuer, []byte, []error, error) {
	b, err := readFile(path)
	if err != nil {
		return nil, nil, nil, err
	}
	is, skipped, err := nzcp.ParseDID(b)
	if err == nil && len(is.Keys) == 0 {
		err = errors.Join(append([]error{errors.New("no usable assertion key")}, skipped...)...)
	}
	if err != nil {
		return nil, nil, nil, fmt.Errorf("bundle: --nzcp-did %s: %w", path, err)
	}
	return is, b, skipped, nil
}

func countCRLs(issuers []*shc.Issuer) int {
	n := 0
	for _, is := range issuers {
		if len(is.CRLs) > 0 {
			n++
		}
	}
	return n
}

// SHCIssuer is the bundle form of a SMART issuer: its keys and CRLs
// written back in their published JSON form, normalised (see
// shc.MarshalJWKS), so that the app reads them with the importer's parser.
func SHCIssuer(is *shc.Issuer) (trust.SHCIssuer, error) {
	jwks, err := shc.MarshalJWKS(is.Keys)
	if err != nil {
		return trust.SHCIssuer{}, err
	}
	t := trust.SHCIssuer{URL: is.URL, Name: is.Name, Test: is.Test, JWKS: jwks}
	for _, c := range is.CRLs {
		b, err := c.MarshalJSON()
		if err != nil {
			return trust.SHCIssuer{}, err
		}
		t.CRLs = append(t.CRLs, b)
	}
	return t, nil
}
