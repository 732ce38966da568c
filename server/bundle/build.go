package bundle

import (
	"bufio"
	"bytes"
	"crypto"
	"crypto/ecdsa"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"passcheck/server/datadir"
	"passcheck/verify"
	"passcheck/verify/rules"
	"passcheck/verify/trust"
)

// Source is one list of DSCs for a bundle: a label for the report (the
// file or folder it comes from) and the importer that reads it.
type Source struct {
	Label  string
	Import func() (*Import, error)
}

// FileSource reads the list file at path with imp (ImportGateway,
// ImportDutch, ...), which sees the file's base name as the list's name.
func FileSource(path string, imp func(r io.Reader, name string) (*Import, error)) Source {
	return Source{Label: path, Import: func() (*Import, error) {
		f, err := os.Open(path)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		return imp(f, filepath.Base(path))
	}}
}

// DirSource reads the folder dir with imp (ImportDir, ImportVectors).
func DirSource(dir string, imp func(dir string) (*Import, error)) Source {
	return Source{Label: dir, Import: func() (*Import, error) { return imp(dir) }}
}

// Config is everything a bundle is built from.
type Config struct {
	Sources []Source
	// RevokedKIDsFile lists revoked DSC kids, one per line, in hex or base64.
	RevokedKIDsFile string
	// RevocationsFile lists revocation hashes, one "KIND HASH" per line:
	// KIND is uci, country-uci or signature, HASH 16 bytes in hex or base64.
	RevocationsFile string
	// RulesDir is a policies folder in the layout of verify/rules/policies;
	// DefaultPolicy names the one of them in force on devices where the
	// venue chose none ("": signature only).
	RulesDir, DefaultPolicy string
	// ValueSetsDir is a folder of EU value-set JSON files.
	ValueSetsDir string
	// Formats are the SMART Health Card and NZ COVID Pass issuers.
	Formats Formats

	Key *ecdsa.PrivateKey // the bundle signing key
	Seq uint64            // higher than any bundle signed before with Key
	TTL time.Duration     // how long devices may use the bundle offline
	Out string            // the bundle file, replaced atomically

	// IssuedAt is the bundle's issue time (whole seconds); zero means the
	// time Build is called with. Fixing it makes a rebuild from the same
	// inputs and seq give the same payload, hence the same fingerprint.
	IssuedAt time.Time
}

// Build builds, signs and writes the bundle of c, issued at c.IssuedAt or
// else now. The payload depends only on the inputs, seq, issue time and TTL
// (see trust.Fingerprint); the signature differs on every run. In both
// files, blank lines are skipped and '#' starts a comment. Every file is
// read with a bound (MaxListSize). Build writes a report to w: each
// source's counts and skipped entries, then the bundle's summary and its
// DSCs per country and type.
//
// It never replaces a bundle at c.Out whose seq is as high as c.Seq: devices
// holding that one would refuse the new one as a rollback.
func Build(c *Config, now time.Time, w io.Writer) error {
	if c.Key == nil || c.Seq == 0 || c.Out == "" || c.TTL <= 0 {
		return errors.New("bundle: a key, a seq above 0, a TTL and an output file are required")
	}
	if c.DefaultPolicy != "" && c.RulesDir == "" {
		return errors.New("bundle: a default policy needs a policies folder")
	}
	if old, err := os.ReadFile(c.Out); err == nil {
		b, _ := trust.Open(old, []crypto.PublicKey{&c.Key.PublicKey}, 0, now)
		if b != nil && b.Seq() >= c.Seq {
			return fmt.Errorf("bundle: %s holds seq %d: the new seq must be higher", c.Out, b.Seq())
		}
	}

	var bld Builder
	for _, s := range c.Sources {
		imp, err := s.Import()
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "%s: %d DSCs, %d skipped\n", s.Label, len(imp.Entries), len(imp.Skipped))
		for _, sk := range imp.Skipped {
			fmt.Fprintf(w, "  skipped %s\n", sk)
		}
		bld.Add(imp)
	}
	if c.RevokedKIDsFile != "" {
		if err := readLines(c.RevokedKIDsFile, func(line string) error {
			kid, err := decodeBytes(line, 8)
			if err != nil {
				return err
			}
			return bld.RevokeKID(kid)
		}); err != nil {
			return err
		}
	}
	if c.RevocationsFile != "" {
		kinds := map[string]verify.HashKind{"uci": verify.HashUCI, "country-uci": verify.HashCountryUCI, "signature": verify.HashSignature}
		if err := readLines(c.RevocationsFile, func(line string) error {
			k, h, ok := strings.Cut(line, " ")
			kind, known := kinds[strings.ToLower(k)]
			if !ok || !known {
				return fmt.Errorf("want \"KIND HASH\" with KIND uci, country-uci or signature")
			}
			hash, err := decodeBytes(strings.TrimSpace(h), 16)
			if err != nil {
				return err
			}
			return bld.Revoke(kind, [16]byte(hash))
		}); err != nil {
			return err
		}
	}
	var err error
	if bld.Rules, bld.ValueSets, err = loadRules(c.RulesDir, c.DefaultPolicy, c.ValueSetsDir); err != nil {
		return err
	}
	if bld.SHC, bld.NZCP, err = c.Formats.Issuers(w); err != nil {
		return err
	}

	issued := c.IssuedAt
	if issued.IsZero() {
		issued = now
	}
	p := bld.Payload(c.Seq, issued, c.TTL)
	body, err := trust.Marshal(p)
	if err != nil {
		return fmt.Errorf("bundle: encoding payload: %w", err)
	}
	data, err := Sign(p, c.Key)
	if err != nil {
		return err
	}
	if err := datadir.WriteAtomic(c.Out, data, 0o644); err != nil {
		return err
	}
	fmt.Fprintf(w, "\n%s: seq %d, %d DSCs, %d skipped, %d revoked kids, revocation hashes %d/%d/%d (uci/country-uci/signature), %d bytes, expires %s\n",
		c.Out, c.Seq, len(p.DSCs), len(bld.Skipped), len(p.RevokedKIDs),
		len(p.Revoked.UCI)/16, len(p.Revoked.CountryUCI)/16, len(p.Revoked.Signature)/16, len(data),
		time.Unix(p.ExpiresAt, 0).UTC().Format(time.RFC3339))
	fmt.Fprintf(w, "issued %s, fingerprint %s\n", time.Unix(p.IssuedAt, 0).UTC().Format(time.RFC3339), trust.Fingerprint(body))
	if len(p.Rules) > 0 {
		set, err := rules.ParseSet(p.Rules)
		if err != nil {
			return err
		}
		ids := make([]string, len(set.Policies))
		for i, pol := range set.Policies {
			ids[i] = fmt.Sprintf("%s (%d rules)", pol.ID, len(pol.Rules))
		}
		fmt.Fprintf(w, "policies: %s; in force until a venue chooses: %s\n", strings.Join(ids, ", "), set.InForce("").ID)
	}
	if len(p.ValueSets) > 0 {
		vs, err := rules.ParseValueSets(p.ValueSets)
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "value sets: %s\n", strings.Join(vs.IDs(), ", "))
	}
	if len(p.SHC)+len(p.NZCP) > 0 {
		fmt.Fprintf(w, "other formats: %d SMART Health Card issuers, %d NZ COVID Pass issuers\n", len(p.SHC), len(p.NZCP))
	}
	printCounts(w, p.DSCs)
	return nil
}

// loadRules reads a policies folder and a value-set folder (either may be
// ""), checked by verify/rules and written in the bundle form the app reads
// back (rules.ParseSet, rules.ParseValueSets).
func loadRules(rulesDir, def, valueSetsDir string) (policies, valueSets []byte, err error) {
	if rulesDir != "" {
		ps, err := rules.LoadPolicies(os.DirFS(rulesDir))
		if err != nil {
			return nil, nil, fmt.Errorf("bundle: policies %s: %w", rulesDir, err)
		}
		if policies, err = rules.MarshalSet(&rules.Set{Policies: ps, Default: def}); err != nil {
			return nil, nil, fmt.Errorf("bundle: default policy: %w", err)
		}
	}
	if valueSetsDir != "" {
		vs, err := rules.LoadValueSets(os.DirFS(valueSetsDir))
		if err != nil {
			return nil, nil, fmt.Errorf("bundle: value sets %s: %w", valueSetsDir, err)
		}
		if valueSets, err = vs.MarshalJSON(); err != nil {
			return nil, nil, fmt.Errorf("bundle: value sets: %w", err)
		}
	}
	return policies, valueSets, nil
}

// printCounts prints the DSCs per country and type.
func printCounts(w io.Writer, dscs []trust.DSC) {
	type row struct{ v, t, r, all int }
	rows := map[string]*row{}
	for _, d := range dscs {
		c := d.Country
		if c == "" {
			c = "??"
		}
		if rows[c] == nil {
			rows[c] = &row{}
		}
		r := rows[c]
		r.all++
		t := verify.CertType(d.Types)
		if t&verify.Vaccination != 0 {
			r.v++
		}
		if t&verify.Test != 0 {
			r.t++
		}
		if t&verify.Recovery != 0 {
			r.r++
		}
	}
	cs := make([]string, 0, len(rows))
	for c := range rows {
		cs = append(cs, c)
	}
	sort.Strings(cs)
	fmt.Fprintf(w, "%-7s %5s %12s %5s %9s\n", "country", "DSCs", "vaccination", "test", "recovery")
	var tot row
	for _, c := range cs {
		r := rows[c]
		fmt.Fprintf(w, "%-7s %5d %12d %5d %9d\n", c, r.all, r.v, r.t, r.r)
		tot.all, tot.v, tot.t, tot.r = tot.all+r.all, tot.v+r.v, tot.t+r.t, tot.r+r.r
	}
	fmt.Fprintf(w, "%-7s %5d %12d %5d %9d\n", "total", tot.all, tot.v, tot.t, tot.r)
}

// readLines calls fn for every non-empty, non-comment line of path.
func readLines(path string, fn func(string) error) error {
	data, err := readFile(path)
	if err != nil {
		return err
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for n := 1; sc.Scan(); n++ {
		line, _, _ := strings.Cut(sc.Text(), "#")
		if line = strings.TrimSpace(line); line == "" {
			continue
		}
		if err := fn(line); err != nil {
			return fmt.Errorf("bundle: %s:%d: %w", path, n, err)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("bundle: %s: %w", path, err)
	}
	return nil
}

// decodeBytes reads n bytes written in hex or base64.
func decodeBytes(s string, n int) ([]byte, error) {
	if b, err := hex.DecodeString(s); err == nil && len(b) == n {
		return b, nil
	}
	if b, err := base64.StdEncoding.DecodeString(s); err == nil && len(b) == n {
		return b, nil
	}
	return nil, fmt.Errorf("%q is not %d bytes in hex or base64", s, n)
}
