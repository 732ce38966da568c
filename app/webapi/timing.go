package webapi

import "github.com/maxence-charriere/go-app/v10/pkg/app"

// Mark records a User Timing mark, for measurement by any tool. Only the
// latest mark of a name is kept: the timeline has no size limit, and a
// scanner runs all day.
func Mark(name string) {
	if p := app.Window().Get("performance"); p.Truthy() {
		p.Call("clearMarks", name)
		p.Call("mark", name)
	}
}

// Now is this global scope's clock (performance.now, ms): the page's in the
// page, the worker's in the worker. Measures take their start from it.
func Now() float64 {
	if p := app.Window().Get("performance"); p.Truthy() {
		return p.Call("now").Float()
	}
	return 0
}

// maxMeasures bounds the measures kept per name (one per decoded frame).
const maxMeasures = 200

// measures counts the measures recorded per name since that name was last
// cleared (Measure runs on the JS event goroutine only).
var measures = map[string]int{}

// Measure records a User Timing measure from start (a Now value) to now.
func Measure(name string, start float64) {
	if p := app.Window().Get("performance"); p.Truthy() && p.Get("measure").Truthy() {
		if measures[name] >= maxMeasures {
			p.Call("clearMeasures", name)
			measures[name] = 0
		}
		measures[name]++
		p.Call("measure", name, map[string]any{"start": start, "end": Now()})
	}
}

// Yield runs fn in a task of its own, after the browser has had a turn
// (setTimeout 0): a long piece of work split in two UI-thread tasks.
func Yield(fn func()) {
	var f app.Func
	f = app.FuncOf(func(app.Value, []app.Value) any {
		f.Release()
		fn()
		return nil
	})
	app.Window().Call("setTimeout", f, 0)
}
