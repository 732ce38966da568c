package app

import (
	"math/rand/v2"
	"strconv"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"passcheck/app/webapi"
	"passcheck/app/wire"
)

// The trust bundle lives on the device in its own Cache API cache, apart
// from the service worker's app cache (which changes only with the app
// version and is deleted on update). The last accepted seq is kept in
// localStorage too, so that even a wiped cache cannot be refilled with an
// older bundle.
const (
	bundleURL       = "/trust/bundle"
	bundleCacheName = "passcheck-trust"
	seqStorageKey   = "passcheck.trust.seq"
	// refreshEvery is the mean time between bundle checks while online;
	// each wait is jittered by ±25 % so that phones do not hit the server
	// in lockstep. A check is a conditional GET (If-None-Match): usually
	// a 304 with no body.
	refreshEvery = 15 * time.Minute
)

// trustState is what the status line shows.
type trustState struct {
	Info     *wire.BundleInfo // nil until a bundle is loaded
	Rejected string           // why the last downloaded bundle was refused ("" if it was not)
	Checked  time.Time        // last successful contact with the server
	Updating bool
	// Unreachable: the last request for a bundle got no answer (offline,
	// or the server down).
	Unreachable bool
	Policies    wire.PolicyMenu // venue policies on offer and the bundle's default
}

// bundleStore loads, refreshes and persists the trust bundle; the worker
// verifies it (pinned key, rollback floor) and keeps the verified copy it
// checks certificates with. Callbacks run on the JS event goroutine; update
// is called with each new state and must dispatch to the UI goroutine.
type bundleStore struct {
	worker *workerClient
	seq    uint64 // last accepted seq (persisted)
	etag   string
	state  trustState
	// held is the bundle the worker checks with, as bytes (an
	// ArrayBuffer), for sharing it with another phone.
	held   app.Value
	update func(trustState)
}

func newBundleStore(w *workerClient, update func(trustState)) *bundleStore {
	s := &bundleStore{worker: w, update: update}
	if v := localStorageGet(seqStorageKey); v != "" {
		s.seq, _ = strconv.ParseUint(v, 10, 64)
	}
	return s
}

// start loads the persisted bundle, then checks the server; done is called
// once the first attempt is over (bundle or not).
func (s *bundleStore) start(done func()) {
	s.loadPersisted(func() {
		s.refresh(done)
	})
}

// loadPersisted opens the bundle saved by an earlier visit.
func (s *bundleStore) loadPersisted(done func()) {
	caches := app.Window().Get("caches")
	if !caches.Truthy() || s.worker == nil {
		done()
		return
	}
	webapi.Await(caches.Call("open", bundleCacheName), func(cache app.Value) {
		webapi.Await(cache.Call("match", bundleURL), func(resp app.Value) {
			if !resp.Truthy() {
				done()
				return
			}
			etag := resp.Get("headers").Call("get", "ETag")
			webapi.Await(resp.Call("arrayBuffer"), func(buf app.Value) {
				s.accept(buf, func(err string) {
					if err != "" {
						app.Log("passcheck: persisted trust bundle refused:", err)
					} else if etag.Truthy() {
						s.etag = etag.String()
					}
					done()
				})
			}, func(app.Value) { done() })
		}, func(app.Value) { done() })
	}, func(app.Value) { done() })
}

// refresh asks the server for a newer bundle (If-None-Match).
func (s *bundleStore) refresh(done func()) {
	finish := func() {
		s.state.Updating = false
		s.publish()
		if done != nil {
			done()
		}
	}
	if !app.Window().Get("fetch").Truthy() || s.worker == nil {
		finish()
		return
	}
	s.state.Updating = true
	s.publish()
	headers := map[string]any{}
	if s.etag != "" {
		headers["If-None-Match"] = s.etag
	}
	req := map[string]any{"cache": "no-store", "headers": headers}
	webapi.Await(app.Window().Call("fetch", bundleURL, req), func(resp app.Value) {
		status := resp.Get("status").Int()
		s.state.Unreachable = false
		switch {
		case status == 304:
			s.state.Checked = time.Now()
			finish()
			return
		case status != 200:
			finish()
			return
		}
		etag := resp.Get("headers").Call("get", "ETag")
		webapi.Await(resp.Call("arrayBuffer"), func(buf app.Value) {
			s.state.Checked = time.Now()
			s.accept(buf, func(err string) {
				s.state.Rejected = err
				if err != "" {
					app.Log("passcheck: downloaded trust bundle refused:", err)
				} else {
					if etag.Truthy() {
						s.etag = etag.String()
					}
					s.persist(buf, s.etag)
				}
				finish()
			})
		}, func(app.Value) { finish() })
	}, func(app.Value) {
		// Offline or server down: keep what we have.
		s.state.Unreachable = true
		finish()
	})
}

// accept has the worker verify the bundle in buf (an ArrayBuffer) against
// the pinned keys and the rollback floor; done gets "" or why it was
// refused. A genuine but stale bundle is accepted: the status line and the
// verdicts then say it is stale.
func (s *bundleStore) accept(buf app.Value, done func(err string)) {
	s.open(buf, false, func(_ *wire.BundleInfo, err, _ string) { done(err) })
}

// open has the worker verify the bundle in buf against the pinned keys and
// the rollback floor (with fresh, it must be in date too); done gets the
// bundle accepted, or why it was refused and the class of that (a
// wire.Refused* code).
func (s *bundleStore) open(buf app.Value, fresh bool, done func(info *wire.BundleInfo, err, code string)) {
	if pinnedBundleKeys == "" {
		done(nil, wire.ErrNoPinnedKey.Error(), wire.RefusedNoKey)
		return
	}
	u8 := app.Window().Get("Uint8Array").New(buf)
	s.worker.post(wire.OpenBundle{MinSeq: s.seq, Fresh: fresh, Data: u8}, func(m wire.Message) {
		r, _ := m.(*wire.BundleOpened)
		switch {
		case r == nil:
			done(nil, "no answer from the worker", wire.RefusedOther)
			return
		case r.Err != "":
			done(nil, r.Err, r.Code)
			return
		}
		info := r.Info
		if s.state.Info == nil || info.Seq >= s.state.Info.Seq {
			s.state.Info = &info
			s.state.Policies = r.Policies
			s.held = buf
		}
		if info.Seq > s.seq {
			s.seq = info.Seq
			localStorageSet(seqStorageKey, strconv.FormatUint(s.seq, 10))
		}
		done(&info, "", "")
	})
}

// persist stores the accepted bundle bytes for offline starts.
func (s *bundleStore) persist(buf app.Value, etag string) {
	caches := app.Window().Get("caches")
	if !caches.Truthy() {
		return
	}
	headers := map[string]any{"Content-Type": "application/cose"}
	if etag != "" {
		headers["ETag"] = etag
	}
	resp := app.Window().Get("Response").New(buf, map[string]any{"headers": headers})
	webapi.Await(caches.Call("open", bundleCacheName), func(cache app.Value) {
		webapi.Await(cache.Call("put", bundleURL, resp), nil, func(err app.Value) {
			app.Log("passcheck: storing trust bundle failed:", err.String())
		})
	}, nil)
}

func (s *bundleStore) publish() {
	if s.update != nil {
		s.update(s.state)
	}
}

// nextRefresh is the jittered wait before the next check.
func nextRefresh() time.Duration {
	j := 0.75 + rand.Float64()/2
	return time.Duration(float64(refreshEvery) * j)
}

func localStorageGet(k string) string {
	ls := app.Window().Get("localStorage")
	if !ls.Truthy() {
		return ""
	}
	v := ls.Call("getItem", k)
	if !v.Truthy() {
		return ""
	}
	return v.String()
}

func localStorageSet(k, v string) {
	if ls := app.Window().Get("localStorage"); ls.Truthy() {
		ls.Call("setItem", k, v)
	}
}
