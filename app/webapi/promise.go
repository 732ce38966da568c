// Package webapi holds the few JS helpers both sides of the app use (the
// page and its Web Worker): promises with a rejection handler, and User
// Timing marks and measures.
package webapi

import "github.com/maxence-charriere/go-app/v10/pkg/app"

// Await attaches both handlers to the JS promise p. go-app's Value.Then
// registers no rejection handler, so a denied camera or a failed fetch would
// otherwise go unnoticed. The handlers run on the JS event goroutine: use
// ctx.Dispatch to touch component state.
func Await(p app.Value, ok func(app.Value), fail func(app.Value)) {
	var okFn, failFn app.Func
	release := func() {
		okFn.Release()
		failFn.Release()
	}
	okFn = app.FuncOf(func(this app.Value, args []app.Value) any {
		defer release()
		if ok != nil {
			ok(Arg0(args))
		}
		return nil
	})
	failFn = app.FuncOf(func(this app.Value, args []app.Value) any {
		defer release()
		if fail != nil {
			fail(Arg0(args))
		}
		return nil
	})
	p.Call("then", okFn, failFn)
}

// Arg0 is a JS callback's first argument, or undefined.
func Arg0(args []app.Value) app.Value {
	if len(args) == 0 {
		return app.Undefined()
	}
	return args[0]
}

// ErrorName returns a DOMException's name ("NotAllowedError", ...) or "".
func ErrorName(v app.Value) string {
	if v == nil || !v.Truthy() {
		return ""
	}
	if n := v.Get("name"); n.Truthy() {
		return n.String()
	}
	return ""
}
