package app

import (
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"passcheck/app/shift"
	"passcheck/app/webapi"
)

// actionNewShift: staff started a new shift (shiftLine); the Scanner zeroes
// the counts and has the worker forget the admitted certificates.
const actionNewShift = "passcheck/new-shift"

// shiftStorageKey holds the shift's counts across reloads (shift.Counts:
// numbers and the shift's start only).
const shiftStorageKey = "passcheck.shift"

// loadShift reads the counts kept from before a reload, or starts a shift
// at now: localStorage is editable by anyone holding the phone, so what
// does not look like counts this app wrote is dropped. Unless keep (the
// venue chose to forget counts on reload), nothing is read and whatever
// is stored is removed.
func loadShift(ctx app.Context, now time.Time, keep bool) shift.Counts {
	var c shift.Counts
	if !keep {
		ctx.LocalStorage().Del(shiftStorageKey)
		return shift.New(now)
	}
	if err := ctx.LocalStorage().Get(shiftStorageKey, &c); err != nil || !c.Sane(now) {
		return shift.New(now)
	}
	return c
}

// saveShift keeps c across reloads, or, unless keep, removes what is kept.
func saveShift(ctx app.Context, c shift.Counts, keep bool) {
	if !keep {
		ctx.LocalStorage().Del(shiftStorageKey)
		return
	}
	if err := ctx.LocalStorage().Set(shiftStorageKey, c); err != nil {
		app.Log("passcheck: saving the shift's counts:", err)
	}
}

// confirmFor is how long "new shift" waits for its second tap.
const confirmFor = 5 * time.Second

// shiftLine is the admission counter of the shift: one small line under the
// status line, "copy" (one plain line to paste anywhere) and "new shift",
// which takes a second tap so that a stray one loses nothing.
type shiftLine struct {
	app.Compo

	Icounts shift.Counts
	Ilang   string

	confirm bool   // "new shift" was tapped once
	export  string // the line shown for copying; "" until "copy"
}

func newShiftLine() *shiftLine { return &shiftLine{} }

// Counts sets the counts shown.
func (l *shiftLine) Counts(c shift.Counts) *shiftLine { l.Icounts = c; return l }

// Lang sets the language the line is drawn in.
func (l *shiftLine) Lang(v string) *shiftLine { l.Ilang = v; return l }

func (l *shiftLine) Render() app.UI {
	c, lang := l.Icounts, l.Ilang
	newShift := app.Button().ID("shift-new").Class("pc-link-button").OnClick(l.newShift)
	if l.confirm {
		newShift = newShift.DataSet("confirm", "1").Text(tr(lang, msgShiftConfirm))
	} else {
		newShift = newShift.Text(tr(lang, msgShiftNew))
	}
	return app.Div().ID("shift").Class("pc-shift").
		DataSet("valid", c.Valid).DataSet("invalid", c.Invalid).
		DataSet("cannot", c.CannotVerify).DataSet("duplicates", c.Duplicates).
		Body(
			app.Span().ID("shift-counts").Text(tr(lang, msgShiftLine, clock(c.Started(), time.Now()),
				c.Valid, c.Duplicates, c.Invalid, c.CannotVerify)),
			app.Button().ID("shift-copy").Class("pc-link-button").Text(tr(lang, msgShiftCopy)).OnClick(l.copy),
			newShift,
			app.If(l.export != "", func() app.UI {
				return app.Input().ID("shift-export").Class("pc-shift-export").ReadOnly(true).
					Aria("label", tr(lang, msgShiftCopy)).Value(l.export)
			}),
		)
}

// clock is t as a time of day, with the date when it is not today.
func clock(t, now time.Time) string {
	t, now = t.Local(), now.Local()
	if y, m, d := t.Date(); y == now.Year() && m == now.Month() && d == now.Day() {
		return t.Format("15:04")
	}
	return t.Format("2006-01-02 15:04")
}

// exportLine is the shift as one plain line, for staff to paste anywhere.
func exportLine(c shift.Counts, lang string, now time.Time) string {
	return tr(lang, msgShiftExport, c.Started().Local().Format("2006-01-02 15:04"), clock(now, c.Started()),
		c.Valid, c.Duplicates, c.Invalid, c.CannotVerify)
}

// copy shows the line (selected, so that a long press copies it where the
// clipboard API is missing) and puts it on the clipboard.
func (l *shiftLine) copy(ctx app.Context, e app.Event) {
	l.export = exportLine(l.Icounts, l.Ilang, time.Now())
	if cb := app.Window().Get("navigator").Get("clipboard"); cb.Truthy() {
		// Refused without focus or over plain HTTP: the line is on
		// screen to copy by hand.
		webapi.Await(cb.Call("writeText", l.export), nil, func(app.Value) {})
	}
	ctx.Defer(func(app.Context) {
		if el := app.Window().GetElementByID("shift-export"); el.Truthy() {
			el.Call("select")
		}
	})
}

func (l *shiftLine) newShift(ctx app.Context, e app.Event) {
	if !l.confirm {
		l.confirm = true
		ctx.After(confirmFor, func(ctx app.Context) { l.confirm = false })
		return
	}
	l.confirm, l.export = false, ""
	ctx.NewAction(actionNewShift)
}
