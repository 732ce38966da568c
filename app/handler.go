//go:build !wasm

package app

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// NewHandler returns the go-app handler serving the scanner PWA: pages,
// app.js, the service worker, the manifest and the files under /web/ (from
// ./web unless the caller sets Resources). version must change with every
// deploy of the wasm (a hash of it is ideal): the service worker cache is
// named after it, and a new value is what makes phones show "Update
// available".
//
// The handler serves /web/app.wasm uncompressed; put a pre-compressing
// handler in front of it.
func NewHandler(version string) *app.Handler {
	Routes()
	return &app.Handler{
		Name:            "Passcheck — certificate scanner",
		ShortName:       "Passcheck",
		Title:           "Passcheck",
		Description:     "Offline verifier for EU Digital COVID Certificate QR codes.",
		Lang:            "en",
		BackgroundColor: colourBackground,
		ThemeColor:      colourBackground,
		LoadingLabel:    "Passcheck {progress}%",
		Icon: app.Icon{
			Default:  IconDefault,
			Large:    IconLarge,
			Maskable: IconMaskable,
			SVG:      IconSVG,
		},
		Styles:                []string{StyleSheet},
		Scripts:               []string{bootScript},
		CacheableResources:    []string{IconSVG, workerURL},
		Version:               version,
		ServiceWorkerTemplate: serviceWorkerJS,
	}
}
