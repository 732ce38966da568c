package app

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"fmt"

	"passcheck/app/wire"
	"passcheck/verify"
	"passcheck/verify/rules"
)

var formatNames = map[verify.Format]msg{
	verify.FormatHC1:  msgFormatHC1,
	verify.FormatSHC:  msgFormatSHC,
	verify.FormatNZCP: msgFormatNZCP,
}

// formatLine names the credential's format and, on a Valid verdict only,
// its issuer: "SMART Health Card — issuer name". "" when it is no format.
func formatLine(o wire.Outcome, lang string) string {
	m, ok := formatNames[o.Format]
	if !ok {
		return ""
	}
	line := tr(lang, m)
	issuer := ""
	switch {
	case o.Verdict != verify.Valid:
	case o.Other != nil && o.Other.IssuerName != "":
		issuer = o.Other.IssuerName
	case o.Other != nil:
		issuer = o.Other.Issuer
	case o.Verified != nil:
		issuer = o.Issuer
	}
	if issuer != "" {
		line += " — " + issuer
	}
	return line
}

// maxShots bounds the vaccinations listed: the most recent ones (a long
// record has dozens), after the count.
const maxShots = 3

// otherModel fills the screen of a Valid SMART Health Card or NZ COVID
// Pass from its verified summary.
func otherModel(v *verdictModel, o wire.Outcome, lang string) {
	s := o.Other
	v.Reason = tr(lang, msgReasonValid)
	v.Name, v.DOB, v.TestIssuer = s.Name, s.DOB, s.TestIssuer
	var shots, rest []string
	done := 0
	for _, st := range s.Statements {
		switch st.Kind {
		case "vaccination":
			if st.Dose > 0 {
				done = st.Dose
				shots = append(shots, tr(lang, msgShotDose, vaccineName(st), st.Dose, st.Date))
			} else {
				shots = append(shots, tr(lang, msgShotOther, vaccineName(st), st.Date, st.Status))
			}
		case "observation":
			rest = append(rest, tr(lang, msgObservation, st.Code, st.Date))
		case "pass":
			rest = append(rest, tr(lang, msgNZPass, st.Date))
			if !o.Expires().IsZero() {
				rest = append(rest, tr(lang, msgValidUntil, formatDate(o.Expires())))
			}
		}
	}
	if len(shots) > 0 {
		v.Summary = append(v.Summary, tr(lang, msgDosesCompleted, done))
		if len(shots) > maxShots {
			shots = shots[len(shots)-maxShots:]
		}
		v.Summary = append(v.Summary, shots...)
	}
	if len(rest) > maxShots {
		rest = rest[:maxShots]
	}
	v.Summary = append(v.Summary, rest...)
}

// COVID-19 vaccine products by CVX code (CDC); others show their code.
var cvxNames = map[string]string{
	"207": "Moderna", "208": "Pfizer-BioNTech", "210": "AstraZeneca", "211": "Novavax", "212": "Janssen",
	"217": "Pfizer-BioNTech", "218": "Pfizer-BioNTech", "219": "Pfizer-BioNTech", "221": "Moderna",
	"510": "Sinopharm BIBP", "511": "Sinovac CoronaVac",
}

const cvxSystem = "http://hl7.org/fhir/sid/cvx"

func vaccineName(st verify.Statement) string {
	if st.System == cvxSystem {
		if n, ok := cvxNames[st.Code]; ok {
			return fmt.Sprintf("%s (CVX %s)", n, st.Code)
		}
		return "CVX " + st.Code
	}
	return st.Code
}

var checkNames = map[string]msg{
	rules.CheckRules:                msgCheckRules,
	rules.CheckSignatureOnly:        msgCheckSignature,
	rules.CheckVaccinationCompleted: msgCheckVaccination,
}

// appliedLine says which venue policy, and which of its checks, decided
// the verdict on screen; "" before any bundle.
func (s *Scanner) appliedLine(lang string) string {
	o := s.shown
	if o.Policy == "" {
		return ""
	}
	name := o.Policy
	for _, c := range s.trust.Policies.Choices {
		if c.ID == o.Policy {
			name = c.Label(lang)
		}
	}
	if m, ok := checkNames[o.Check]; ok {
		return tr(lang, msgApplied, name, tr(lang, m))
	}
	return tr(lang, msgAppliedPolicy, name)
}

// formatInfo is the screen's format line and, for a test issuer, its
// warning.
func (v *VerdictScreen) formatInfo() app.UI {
	vv := v.View
	return app.Div().Class("pc-format").Body(
		app.If(vv.Format != "", func() app.UI {
			return app.P().ID(v.id("verdict-format")).Class("pc-format-line").Text(vv.Format)
		}),
		app.If(vv.TestIssuer, func() app.UI {
			return app.P().ID(v.id("verdict-test-issuer")).Class("pc-test-issuer").Text(tr(v.Lang, msgTestIssuer))
		}),
	)
}

// appliedInfo is the line naming the policy and check applied.
func (v *VerdictScreen) appliedInfo() app.UI {
	return app.If(v.View.Applied != "", func() app.UI {
		return app.P().ID(v.id("verdict-applied")).Class("pc-applied").Text(v.View.Applied)
	})
}
