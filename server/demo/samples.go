package demo

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"passcheck/server/datadir"
	"passcheck/server/issue"
	"passcheck/verify"
)

// RevokedUCI is the certificate identifier of the "revoked" sample. It is
// fixed so that the demo bundle, signed once, lists it.
const RevokedUCI = "URN:UVCI:01:XD:DEMO/REVOKED/0001#R"

// Sample is one demo credential.
type Sample struct {
	Name string // one of SampleNames
	// Want is the verdict the sample must get against the demo bundle.
	Want verify.Verdict
	Text string // "HC1:..."
	PNG  []byte // the QR code
}

// SampleNames lists the samples in display order.
var SampleNames = []string{"valid-vaccination", "valid-test", "valid-recovery",
	"expired", "bad-signature", "unknown-issuer", "revoked"}

const issuer = "Passcheck DEMO - not a real certificate"

func date(t time.Time) string { return t.UTC().Format("2006-01-02") }

func name(given string) verify.Name {
	return verify.Name{FN: "DEMO", FNT: "DEMO", GN: given, GNT: transliterate(given)}
}

// transliterate is the ICAO 9303 form of the ASCII sample names.
func transliterate(s string) string {
	b := []byte(s)
	for i, c := range b {
		switch {
		case 'a' <= c && c <= 'z':
			b[i] = c - 'a' + 'A'
		case c == ' ' || c == '-':
			b[i] = '<'
		}
	}
	return string(b)
}

func vaccination(now time.Time, given, uci string, dose time.Time) verify.DCC {
	return verify.DCC{Ver: "1.3.0", Nam: name(given), DOB: "1990-01-01",
		V: []verify.VaccinationEntry{{TG: "840539006", VP: "J07BX03", MP: "EU/1/20/1528",
			MA: "ORG-100030215", DN: 2, SD: 2, DT: date(dose), CO: Country, IS: issuer, CI: uci}}}
}

func uci(kind string, now time.Time) string {
	return fmt.Sprintf("URN:UVCI:01:XD:DEMO/%s/%d#D", kind, now.Unix())
}

// Samples issues the sample credentials anew, dated around now: valid
// vaccination (second dose 30 days ago), valid test (PCR, negative, sampled
// 6 hours ago), valid recovery, expired (CWT expired 30 days ago), bad
// signature (a valid vaccination with one signature bit flipped), unknown
// issuer (signed by a DSC not in the bundle) and revoked (its UCI is in the
// bundle's revocation list). Every holder is named DEMO.
func (d *Data) Samples(now time.Time) ([]Sample, error) {
	now = now.UTC().Truncate(time.Second)
	iat := now.Add(-time.Minute)
	year := now.AddDate(1, 0, 0)
	type spec struct {
		name   string
		want   verify.Verdict
		signer *issue.Signer
		claims issue.Claims
		flip   bool
	}
	specs := []spec{
		{"valid-vaccination", verify.Valid, d.DSC, issue.Claims{Issuer: Country, IssuedAt: iat, ExpiresAt: year,
			DCC: vaccination(now, "Valid Vaccination", uci("VACCINATION", now), now.AddDate(0, 0, -30))}, false},
		{"valid-test", verify.Valid, d.DSC, issue.Claims{Issuer: Country, IssuedAt: iat, ExpiresAt: now.Add(72 * time.Hour),
			DCC: verify.DCC{Ver: "1.3.0", Nam: name("Valid Test"), DOB: "1990-01-01",
				T: []verify.TestEntry{{TG: "840539006", TT: "LP6464-4", NM: "DEMO PCR",
					SC: now.Add(-6 * time.Hour).Format(time.RFC3339), TR: "260415000",
					TC: "Passcheck DEMO test centre", CO: Country, IS: issuer, CI: uci("TEST", now)}}}}, false},
		{"valid-recovery", verify.Valid, d.DSC, issue.Claims{Issuer: Country, IssuedAt: iat, ExpiresAt: now.AddDate(0, 0, 150),
			DCC: verify.DCC{Ver: "1.3.0", Nam: name("Valid Recovery"), DOB: "1990-01-01",
				R: []verify.RecoveryEntry{{TG: "840539006", FR: date(now.AddDate(0, 0, -30)),
					DF: date(now.AddDate(0, 0, -19)), DU: date(now.AddDate(0, 0, 150)),
					CO: Country, IS: issuer, CI: uci("RECOVERY", now)}}}}, false},
		{"expired", verify.Invalid, d.DSC, issue.Claims{Issuer: Country, IssuedAt: now.AddDate(0, 0, -395), ExpiresAt: now.AddDate(0, 0, -30),
			DCC: vaccination(now, "Expired", uci("EXPIRED", now), now.AddDate(0, 0, -400))}, false},
		{"bad-signature", verify.Invalid, d.DSC, issue.Claims{Issuer: Country, IssuedAt: iat, ExpiresAt: year,
			DCC: vaccination(now, "Bad Signature", uci("BADSIG", now), now.AddDate(0, 0, -30))}, true},
		{"unknown-issuer", verify.CannotVerify, d.Unknown, issue.Claims{Issuer: Country, IssuedAt: iat, ExpiresAt: year,
			DCC: vaccination(now, "Unknown Issuer", uci("UNKNOWN", now), now.AddDate(0, 0, -30))}, false},
		{"revoked", verify.Invalid, d.DSC, issue.Claims{Issuer: Country, IssuedAt: iat, ExpiresAt: year,
			DCC: vaccination(now, "Revoked", RevokedUCI, now.AddDate(0, 0, -30))}, false},
	}
	out := make([]Sample, 0, len(specs))
	for _, s := range specs {
		c, err := s.signer.Sign(&s.claims)
		if err != nil {
			return nil, fmt.Errorf("demo: sample %s: %w", s.name, err)
		}
		text := c.Text
		if s.flip {
			// The signature is the last item of the COSE_Sign1: flip a bit
			// of its last byte, leaving the structure intact.
			msg := bytes.Clone(c.COSE)
			msg[len(msg)-1] ^= 0x01
			if text, err = issue.Encode(msg); err != nil {
				return nil, err
			}
		}
		img, err := issue.PNG(text)
		if err != nil {
			return nil, fmt.Errorf("demo: sample %s: %w", s.name, err)
		}
		out = append(out, Sample{Name: s.name, Want: s.want, Text: text, PNG: img})
	}
	return out, nil
}

// SampleLife is how long every sample is sure to keep its verdict (Want),
// under the demo bundle's default policy: the shortest-lived is the valid
// test, whose PCR result counts for 72 hours from sampling, and it was
// sampled 6 hours before it is issued. TestSampleLife checks it.
const SampleLife = 66 * time.Hour

// SamplesStale reports whether samples issued at issued are due to be
// issued anew at now: past half of SampleLife (the rule the demo bundle is
// re-signed by), or issued after now (the clock went back, and the valid
// samples would not be valid yet).
func SamplesStale(issued, now time.Time) bool {
	return now.Before(issued) || !now.Before(issued.Add(SampleLife/2))
}

// AllSamples issues every sample anew at now: the EU ones (Samples), then
// the other formats' (FormatSamples).
func (d *Data) AllSamples(now time.Time) ([]Sample, error) {
	eu, err := d.Samples(now)
	if err != nil {
		return nil, err
	}
	more, err := d.FormatSamples(now)
	if err != nil {
		return nil, err
	}
	return append(eu, more...), nil
}

// WriteSamples writes each sample as samples/NAME.txt and samples/NAME.png
// under the data folder.
func (d *Data) WriteSamples(samples []Sample) error {
	dir := filepath.Join(d.Dir, datadir.SamplesDir)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	for _, s := range samples {
		if err := datadir.WriteAtomic(filepath.Join(dir, s.Name+".txt"), []byte(s.Text+"\n"), 0o644); err != nil {
			return err
		}
		if err := datadir.WriteAtomic(filepath.Join(dir, s.Name+".png"), s.PNG, 0o644); err != nil {
			return err
		}
	}
	return nil
}
