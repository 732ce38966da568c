package app

import (
	"strconv"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"passcheck/app/wire"
)

// BundlePanel is the trust-list part of the settings: which bundle the
// device verifies with (seq, issue time and fingerprint), so that staff can
// compare it with /healthz, `passcheck trust show` or another phone.
type BundlePanel struct {
	app.Compo

	Info *wire.BundleInfo // nil before any bundle
	Lang string
}

func (p *BundlePanel) Render() app.UI {
	lang, b := p.Lang, p.Info
	sec := app.Section().ID("bundle-info").Class("pc-bundle").Aria("labelledby", "bundle-title")
	if b == nil {
		return sec.Body(
			app.H3().ID("bundle-title").Text(tr(lang, msgTrustList)),
			app.P().Text(tr(lang, msgTrustNone)),
		)
	}
	return sec.DataSet("seq", strconv.FormatUint(b.Seq, 10)).DataSet("fingerprint", b.Fingerprint).Body(
		app.H3().ID("bundle-title").Text(tr(lang, msgTrustList)),
		app.P().ID("bundle-seq").Text(tr(lang, msgBundleIssued, b.Seq, b.IssuedAt.Local().Format("2006-01-02 15:04"))),
		// The short form is for reading aloud; the full value is one tap
		// (or hover) away, and selectable, to compare with a published one.
		app.P().ID("bundle-fingerprint").Title(b.Fingerprint).Body(
			app.Text(tr(lang, msgFingerprint)+" "),
			app.Code().Class("pc-fingerprint").Text(b.ShortFingerprint()),
		),
	)
}
