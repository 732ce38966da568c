package app

import (
	"errors"
	"strconv"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"passcheck/app/webapi"
	"passcheck/app/wire"
)

// A trust bundle passes from phone to phone when the server cannot be
// reached: one phone shares the bundle it checks with, as a file; another
// imports the file, which must pass the checks of a downloaded bundle
// (bundleStore.open: pinned key, signature, rollback floor) and be in date.

// The actions of the trust-list part of the settings (BundlePanel).
const (
	actionShareBundle  = "passcheck/share-bundle"  // no value
	actionImportBundle = "passcheck/import-bundle" // Value: app.Value, a File
)

// maxImportSize bounds a picked file before any of it is read: the
// worker's own bound on a bundle (trust.MaxSize, which the page may not
// import).
const maxImportSize = 8 << 20

// importResult is what the settings say about the last import.
type importResult struct {
	N        int    // imports finished so far (page data, so that a result is told from the last)
	Done     bool   // an import finished: there is something to say
	Code     string // why it was refused (a wire.Refused* code); "" when imported
	Seq      uint64 // the bundle imported
	IssuedAt time.Time
}

// refusedMsgs say why a bundle was refused, by wire.Refused* code.
var refusedMsgs = map[string]msg{
	wire.RefusedRollback:   msgRefusedRollback,
	wire.RefusedUnknownKey: msgRefusedKey,
	wire.RefusedSignature:  msgRefusedSignature,
	wire.RefusedMalformed:  msgRefusedMalformed,
	wire.RefusedTooLarge:   msgRefusedMalformed,
	wire.RefusedStale:      msgRefusedStale,
	wire.RefusedClock:      msgRefusedClock,
}

// text is the result in lang: "Bundle 42 from 2026-12-04 imported", or
// "Not imported: " and why.
func (r importResult) text(lang string) string {
	if r.Code == "" {
		return tr(lang, msgBundleImported, r.Seq, r.IssuedAt.Local().Format("2006-01-02"))
	}
	why, ok := refusedMsgs[r.Code]
	if !ok {
		why = msgRefusedOther
	}
	return tr(lang, msgBundleRefused, tr(lang, why))
}

// importFile reads a bundle file the user picked and opens it like a
// downloaded one, but only in date. An accepted one is stored for offline
// starts, as a download is. done runs on the JS event goroutine.
func (s *bundleStore) importFile(file app.Value, done func(importResult)) {
	refuse := func(code string) { done(importResult{Done: true, Code: code}) }
	if s.worker == nil || file == nil || !file.Truthy() {
		refuse(wire.RefusedOther)
		return
	}
	// The size a file claims is checked before a byte of it is read.
	if n := file.Get("size"); n.Type() != app.TypeNumber || n.Float() > maxImportSize {
		refuse(wire.RefusedTooLarge)
		return
	}
	webapi.Await(file.Call("arrayBuffer"), func(buf app.Value) {
		s.open(buf, true, func(info *wire.BundleInfo, err, code string) {
			if info == nil {
				app.Log("passcheck: imported trust bundle refused:", err)
				refuse(code)
				return
			}
			// Stored under the ETag of the last download: a server still
			// serving that one answers 304, rather than sending it only
			// for it to be refused as older.
			s.persist(buf, s.etag)
			s.publish()
			done(importResult{Done: true, Seq: info.Seq, IssuedAt: info.IssuedAt})
		})
	}, func(app.Value) { refuse(wire.RefusedOther) })
}

// errNothingToShare: no bundle was accepted yet.
var errNothingToShare = errors.New("no trust bundle to share")

// share hands the bundle in use to the system share sheet as a file where
// the browser shares files (Web Share API level 2), else downloads it.
func (s *bundleStore) share() error {
	if s.held == nil || !s.held.Truthy() || s.state.Info == nil {
		return errNothingToShare
	}
	w := app.Window()
	name := "passcheck-bundle-" + strconv.FormatUint(s.state.Info.Seq, 10) + ".cose"
	file := w.Get("File").New([]any{s.held}, name, map[string]any{"type": "application/cose"})
	nav := w.Get("navigator")
	data := map[string]any{"files": []any{file}, "title": name}
	if nav.Get("canShare").Truthy() && nav.Call("canShare", data).Truthy() {
		// A share sheet closed without sharing rejects: nothing to do.
		webapi.Await(nav.Call("share", data), nil, func(app.Value) {})
		return nil
	}
	url := w.Get("URL").Call("createObjectURL", file)
	doc := w.Get("document")
	a := doc.Call("createElement", "a")
	a.Set("href", url)
	a.Set("download", name)
	doc.Get("body").Call("appendChild", a)
	a.Call("click")
	a.Call("remove")
	// The download holds its own copy once started.
	var revoke app.Func
	revoke = app.FuncOf(func(this app.Value, args []app.Value) any {
		w.Get("URL").Call("revokeObjectURL", url)
		revoke.Release()
		return nil
	})
	w.Call("setTimeout", revoke, 60_000)
	return nil
}
