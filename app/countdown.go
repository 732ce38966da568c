package app

import (
	"strconv"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// countdown is the bar along the bottom of the verdict screen that shrinks
// to nothing as the screen's auto-return runs out, so that staff see how
// long the verdict stays. It is drawn by a CSS animation (passcheck.css,
// .pc-countdown): no timer in the page. The words next to it ("tap to
// scan the next code") say what it means; to screen readers it is hidden.
type countdown struct {
	app.Compo

	Iid      string
	Iseconds int
	Irun     int
}

func newCountdown() *countdown { return &countdown{} }

// ID sets the element's id ("" none).
func (c *countdown) ID(v string) *countdown { c.Iid = v; return c }

// Seconds sets the time the bar takes to run out.
func (c *countdown) Seconds(v int) *countdown { c.Iseconds = v; return c }

// Run identifies the verdict the bar counts down for: a new one restarts
// the bar even when the screen stays up (a CSS animation restarts only
// when its name changes, so runs alternate between two).
func (c *countdown) Run(v int) *countdown { c.Irun = v; return c }

func (c *countdown) Render() app.UI {
	d := app.Div().Class("pc-countdown").Aria("hidden", "true").DataSet("seconds", c.Iseconds)
	if c.Iid != "" {
		d = d.ID(c.Iid)
	}
	return d.Body(
		app.Div().Class("pc-countdown-bar").
			DataSet("run", c.Irun%2).
			Style("--pc-seconds", strconv.Itoa(c.Iseconds)+"s"),
	)
}
