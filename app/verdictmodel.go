package app

import (
	"strings"
	"time"
	"unicode"

	"passcheck/app/wire"
	"passcheck/verify"
)

// verdictModel is what the verdict screen (VerdictScreen) shows, already in the user's
// language. Holder data comes from the verified certificate only: on any
// verdict other than Valid, Name/NameT/DOB/Summary stay empty and at most
// the unverified name is shown, under its own label.
type verdictModel struct {
	Verdict verify.Verdict
	Word    string // VALID / INVALID / CANNOT VERIFY
	Reason  string // one line, plain language

	Name string // "Family, Given" as printed
	// NameT is the ICAO transliteration (FAMILY<<GIVEN), set only when the
	// printed name is not in Latin script: staff compare the name with an
	// ID card, where a Latin name is already what the card shows.
	NameT   string
	DOB     string
	Summary []string // e.g. "Vaccination", "Dose 2/2 · 2021-05-29"

	UnverifiedName string
	// Rules lists the venue rules that did not pass, in lang, when more
	// than one did; a single rule is named in Reason itself.
	Rules []string

	// Already is the duplicate-scan warning on a Valid verdict ("Already
	// scanned 18:02"), or "".
	Already string

	Format     string // "SMART Health Card — issuer" (verdictformats.go)
	TestIssuer bool   // the verified issuer is a test issuer
	Applied    string // the policy and check applied, set by the Scanner
}

// newVerdictModel builds the screen for o, checked at time at.
func newVerdictModel(o wire.Outcome, lang string, at time.Time) verdictModel {
	v := verdictModel{Verdict: o.Verdict, Format: formatLine(o, lang)}
	if v.Verdict == verify.Valid && o.Verified == nil && o.Other == nil {
		v.Verdict = verify.CannotVerify
	}
	switch v.Verdict {
	case verify.Valid:
		v.Word = tr(lang, msgValid)
	case verify.Invalid:
		v.Word = tr(lang, msgInvalid)
	default:
		v.Word = tr(lang, msgCannotVerify)
	}
	if v.Verdict == verify.Valid && o.Verified == nil {
		otherModel(&v, o, lang)
		return v
	}
	if v.Verdict == verify.Valid {
		d := o.Verified
		v.Reason = tr(lang, msgReasonValid)
		v.Name = displayName(d.Nam)
		if !latin(v.Name) {
			v.NameT = transliterated(d.Nam)
		}
		v.DOB = d.DOB
		v.Summary = summary(d, lang, at)
		return v
	}
	v.Reason = reasonFor(o, lang, at)
	if len(o.Rules) > 1 {
		for _, r := range o.Rules {
			v.Rules = append(v.Rules, r.In(lang))
		}
	}
	if o.UnverifiedName != nil {
		v.UnverifiedName = displayName(*o.UnverifiedName)
	}
	return v
}

func displayName(n verify.Name) string {
	fn, gn := n.FN, n.GN
	if fn == "" {
		fn = n.FNT
	}
	if gn == "" {
		gn = n.GNT
	}
	switch {
	case fn != "" && gn != "":
		return fn + ", " + gn
	case fn != "":
		return fn
	}
	return gn
}

// latin reports whether every letter of s is in Latin script (accents
// included: "Müller" is Latin).
func latin(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) && !unicode.Is(unicode.Latin, r) {
			return false
		}
	}
	return true
}

func transliterated(n verify.Name) string {
	if n.GNT == "" {
		return n.FNT
	}
	return n.FNT + "<<" + n.GNT
}

// Test type and result codes of the DCC value sets.
const (
	testNAA      = "LP6464-4"
	testRAT      = "LP217198-3"
	testNegative = "260415000"
	testPositive = "260373001"
)

// summary is the certificate's lines under the name; at is the time of
// the check, which a test's sample time is counted back from.
func summary(d *verify.DCC, lang string, at time.Time) []string {
	switch {
	case len(d.V) == 1:
		v := d.V[0]
		return []string{tr(lang, msgVaccination), tr(lang, msgDose, v.DN, v.SD, v.DT)}
	case len(d.T) == 1:
		t := d.T[0]
		kind := t.TT
		switch t.TT {
		case testNAA:
			kind = tr(lang, msgTestPCR)
		case testRAT:
			kind = tr(lang, msgTestRAT)
		}
		res := t.TR
		switch t.TR {
		case testNegative:
			res = tr(lang, msgTestNegative)
		case testPositive:
			res = tr(lang, msgTestPositive)
		}
		out := []string{tr(lang, msgTest), tr(lang, msgTestResult, kind, res)}
		if sc, err := time.Parse(time.RFC3339, t.SC); err == nil {
			out = append(out, tr(lang, msgSampled, zoned(sc.Local()), ago(lang, sc, at)))
		} else if t.SC != "" {
			out = append(out, tr(lang, msgSampled, t.SC))
		}
		return out
	case len(d.R) == 1:
		return []string{tr(lang, msgRecovery), tr(lang, msgValidUntil, d.R[0].DU)}
	}
	return nil
}

func formatDate(t time.Time) string { return t.Local().Format("2006-01-02") }

// zoned is t's date and time with its zone as an offset from UTC
// ("2026-12-04 09:30 UTC+09:00"): zone abbreviations differ between the
// browser (Go's js/wasm names the zone from its offset) and other builds,
// and a bare time would hide a test taken in another time zone.
func zoned(t time.Time) string {
	z := "UTC"
	if _, off := t.Zone(); off != 0 {
		z += t.Format("-07:00")
	}
	return t.Format("2006-01-02 15:04 ") + z
}

// ago says how long ago t was, relative to now, in lang.
func ago(lang string, t, now time.Time) string {
	d := now.Sub(t)
	switch {
	case d < time.Minute:
		return tr(lang, msgJustNow)
	case d < time.Hour:
		return tr(lang, msgMinutesAgo, int(d/time.Minute))
	case d < 48*time.Hour:
		return tr(lang, msgHoursAgo, int(d/time.Hour))
	}
	return tr(lang, msgDaysAgo, int(d/(24*time.Hour)))
}

// verdictAttr is the data-verdict attribute value (tests and CSS key on it).
func verdictAttr(v verify.Verdict) string { return strings.ToLower(v.String()) }
