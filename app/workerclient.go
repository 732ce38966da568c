package app

import "github.com/maxence-charriere/go-app/v10/pkg/app"

// workerURL is the worker's bootstrap script (web/worker.js); bootScript
// starts it early (web/boot.js).
const (
	workerURL  = "/web/worker.js"
	bootScript = "/web/boot.js"
)

// workerClient is the page's side of the worker: requests carry an id, and
// each reply calls the callback registered for it, on the JS event
// goroutine.
type workerClient struct {
	w       app.Value
	next    int
	pending map[int]func(app.Value)
	on      map[string]func(app.Value) // by the t of a message without id
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
	c := &workerClient{w: w, pending: map[int]func(app.Value){}, on: map[string]func(app.Value){}}
	c.w.Set("onmessage", app.FuncOf(func(this app.Value, args []app.Value) any {
		data := arg0(args).Get("data")
		// Messages the worker sends on its own (camera frames it read).
		if t := data.Get("t"); t.Truthy() {
			if h := c.on[t.String()]; h != nil {
				h(data)
			}
			return nil
		}
		id := data.Get("id").Int()
		if cb := c.pending[id]; cb != nil {
			delete(c.pending, id)
			cb(data)
		}
		return nil
	}))
	c.w.Set("onerror", app.FuncOf(func(this app.Value, args []app.Value) any {
		if e := arg0(args); e.Truthy() {
			app.Log("passcheck: worker error:", e.Get("message").String())
		}
		return nil
	}))
	c.send(map[string]any{"t": "init", "pinned": pinnedBundleKeys}, nil, nil)
	return c
}

// send posts msg, transferring the listed buffers, and calls cb with the
// reply (cb nil: no reply expected).
func (c *workerClient) send(msg map[string]any, transfer []any, cb func(app.Value)) {
	c.next++
	msg["id"] = c.next
	if cb != nil {
		c.pending[c.next] = cb
	}
	if transfer != nil {
		c.w.Call("postMessage", msg, transfer)
	} else {
		c.w.Call("postMessage", msg)
	}
}
