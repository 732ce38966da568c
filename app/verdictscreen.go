package app

import (
	"unicode"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"passcheck/verify"
)

// VerdictScreen is the full-screen answer: colour, icon, word and one plain
// reason, then only what the door check needs (name, date of birth, one
// summary line). Tapping anywhere returns to scanning.
type VerdictScreen struct {
	app.Compo

	View    verdictModel
	Lang    string
	OnClose func(ctx app.Context)
	// AutoReturn is the time (s) until the screen closes itself, shown as
	// a shrinking bar; 0: until tapped. Run tells verdicts apart, to
	// restart the bar for a new one.
	AutoReturn, Run int
	// Rehearsal: rendered hidden at start-up (rehearsal.go), without the
	// ids and data attribute the real screen is found by.
	Rehearsal bool
}

// id is name, or nothing in a rehearsal.
func (v *VerdictScreen) id(name string) string {
	if v.Rehearsal {
		return ""
	}
	return name
}

var verdictIcons = map[verify.Verdict]string{
	verify.Valid:        "✓",
	verify.Invalid:      "✕",
	verify.CannotVerify: "?",
}

func (v *VerdictScreen) Render() app.UI {
	vv := v.View
	sec := app.Section().Class("pc-verdict", "pc-verdict-"+verdictAttr(vv.Verdict))
	if !v.Rehearsal {
		sec = sec.ID("verdict").
			DataSet("verdict", verdictAttr(vv.Verdict)).
			Aria("label", vv.Word).
			OnClick(v.close)
	}
	return sec.
		Body(
			app.Div().Class("pc-verdict-head").Body(
				app.Span().Class("pc-verdict-icon").Aria("hidden", "true").Text(verdictIcons[vv.Verdict]),
				app.H1().Class("pc-verdict-word").Text(vv.Word),
			),
			app.If(vv.Already != "", func() app.UI {
				return app.P().ID(v.id("already-scanned")).Class("pc-already").Attr("role", "alert").Text(vv.Already)
			}),
			app.P().ID(v.id("verdict-reason")).Class("pc-verdict-reason").Text(vv.Reason),
			v.formatInfo(), // verdictformats.go
			app.If(vv.Name != "", func() app.UI {
				return app.Dl().Class("pc-holder").Body(
					app.Dt().Text(tr(v.Lang, msgName)),
					app.Dd().ID(v.id("holder-name")).Class("pc-holder-name").Body(
						app.Text(vv.Name),
						// The machine-readable form only helps to compare a name
						// printed in another script with a Latin ID card.
						app.If(vv.NameT != "" && !latinName(vv.Name), func() app.UI {
							return app.Span().Class("pc-holder-translit").Text(vv.NameT)
						}),
					),
					app.Dt().Text(tr(v.Lang, msgDOB)),
					app.Dd().ID(v.id("holder-dob")).Text(vv.DOB),
				)
			}),
			app.If(len(vv.Summary) > 0, func() app.UI {
				return app.Ul().ID(v.id("holder-summary")).Class("pc-summary").Body(
					app.Range(vv.Summary).Slice(func(i int) app.UI {
						return app.Li().Text(vv.Summary[i])
					}),
				)
			}),
			app.If(len(vv.Rules) > 0, func() app.UI {
				return app.Ul().ID(v.id("verdict-rules")).Class("pc-rules").Body(
					app.Range(vv.Rules).Slice(func(i int) app.UI {
						return app.Li().Text(vv.Rules[i])
					}),
				)
			}),
			app.If(vv.UnverifiedName != "", func() app.UI {
				return app.P().Class("pc-unverified").Body(
					app.Span().Class("pc-unverified-label").Text(tr(v.Lang, msgUnverifiedName)+": "),
					app.Span().Class("pc-unverified-name").Text(vv.UnverifiedName),
				)
			}),
			v.appliedInfo(),
			app.P().Class("pc-verdict-tap").Text(tr(v.Lang, msgTapToContinue)),
			app.If(!v.Rehearsal && v.AutoReturn > 0, func() app.UI {
				return newCountdown().ID("verdict-countdown").Seconds(v.AutoReturn).Run(v.Run)
			}),
		)
}

// latinName reports whether a name is written in Latin letters only (with
// spaces, punctuation and marks), as on a Latin-script ID card.
func latinName(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) && !unicode.Is(unicode.Latin, r) {
			return false
		}
	}
	return true
}

func (v *VerdictScreen) close(ctx app.Context, e app.Event) {
	if v.OnClose != nil {
		v.OnClose(ctx)
	}
}
