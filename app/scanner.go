package app

import (
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"passcheck/app/shift"
	"passcheck/app/webapi"
	"passcheck/app/wire"
	"passcheck/verify"
)

// Scanner is the app's one page: the trust-list status line, the camera
// section, the other inputs (photo, paste, hardware scanner), and the
// verdict screen over it all. It owns the worker, the trust bundle and
// the settings; the components it draws report through actions
// (actionVerdict, actionCheckText, actionCheckPhoto, actionSwitchCamera).
type Scanner struct {
	app.Compo

	settings settings
	lang     string
	now      time.Time

	worker *workerClient
	store  *bundleStore
	trust  trustState
	ready  bool // the first trust-bundle attempt is over: the camera starts

	rehearse *verdictModel // the hidden first render of the verdict screen (rehearsal.go)

	verdict   *verdictModel
	shown     wire.Outcome // what verdict shows, kept to redo it in another language
	shownAt   time.Time    // the time it was checked at
	already   time.Time    // its certificate's first admission in the shift, if before (else zero)
	verdictID int
	live      string // text of the aria-live region
	fb        feedback

	showSettings bool
	inputNote    msg // e.g. "no QR code in this picture"; translated when drawn

	imported importResult // the last bundle import, for the settings

	// counts is the shift's admission counter (kept across reloads, counts
	// only); the worker remembers the certificates admitted.
	counts shift.Counts
	chunks *wire.Chunks // a chunked SMART card under way (chunkprogress.go)

	updateAvailable bool
	installable     bool
	apple           bool

	listeners []listener
	// ctx is the Scanner's own context, for replies that arrive after the
	// element that started them is gone (go-app drops a Dispatch whose
	// source element is unmounted, e.g. the paste form's button).
	ctx app.Context
}

// listener is a window event handler to remove on dismount.
type listener struct {
	event string
	fn    app.Func
}

func (s *Scanner) OnMount(ctx app.Context) {
	s.ctx = ctx
	s.now = time.Now()
	s.settings = loadSettings(ctx)
	s.lang = s.settings.Lang
	if s.lang == "" {
		s.lang = pickLang(browserLanguages())
	}
	s.setDocumentLang()
	s.counts = loadShift(ctx, s.now, !s.settings.ForgetCounts)
	s.installable = ctx.IsAppInstallable()
	s.apple = ctx.IsAppleBrowser()

	ctx.Handle(actionVerdict, func(ctx app.Context, a app.Action) {
		if v, ok := a.Value.(wire.Verdict); ok {
			s.show(ctx, v)
		}
	})
	ctx.Handle(actionCheckText, func(ctx app.Context, a app.Action) {
		if text, ok := a.Value.(string); ok {
			s.checkText(ctx, text)
		}
	})
	ctx.Handle(actionCheckPhoto, func(ctx app.Context, a app.Action) {
		if file, ok := a.Value.(app.Value); ok {
			s.checkPhoto(ctx, file)
		}
	})
	ctx.Handle(actionNewShift, func(ctx app.Context, a app.Action) { s.newShift(ctx) })
	ctx.Handle(actionShareBundle, func(ctx app.Context, a app.Action) {
		if s.store != nil {
			if err := s.store.share(); err != nil {
				app.Log("passcheck:", err)
			}
		}
	})
	ctx.Handle(actionImportBundle, func(ctx app.Context, a app.Action) {
		if file, ok := a.Value.(app.Value); ok && s.store != nil {
			s.store.importFile(file, func(r importResult) {
				s.ctx.Dispatch(func(ctx app.Context) {
					r.N = s.imported.N + 1
					s.imported = r
				})
			})
		}
	})
	ctx.Handle(actionSwitchCamera, func(ctx app.Context, a app.Action) {
		st := s.settings
		if st.Facing == "user" {
			st.Facing = "environment"
		} else {
			st.Facing = "user"
		}
		s.changeSettings(ctx, st)
	})

	s.worker = startWorker()
	if s.worker != nil {
		s.worker.post(wire.Choose{Policy: s.settings.Policy}, nil)
	}
	s.store = newBundleStore(s.worker, func(st trustState) {
		ctx.Dispatch(func(ctx app.Context) { s.trust = st })
	})
	// The camera starts once the first trust-bundle attempt is over, so
	// that scanning runs with the best list available and no request is in
	// flight from camera start to verdict.
	if v, ok := rehearsalModel(s.lang, s.now); ok {
		ctx.Dispatch(func(ctx app.Context) {
			s.rehearse = &v
			ctx.Defer(s.endRehearsal)
		})
	}
	s.store.start(func() {
		ctx.Dispatch(func(ctx app.Context) { s.ready = true })
	})

	s.listen("keydown", func(app.Value) { s.fb.unlock() })
	s.listen("pointerdown", func(app.Value) { s.fb.unlock() })
	s.listen("online", func(app.Value) {
		ctx.Dispatch(func(ctx app.Context) { s.refreshTrust(ctx) })
	})
	s.scheduleRefresh(ctx)
	s.tick(ctx)
}

func (s *Scanner) OnDismount() {
	for _, l := range s.listeners {
		app.Window().Call("removeEventListener", l.event, l.fn)
		l.fn.Release()
	}
	s.listeners = nil
}

func (s *Scanner) OnAppUpdate(ctx app.Context) {
	s.updateAvailable = ctx.AppUpdateAvailable()
}

func (s *Scanner) OnAppInstallChange(ctx app.Context) {
	s.installable = ctx.IsAppInstallable()
}

func (s *Scanner) listen(event string, h func(app.Value)) {
	fn := app.FuncOf(func(this app.Value, args []app.Value) any {
		h(webapi.Arg0(args))
		return nil
	})
	app.Window().Call("addEventListener", event, fn)
	s.listeners = append(s.listeners, listener{event, fn})
}

func browserLanguages() []string {
	nav := app.Window().Get("navigator")
	var out []string
	if ls := nav.Get("languages"); ls.Truthy() {
		for i := 0; i < ls.Length() && i < 16; i++ {
			out = append(out, ls.Index(i).String())
		}
	}
	if l := nav.Get("language"); l.Truthy() {
		out = append(out, l.String())
	}
	return out
}

func (s *Scanner) setDocumentLang() {
	if doc := app.Window().Get("document"); doc.Truthy() {
		doc.Get("documentElement").Set("lang", s.lang)
		doc.Set("title", tr(s.lang, msgTitle))
	}
}

// scheduleRefresh checks for a newer trust bundle every refreshEvery
// (jittered) while online, and asks the service worker for an app update.
func (s *Scanner) scheduleRefresh(ctx app.Context) {
	ctx.After(nextRefresh(), func(ctx app.Context) {
		if s.verdict == nil {
			s.refreshTrust(ctx)
			app.TryUpdate()
		}
		s.scheduleRefresh(ctx)
	})
}

func (s *Scanner) refreshTrust(ctx app.Context) {
	if s.store == nil || s.trust.Updating {
		return
	}
	if on := app.Window().Get("navigator").Get("onLine"); on.Type() == app.TypeBoolean && !on.Bool() {
		return
	}
	s.store.refresh(nil)
}

// tick keeps "updated 2 h ago" and the stale state current.
func (s *Scanner) tick(ctx app.Context) {
	ctx.After(30*time.Second, func(ctx app.Context) {
		s.now = time.Now()
		if s.store != nil {
			s.store.publish()
		}
		s.tick(ctx)
	})
}

// checkText has the worker check a pasted or wedge-typed text.
func (s *Scanner) checkText(ctx app.Context, text string) {
	s.inputNote = ""
	if s.worker == nil {
		s.show(ctx, wire.Verdict{Outcome: ptr(wire.NoTrustOutcome()), At: time.Now().UnixMilli()})
		return
	}
	s.worker.verdict(wire.Text{Text: text}, func(v wire.Verdict) {
		s.ctx.Dispatch(func(ctx app.Context) { s.show(ctx, v) })
	})
}

// checkPhoto has the worker read and check the QR code in a photo file.
func (s *Scanner) checkPhoto(ctx app.Context, file app.Value) {
	checkPhoto(s.worker, file, func(v wire.Verdict) {
		s.ctx.Dispatch(func(ctx app.Context) {
			if v.Outcome == nil && v.Chunks == nil {
				s.inputNote = msgPhotoNoCode
				return
			}
			s.show(ctx, v)
		})
	})
}

func ptr[T any](v T) *T { return &v }

// show puts the verdict screen up, with sound, vibration and the
// announcement, and schedules the return to scanning.
func (s *Scanner) show(ctx app.Context, v wire.Verdict) {
	if s.showChunks(ctx, v) {
		return
	}
	if v.Outcome == nil {
		return
	}
	if v.Check > 0 {
		webapi.Measure("passcheck:verify", webapi.Now()-v.Check)
	}
	s.inputNote = ""
	s.shown, s.shownAt, s.already = *v.Outcome, time.UnixMilli(v.At), time.Time{}
	if v.AlreadyScanned > 0 {
		s.already = time.UnixMilli(v.AlreadyScanned)
	}
	view := s.redoVerdict()
	s.counts.Add(view.Verdict, view.Already != "")
	saveShift(ctx, s.counts, !s.settings.ForgetCounts)
	s.verdictID++
	s.fb.play(view.Verdict, s.settings.Sound, s.settings.Vibrate)
	s.ctx.Defer(func(app.Context) { webapi.Mark("passcheck:verdict") })
	if d := s.settings.AutoReturn; d > 0 {
		id := s.verdictID
		s.ctx.After(time.Duration(d)*time.Second, func(ctx app.Context) {
			if s.verdictID == id {
				s.closeVerdict(ctx)
			}
		})
	}
}

// redoVerdict builds the verdict screen and its announcement in the
// current language, from what was checked.
func (s *Scanner) redoVerdict() verdictModel {
	view := newVerdictModel(s.shown, s.lang, s.shownAt)
	if view.Verdict == verify.Valid && !s.already.IsZero() {
		view.Already = tr(s.lang, msgAlreadyScanned, s.already.Local().Format("15:04"))
	}
	view.Applied = s.appliedLine(s.lang)
	s.verdict = &view
	s.live = view.Word + ". " + view.Reason
	if view.Already != "" {
		s.live = view.Word + ". " + view.Already + ". " + view.Reason
	}
	return view
}

// closeVerdict returns to scanning: the worker, which paused camera
// scanning when it sent the verdict, resumes.
func (s *Scanner) closeVerdict(ctx app.Context) {
	if s.verdict == nil {
		return
	}
	s.verdict = nil
	s.live = ""
	if s.worker != nil {
		s.worker.post(wire.Resume{}, nil)
	}
}

func (s *Scanner) Render() app.UI {
	lang := s.lang
	if lang == "" {
		lang = defaultLang
	}
	return app.Main().ID("passcheck").Class("pc").Lang(lang).Body(
		app.Header().Class("pc-bar").Body(
			app.H1().Class("pc-title").Body(
				// Decoration beside the name: go-app drops an empty alt, so
				// the role says it (axe-core: image-alt).
				app.Img().Src(IconSVG).Attr("role", "presentation").Aria("hidden", "true").Class("pc-logo"),
				app.Text(tr(lang, msgTitle)),
			),
			app.Button().ID("open-settings").Class("pc-icon-button").
				Aria("label", tr(lang, msgSettings)).Title(tr(lang, msgSettings)).
				Text("⚙").
				OnClick(func(ctx app.Context, e app.Event) { s.showSettings = true }),
		),
		newStatusLine().State(s.trust).Lang(lang).Now(s.now).Policy(s.policyLabel(lang)),
		newShiftLine().Counts(s.counts).Lang(lang),
		// One fixed element for the notices: go-app diffs children by
		// position, so a notice appearing among <main>'s children would
		// replace the camera section after it, and the <video> playing the
		// camera with it (the preview went black, scanning stopped).
		newNotices().Lang(lang).Update(s.updateAvailable).Installable(s.installable).Apple(s.apple).
			Unreachable(s.trust.Unreachable),
		// Always present, for the same reason (chunkprogress.go).
		app.Div().ID("chunk-notices").Class("pc-notices").Body(
			app.If(s.chunks != nil, func() app.UI { return s.chunkNotice(lang) }),
		),
		newCameraSection().Lang(lang).Facing(s.settings.Facing).Ready(s.ready).Worker(s.worker),
		newInputs().Lang(lang).Note(s.inputNote),
		app.P().Class("pc-privacy").Text(tr(lang, msgPrivacy)),
		app.Div().ID("live").Class("pc-sr-only").Aria("live", "assertive").Attr("role", "status").Text(s.live),
		app.If(s.verdict != nil, func() app.UI {
			return &VerdictScreen{View: *s.verdict, Lang: lang, OnClose: s.closeVerdict, AutoReturn: s.settings.AutoReturn, Run: s.verdictID}
		}),
		app.If(s.showSettings, func() app.UI {
			return &SettingsPanel{
				Settings: s.settings,
				Lang:     lang,
				Policies: s.trust.Policies,
				Bundle:   s.trust.Info,
				Imported: s.imported,
				OnChange: s.changeSettings,
				OnClose:  func(ctx app.Context) { s.showSettings = false },
			}
		}),
		// Last, so that its coming and going moves no other element.
		app.If(s.rehearse != nil, func() app.UI { return s.rehearsal(lang) }),
	)
}

// newShift zeroes the counts and has the worker forget the certificates
// admitted: nothing of the last shift is kept.
func (s *Scanner) newShift(ctx app.Context) {
	s.counts = shift.New(time.Now())
	saveShift(ctx, s.counts, !s.settings.ForgetCounts)
	if s.worker != nil {
		s.worker.post(wire.NewShift{}, nil)
	}
}

// policyLabel is the name of the policy in force in lang, "" before any
// bundle.
func (s *Scanner) policyLabel(lang string) string {
	if p, ok := s.trust.Policies.InForce(s.settings.Policy); ok {
		return p.Label(lang)
	}
	return ""
}

func (s *Scanner) changeSettings(ctx app.Context, st settings) {
	old := s.settings
	s.settings = st
	saveSettings(ctx, st)
	if st.Lang != "" && st.Lang != s.lang {
		// Everything on screen is drawn from state in s.lang; the only
		// texts made ahead are the verdict's, made again here.
		s.lang = st.Lang
		s.setDocumentLang()
		if s.verdict != nil {
			s.redoVerdict()
		}
	}
	if st.ForgetCounts != old.ForgetCounts {
		saveShift(ctx, s.counts, !st.ForgetCounts)
	}
	// The camera section restarts the camera for a new Facing.
	if st.Policy != old.Policy && s.worker != nil {
		s.worker.post(wire.Choose{Policy: st.Policy}, nil)
	}
}
