//go:build !wasm

package main

import (
	"bufio"
	"bytes"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"errors"
	"flag"
	"fmt"
	"image"
	_ "image/gif"  // INPUT may be a GIF,
	_ "image/jpeg" // a JPEG
	_ "image/png"  // or a PNG
	"io"
	"os"
	"strings"
	"time"

	"passcheck/server/bundle"
	"passcheck/verify"
	"passcheck/verify/nzcp"
	"passcheck/verify/qr"
	"passcheck/verify/rules"
	"passcheck/verify/shc"
	"passcheck/verify/trust"
)

func init() {
	commands["verify"] = command{
		summary: "verify health credentials (QR images or text: HC1, SMART Health Card, NZ COVID Pass)",
		run:     runVerify,
	}
}

const verifyUsage = `usage: passcheck verify [--cert FILE]... [--trust FILE] [--at TIME] [--policy NAME] [--json] INPUT...

INPUT is an image (PNG, JPEG, GIF) holding the QR code, a text file holding the
QR text, or - for the text on standard input. The format is told by the
prefix: "HC1:" (EU DCC), "shc:/" (SMART Health Card) or "NZCP:/" (NZ COVID
Pass). The QR codes of a chunked SMART Health Card ("shc:/1/3/...") may be
given as several INPUTs in any order: each reports "partial" until the last
one, which reports the assembled card.

  --cert FILE   trust this DSC (PEM, DER or base64 DER; repeatable)
  --shc-jwks ISSUER_URL=FILE
                trust this SMART Health Card issuer with the keys of its
                JWKS (repeatable)
  --shc-crl ISSUER_URL=FILE
                the revocation list of one of its keys (repeatable)
  --nzcp-did FILE
                trust this NZ COVID Pass issuer with the assertion keys of its
                DID document (repeatable)
  --trust FILE  trust the DSCs and revocations of this trust bundle
  --at TIME     verify at this time (default: now): RFC 3339
                (2021-06-09T15:15:34+02:00), a basic offset
                (2021-06-09T15:15:34+0200), or no zone, read as UTC
                (2021-05-17T18:21:22), as the EU test data's VALIDATIONCLOCK
  --policy NAME apply a venue policy (see "passcheck rules list"; a --trust
                bundle may add more), as the app does: its rules run only on
                a verified certificate; a failed rule makes the verdict
                invalid, a rule that cannot be decided cannot-verify; --json
                lines then gain "rules" (every rule in force) and the step
                "rules"
  --json        one JSON object per input, one per line: input, verdict,
                text, steps (true: passed, false: failed, absent: did not
                run), error {step, code, message}, kid (base64), issuer,
                issuedAt, expiresAt (RFC 3339), format (hc1, shc or nzcp),
                dcc (HC1: the payload as decoded, present even when not
                verified, for inspection), and credential (shc, nzcp: name,
                dob, issuerName, testIssuer, statements; unverified unless
                the verdict is valid)

Exit status: 0 when every input is valid, 1 when any is invalid or cannot be
verified, 2 on a usage error.
`

// maxInputSize bounds what is read of one INPUT: a large phone photo is a
// few MiB; QR text is at most a few KiB.
const maxInputSize = 32 << 20

// certFiles collects repeated --cert flags.
type certFiles []string

func (c *certFiles) String() string     { return strings.Join(*c, ",") }
func (c *certFiles) Set(s string) error { *c = append(*c, s); return nil }

func runVerify(args []string) int {
	return verifyMain(args, os.Stdin, os.Stdout, os.Stderr, time.Now)
}

// verifyMain is runVerify with its surroundings passed in, for tests.
func verifyMain(args []string, stdin io.Reader, stdout, stderr io.Writer, now func() time.Time) int {
	fs := flag.NewFlagSet("verify", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stderr, verifyUsage) }
	var (
		certs    certFiles
		trustArg = fs.String("trust", "", "")
		atArg    = fs.String("at", "", "")
		asJSON   = fs.Bool("json", false, "")
		policy   = fs.String("policy", "", "")
	)
	fs.Var(&certs, "cert", "")
	var shcJWKS, shcCRL pairFlags
	var nzcpDIDs certFiles
	fs.Var(&shcJWKS, "shc-jwks", "")
	fs.Var(&shcCRL, "shc-crl", "")
	fs.Var(&nzcpDIDs, "nzcp-did", "")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	inputs := fs.Args()
	if len(inputs) == 0 {
		fmt.Fprintln(stderr, "passcheck verify: no INPUT")
		fs.Usage()
		return 2
	}
	at := now()
	if *atArg != "" {
		t, err := verify.ParseClock(*atArg)
		if err != nil {
			fmt.Fprintf(stderr, "passcheck verify: --at: %s\n", verifyMessage(err))
			return 2
		}
		at = t
	}

	ks := verify.NewKeySet()
	for _, f := range certs {
		keys, err := readCertificates(f)
		if err != nil {
			fmt.Fprintf(stderr, "passcheck verify: --cert %s: %v\n", f, err)
			return 2
		}
		for _, k := range keys {
			ks.Add(k)
		}
	}
	v := &verify.Verifier{Trust: ks}
	if len(shcJWKS)+len(shcCRL)+len(nzcpDIDs) > 0 {
		if err := addFormatFlags(v, shcJWKS, shcCRL, nzcpDIDs); err != nil {
			fmt.Fprintf(stderr, "passcheck verify: %v\n", err)
			return 2
		}
	}
	if *trustArg != "" {
		store, revs, err := loadTrustBundle(*trustArg, at)
		if err != nil {
			fmt.Fprintf(stderr, "passcheck verify: --trust: %v\n", err)
			return 2
		}
		v.Trust, v.Revocations = joinStores(store, ks), revs
		if b, ok := store.(*trust.Bundle); ok {
			v.SHC, v.NZCP = joinSHC{v.SHC, b.SHCIssuers()}, joinNZCP{v.NZCP, b.NZCPIssuers()}
		}
	}
	var pol *rules.Policy
	var valueSets *rules.ValueSets
	if *policy != "" {
		var err error
		if pol, valueSets, err = findPolicy(*policy, v.Trust); err != nil {
			fmt.Fprintf(stderr, "passcheck verify: --policy: %v\n", err)
			return 2
		}
	}

	out := bufio.NewWriter(stdout)
	defer out.Flush()
	code := 0
	var chunks shc.Chunks
	partial := false // a chunked card is still incomplete
	for _, in := range inputs {
		rep, res, err := verifyInput(v, in, stdin, at, &chunks)
		if err != nil {
			fmt.Fprintf(stderr, "passcheck verify: %s: %v\n", in, err)
			code = 2
			continue
		}
		partial = res != nil && errors.Is(res.Err, verify.ErrPartial)
		applyPolicy(rep, res, pol, valueSets, at)
		if *asJSON {
			b, err := json.Marshal(rep)
			if err != nil {
				panic(err) // the report holds only marshalable types
			}
			out.Write(append(b, '\n'))
		} else {
			rep.writeHuman(out)
		}
		if rep.Verdict != verify.Valid.String() && code == 0 && !partial {
			code = 1
		}
	}
	if partial && code == 0 {
		code = 1 // the last chunked card never completed
	}
	return code
}

// addFormatFlags trusts the SMART and NZCP issuers given on the command
// line, read as `trust build` reads them.
func addFormatFlags(v *verify.Verifier, jwks, crls pairFlags, dids []string) error {
	shcs, err := bundle.ReadSHCIssuers(jwks, crls, false)
	if err != nil {
		return err
	}
	var si shc.IssuerSet
	for _, is := range shcs {
		if err := si.Add(is); err != nil {
			return err
		}
	}
	var ni nzcp.IssuerSet
	for _, path := range dids {
		is, _, _, err := bundle.ReadNZCPIssuer(path)
		if err != nil {
			return err
		}
		ni.Add(is)
	}
	v.SHC, v.NZCP = &si, &ni
	return nil
}

// report is one line of `passcheck verify --json`. Its shape is a contract:
// keep it.
type report struct {
	Input     string          `json:"input"`
	Verdict   string          `json:"verdict"`
	Text      string          `json:"text,omitempty"`
	Steps     map[string]bool `json:"steps"`
	Error     *reportError    `json:"error,omitempty"`
	KID       string          `json:"kid,omitempty"` // base64, as in the EU trust lists
	Issuer    string          `json:"issuer,omitempty"`
	IssuedAt  string          `json:"issuedAt,omitempty"`
	ExpiresAt string          `json:"expiresAt,omitempty"`
	DCC       json.RawMessage `json:"dcc,omitempty"`
	Rules     *[]ruleReport   `json:"rules,omitempty"` // with --policy
	Format    string          `json:"format,omitempty"`
	// Credential is what an SMART Health Card or NZ COVID Pass states.
	Credential *credentialReport `json:"credential,omitempty"`

	all []string    // every failure, "step: message", for the human summary
	dcc *verify.DCC // for the human summary
}

type credentialReport struct {
	Name       string             `json:"name"`
	DOB        string             `json:"dob"`
	IssuerName string             `json:"issuerName,omitempty"`
	TestIssuer bool               `json:"testIssuer,omitempty"`
	Statements []verify.Statement `json:"statements"`
}

type reportError struct {
	Step    string `json:"step"`
	Code    string `json:"code"`
	Message string `json:"message"`
}

// verifyInput reads one INPUT and verifies it; the result is nil when no QR
// text was found. The error is for inputs that cannot be read at all (a
// usage error).
func verifyInput(v *verify.Verifier, in string, stdin io.Reader, at time.Time, chunks *shc.Chunks) (*report, *verify.Result, error) {
	var data []byte
	var err error
	if in == "-" {
		data, err = readAllBounded(stdin)
	} else {
		var f *os.File
		if f, err = os.Open(in); err == nil {
			data, err = readAllBounded(f)
			f.Close()
		}
	}
	if err != nil {
		return nil, nil, err
	}
	rep := &report{Input: in, Steps: map[string]bool{}}
	// Text files from other tools may carry a BOM or a CRLF.
	text := string(bytes.TrimSpace(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))))
	if isImage(data) {
		text, err = decodePicture(data)
		rep.Steps[string(verify.StepPicture)] = err == nil
		if err != nil {
			rep.Verdict = verify.CannotVerify.String()
			rep.Error = &reportError{Step: string(verify.StepPicture), Code: "no-qr", Message: err.Error()}
			rep.all = []string{"picture: " + err.Error()}
			return rep, nil, nil
		}
	}
	var r *verify.Result
	if _, err := shc.ParseChunk(text); err == nil {
		r = verifyChunk(v, chunks, text, at)
	} else {
		r = v.VerifyAny(text, at)
	}
	rep.fill(r)
	return rep, r, nil
}

// verifyChunk adds one QR code of a chunked SMART Health Card and verifies
// the card once complete. A chunk of another card starts over.
func verifyChunk(v *verify.Verifier, chunks *shc.Chunks, text string, at time.Time) *verify.Result {
	if _, err := chunks.Add(text); errors.Is(err, shc.ErrChunk) {
		chunks.Reset()
		chunks.Add(text)
	}
	r := v.VerifyChunks(chunks, at)
	r.Text = text
	if chunks.Complete() {
		chunks.Reset()
	}
	return r
}

func readAllBounded(r io.Reader) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxInputSize+1))
	if err != nil {
		return nil, err
	}
	if len(data) > maxInputSize {
		return nil, fmt.Errorf("more than %d bytes", maxInputSize)
	}
	return data, nil
}

func isImage(b []byte) bool {
	return bytes.HasPrefix(b, []byte("\x89PNG\r\n\x1a\n")) || bytes.HasPrefix(b, []byte("\xff\xd8\xff")) ||
		bytes.HasPrefix(b, []byte("GIF87a")) || bytes.HasPrefix(b, []byte("GIF89a"))
}

// decodePicture reads the QR code of an image, checking its size before
// decoding the pixels.
func decodePicture(b []byte) (string, error) {
	cfg, _, err := image.DecodeConfig(bytes.NewReader(b))
	if err != nil {
		return "", err
	}
	if cfg.Width > qr.MaxSide || cfg.Height > qr.MaxSide || cfg.Width*cfg.Height > qr.MaxPixels {
		return "", fmt.Errorf("%w: %d×%d", qr.ErrTooLarge, cfg.Width, cfg.Height)
	}
	img, _, err := image.Decode(bytes.NewReader(b))
	if err != nil {
		return "", err
	}
	return qr.DecodeImage(img)
}

func (rep *report) fill(r *verify.Result) {
	rep.Verdict = r.Verdict.String()
	rep.Text = r.Text
	for s, ok := range r.Ran {
		rep.Steps[string(s)] = ok
	}
	if r.Err != nil {
		rep.Error = &reportError{Step: string(r.Step), Code: verify.ErrorCode(r.Err), Message: verifyMessage(r.Err)}
	}
	for _, f := range r.Failures() {
		rep.all = append(rep.all, fmt.Sprintf("%s: %s", f.Step, verifyMessage(f.Err)))
	}
	if len(r.KID) > 0 {
		rep.KID = base64.StdEncoding.EncodeToString(r.KID)
	}
	rep.Issuer = r.Issuer
	if !r.IssuedAt.IsZero() {
		rep.IssuedAt = r.IssuedAt.UTC().Format(time.RFC3339)
	}
	if !r.ExpiresAt.IsZero() {
		rep.ExpiresAt = r.ExpiresAt.UTC().Format(time.RFC3339)
	}
	if u := r.Unverified(); u != nil {
		rep.DCC = json.RawMessage(u.Raw)
		rep.dcc = &u.DCC
	}
	rep.Format = string(r.Format)
	if s, _, ok := r.Summary(); ok && r.Format != verify.FormatHC1 {
		rep.Credential = &credentialReport{Name: s.Name, DOB: s.DOB, IssuerName: s.IssuerName,
			TestIssuer: s.TestIssuer, Statements: s.Statements}
	}
}

// writeHuman prints the short summary of one input: verdict and reason,
// then who and what, marked unverified unless the verdict is valid.
func (rep *report) writeHuman(w io.Writer) {
	fmt.Fprintf(w, "%s: %s\n", rep.Input, strings.ToUpper(rep.Verdict))
	for _, f := range rep.all {
		fmt.Fprintf(w, "  reason: %s\n", f)
	}
	if rep.Credential != nil {
		rep.writeCredential(w)
		return
	}
	if rep.dcc == nil {
		return
	}
	d := rep.dcc
	mark := ""
	if rep.Verdict != verify.Valid.String() {
		mark = " (unverified)"
	}
	name := strings.TrimSpace(d.Nam.FN + ", " + d.Nam.GN)
	name = strings.Trim(name, ", ")
	if name == "" {
		name = strings.Trim(d.Nam.FNT+", "+d.Nam.GNT, ", ")
	}
	fmt.Fprintf(w, "  name%s: %s, born %s\n", mark, name, d.DOB)
	switch {
	case len(d.V) > 0:
		e := d.V[0]
		fmt.Fprintf(w, "  type%s: vaccination, dose %d/%d on %s in %s (%s)\n", mark, e.DN, e.SD, e.DT, e.CO, e.MP)
	case len(d.T) > 0:
		e := d.T[0]
		fmt.Fprintf(w, "  type%s: test %s, result %s, sampled %s in %s\n", mark, e.TT, e.TR, e.SC, e.CO)
	case len(d.R) > 0:
		e := d.R[0]
		fmt.Fprintf(w, "  type%s: recovery, valid %s to %s, in %s\n", mark, e.DF, e.DU, e.CO)
	}
	fmt.Fprintf(w, "  issuer%s: %s, issued %s, expires %s\n", mark, orDash(rep.Issuer), orDash(rep.IssuedAt), orDash(rep.ExpiresAt))
}

// writeCredential prints an SMART Health Card or NZ COVID Pass.
func (rep *report) writeCredential(w io.Writer) {
	c := rep.Credential
	mark := ""
	if rep.Verdict != verify.Valid.String() {
		mark = " (unverified)"
	}
	fmt.Fprintf(w, "  format: %s\n", map[string]string{"shc": "SMART Health Card", "nzcp": "NZ COVID Pass"}[rep.Format])
	fmt.Fprintf(w, "  name%s: %s, born %s\n", mark, orDash(c.Name), orDash(c.DOB))
	for _, s := range c.Statements {
		switch s.Kind {
		case "vaccination":
			fmt.Fprintf(w, "  vaccination%s: %s %s on %s (%s)\n", mark, s.System, s.Code, orDash(s.Date), s.Status)
		case "pass":
			fmt.Fprintf(w, "  pass%s: %s, active from %s\n", mark, s.Code, s.Date)
		default:
			fmt.Fprintf(w, "  %s%s: %s %s on %s (%s)\n", s.Kind, mark, s.System, s.Code, orDash(s.Date), s.Status)
		}
	}
	issuer := rep.Issuer
	if c.IssuerName != "" {
		issuer = c.IssuerName + " (" + rep.Issuer + ")"
	}
	if c.TestIssuer {
		issuer += " [TEST ISSUER]"
	}
	fmt.Fprintf(w, "  issuer%s: %s, valid from %s, expires %s\n", mark, orDash(issuer), orDash(rep.IssuedAt), orDash(rep.ExpiresAt))
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// readCertificates reads DSCs from a file (PEM with one or more
// CERTIFICATE blocks, DER, or base64 DER) with trust.KeyFromDER, the
// parser the app uses.
func readCertificates(path string) ([]*verify.Key, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, 1<<20+1))
	if err != nil {
		return nil, err
	}
	if len(b) > 1<<20 {
		return nil, errors.New("more than 1 MiB")
	}
	if bytes.Contains(b, []byte("-----BEGIN")) {
		var cs []*verify.Key
		for rest := b; ; {
			var blk *pem.Block
			blk, rest = pem.Decode(rest)
			if blk == nil {
				break
			}
			if blk.Type != "CERTIFICATE" {
				continue
			}
			k, err := trust.KeyFromDER(blk.Bytes)
			if err != nil {
				return nil, err
			}
			cs = append(cs, k)
		}
		if len(cs) == 0 {
			return nil, errors.New("no CERTIFICATE block in PEM")
		}
		return cs, nil
	}
	if k, err := trust.KeyFromDER(b); err == nil {
		return []*verify.Key{k}, nil
	}
	der, err := base64.StdEncoding.DecodeString(string(bytes.Join(bytes.Fields(b), nil)))
	if err != nil {
		return nil, errors.New("neither PEM, DER nor base64 DER")
	}
	k, err := trust.KeyFromDER(der)
	if err != nil {
		return nil, err
	}
	return []*verify.Key{k}, nil
}

// joinedStores looks kids up in several stores; the first one (the trust
// bundle) also decides whether trust is usable at all.
type joinedStores []verify.TrustStore

func joinStores(bundle verify.TrustStore, certs *verify.KeySet) verify.TrustStore {
	if certs.Len() == 0 {
		return bundle
	}
	return joinedStores{bundle, certs}
}

func (j joinedStores) Lookup(kid []byte) []*verify.Key {
	var ks []*verify.Key
	for _, s := range j {
		ks = append(ks, s.Lookup(kid)...)
	}
	return ks
}

func (j joinedStores) Usable(at time.Time) error {
	if ts, ok := j[0].(verify.TrustStatus); ok {
		return ts.Usable(at)
	}
	return nil
}

// KIDRevoked keeps the bundle's revoked DSCs revoked when --cert adds keys:
// a --cert cannot vouch for a DSC the bundle revoked.
func (j joinedStores) KIDRevoked(kid []byte) bool {
	kr, ok := j[0].(verify.KeyRevocations)
	return ok && kr.KIDRevoked(kid)
}

// verifyMessage is the text of an error of package verify without its
// "verify: " prefix: the command's own lines already name the step.
func verifyMessage(err error) string {
	return strings.TrimPrefix(err.Error(), "verify: ")
}
