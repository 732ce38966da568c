package app

import (
	"strconv"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"passcheck/app/wire"
)

// BundlePanel is the trust-list part of the settings: which bundle the
// device verifies with (seq, issue time and fingerprint), so that staff can
// compare it with /healthz, `passcheck trust show` or another phone; and
// the bundle passed from phone to phone (share it, import one).
type BundlePanel struct {
	app.Compo

	Info     *wire.BundleInfo // nil before any bundle
	Lang     string
	Imported importResult // the last import
}

func (p *BundlePanel) Render() app.UI {
	lang, b := p.Lang, p.Info
	sec := app.Section().ID("bundle-info").Class("pc-bundle").Aria("labelledby", "bundle-title")
	var about []app.UI
	if b == nil {
		about = []app.UI{app.P().Text(tr(lang, msgTrustNone))}
	} else {
		sec = sec.DataSet("seq", strconv.FormatUint(b.Seq, 10)).DataSet("fingerprint", b.Fingerprint)
		about = []app.UI{
			app.P().ID("bundle-seq").Text(tr(lang, msgBundleIssued, b.Seq, b.IssuedAt.Local().Format("2006-01-02 15:04"))),
			// The short form is for reading aloud; the full value is in
			// the title and data, to compare with a published one.
			app.P().ID("bundle-fingerprint").Title(b.Fingerprint).Body(
				app.Text(tr(lang, msgFingerprint)+" "),
				app.Code().Class("pc-fingerprint").Text(b.ShortFingerprint()),
			),
		}
	}
	result := app.P().ID("bundle-import-result").Class("pc-bundle-result").Attr("role", "status")
	if r := p.Imported; r.Done {
		outcome := "imported"
		if r.Code != "" {
			outcome = "refused"
		}
		result = result.DataSet("outcome", outcome).DataSet("code", r.Code).DataSet("n", r.N).Text(r.text(lang))
	}
	body := append([]app.UI{app.H3().ID("bundle-title").Text(tr(lang, msgTrustList))}, about...)
	return sec.Body(append(body,
		app.Div().Class("pc-bundle-actions").Body(
			app.Button().ID("bundle-share").Class("pc-button").Disabled(b == nil).Text(tr(lang, msgBundleShare)).
				OnClick(func(ctx app.Context, e app.Event) { ctx.NewAction(actionShareBundle) }),
			// As "scan from photo": a label styled as a button opens the
			// file picker.
			app.Label().ID("bundle-import-label").Class("pc-button").For("bundle-import").Body(
				app.Text(tr(lang, msgBundleImport)),
				app.Input().ID("bundle-import").Type("file").Class("pc-file").
					Accept(".cose,.bundle,application/cose,application/octet-stream").
					OnChange(func(ctx app.Context, e app.Event) {
						in := ctx.JSSrc()
						if files := in.Get("files"); files.Truthy() && files.Length() > 0 {
							ctx.NewActionWithValue(actionImportBundle, files.Index(0))
						}
						// The same file picked again must fire change again.
						in.Set("value", "")
					}),
			),
		),
		result,
	)...)
}
