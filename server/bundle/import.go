package bundle

import (
	"bytes"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"passcheck/internal/dgctestdata"
	"passcheck/verify"
	"passcheck/verify/trust"
)

// MaxListSize bounds one list or certificate file read by an importer.
const MaxListSize = 64 << 20

// readBounded reads r up to MaxListSize and fails beyond it.
func readBounded(r io.Reader, name string) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxListSize+1))
	if err != nil {
		return nil, fmt.Errorf("bundle: reading %s: %w", name, err)
	}
	if len(data) > MaxListSize {
		return nil, fmt.Errorf("bundle: %s exceeds %d bytes", name, MaxListSize)
	}
	return data, nil
}

func readFile(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("bundle: %w", err)
	}
	defer f.Close()
	return readBounded(f, path)
}

// ImportDir imports every certificate in the files of dir (recursively):
// PEM files with one or more CERTIFICATE blocks, or a DER certificate.
// Files of other kinds are skipped with their reason.
func ImportDir(dir string) (*Import, error) {
	imp := &Import{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || strings.HasPrefix(d.Name(), ".") {
			return nil
		}
		data, err := readFile(path)
		if err != nil {
			imp.skip(path, "%v", err)
			return nil
		}
		if !bytes.Contains(data, []byte("-----BEGIN")) {
			addDirCert(imp, data, path)
			return nil
		}
		n := 0
		for i := 1; ; i++ {
			var b *pem.Block
			b, data = pem.Decode(data)
			if b == nil {
				break
			}
			if b.Type != "CERTIFICATE" {
				continue // keys and other blocks are not DSCs
			}
			n++
			addDirCert(imp, b.Bytes, fmt.Sprintf("%s#%d", path, i))
		}
		if n == 0 {
			imp.skip(path, "no CERTIFICATE block")
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("bundle: %w", err)
	}
	return imp, nil
}

// addDirCert adds a certificate found in a folder, where CSCAs often sit
// beside their DSCs: a CA certificate is skipped. (The gateway lists are
// taken as published: the German one lists two CSCAs, of Georgia and San
// Marino, as DSCs, and a verifier that follows it accepts them.)
func addDirCert(imp *Import, der []byte, source string) {
	if c, err := x509.ParseCertificate(der); err == nil && c.IsCA {
		imp.skip(source, "a CA certificate, not a document signer")
		return
	}
	addCert(imp, der, nil, "", source)
}

func addCert(imp *Import, der, listKID []byte, country, source string) {
	e, reason := entryFromCert(der, listKID, country, source)
	if reason != "" {
		imp.skip(source, "%s", reason)
		return
	}
	imp.Entries = append(imp.Entries, e)
}

// gatewayList is the EU-gateway style trust list of Germany's and Austria's
// verifier back ends.
type gatewayList struct {
	Certificates []struct {
		CertificateType string `json:"certificateType"`
		Country         string `json:"country"`
		KID             string `json:"kid"`
		RawData         string `json:"rawData"`
	} `json:"certificates"`
}

// ImportGateway imports an EU-gateway style list ({"certificates": [{kid,
// country, rawData: base64 DER, certificateType}]}), such as the German
// and Austrian ones. name labels the entries in reports.
func ImportGateway(r io.Reader, name string) (*Import, error) {
	data, err := readBounded(r, name)
	if err != nil {
		return nil, err
	}
	var l gatewayList
	if err := json.Unmarshal(data, &l); err != nil {
		return nil, fmt.Errorf("bundle: %s: %w", name, err)
	}
	imp := &Import{}
	for i, c := range l.Certificates {
		src := fmt.Sprintf("%s[%d] kid=%s", name, i, c.KID)
		if c.CertificateType != "" && c.CertificateType != "DSC" {
			imp.skip(src, "certificateType %q is not DSC", c.CertificateType)
			continue
		}
		der, err := base64.StdEncoding.DecodeString(c.RawData)
		if err != nil {
			imp.skip(src, "rawData: %v", err)
			continue
		}
		var kid []byte
		if c.KID != "" {
			if kid, err = base64.StdEncoding.DecodeString(c.KID); err != nil {
				imp.skip(src, "kid: %v", err)
				continue
			}
		}
		country := strings.ToUpper(c.Country)
		if country != "" && !verify.IsCountryCode(country) {
			imp.skip(src, "country %q", c.Country)
			continue
		}
		addCert(imp, der, kid, country, src)
	}
	return imp, nil
}

// dutchKeys is the Dutch verifier's key file: public keys only, by kid.
type dutchKeys struct {
	EUKeys map[string][]struct {
		SubjectPK string   `json:"subjectPk"`
		KeyUsage  []string `json:"keyUsage"`
		IAN       string   `json:"ian"`
	} `json:"eu_keys"`
}

// ImportDutch imports the Dutch key file ({"eu_keys": {kid: [{subjectPk,
// keyUsage, ian}]}}). It has no certificates: entries carry the bare public
// key, the country from ian and the types from keyUsage ("v", "t", "r";
// none means all).
func ImportDutch(r io.Reader, name string) (*Import, error) {
	data, err := readBounded(r, name)
	if err != nil {
		return nil, err
	}
	var l dutchKeys
	if err := json.Unmarshal(data, &l); err != nil {
		return nil, fmt.Errorf("bundle: %s: %w", name, err)
	}
	kids := make([]string, 0, len(l.EUKeys))
	for k := range l.EUKeys {
		kids = append(kids, k)
	}
	sort.Strings(kids)
	imp := &Import{}
	for _, k := range kids {
		for i, e := range l.EUKeys[k] {
			src := fmt.Sprintf("%s kid=%s[%d]", name, k, i)
			kid, err := base64.StdEncoding.DecodeString(k)
			if err != nil || len(kid) != 8 {
				imp.skip(src, "kid is not 8 bytes of base64")
				continue
			}
			spki, err := base64.StdEncoding.DecodeString(e.SubjectPK)
			if err != nil {
				imp.skip(src, "subjectPk: %v", err)
				continue
			}
			pub, err := trust.ParseSPKI(spki)
			if err != nil {
				imp.skip(src, "subjectPk does not parse: %v", err)
				continue
			}
			if reason := checkKey(pub); reason != "" {
				imp.skip(src, "%s", reason)
				continue
			}
			country := strings.ToUpper(e.IAN)
			if !verify.IsCountryCode(country) {
				imp.skip(src, "ian %q is not a country code", e.IAN)
				continue
			}
			var types verify.CertType
			bad := ""
			for _, u := range e.KeyUsage {
				switch u {
				case "v":
					types |= verify.Vaccination
				case "t":
					types |= verify.Test
				case "r":
					types |= verify.Recovery
				default:
					bad = u
				}
			}
			if bad != "" {
				imp.skip(src, "unknown keyUsage %q", bad)
				continue
			}
			if types == 0 {
				types = verify.AllTypes
			}
			imp.Entries = append(imp.Entries, Entry{
				DSC:    trust.DSC{KID: kid, Country: country, SPKI: spki, Types: uint8(types)},
				Source: src,
			})
		}
	}
	return imp, nil
}

// ImportVectors imports the signer certificates (TESTCTX.CERTIFICATE) of
// the dgc-testdata vectors under dir (every *.json file, recursively).
// These are test DSCs: never put them in a production bundle.
func ImportVectors(dir string) (*Import, error) {
	imp := &Import{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || !strings.HasSuffix(d.Name(), ".json") {
			return nil
		}
		data, err := readFile(path)
		if err != nil {
			imp.skip(path, "%v", err)
			return nil
		}
		v, err := dgctestdata.Parse(data)
		if err != nil {
			imp.skip(path, "not JSON: %v", err)
			return nil
		}
		v.Path = path
		if v.Context.Certificate == "" {
			imp.skip(path, "no TESTCTX.CERTIFICATE")
			return nil
		}
		der, err := v.CertificateDER()
		if err != nil {
			imp.skip(path, "%v", err)
			return nil
		}
		e, reason := entryFromCert(der, nil, "", path)
		if reason != "" {
			imp.skip(path, "%s", reason)
			return nil
		}
		// The vectors sit in <CC>/2DCode/raw/: the folder names the
		// country when the certificate's subject does not.
		if rel, err := filepath.Rel(dir, path); e.Country == "" && err == nil {
			if cc, _, _ := strings.Cut(filepath.ToSlash(rel), "/"); verify.IsCountryCode(cc) {
				e.Country = cc
			}
		}
		imp.Entries = append(imp.Entries, e)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("bundle: %w", err)
	}
	return imp, nil
}
