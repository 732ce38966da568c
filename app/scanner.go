package app

import (
	"strings"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"passcheck/verify"
)

// Scanner is the app's one page: camera preview with a scan frame, the
// trust-list status line, other inputs (photo, paste, hardware scanner), and
// the verdict screen over it all.
type Scanner struct {
	app.Compo

	settings settings
	lang     string
	now      time.Time

	worker *workerClient
	store  *bundleStore
	trust  trustState
	ready  bool // the first trust-bundle attempt is over: frames get decoded

	rehearse *verdictView // the hidden first render of the verdict screen (rehearsal.go)

	cam      camera
	camState camState
	torch    bool
	torchOn  bool

	verdict   *verdictView
	shown     outcome   // what verdict shows, kept to redo it in another language
	shownAt   time.Time // the time it was checked at
	verdictID int
	verifying bool   // a text is with the worker
	live      string // text of the aria-live region
	guard     repeatGuard
	wedge     wedge
	fb        feedback

	showSettings bool
	showPaste    bool
	pasteText    string
	inputNote    msg // e.g. "no QR code in this picture"; translated when drawn

	updateAvailable bool
	installable     bool
	apple           bool

	listeners []listener
	// ctx is the Scanner's own context, for replies that arrive after the
	// element that started them is gone (go-app drops a Dispatch whose
	// source element is unmounted, e.g. the paste form's button).
	ctx app.Context
}

type camState uint8

const (
	camStarting camState = iota
	camRunning
	camDeniedState
	camMissingState
	camErrorState
	// camInsecureState: the page is not a secure context (plain HTTP on a
	// LAN address), so the browser offers no camera at all. Retrying or
	// switching cannot help; HTTPS (or localhost) does.
	camInsecureState
)

// listener is a window event handler to remove on dismount.
type listener struct {
	event string
	fn    app.Func
}

// source of a scanned text: a camera frame is subject to the repeat guard,
// a deliberate input (photo, paste, hardware scanner) is always checked.
type source uint8

const (
	fromCamera source = iota
	fromInput
)

func (s *Scanner) OnMount(ctx app.Context) {
	s.ctx = ctx
	s.now = time.Now()
	s.settings = loadSettings(ctx)
	s.lang = s.settings.Lang
	if s.lang == "" {
		s.lang = pickLang(browserLanguages())
	}
	s.setDocumentLang()
	s.installable = ctx.IsAppInstallable()
	s.apple = ctx.IsAppleBrowser()

	s.cam.setPaused(true) // until the trust list is loaded
	s.cam.onText = func(text string) {
		ctx.Dispatch(func(ctx app.Context) { s.scanned(ctx, text, fromCamera) })
	}
	s.cam.onReady = func() {
		ctx.Dispatch(func(ctx app.Context) {
			s.camState = camRunning
			s.torch = s.cam.torchSupported()
		})
	}
	s.cam.onError = func(f cameraFail) {
		ctx.Dispatch(func(ctx app.Context) {
			switch f {
			case camDenied:
				s.camState = camDeniedState
			case camMissing:
				s.camState = camMissingState
			default:
				s.camState = camErrorState
			}
		})
	}

	s.worker = startWorker()
	s.cam.worker = s.worker
	if s.worker != nil {
		s.worker.on["scan"] = s.cam.onStreamScan
		s.worker.on["scan-unsupported"] = s.cam.onStreamUnsupported
	}
	s.store = newBundleStore(s.worker, func(st trustState) {
		ctx.Dispatch(func(ctx app.Context) { s.trust = st })
	})
	// The camera starts once the first trust-bundle attempt is over, so
	// that scanning runs with the best list available and no request is in
	// flight from camera start to verdict.
	if v, ok := rehearsalView(s.lang, s.now); ok {
		ctx.Dispatch(func(ctx app.Context) {
			s.rehearse = &v
			ctx.Defer(s.endRehearsal)
		})
	}
	s.store.start(func() {
		ctx.Dispatch(func(ctx app.Context) {
			s.ready = true
			s.cam.setPaused(s.verdict != nil)
			s.startCamera(ctx)
		})
	})

	s.listen("keydown", func(e app.Value) {
		s.fb.unlock()
		if inField(e.Get("target")) {
			return
		}
		text, ok := s.wedge.key(e.Get("key").String(), time.Now())
		if !ok {
			return
		}
		e.Call("preventDefault")
		ctx.Dispatch(func(ctx app.Context) { s.scanned(ctx, text, fromInput) })
	})
	s.listen("pointerdown", func(app.Value) { s.fb.unlock() })
	s.listen("online", func(app.Value) {
		ctx.Dispatch(func(ctx app.Context) { s.refreshTrust(ctx) })
	})
	s.scheduleRefresh(ctx)
	s.tick(ctx)
}

func (s *Scanner) OnDismount() {
	s.cam.stop()
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
		h(arg0(args))
		return nil
	})
	app.Window().Call("addEventListener", event, fn)
	s.listeners = append(s.listeners, listener{event, fn})
}

// inField reports whether an event target takes typed text itself.
func inField(t app.Value) bool {
	if !t.Truthy() {
		return false
	}
	if ce := t.Get("isContentEditable"); ce.Truthy() {
		return true
	}
	switch strings.ToUpper(t.Get("tagName").String()) {
	case "INPUT", "TEXTAREA", "SELECT":
		return true
	}
	return false
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

func (s *Scanner) startCamera(ctx app.Context) {
	s.torch, s.torchOn = false, false
	if !secureContext() {
		s.camState = camInsecureState
		return
	}
	s.camState = camStarting
	video := app.Window().GetElementByID("pc-video")
	if !video.Truthy() {
		return
	}
	s.cam.start(video, s.settings.Facing)
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

// scanned handles one QR text from any source: the worker verifies it and
// the verdict screen shows the outcome.
func (s *Scanner) scanned(ctx app.Context, text string, src source) {
	now := time.Now()
	if src == fromCamera {
		if s.verdict != nil || s.verifying || !s.guard.accept(text, now) {
			return
		}
	} else {
		s.guard.accept(text, now)
	}
	s.inputNote = ""
	s.cam.setPaused(true)
	if s.worker == nil || s.trust.Info == nil {
		s.show(ctx, noTrustOutcome(), now)
		return
	}
	s.verifying = true
	t0 := pageNow()
	msg := map[string]any{"t": "verify", "text": text, "at": float64(now.UnixMilli()), "policy": s.policyID()}
	s.worker.send(msg, nil, func(r app.Value) {
		measure("passcheck:verify", t0)
		o, err := parseOutcome(r.Get("outcome").String())
		if err != nil {
			o = outcome{Verdict: verify.CannotVerify}
		}
		s.ctx.Dispatch(func(ctx app.Context) {
			s.verifying = false
			s.show(ctx, o, now)
		})
	})
}

// show puts the verdict screen up, with sound, vibration and the
// announcement, and schedules the return to scanning.
func (s *Scanner) show(ctx app.Context, o outcome, at time.Time) {
	s.shown, s.shownAt = o, at
	view := s.redoVerdict()
	s.verdictID++
	s.cam.setPaused(true)
	s.fb.play(view.Verdict, s.settings.Sound, s.settings.Vibrate)
	s.ctx.Defer(func(app.Context) { mark("passcheck:verdict") })
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
func (s *Scanner) redoVerdict() verdictView {
	view := newVerdictView(s.shown, s.lang, s.shownAt)
	s.verdict = &view
	s.live = view.Word + ". " + view.Reason
	return view
}

func (s *Scanner) closeVerdict(ctx app.Context) {
	if s.verdict == nil {
		return
	}
	s.verdict = nil
	s.live = ""
	// A code still in front of the camera must not fire again at once.
	s.guard.seen = time.Now()
	s.cam.setPaused(!s.ready)
}

func (s *Scanner) Render() app.UI {
	lang := s.lang
	if lang == "" {
		lang = defaultLang
	}
	return app.Main().ID("passcheck").Class("pc").Lang(lang).Body(
		app.Header().Class("pc-bar").Body(
			app.H1().Class("pc-title").Body(
				app.Img().Src(IconSVG).Alt("").Class("pc-logo"),
				app.Text(tr(lang, msgTitle)),
			),
			app.Button().ID("open-settings").Class("pc-icon-button").
				Aria("label", tr(lang, msgSettings)).Title(tr(lang, msgSettings)).
				Text("⚙").
				OnClick(func(ctx app.Context, e app.Event) { s.showSettings = true }),
		),
		&StatusLine{State: s.trust, Lang: lang, Now: s.now, Policy: s.policyLabel(lang)},
		// One fixed element for the notices: go-app diffs children by
		// position, so a notice appearing among <main>'s children would
		// replace the camera section after it, and the <video> playing the
		// camera with it (the preview went black, scanning stopped).
		app.Div().ID("notices").Class("pc-notices").Body(
			app.If(s.updateAvailable, func() app.UI {
				return app.Button().ID("update").Class("pc-notice").Text(tr(lang, msgUpdateAvailable)).
					OnClick(func(ctx app.Context, e app.Event) { ctx.Reload() })
			}),
			app.If(s.installable && !s.apple, func() app.UI {
				return app.Button().ID("install").Class("pc-notice").Text(tr(lang, msgInstall)).
					OnClick(func(ctx app.Context, e app.Event) { ctx.ShowAppInstallPrompt() })
			}),
			app.If(s.installable && s.apple, func() app.UI {
				return app.P().ID("install-ios").Class("pc-notice").Text(tr(lang, msgInstallIOS))
			}),
		),
		s.renderCamera(lang),
		s.renderInputs(lang),
		app.P().Class("pc-privacy").Text(tr(lang, msgPrivacy)),
		app.Div().ID("live").Class("pc-sr-only").Aria("live", "assertive").Attr("role", "status").Text(s.live),
		app.If(s.verdict != nil, func() app.UI {
			return &VerdictScreen{View: *s.verdict, Lang: lang, OnClose: s.closeVerdict}
		}),
		app.If(s.showSettings, func() app.UI {
			return &SettingsPanel{
				Settings: s.settings,
				Lang:     lang,
				Policies: s.trust.Policies,
				OnChange: s.changeSettings,
				OnClose:  func(ctx app.Context) { s.showSettings = false },
			}
		}),
		// Last, so that its coming and going moves no other element.
		app.If(s.rehearse != nil, func() app.UI { return s.rehearsal(lang) }),
	)
}

func (s *Scanner) renderCamera(lang string) app.UI {
	var msgText string
	var retry bool
	tools := true // switch camera, torch
	switch s.camState {
	case camStarting:
		msgText = tr(lang, msgStartingCamera)
	case camRunning:
		msgText = tr(lang, msgPointCamera)
	case camDeniedState:
		msgText, retry = tr(lang, msgCameraDenied), true
	case camMissingState:
		msgText, retry = tr(lang, msgCameraMissing), true
	case camInsecureState:
		msgText, tools = tr(lang, msgCameraInsecure), false
	default:
		msgText, retry = tr(lang, msgCameraError), true
	}
	return app.Section().ID("camera").Class("pc-camera").DataSet("state", s.camState.String()).Body(
		app.Video().ID("pc-video").Class("pc-video").AutoPlay(true).Muted(true).
			Attr("playsinline", true).Aria("hidden", "true"),
		app.Div().Class("pc-frame").Aria("hidden", "true"),
		app.P().ID("camera-message").Class("pc-camera-message").Text(msgText),
		app.If(retry, func() app.UI {
			return app.Button().ID("camera-retry").Class("pc-button").Text(tr(lang, msgRetry)).
				OnClick(func(ctx app.Context, e app.Event) { s.startCamera(ctx) })
		}),
		app.If(tools, func() app.UI { return s.cameraTools(lang) }),
	)
}

// cameraTools are the buttons over a camera that can run.
func (s *Scanner) cameraTools(lang string) app.UI {
	return app.Div().Class("pc-camera-tools").Body(
		app.Button().ID("switch-camera").Class("pc-button").Text(tr(lang, msgSwitchCamera)).
			OnClick(func(ctx app.Context, e app.Event) {
				st := s.settings
				if st.Facing == "user" {
					st.Facing = "environment"
				} else {
					st.Facing = "user"
				}
				s.changeSettings(ctx, st)
			}),
		app.If(s.torch, func() app.UI {
			return app.Button().ID("torch").Class("pc-button").
				Aria("pressed", s.torchOn).Text(tr(lang, msgTorch)).
				OnClick(func(ctx app.Context, e app.Event) {
					s.torchOn = !s.torchOn
					s.cam.setTorch(s.torchOn)
				})
		}),
	)
}

func (s camState) String() string {
	return [...]string{"starting", "running", "denied", "missing", "error", "insecure"}[s]
}

// secureContext reports whether the page may use the camera at all:
// browsers give getUserMedia only to secure contexts (HTTPS, localhost).
// Where isSecureContext is not known, the camera is tried.
func secureContext() bool {
	v := app.Window().Get("isSecureContext")
	return v.Type() != app.TypeBoolean || v.Bool()
}

func (s *Scanner) renderInputs(lang string) app.UI {
	return app.Section().Class("pc-inputs").Body(
		app.Label().ID("photo-label").Class("pc-button").For("photo").Body(
			app.Text(tr(lang, msgScanPhoto)),
			app.Input().ID("photo").Type("file").Accept("image/*").Class("pc-file").
				OnChange(s.photoChosen),
		),
		app.Button().ID("paste-toggle").Class("pc-button").Text(tr(lang, msgPaste)).
			OnClick(func(ctx app.Context, e app.Event) { s.showPaste = !s.showPaste }),
		app.If(s.showPaste, func() app.UI {
			// Not a <form>: go-app runs handlers after the event, too late
			// to stop a form submission (a page reload).
			return app.Div().ID("paste-form").Class("pc-paste").Body(
				app.Textarea().ID("paste-text").Rows(3).Placeholder("HC1:…").
					Attr("autocomplete", "off").Attr("spellcheck", "false").
					Text(s.pasteText).
					OnInput(func(ctx app.Context, e app.Event) {
						s.pasteText = ctx.JSSrc().Get("value").String()
					}),
				app.Button().ID("paste-check").Type("button").Class("pc-button").Text(tr(lang, msgCheck)).
					OnClick(s.pasteSubmit),
			)
		}),
		app.If(s.inputNote != "", func() app.UI {
			return app.P().ID("input-note").Class("pc-input-note").Text(tr(lang, s.inputNote))
		}),
	)
}

// maxPaste bounds pasted text; verify bounds it again.
const maxPaste = 8192

func (s *Scanner) pasteSubmit(ctx app.Context, e app.Event) {
	text := strings.TrimSpace(s.pasteText)
	if text == "" || len(text) > maxPaste {
		return
	}
	s.pasteText = ""
	s.showPaste = false
	s.scanned(ctx, text, fromInput)
}

func (s *Scanner) photoChosen(ctx app.Context, e app.Event) {
	input := ctx.JSSrc()
	files := input.Get("files")
	if !files.Truthy() || files.Length() == 0 {
		return
	}
	file := files.Index(0)
	input.Set("value", "") // choosing the same file again fires change
	s.cam.decodePhoto(file, func(text string, ok bool) {
		s.ctx.Dispatch(func(ctx app.Context) {
			if !ok {
				s.inputNote = msgPhotoNoCode
				return
			}
			s.scanned(ctx, text, fromInput)
		})
	})
}

// policyID is the venue policy in force, as the status line names it: the
// worker applies the policy of this ID (rules.Set.InForce on both sides).
func (s *Scanner) policyID() string {
	if p, ok := s.trust.Policies.inForce(s.settings.Policy); ok {
		return p.ID
	}
	return s.settings.Policy
}

// policyLabel is the name of the policy in force in lang, "" before any
// bundle.
func (s *Scanner) policyLabel(lang string) string {
	if p, ok := s.trust.Policies.inForce(s.settings.Policy); ok {
		return p.label(lang)
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
	if st.Facing != old.Facing {
		s.startCamera(ctx)
	}
}
