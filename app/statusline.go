package app

import (
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"passcheck/app/wire"
)

// statusLine always shows the state of the trust list: key count and age,
// or, in amber/red, what is wrong and what to do, and the venue policy in
// force.
type statusLine struct {
	app.Compo

	Istate  trustState
	Ilang   string
	Inow    time.Time
	Ipolicy string
}

func newStatusLine() *statusLine { return &statusLine{} }

// State sets the trust list's state to show.
func (s *statusLine) State(v trustState) *statusLine { s.Istate = v; return s }

// Lang sets the language the line is drawn in.
func (s *statusLine) Lang(v string) *statusLine { s.Ilang = v; return s }

// Now sets the time the list's age is counted to.
func (s *statusLine) Now(v time.Time) *statusLine { s.Inow = v; return s }

// Policy names the venue policy in force ("" before any bundle): staff see
// what they enforce without opening the settings.
func (s *statusLine) Policy(v string) *statusLine { s.Ipolicy = v; return s }

// staleWarning: the line turns amber this long before the bundle expires.
const staleWarning = 12 * time.Hour

// trustLevel is the colour of the status line: ok, warn or bad.
func trustLevel(st trustState, now time.Time) string {
	switch {
	case st.Info.Usable(now) != "":
		return "bad"
	case st.Rejected != "", st.Info.ExpiresAt.Sub(now) < staleWarning:
		return "warn"
	}
	return "ok"
}

func (s *statusLine) Render() app.UI {
	st, lang, now := s.Istate, s.Ilang, s.Inow
	var text string
	switch st.Info.Usable(now) {
	case wire.CodeNoTrust:
		text = tr(lang, msgTrustNone)
		if st.Updating {
			text = tr(lang, msgTrustUpdating)
		}
	case wire.CodeClock:
		text = tr(lang, msgClockWarning)
	case wire.CodeStale:
		text = tr(lang, msgTrustExpired)
	default:
		if st.Info.Len == 1 {
			text = tr(lang, msgTrustOneKey, ago(lang, st.Info.IssuedAt, now))
		} else {
			text = tr(lang, msgTrustKeys, st.Info.Len, ago(lang, st.Info.IssuedAt, now))
		}
		if st.Info.ExpiresAt.Sub(now) < staleWarning {
			text += " · " + tr(lang, msgTrustStale)
		}
	}
	level := trustLevel(st, now)
	return app.Div().
		ID("trust-status").
		Class("pc-status", "pc-status-"+level).
		DataSet("level", level).
		Aria("live", "polite").
		Body(
			app.Text(text),
			app.If(st.Rejected != "", func() app.UI {
				return app.Span().Class("pc-status-note").Text(" · " + tr(lang, msgTrustRejected))
			}),
			app.If(s.Ipolicy != "", func() app.UI {
				return app.Span().ID("policy-status").Class("pc-status-policy").Text(tr(lang, msgRulesInForce, s.Ipolicy))
			}),
		)
}
