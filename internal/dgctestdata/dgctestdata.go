// Package dgctestdata reads the EU interoperability test vectors
// (eu-digital-green-certificates/dgc-testdata; the project's copy is
// testdata/dgc-testdata, see its SOURCE.md): one JSON file per test case,
// at <COUNTRY>/2DCode/raw/<N>.json, holding the credential at every stage
// of encoding, the signer certificate, a validation clock and the expected
// result of each step.
//
// It is the one decoder of that JSON for tests, benchmarks and the
// `passcheck trust build --vectors` importer. It only decodes: what a field
// must contain is for each caller to check. It imports nothing of the
// project, so that package verify's own tests can use it.
package dgctestdata

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// MaxFile bounds one vector file; the largest is about 60 kB.
const MaxFile = 4 << 20

// Vector is one test case. Fields hold the text of the file; absent fields
// are empty.
type Vector struct {
	// Path is the file's path relative to the folder given to Load,
	// slash-separated ("AT/2DCode/raw/1.json"); for Parse, what the caller
	// set.
	Path string `json:"-"`

	JSON   json.RawMessage // the DCC as JSON
	CBOR   string          // hex: the CWT payload (or, in some files, the DCC alone)
	COSE   string          // hex: the COSE_Sign1
	Zlib   string          `json:"COMPRESSED"` // hex: the COSE after zlib
	Base45 string          `json:"BASE45"`     // the zlib bytes in base45
	Prefix string          `json:"PREFIX"`     // the QR text, "HC1:" + Base45
	PNG    string          `json:"2DCODE"`     // base64: the QR picture
	PNGAlt string          `json:"_2DCODE"`    // the same, as the LV files name it

	Context struct {
		Certificate string `json:"CERTIFICATE"`     // base64 DER: the signer (DSC)
		Clock       string `json:"VALIDATIONCLOCK"` // RFC 3339, zone optional (none: UTC)
		Description string `json:"DESCRIPTION"`
	} `json:"TESTCTX"`

	// Expected maps EXPECTED* flags (EXPECTEDVERIFY, EXPECTEDPICTUREDECODE,
	// ...) to the expected outcome; a flag the file does not set is absent.
	Expected map[string]bool `json:"EXPECTEDRESULTS"`
}

// Parse decodes one vector file's bytes. Some files start with a UTF-8
// byte-order mark; it is skipped.
func Parse(data []byte) (*Vector, error) {
	v := &Vector{}
	if err := json.Unmarshal(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")), v); err != nil {
		return nil, fmt.Errorf("dgctestdata: %w", err)
	}
	return v, nil
}

// ReadFile reads and parses the vector file at path, of at most MaxFile
// bytes. Its Path is path as given.
func ReadFile(path string) (*Vector, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("dgctestdata: %w", err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxFile+1))
	if err != nil {
		return nil, fmt.Errorf("dgctestdata: %s: %w", path, err)
	}
	if len(data) > MaxFile {
		return nil, fmt.Errorf("dgctestdata: %s: more than %d bytes", path, MaxFile)
	}
	v, err := Parse(data)
	if err != nil {
		return nil, fmt.Errorf("dgctestdata: %s: %w", path, err)
	}
	v.Path = path
	return v, nil
}

// Load reads every dir/*/2DCode/raw/*.json, sorted by Path. A folder
// without any vector is an error: a test must not pass on nothing.
func Load(dir string) ([]*Vector, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*", "2DCode", "raw", "*.json"))
	if err != nil {
		return nil, fmt.Errorf("dgctestdata: %w", err)
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("dgctestdata: no vectors under %s", dir)
	}
	sort.Strings(files)
	vs := make([]*Vector, 0, len(files))
	for _, f := range files {
		v, err := ReadFile(f)
		if err != nil {
			return nil, err
		}
		rel, err := filepath.Rel(dir, f)
		if err != nil {
			return nil, fmt.Errorf("dgctestdata: %w", err)
		}
		v.Path = filepath.ToSlash(rel)
		vs = append(vs, v)
	}
	return vs, nil
}

// CertificateDER decodes the signer certificate (TESTCTX.CERTIFICATE).
func (v *Vector) CertificateDER() ([]byte, error) {
	if v.Context.Certificate == "" {
		return nil, fmt.Errorf("dgctestdata: %s: no TESTCTX.CERTIFICATE", v.Path)
	}
	der, err := base64.StdEncoding.DecodeString(strings.TrimSpace(v.Context.Certificate))
	if err != nil {
		return nil, fmt.Errorf("dgctestdata: %s: CERTIFICATE: %w", v.Path, err)
	}
	return der, nil
}

// Picture decodes the QR picture (2DCODE, or _2DCODE); nil when the file
// has none.
func (v *Vector) Picture() ([]byte, error) {
	s := v.PNG
	if s == "" {
		s = v.PNGAlt
	}
	if s == "" {
		return nil, nil
	}
	b, err := base64.StdEncoding.DecodeString(s)
	if err != nil {
		return nil, fmt.Errorf("dgctestdata: %s: 2DCODE: %w", v.Path, err)
	}
	return b, nil
}
