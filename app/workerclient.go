package app

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"passcheck/app/webapi"
	"passcheck/app/wire"
)

// workerURL is the worker's bootstrap script (web/worker.js); bootScript
// starts it early (web/boot.js).
const (
	workerURL  = "/web/worker.js"
	bootScript = "/web/boot.js"
)

// workerClient is the page's side of the worker (package worker): requests
// carry an id, and each reply calls the callback registered for it, on the
// JS event goroutine. What the worker sends on its own (the verdicts of the
// camera stream it reads) goes to the handler for its kind.
type workerClient struct {
	w       app.Value
	next    int
	pending map[int]func(wire.Message)
	on      map[wire.Kind]func(wire.Message)
}

func startWorker() *workerClient {
	// web/boot.js started it with the page; start it here otherwise.
	w := app.Window().Get("pcWorker")
	if !w.Truthy() {
		ctor := app.Window().Get("Worker")
		if !ctor.Truthy() {
			return nil
		}
		w = ctor.New(workerURL)
	}
	c := &workerClient{w: w, pending: map[int]func(wire.Message){}, on: map[wire.Kind]func(wire.Message){}}
	c.w.Set("onmessage", app.FuncOf(func(this app.Value, args []app.Value) any {
		id, m, err := wire.Read(webapi.Arg0(args).Get("data"))
		if err != nil {
			app.Log("passcheck: from the worker:", err)
			return nil
		}
		if id == 0 {
			if h := c.on[m.Kind()]; h != nil {
				h(m)
			}
			return nil
		}
		if cb := c.pending[id]; cb != nil {
			delete(c.pending, id)
			cb(m)
		}
		return nil
	}))
	c.w.Set("onerror", app.FuncOf(func(this app.Value, args []app.Value) any {
		if e := webapi.Arg0(args); e.Truthy() {
			app.Log("passcheck: worker error:", e.Get("message").String())
		}
		return nil
	}))
	c.post(wire.Init{Pinned: pinnedBundleKeys}, nil)
	return c
}

// post sends m and calls reply with the worker's reply (nil: none
// expected).
func (c *workerClient) post(m wire.Message, reply func(wire.Message)) {
	c.next++
	if reply != nil {
		c.pending[c.next] = reply
	}
	wire.Post(c.w, c.next, m)
}

// verdict is post for the requests the worker answers with a wire.Verdict
// (a frame, a photo, a text).
func (c *workerClient) verdict(m wire.Message, reply func(wire.Verdict)) {
	c.post(m, func(r wire.Message) {
		v, _ := r.(*wire.Verdict)
		if v == nil {
			v = &wire.Verdict{}
		}
		reply(*v)
	})
}
