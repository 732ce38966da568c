package app

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"passcheck/app/wire"
)

// actionVerdict carries a wire.Verdict with an outcome, from the camera
// (either loop), to the Scanner.
const actionVerdict = "passcheck/verdict"

// actionSwitchCamera asks the Scanner to switch between the front and rear
// camera (a setting, saved like the others).
const actionSwitchCamera = "passcheck/switch-camera"

// cameraSection is the camera preview with its scan frame, its message
// (starting, point at a code, denied, ...) and its tools (switch, torch).
// It starts the camera once Ready (the first trust-bundle attempt is over,
// so that scanning runs with the best list available) and again when
// Facing changes; the camera's verdicts go out as actionVerdict.
type cameraSection struct {
	app.Compo

	Ilang   string
	Ifacing string // "environment" or "user"
	Iready  bool
	Iworker *workerClient

	cam     camera
	state   camState
	facing  string // what the running camera faces ("" not started)
	torch   bool
	torchOn bool
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

func (s camState) String() string {
	return [...]string{"starting", "running", "denied", "missing", "error", "insecure"}[s]
}

func newCameraSection() *cameraSection { return &cameraSection{} }

// Lang sets the language the section is drawn in.
func (c *cameraSection) Lang(v string) *cameraSection { c.Ilang = v; return c }

// Facing sets the camera to use: "environment" (rear) or "user" (front).
func (c *cameraSection) Facing(v string) *cameraSection { c.Ifacing = v; return c }

// Ready lets the camera start.
func (c *cameraSection) Ready(v bool) *cameraSection { c.Iready = v; return c }

// Worker sets the worker the frames go to.
func (c *cameraSection) Worker(v *workerClient) *cameraSection { c.Iworker = v; return c }

func (c *cameraSection) OnMount(ctx app.Context) {
	c.cam.onVerdict = func(v wire.Verdict) {
		ctx.Dispatch(func(ctx app.Context) { ctx.NewActionWithValue(actionVerdict, v) })
	}
	c.cam.onReady = func() {
		ctx.Dispatch(func(ctx app.Context) {
			c.state = camRunning
			c.torch = c.cam.torchSupported()
		})
	}
	c.cam.onError = func(f cameraFail) {
		ctx.Dispatch(func(ctx app.Context) {
			switch f {
			case camDenied:
				c.state = camDeniedState
			case camMissing:
				c.state = camMissingState
			default:
				c.state = camErrorState
			}
		})
	}
	c.OnUpdate(ctx)
}

// OnUpdate starts the camera when it may and is not running yet, or faces
// the other way than asked.
func (c *cameraSection) OnUpdate(ctx app.Context) {
	if w := c.Iworker; w != nil && c.cam.worker != w {
		c.cam.worker = w
		w.on[wire.KindVerdict] = c.cam.onStreamVerdict
		w.on[wire.KindStreamRefused] = c.cam.onStreamRefused
	}
	if c.Iready && c.facing != c.Ifacing {
		c.start(ctx)
	}
}

func (c *cameraSection) OnDismount() {
	c.cam.stop()
}

func (c *cameraSection) start(ctx app.Context) {
	c.torch, c.torchOn = false, false
	c.facing = c.Ifacing
	if !secureContext() {
		c.state = camInsecureState
		return
	}
	c.state = camStarting
	video := app.Window().GetElementByID("pc-video")
	if !video.Truthy() {
		return
	}
	c.cam.start(video, c.Ifacing)
}

// secureContext reports whether the page may use the camera at all:
// browsers give getUserMedia only to secure contexts (HTTPS, localhost).
// Where isSecureContext is not known, the camera is tried.
func secureContext() bool {
	v := app.Window().Get("isSecureContext")
	return v.Type() != app.TypeBoolean || v.Bool()
}

func (c *cameraSection) Render() app.UI {
	lang := c.Ilang
	var msgText string
	var retry bool
	tools := true // switch camera, torch
	switch c.state {
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
	return app.Section().ID("camera").Class("pc-camera").DataSet("state", c.state.String()).Body(
		app.Video().ID("pc-video").Class("pc-video").AutoPlay(true).Muted(true).
			Attr("playsinline", true).Aria("hidden", "true"),
		app.Div().Class("pc-frame").Aria("hidden", "true"),
		app.P().ID("camera-message").Class("pc-camera-message").Text(msgText),
		app.If(retry, func() app.UI {
			return app.Button().ID("camera-retry").Class("pc-button").Text(tr(lang, msgRetry)).
				OnClick(func(ctx app.Context, e app.Event) { c.start(ctx) })
		}),
		app.If(tools, func() app.UI { return c.tools(lang) }),
	)
}

// tools are the buttons over a camera that can run.
func (c *cameraSection) tools(lang string) app.UI {
	return app.Div().Class("pc-camera-tools").Body(
		app.Button().ID("switch-camera").Class("pc-button").Text(tr(lang, msgSwitchCamera)).
			OnClick(func(ctx app.Context, e app.Event) { ctx.NewAction(actionSwitchCamera) }),
		app.If(c.torch, func() app.UI {
			return app.Button().ID("torch").Class("pc-button").
				Aria("pressed", c.torchOn).Text(tr(lang, msgTorch)).
				OnClick(func(ctx app.Context, e app.Event) {
					c.torchOn = !c.torchOn
					c.cam.setTorch(c.torchOn)
				})
		}),
	)
}
