package app

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// notices are the lines between the status line and the camera: offline
// (or the server unreachable), an app update, and how to install the app. The install notice and the
// iOS instructions can be dismissed, for good on this device (kept in
// localStorage): staff who chose not to install should not see them at
// every start.
type notices struct {
	app.Compo

	Ilang        string
	Iupdate      bool
	Iinstallable bool
	Iapple       bool
	Iunreachable bool

	offline   bool
	dismissed dismissals
	listeners []listener
}

// dismissals are the notices dismissed on this device.
type dismissals struct {
	Install bool `json:"install"`
	IOS     bool `json:"ios"`
}

const dismissedKey = "passcheck.dismissed"

func newNotices() *notices { return &notices{} }

// Lang sets the language the notices are drawn in.
func (n *notices) Lang(v string) *notices { n.Ilang = v; return n }

// Update shows the "update available" notice.
func (n *notices) Update(v bool) *notices { n.Iupdate = v; return n }

// Installable shows how to install the app, unless dismissed.
func (n *notices) Installable(v bool) *notices { n.Iinstallable = v; return n }

// Apple says the browser is Apple's, which has no install prompt: the
// notice then says how to add the app to the home screen.
func (n *notices) Apple(v bool) *notices { n.Iapple = v; return n }

// Unreachable says the server did not answer the last request for a
// trust bundle: shown like being offline, though the device has a network.
func (n *notices) Unreachable(v bool) *notices { n.Iunreachable = v; return n }

func (n *notices) OnMount(ctx app.Context) {
	// A stored value that does not parse is as if nothing was dismissed.
	ctx.LocalStorage().Get(dismissedKey, &n.dismissed)
	n.offline = !online()
	for _, ev := range []string{"online", "offline"} {
		fn := app.FuncOf(func(app.Value, []app.Value) any {
			ctx.Dispatch(func(ctx app.Context) { n.offline = !online() })
			return nil
		})
		app.Window().Call("addEventListener", ev, fn)
		n.listeners = append(n.listeners, listener{ev, fn})
	}
}

func (n *notices) OnDismount() {
	for _, l := range n.listeners {
		app.Window().Call("removeEventListener", l.event, l.fn)
		l.fn.Release()
	}
	n.listeners = nil
}

// online is navigator.onLine: false means surely offline; true only that a
// network is there (the server may still be unreachable). Unknown counts
// as online.
func online() bool {
	on := app.Window().Get("navigator").Get("onLine")
	return on.Type() != app.TypeBoolean || on.Bool()
}

func (n *notices) dismiss(ctx app.Context, set func(*dismissals)) {
	set(&n.dismissed)
	if err := ctx.LocalStorage().Set(dismissedKey, n.dismissed); err != nil {
		app.Log("passcheck: saving dismissed notices:", err)
	}
}

func (n *notices) Render() app.UI {
	lang := n.Ilang
	return app.Div().ID("notices").Class("pc-notices").Body(
		app.If(n.offline || n.Iunreachable, func() app.UI {
			text := tr(lang, msgOffline)
			if !n.offline {
				text = tr(lang, msgUnreachable)
			}
			return app.P().ID("offline").Class("pc-notice", "pc-notice-offline").Attr("role", "status").Text(text)
		}),
		app.If(n.Iupdate, func() app.UI {
			return app.Button().ID("update").Class("pc-notice").Text(tr(lang, msgUpdateAvailable)).
				OnClick(func(ctx app.Context, e app.Event) { ctx.Reload() })
		}),
		app.If(n.Iinstallable && !n.Iapple && !n.dismissed.Install, func() app.UI {
			return n.dismissable("install-dismiss", func(d *dismissals) { d.Install = true },
				app.Button().ID("install").Class("pc-notice-text").Text(tr(lang, msgInstall)).
					OnClick(func(ctx app.Context, e app.Event) { ctx.ShowAppInstallPrompt() }))
		}),
		app.If(n.Iinstallable && n.Iapple && !n.dismissed.IOS, func() app.UI {
			return n.dismissable("install-ios-dismiss", func(d *dismissals) { d.IOS = true },
				app.P().ID("install-ios").Class("pc-notice-text").Text(tr(lang, msgInstallIOS)))
		}),
	)
}

// dismissable is a notice, body, with a button (id) that dismisses it.
func (n *notices) dismissable(id string, set func(*dismissals), body app.UI) app.UI {
	return app.Div().Class("pc-notice", "pc-notice-dismissable").Body(
		body,
		app.Button().ID(id).Class("pc-notice-dismiss").
			Aria("label", tr(n.Ilang, msgDismiss)).Title(tr(n.Ilang, msgDismiss)).Text("✕").
			OnClick(func(ctx app.Context, e app.Event) { n.dismiss(ctx, set) }),
	)
}
