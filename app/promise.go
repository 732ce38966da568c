package app

import "github.com/maxence-charriere/go-app/v10/pkg/app"

// await attaches both handlers to the JS promise p. go-app's Value.Then
// registers no rejection handler, so a denied camera or a failed fetch would
// otherwise go unnoticed. The handlers run on the JS event goroutine: use
// ctx.Dispatch to touch component state.
func await(p app.Value, ok func(app.Value), fail func(app.Value)) {
	var okFn, failFn app.Func
	release := func() {
		okFn.Release()
		failFn.Release()
	}
	okFn = app.FuncOf(func(this app.Value, args []app.Value) any {
		defer release()
		if ok != nil {
			ok(arg0(args))
		}
		return nil
	})
	failFn = app.FuncOf(func(this app.Value, args []app.Value) any {
		defer release()
		if fail != nil {
			fail(arg0(args))
		}
		return nil
	})
	p.Call("then", okFn, failFn)
}

func arg0(args []app.Value) app.Value {
	if len(args) == 0 {
		return app.Undefined()
	}
	return args[0]
}

// jsErrorName returns a DOMException's name ("NotAllowedError", ...) or "".
func jsErrorName(v app.Value) string {
	if v == nil || !v.Truthy() {
		return ""
	}
	if n := v.Get("name"); n.Truthy() {
		return n.String()
	}
	return ""
}

// mark records a User Timing mark, for measurement by any tool. Only the
// latest mark of a name is kept: the timeline has no size limit, and a
// scanner runs all day.
func mark(name string) {
	if p := app.Window().Get("performance"); p.Truthy() {
		p.Call("clearMarks", name)
		p.Call("mark", name)
	}
}

// now is the page clock (performance.now, ms), for measures.
func pageNow() float64 {
	if p := app.Window().Get("performance"); p.Truthy() {
		return p.Call("now").Float()
	}
	return 0
}

// maxMeasures bounds the measures kept per name (one per decoded frame).
const maxMeasures = 200

// measures counts the measures recorded per name since that name was last
// cleared (measure runs on the JS event goroutine only).
var measures = map[string]int{}

// measure records a User Timing measure from start (a pageNow value) to now.
func measure(name string, start float64) {
	if p := app.Window().Get("performance"); p.Truthy() && p.Get("measure").Truthy() {
		if measures[name] >= maxMeasures {
			p.Call("clearMeasures", name)
			measures[name] = 0
		}
		measures[name]++
		p.Call("measure", name, map[string]any{"start": start, "end": pageNow()})
	}
}
