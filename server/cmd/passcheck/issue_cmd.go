//go:build !wasm

package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"passcheck/server/datadir"
	"passcheck/server/demo"
	"passcheck/server/issue"
	"passcheck/verify"
)

func init() {
	commands["issue"] = command{summary: "issue DEMO/TEST health certificates (never with a real key)", run: runIssue}
}

const issueUsage = `usage:
  passcheck issue [--data DIR] --sample NAME [-o FILE] [--png FILE]
  passcheck issue [--data DIR | --cert DSC.pem --key DSC.key.pem] --dcc FILE.json
                  [--iss CC] [--iat RFC3339] [--valid 8760h] [-o FILE] [--png FILE]

Issues a credential and prints its QR text ("HC1:...") or writes it to FILE; --png also
writes the QR code. --sample issues one of the demo samples, dated now (names:
valid-vaccination valid-test valid-recovery expired bad-signature unknown-issuer revoked;
SMART Health Cards: shc-valid shc-chunked-1 shc-chunked-2 shc-chunked-3 (one card over three
QR codes; each --sample issues the card anew, so take all three from one "passcheck init")
shc-bad-signature shc-unknown-issuer; NZ COVID Pass: nzcp-valid nzcp-expired).
--dcc signs a DCC payload (JSON with the DCC field names) with the data folder's demo DSC
or the given one. The DSC's subject must say DEMO or TEST: real keys are refused.
`

func runIssue(args []string) int { return issueCmd(args, time.Now(), os.Stdin, os.Stdout, os.Stderr) }

func issueCmd(args []string, now time.Time, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("issue", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stderr, issueUsage) }
	dataDir := fs.String("data", "./data", "data folder (made by passcheck init)")
	sample := fs.String("sample", "", "demo sample name")
	dccPath := fs.String("dcc", "", "DCC payload JSON file ('-': stdin)")
	certPath := fs.String("cert", "", "demo/test DSC certificate (PEM or DER)")
	keyPath := fs.String("key", "", "its private key (PEM)")
	iss := fs.String("iss", "", "issuing country (default: the DSC's)")
	iatArg := fs.String("iat", "", "issue time, RFC 3339 (default now)")
	valid := fs.Duration("valid", 365*24*time.Hour, "validity from the issue time")
	out := fs.String("o", "", "write the QR text here instead of stdout")
	pngPath := fs.String("png", "", "also write the QR code as PNG here")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() != 0 || (*sample == "") == (*dccPath == "") || (*certPath == "") != (*keyPath == "") || *valid <= 0 {
		fmt.Fprint(stderr, issueUsage)
		return 2
	}
	fail := func(err error) int { fmt.Fprintln(stderr, "passcheck issue:", err); return 1 }

	var text string
	if *sample != "" {
		d, err := demo.Ensure(*dataDir, now)
		if err != nil {
			return fail(err)
		}
		samples, err := d.AllSamples(now)
		if err != nil {
			return fail(err)
		}
		for _, s := range samples {
			if s.Name == *sample {
				text = s.Text
			}
		}
		if text == "" {
			fmt.Fprintf(stderr, "passcheck issue: no sample %q\n%s", *sample, issueUsage)
			return 2
		}
	} else {
		signer, err := loadSigner(*dataDir, *certPath, *keyPath, now)
		if err != nil {
			return fail(err)
		}
		var raw []byte
		if *dccPath == "-" {
			raw, err = io.ReadAll(io.LimitReader(stdin, 1<<20+1))
		} else {
			raw, err = readBounded(*dccPath, 1<<20)
		}
		if err != nil {
			return fail(err)
		}
		var dcc verify.DCC
		dec := json.NewDecoder(bytes.NewReader(raw))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&dcc); err != nil {
			return fail(fmt.Errorf("%s: %w", *dccPath, err))
		}
		iat := now
		if *iatArg != "" {
			if iat, err = time.Parse(time.RFC3339, *iatArg); err != nil {
				fmt.Fprintln(stderr, "passcheck issue: --iat:", err)
				return 2
			}
		}
		c := issue.Claims{Issuer: *iss, IssuedAt: iat, ExpiresAt: iat.Add(*valid), DCC: dcc}
		if c.Issuer == "" && len(signer.Cert.Subject.Country) > 0 {
			c.Issuer = signer.Cert.Subject.Country[0]
		}
		cred, err := signer.Sign(&c)
		if err != nil {
			return fail(err)
		}
		text = cred.Text
	}

	if *out != "" {
		if err := os.WriteFile(*out, []byte(text+"\n"), 0o644); err != nil {
			return fail(err)
		}
	} else {
		fmt.Fprintln(stdout, text)
	}
	if *pngPath != "" {
		img, err := issue.PNG(text)
		if err != nil {
			return fail(err)
		}
		if err := os.WriteFile(*pngPath, img, 0o644); err != nil {
			return fail(err)
		}
	}
	return 0
}

// loadSigner returns the given DSC, or the data folder's demo DSC.
func loadSigner(dataDir, certPath, keyPath string, now time.Time) (*issue.Signer, error) {
	if certPath == "" {
		if _, err := os.Stat(filepath.Join(dataDir, datadir.BundleKeyFile)); err != nil {
			return nil, fmt.Errorf("no --cert/--key and no data folder at %s (run passcheck init): %w", dataDir, err)
		}
		d, err := demo.Ensure(dataDir, now)
		if err != nil {
			return nil, err
		}
		return d.DSC, nil
	}
	certData, err := readBounded(certPath, 64<<10)
	if err != nil {
		return nil, err
	}
	cert, err := datadir.ParseCert(certData, certPath)
	if err != nil {
		return nil, err
	}
	keyData, err := readBounded(keyPath, 64<<10)
	if err != nil {
		return nil, err
	}
	key, err := datadir.ParseKey(keyData, keyPath)
	if err != nil {
		return nil, err
	}
	return issue.NewSigner(cert, key)
}
