//go:build !wasm

package main

import (
	"crypto"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"passcheck/server/bundle"
	"passcheck/server/datadir"
	"passcheck/verify"
	"passcheck/verify/rules"
	"passcheck/verify/trust"
)

func init() {
	commands["trust"] = command{summary: "build, show and pin signed trust bundles", run: runTrust}
}

const trustUsage = `usage:
  passcheck trust build [--dscs DIR]... [--gateway FILE]... [--nl FILE] [--vectors DIR]
                        [--rules DIR [--default-policy ID]] [--valuesets DIR]
                        [--revoked-kids FILE] [--revocations FILE]
                        [--shc-jwks ISSUER_URL=FILE]... [--shc-crl ISSUER_URL=FILE]...
                        [--vci-snapshot FILE] [--nzcp-did FILE]... [--test-issuers]
                        --key KEY.pem --seq N [--ttl 72h] [--issued-at RFC3339] -o FILE
  passcheck trust show [--key PUB] [--data DIR] [--at RFC3339] [--full] FILE
  passcheck trust pubkey [--data DIR | --key KEY.pem]

build    makes a signed bundle. --gateway takes an EU-gateway style list (the German
         trustlist_de.json or the Austrian trustlist_at.json), --nl the Dutch key file,
         --vectors the dgc-testdata folder (test DSCs only!). Every entry that cannot be
         used is printed with its reason; the counts per country and type follow.
         --revoked-kids: one base64 or hex kid per line. --revocations: lines
         "KIND HASH" with KIND uci, country-uci or signature and HASH 16 bytes in hex
         or base64. '#' starts a comment. --default-policy names the policy of --rules in
         force on devices until the venue picks one in settings (default: signature-only,
         also for bundles made before this flag). --issued-at fixes the issue time
         (default now): the same lists, --seq and --issued-at give the same payload and
         so the same fingerprint, for anyone to rebuild a published bundle and compare.
         SMART Health Cards: --shc-jwks trusts an issuer (its URL exactly as cards carry
         it in iss) with the keys of its JWKS, --shc-crl adds the revocation list of one
         of its keys; --vci-snapshot takes the VCI directory's snapshot of trusted issuers
         (every entry that cannot be used is printed, naming it; --shc-jwks replaces an
         entry). NZ COVID Pass: --nzcp-did trusts the issuer of a DID document with its
         assertion keys. --test-issuers marks all of these as test issuers.
show     verifies a bundle and prints it as JSON, with its fingerprint (policies and value sets by name; --full
         adds their raw JSON). PUB is a pinned-key string or a file holding one
         (bundle.pub) or a PEM key; default: DIR/bundle.pub (DIR: ./data).
pubkey   prints the pinned-key string of the bundle key, for the app build.
`

func runTrust(args []string) int {
	if len(args) == 0 {
		fmt.Fprint(os.Stderr, trustUsage)
		return 2
	}
	switch args[0] {
	case "build":
		return trustBuild(args[1:], os.Stdout, os.Stderr)
	case "show":
		return trustShow(args[1:], os.Stdout, os.Stderr)
	case "pubkey":
		return trustPubkey(args[1:], os.Stdout, os.Stderr)
	case "-h", "--help", "help":
		fmt.Fprint(os.Stdout, trustUsage)
		return 0
	}
	fmt.Fprintf(os.Stderr, "passcheck trust: unknown subcommand %q\n%s", args[0], trustUsage)
	return 2
}

// multi is a repeatable string flag.
type multi []string

func (m *multi) String() string     { return strings.Join(*m, ",") }
func (m *multi) Set(s string) error { *m = append(*m, s); return nil }

func newFlags(name string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stderr, trustUsage) }
	return fs
}

func trustBuild(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("trust build", stderr)
	var dscs, gateways multi
	fs.Var(&dscs, "dscs", "folder of PEM/DER DSC certificates (repeatable)")
	fs.Var(&gateways, "gateway", "EU-gateway style JSON list, e.g. trustlist_de.json (repeatable)")
	nl := fs.String("nl", "", "Dutch key file (trustlist_nl.raw.keys.json)")
	vectors := fs.String("vectors", "", "dgc-testdata folder: its signer certificates (test only)")
	rulesDir := fs.String("rules", "", "policies folder (<policy>/policy.json, <policy>/<RuleID>/rule.json)")
	valueSets := fs.String("valuesets", "", "folder of EU value-set JSON files")
	defaultPolicy := fs.String("default-policy", "", "with --rules: ID of the policy in force on devices where the venue chose none (default: "+rules.SignatureOnly+")")
	revokedKIDs := fs.String("revoked-kids", "", "file of revoked DSC kids")
	revocations := fs.String("revocations", "", "file of revocation hashes")
	keyPath := fs.String("key", "", "bundle signing key (ECDSA P-256 PEM)")
	seq := fs.Uint64("seq", 0, "bundle sequence number, higher than any before")
	ttl := fs.Duration("ttl", bundle.DefaultTTL, "how long devices may use the bundle offline")
	out := fs.String("o", "", "output file")
	var shcJWKS, shcCRLs, nzcpDIDs multi
	fs.Var(&shcJWKS, "shc-jwks", "SMART issuer ISSUER_URL=JWKS-FILE (repeatable)")
	fs.Var(&shcCRLs, "shc-crl", "SMART issuer ISSUER_URL=CRL-FILE (repeatable)")
	vci := fs.String("vci-snapshot", "", "the VCI directory's snapshot of SMART issuers")
	fs.Var(&nzcpDIDs, "nzcp-did", "NZCP issuer DID document (repeatable)")
	testIssuers := fs.Bool("test-issuers", false, "mark the SMART and NZCP issuers as test issuers")
	issuedArg := fs.String("issued-at", "", "issue time (RFC 3339; default now), for a reproducible payload")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	formats := bundle.Formats{VCISnapshot: *vci, NZCPDIDs: nzcpDIDs, Test: *testIssuers}
	for _, p := range []struct {
		flags multi
		into  *[]bundle.IssuerFile
	}{{shcJWKS, &formats.SHCJWKS}, {shcCRLs, &formats.SHCCRLs}} {
		for _, s := range p.flags {
			f, err := bundle.ParseIssuerFile(s)
			if err != nil {
				fmt.Fprintln(stderr, "passcheck trust build:", err)
				return 2
			}
			*p.into = append(*p.into, f)
		}
	}
	if fs.NArg() != 0 || *keyPath == "" || *seq == 0 || *out == "" || *ttl <= 0 {
		fmt.Fprint(stderr, "passcheck trust build: --key, --seq (> 0) and -o are required\n", trustUsage)
		return 2
	}
	var issuedAt time.Time
	if *issuedArg != "" {
		var err error
		if issuedAt, err = time.Parse(time.RFC3339, *issuedArg); err != nil {
			fmt.Fprintln(stderr, "passcheck trust build: --issued-at:", err)
			return 2
		}
		if issuedAt.Nanosecond() != 0 {
			fmt.Fprintln(stderr, "passcheck trust build: --issued-at: whole seconds only (the bundle keeps Unix seconds)")
			return 2
		}
	}
	if *defaultPolicy != "" && *rulesDir == "" {
		fmt.Fprint(stderr, "passcheck trust build: --default-policy needs --rules\n", trustUsage)
		return 2
	}
	fail := func(err error) int { fmt.Fprintln(stderr, "passcheck trust build:", err); return 1 }

	keyPEM, err := readBounded(*keyPath, datadir.MaxSmallFile)
	if err != nil {
		return fail(err)
	}
	key, err := datadir.ParseKey(keyPEM, *keyPath)
	if err != nil {
		return fail(err)
	}
	c := &bundle.Config{
		RevokedKIDsFile: *revokedKIDs, RevocationsFile: *revocations,
		RulesDir: *rulesDir, DefaultPolicy: *defaultPolicy, ValueSetsDir: *valueSets,
		Key: key, Seq: *seq, TTL: *ttl, Out: *out, Formats: formats, IssuedAt: issuedAt,
	}
	for _, d := range dscs {
		c.Sources = append(c.Sources, bundle.DirSource(d, bundle.ImportDir))
	}
	for _, g := range gateways {
		c.Sources = append(c.Sources, bundle.FileSource(g, bundle.ImportGateway))
	}
	if *nl != "" {
		c.Sources = append(c.Sources, bundle.FileSource(*nl, bundle.ImportDutch))
	}
	if *vectors != "" {
		fmt.Fprintln(stderr, "warning: --vectors adds TEST signers; never ship such a bundle to real venues")
		c.Sources = append(c.Sources, bundle.DirSource(*vectors, bundle.ImportVectors))
	}
	if err := bundle.Build(c, time.Now(), stdout); err != nil {
		return fail(err)
	}
	return 0
}

// bundleJSON is what `trust show` prints.
type bundleJSON struct {
	File        string         `json:"file"`
	Status      string         `json:"status"` // "ok", or why verdicts would be cannot-verify
	Seq         uint64         `json:"seq"`
	IssuedAt    time.Time      `json:"issuedAt"`
	ExpiresAt   time.Time      `json:"expiresAt"`
	SignerKID   string         `json:"signerKid"`
	Fingerprint string         `json:"fingerprint"` // trust.Fingerprint, as in the app and /healthz
	DSCCount    int            `json:"dscCount"`
	DSCs        []dscJSON      `json:"dscs"`
	RevokedKIDs []string       `json:"revokedKids"`
	Revocations map[string]int `json:"revocations"`
	Policies    []policyJSON   `json:"policies,omitempty"`
	// DefaultPolicy is the policy in force until a venue chooses one.
	DefaultPolicy string   `json:"defaultPolicy,omitempty"`
	ValueSetIDs   []string `json:"valueSetIds,omitempty"`
	// The raw rules and value sets, with --full.
	Rules     json.RawMessage `json:"rules,omitempty"`
	ValueSets json.RawMessage `json:"valueSets,omitempty"`
	// The issuers of the other formats.
	SHCIssuers  []issuerJSON `json:"shcIssuers,omitempty"`
	NZCPIssuers []issuerJSON `json:"nzcpIssuers,omitempty"`
}

// issuerJSON is one SMART (URL) or NZCP (DID) issuer: its keys' ids, and
// for SMART the number of revoked rids; Error says why the app would not
// use it (its documents do not parse).
type issuerJSON struct {
	ID      string   `json:"id"`
	Name    string   `json:"name,omitempty"`
	Test    bool     `json:"test,omitempty"`
	KIDs    []string `json:"kids"`
	Revoked int      `json:"revokedRids,omitempty"`
	Error   string   `json:"error,omitempty"`
}

type policyJSON struct {
	ID    string            `json:"id"`
	Name  map[string]string `json:"name"`
	Rules []string          `json:"rules"`
}

type dscJSON struct {
	KID       string     `json:"kid"`
	Country   string     `json:"country"`
	Types     []string   `json:"types"`
	Subject   string     `json:"subject,omitempty"` // absent for a bare public key
	NotBefore *time.Time `json:"notBefore,omitempty"`
	NotAfter  *time.Time `json:"notAfter,omitempty"`
	Revoked   bool       `json:"revoked,omitempty"`
}

func typeNames(t verify.CertType) []string {
	var s []string
	for _, x := range []struct {
		t verify.CertType
		n string
	}{{verify.Vaccination, "vaccination"}, {verify.Test, "test"}, {verify.Recovery, "recovery"}} {
		if t&x.t != 0 {
			s = append(s, x.n)
		}
	}
	return s
}

func trustShow(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("trust show", stderr)
	keyArg := fs.String("key", "", "pinned-key string, or a file holding one or a PEM key")
	dataDir := fs.String("data", "./data", "data folder whose bundle.pub is used without --key")
	atArg := fs.String("at", "", "judge freshness at this time (RFC 3339; default now)")
	full := fs.Bool("full", false, "include the raw rules and value sets")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() != 1 {
		fmt.Fprint(stderr, trustUsage)
		return 2
	}
	at := time.Now()
	if *atArg != "" {
		var err error
		if at, err = time.Parse(time.RFC3339, *atArg); err != nil {
			fmt.Fprintln(stderr, "passcheck trust show: --at:", err)
			return 2
		}
	}
	fail := func(err error) int { fmt.Fprintln(stderr, "passcheck trust show:", err); return 1 }
	path := fs.Arg(0)
	data, err := readBounded(path, trust.MaxSize)
	if err != nil {
		return fail(err)
	}
	src := *keyArg
	if src == "" {
		src = filepath.Join(*dataDir, datadir.PinnedFile)
	}
	pinned, err := parseKeyArg(src)
	if err != nil {
		return fail(err)
	}
	b, err := trust.Open(data, pinned, 0, at)
	if b == nil {
		return fail(err)
	}
	v := bundleJSON{
		File: path, Status: "ok", Seq: b.Seq(), IssuedAt: b.IssuedAt(), ExpiresAt: b.ExpiresAt(),
		SignerKID: base64.StdEncoding.EncodeToString(b.SignerKID()), Fingerprint: b.Fingerprint(), DSCCount: b.Len(),
		DSCs: []dscJSON{}, RevokedKIDs: []string{},
		Revocations: map[string]int{
			"uci":         b.RevocationCount(verify.HashUCI),
			"country-uci": b.RevocationCount(verify.HashCountryUCI),
			"signature":   b.RevocationCount(verify.HashSignature),
		},
	}
	if *full {
		v.Rules, v.ValueSets = b.Rules(), b.ValueSets()
	}
	if len(b.Rules()) > 0 {
		set, err := rules.ParseSet(b.Rules())
		if err != nil {
			return fail(err)
		}
		v.DefaultPolicy = set.InForce("").ID
		for _, p := range set.Policies {
			pj := policyJSON{ID: p.ID, Name: p.Name, Rules: []string{}}
			for _, r := range p.Rules {
				pj.Rules = append(pj.Rules, r.Identifier)
			}
			v.Policies = append(v.Policies, pj)
		}
	}
	if len(b.ValueSets()) > 0 {
		vs, err := rules.ParseValueSets(b.ValueSets())
		if err != nil {
			return fail(err)
		}
		v.ValueSetIDs = vs.IDs()
	}
	if err != nil {
		v.Status = err.Error()
	}
	for _, k := range b.Keys() {
		d := dscJSON{KID: base64.StdEncoding.EncodeToString(k.KID), Country: k.Country,
			Types: typeNames(k.Types), Revoked: b.KIDRevoked(k.KID)}
		if k.Cert != nil {
			// The subject is for people reading the report: crypto/x509
			// names it (the app's parser keeps only the country).
			if c, err := x509.ParseCertificate(k.Cert); err == nil {
				d.Subject = c.Subject.String()
			}
		}
		if !k.NotBefore.IsZero() {
			nb, na := k.NotBefore.UTC(), k.NotAfter.UTC()
			d.NotBefore, d.NotAfter = &nb, &na
		}
		v.DSCs = append(v.DSCs, d)
	}
	for _, kid := range b.RevokedKIDs() {
		v.RevokedKIDs = append(v.RevokedKIDs, base64.StdEncoding.EncodeToString(kid))
	}
	for _, s := range b.SHCList() {
		j := issuerJSON{ID: s.URL, Name: s.Name, Test: s.Test, KIDs: []string{}}
		if is, err := trust.ParseSHCIssuer(&s); err != nil {
			j.Error = err.Error()
		} else {
			for _, k := range is.Keys {
				j.KIDs = append(j.KIDs, k.KID)
			}
			for _, c := range is.CRLs {
				j.Revoked += c.Len()
			}
		}
		v.SHCIssuers = append(v.SHCIssuers, j)
	}
	for _, n := range b.NZCPList() {
		j := issuerJSON{ID: n.DID, Name: n.Name, Test: n.Test, KIDs: []string{}}
		if is, err := trust.ParseNZCPIssuer(&n); err != nil {
			j.Error = err.Error()
		} else {
			for kid := range is.Keys {
				j.KIDs = append(j.KIDs, kid)
			}
			sort.Strings(j.KIDs)
		}
		v.NZCPIssuers = append(v.NZCPIssuers, j)
	}
	enc := json.NewEncoder(stdout)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return fail(err)
	}
	return 0
}

// parseKeyArg reads pinned keys from a pinned-key string, or from a file
// holding one, a PEM public key or a PEM private key.
func parseKeyArg(s string) ([]crypto.PublicKey, error) {
	data, err := readBounded(s, datadir.MaxSmallFile)
	if errors.Is(err, os.ErrNotExist) {
		keys, perr := trust.ParsePinned(s)
		if perr != nil {
			return nil, fmt.Errorf("%v; nor a pinned-key string: %w", err, perr)
		}
		return keys, nil
	}
	if err != nil {
		return nil, err
	}
	if blk, _ := pem.Decode(data); blk != nil {
		if blk.Type == "PUBLIC KEY" {
			return trust.ParsePinned(base64.StdEncoding.EncodeToString(blk.Bytes))
		}
		key, err := datadir.ParseKey(data, s)
		if err != nil {
			return nil, err
		}
		return []crypto.PublicKey{&key.PublicKey}, nil
	}
	return trust.ParsePinned(strings.TrimSpace(string(data)))
}

func trustPubkey(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("trust pubkey", stderr)
	dataDir := fs.String("data", "./data", "data folder holding bundle.key.pem")
	keyPath := fs.String("key", "", "bundle signing key (instead of the data folder's)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() != 0 {
		fmt.Fprint(stderr, trustUsage)
		return 2
	}
	path := *keyPath
	if path == "" {
		path = filepath.Join(*dataDir, datadir.BundleKeyFile)
	}
	data, err := readBounded(path, datadir.MaxSmallFile)
	if err != nil {
		fmt.Fprintln(stderr, "passcheck trust pubkey:", err)
		return 1
	}
	key, err := datadir.ParseKey(data, path)
	if err != nil {
		fmt.Fprintln(stderr, "passcheck trust pubkey:", err)
		return 1
	}
	s, err := trust.FormatPinned(&key.PublicKey)
	if err != nil {
		fmt.Fprintln(stderr, "passcheck trust pubkey:", err)
		return 1
	}
	fmt.Fprintln(stdout, s)
	return 0
}
