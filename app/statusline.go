package app

import (
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"passcheck/app/wire"
)

// StatusLine always shows the state of the trust list: key count and age,
// or, in amber/red, what is wrong and what to do.
type StatusLine struct {
	app.Compo

	State trustState
	Lang  string
	Now   time.Time
	// Policy names the venue policy in force ("" before any bundle): staff
	// see what they enforce without opening the settings.
	Policy string
}

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

func (s *StatusLine) Render() app.UI {
	st, lang := s.State, s.Lang
	var text string
	switch st.Info.Usable(s.Now) {
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
			text = tr(lang, msgTrustOneKey, ago(lang, st.Info.IssuedAt, s.Now))
		} else {
			text = tr(lang, msgTrustKeys, st.Info.Len, ago(lang, st.Info.IssuedAt, s.Now))
		}
		if st.Info.ExpiresAt.Sub(s.Now) < staleWarning {
			text += " · " + tr(lang, msgTrustStale)
		}
	}
	level := trustLevel(st, s.Now)
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
			app.If(s.Policy != "", func() app.UI {
				return app.Span().ID("policy-status").Class("pc-status-policy").Text(tr(lang, msgRulesInForce, s.Policy))
			}),
		)
}
