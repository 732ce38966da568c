package app

import (
	"crypto"
	"errors"
	"math/rand/v2"
	"strconv"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"passcheck/verify/trust"
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
	Bundle   *trust.Bundle // nil until one is loaded
	Err      error         // why the current bundle is not usable (stale, clock)
	Rejected error         // the last downloaded bundle was refused
	Checked  time.Time     // last successful contact with the server
	Updating bool
}

// bundleStore loads, refreshes, verifies and persists the trust bundle.
// Its callbacks run on the JS event goroutine; update is called with each
// new state and must dispatch to the UI goroutine.
type bundleStore struct {
	pinned []crypto.PublicKey
	seq    uint64 // last accepted seq (persisted)
	etag   string
	state  trustState
	update func(trustState)
}

// errNoPinnedKey: the app was built without -X passcheck/app.pinnedBundleKeys.
var errNoPinnedKey = errors.New("app built without a pinned trust-bundle key")

func newBundleStore(update func(trustState)) *bundleStore {
	s := &bundleStore{update: update}
	keys, err := trust.ParsePinned(pinnedBundleKeys)
	if err != nil {
		app.Log("passcheck: pinned bundle keys:", err)
	}
	s.pinned = keys
	if v := localStorageGet(seqStorageKey); v != "" {
		s.seq, _ = strconv.ParseUint(v, 10, 64)
	}
	return s
}

// start loads the persisted bundle, then checks the server; done is called
// once the first attempt is over (bundle or not), so that scanning starts
// with the best trust list available and no request is in flight.
func (s *bundleStore) start(done func()) {
	s.loadPersisted(func() {
		s.refresh(done)
	})
}

// loadPersisted opens the bundle saved by an earlier visit.
func (s *bundleStore) loadPersisted(done func()) {
	caches := app.Window().Get("caches")
	if !caches.Truthy() {
		done()
		return
	}
	await(caches.Call("open", bundleCacheName), func(cache app.Value) {
		await(cache.Call("match", bundleURL), func(resp app.Value) {
			if !resp.Truthy() {
				done()
				return
			}
			etag := resp.Get("headers").Call("get", "ETag")
			await(resp.Call("arrayBuffer"), func(buf app.Value) {
				data := bytesOf(buf)
				if err := s.accept(data, false); err != nil {
					app.Log("passcheck: persisted trust bundle refused:", err)
				} else if etag.Truthy() {
					s.etag = etag.String()
				}
				done()
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
	if !app.Window().Get("fetch").Truthy() {
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
	await(app.Window().Call("fetch", bundleURL, req), func(resp app.Value) {
		status := resp.Get("status").Int()
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
		await(resp.Call("arrayBuffer"), func(buf app.Value) {
			data := bytesOf(buf)
			s.state.Checked = time.Now()
			if err := s.accept(data, true); err != nil {
				s.state.Rejected = err
				app.Log("passcheck: downloaded trust bundle refused:", err)
			} else {
				s.state.Rejected = nil
				if etag.Truthy() {
					s.etag = etag.String()
				}
				s.persist(buf, s.etag)
			}
			finish()
		}, func(app.Value) { finish() })
	}, func(app.Value) {
		// Offline or server down: keep what we have.
		finish()
	})
}

// accept verifies data with the pinned keys and the rollback floor and, if
// it is genuine, makes it the current bundle. A stale bundle (or a clock
// behind it) is kept, with its error, so the status line can say so.
func (s *bundleStore) accept(data []byte, fresh bool) error {
	if len(s.pinned) == 0 {
		return errNoPinnedKey
	}
	b, err := trust.Open(data, s.pinned, s.seq, time.Now())
	if b == nil {
		return err
	}
	if s.state.Bundle != nil && fresh && b.Seq() == s.state.Bundle.Seq() {
		// Same list re-sent (e.g. a lost ETag): nothing changes.
		s.state.Err = b.Usable(time.Now())
		return nil
	}
	s.state.Bundle, s.state.Err = b, err
	if b.Seq() > s.seq {
		s.seq = b.Seq()
		localStorageSet(seqStorageKey, strconv.FormatUint(s.seq, 10))
	}
	return nil
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
	await(caches.Call("open", bundleCacheName), func(cache app.Value) {
		await(cache.Call("put", bundleURL, resp), nil, func(err app.Value) {
			app.Log("passcheck: storing trust bundle failed:", err.String())
		})
	}, nil)
}

func (s *bundleStore) publish() {
	if s.state.Bundle != nil {
		s.state.Err = s.state.Bundle.Usable(time.Now())
	}
	if s.update != nil {
		s.update(s.state)
	}
}

// nextRefresh is the jittered wait before the next check.
func nextRefresh() time.Duration {
	j := 0.75 + rand.Float64()/2
	return time.Duration(float64(refreshEvery) * j)
}

// bytesOf copies an ArrayBuffer into Go.
func bytesOf(buf app.Value) []byte {
	u8 := app.Window().Get("Uint8Array").New(buf)
	n := u8.Length()
	if n > trust.MaxSize {
		// trust.Open refuses it anyway; do not copy megabytes to say so.
		n = trust.MaxSize + 1
		u8 = u8.Call("subarray", 0, n)
	}
	data := make([]byte, n)
	app.CopyBytesToGo(data, u8)
	return data
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
