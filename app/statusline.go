package app

import (
	"errors"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"passcheck/verify/trust"
)

// StatusLine always shows the state of the trust list: key count and age,
// or, in amber/red, what is wrong and what to do.
type StatusLine struct {
	app.Compo

	State trustState
	Lang  string
	Now   time.Time
}

// trustLevel is the colour of the status line.
func trustLevel(st trustState, now time.Time) string {
	switch {
	case st.Bundle == nil:
		return "bad"
	case errors.Is(st.Err, trust.ErrClockBehind):
		return "bad"
	case errors.Is(st.Err, trust.ErrStale):
		return "bad"
	case st.Rejected != nil:
		return "warn"
	case st.Bundle.ExpiresAt().Sub(now) < staleWarning:
		return "warn"
	}
	return "ok"
}

// staleWarning: the line turns amber this long before the bundle expires.
const staleWarning = 12 * time.Hour

func (s *StatusLine) Render() app.UI {
	st, lang := s.State, s.Lang
	var text string
	switch {
	case st.Bundle == nil && st.Updating:
		text = tr(lang, msgTrustUpdating)
	case st.Bundle == nil:
		text = tr(lang, msgTrustNone)
	case errors.Is(st.Err, trust.ErrClockBehind):
		text = tr(lang, msgClockWarning)
	case errors.Is(st.Err, trust.ErrStale):
		text = tr(lang, msgTrustExpired)
	default:
		text = tr(lang, msgTrustKeys, st.Bundle.Len(), ago(lang, st.Bundle.IssuedAt(), s.Now))
		if st.Bundle.ExpiresAt().Sub(s.Now) < staleWarning {
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
			app.If(st.Rejected != nil, func() app.UI {
				return app.Span().Class("pc-status-note").Text(" · " + tr(lang, msgTrustRejected))
			}),
		)
}
