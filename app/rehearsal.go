package app

import (
	"encoding/json"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"passcheck/app/wire"
	"passcheck/verify"
)

// The first verdict of a page used to cost the UI thread a long task of
// 50-110 ms on this machine's Chromium, right when the guest is waiting:
// the browser compiles each wasm function on its first call, and lays out
// the verdict's fonts (72 px bold, the icon, monospace) for the first time.
// So while the app starts, before the camera runs, the Scanner renders the
// verdict screen once, invisibly (a rehearsal), and removes it.

// rehearsalOutcome is a made-up vaccination in the worker's outcome format,
// rendered only inside the hidden rehearsal: never shown, never verified.
// Its fields reach every part of the verdict screen (name with its
// transliteration, date of birth, summary).
const rehearsalOutcome = `{"verdict":2,"iat":1795662073,"exp":1827198133,"verified":{"ver":"1.3.0",` +
	`"nam":{"fn":"REHEARSAL","fnt":"REHEARSAL","gn":"Not Shown","gnt":"NOT\u003cSHOWN"},"dob":"1990-01-01",` +
	`"v":[{"tg":"840539006","vp":"J07BX03","mp":"EU/1/20/1528","ma":"ORG-100030215","dn":2,"sd":2,` +
	`"dt":"2026-10-27","co":"XD","is":"Passcheck rehearsal - never shown","ci":"URN:UVCI:01:XD:REHEARSAL#0"}]}}`

// rehearsalModel is the view the rehearsal renders: the made-up vaccination,
// plus a failed rule and an unverified name so that the elements of the
// other verdicts are built too. The reason paths of the other verdicts run
// as well (their results are thrown away).
func rehearsalModel(lang string, now time.Time) (verdictModel, bool) {
	var o wire.Outcome
	if err := json.Unmarshal([]byte(rehearsalOutcome), &o); err != nil || o.Verified == nil {
		return verdictModel{}, false
	}
	for _, x := range []wire.Outcome{
		{Verdict: verify.Invalid, Step: verify.StepSignature},
		{Verdict: verify.CannotVerify, Step: verify.StepSignature},
		{Verdict: verify.Invalid, Code: wire.CodePolicy, Rules: []wire.RuleNote{{Text: map[string]string{"en": "-"}}}},
	} {
		newVerdictModel(x, lang, now)
	}
	v := newVerdictModel(o, lang, now)
	v.NameT = transliterated(o.Verified.Nam) // shown for non-Latin names only
	v.Rules = []string{v.Reason}
	v.UnverifiedName = v.Name
	return v, true
}

// rehearsal is the hidden container: `hidden` keeps it out of sight even
// without the stylesheet; the stylesheet lays it out, invisibly, so that
// the fonts are laid out too.
func (s *Scanner) rehearsal(lang string) app.UI {
	return app.Div().ID("pc-rehearsal").Class("pc-rehearsal").Hidden(true).Aria("hidden", "true").Body(
		&VerdictScreen{View: *s.rehearse, Lang: lang, Rehearsal: true, AutoReturn: 5},
	)
}

// endRehearsal forces the layout of the mounted rehearsal, then removes it.
func (s *Scanner) endRehearsal(ctx app.Context) {
	if el := app.Window().GetElementByID("pc-rehearsal"); el.Truthy() {
		el.Get("offsetHeight") // layout now, fonts included
	}
	ctx.Dispatch(func(ctx app.Context) { s.rehearse = nil })
}
