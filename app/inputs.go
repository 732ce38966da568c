package app

import (
	"strings"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// The actions by which the inputs hand over what is to be checked; the
// Scanner handles them.
const (
	actionCheckText  = "passcheck/check-text"  // Value: string (pasted, or typed by a wedge)
	actionCheckPhoto = "passcheck/check-photo" // Value: app.Value, a File
)

// inputs are the ways to check a certificate other than the camera: a
// photo, pasted text, and a keyboard-wedge (hardware) scanner typing
// anywhere on the page. Each posts an action (actionCheckText,
// actionCheckPhoto).
type inputs struct {
	app.Compo

	Ilang string
	Inote msg // e.g. "no QR code in this picture"; translated when drawn

	showPaste bool
	pasteText string
	empty     bool // "check" was pressed on nothing but spaces
	wedge     wedge
	onKey     app.Func
}

func newInputs() *inputs { return &inputs{} }

// Lang sets the language the inputs are drawn in.
func (in *inputs) Lang(v string) *inputs { in.Ilang = v; return in }

// Note sets the note under the inputs ("" none).
func (in *inputs) Note(v msg) *inputs { in.Inote = v; return in }

func (in *inputs) OnMount(ctx app.Context) {
	in.onKey = app.FuncOf(func(this app.Value, args []app.Value) any {
		if len(args) == 0 {
			return nil
		}
		e := args[0]
		if inField(e.Get("target")) {
			return nil
		}
		text, ok := in.wedge.key(e.Get("key").String(), time.Now())
		if !ok {
			return nil
		}
		e.Call("preventDefault")
		ctx.Dispatch(func(ctx app.Context) { ctx.NewActionWithValue(actionCheckText, text) })
		return nil
	})
	app.Window().Call("addEventListener", "keydown", in.onKey)
}

func (in *inputs) OnDismount() {
	if in.onKey != nil {
		app.Window().Call("removeEventListener", "keydown", in.onKey)
		in.onKey.Release()
	}
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

func (in *inputs) Render() app.UI {
	lang := in.Ilang
	return app.Section().Class("pc-inputs").Body(
		app.Label().ID("photo-label").Class("pc-button").For("photo").Body(
			app.Text(tr(lang, msgScanPhoto)),
			app.Input().ID("photo").Type("file").Accept("image/*").Class("pc-file").
				OnChange(in.photoChosen),
		),
		app.Button().ID("paste-toggle").Class("pc-button").Text(tr(lang, msgPaste)).
			OnClick(func(ctx app.Context, e app.Event) { in.showPaste = !in.showPaste }),
		app.If(in.showPaste, func() app.UI {
			// Not a <form>: go-app runs handlers after the event, too late
			// to stop a form submission (a page reload).
			return app.Div().ID("paste-form").Class("pc-paste").Body(
				app.Textarea().ID("paste-text").Rows(3).Placeholder("HC1:…").
					Attr("autocomplete", "off").Attr("spellcheck", "false").
					Text(in.pasteText).
					OnInput(func(ctx app.Context, e app.Event) {
						in.pasteText = ctx.JSSrc().Get("value").String()
						in.empty = false
					}),
				app.Button().ID("paste-check").Type("button").Class("pc-button").Text(tr(lang, msgCheck)).
					OnClick(in.pasteSubmit),
			)
		}),
		app.If(in.note() != "", func() app.UI {
			return app.P().ID("input-note").Class("pc-input-note").Attr("role", "status").Text(tr(lang, in.note()))
		}),
	)
}

// note is the note to show: the inputs' own, else the Scanner's.
func (in *inputs) note() msg {
	if in.empty && in.showPaste {
		return msgNothingToCheck
	}
	return in.Inote
}

// maxPaste bounds pasted text; verify bounds it again.
const maxPaste = 8192

func (in *inputs) pasteSubmit(ctx app.Context, e app.Event) {
	text := strings.TrimSpace(in.pasteText)
	if text == "" {
		in.empty = true // and the box stays open, to paste into
		return
	}
	if len(text) > maxPaste {
		return
	}
	in.empty = false
	in.pasteText = ""
	in.showPaste = false
	ctx.NewActionWithValue(actionCheckText, text)
}

func (in *inputs) photoChosen(ctx app.Context, e app.Event) {
	input := ctx.JSSrc()
	files := input.Get("files")
	if !files.Truthy() || files.Length() == 0 {
		return
	}
	file := files.Index(0)
	input.Set("value", "") // choosing the same file again fires change
	ctx.NewActionWithValue(actionCheckPhoto, file)
}
