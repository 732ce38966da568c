//go:build !wasm

package app

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// NewHandler returns the go-app handler serving the scanner PWA: its pages
// (Pages) and go-app's files (app.js, the service worker, the manifest, ...).
// version must change whenever anything the service worker caches does
// (site.Version hashes all of it): the cache is named after it, and a new
// value is what makes phones show "Update available".
//
// It serves no file of its own under /web/ (the server in front does:
// WebFiles), and it makes no request to anywhere: go-app's file server and
// its proxy of /robots.txt, /ads.txt and /sitemap.xml (which fetches from
// the server a request's Host header names) are both off, as they only
// work when Resources is an http.Handler, which localPaths is not (and
// go-app only proxies paths under /web/, so a proxied path resolves to a
// relative URL, which no client can fetch). Route only Pages and go-app's
// files to it all the same. Its icons are ours: go-app's defaults are
// remote URLs.
func NewHandler(version string) *app.Handler {
	Routes()
	return &app.Handler{
		Resources:       localPaths{},
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

// localPaths resolves the app's /web/ paths to themselves, on this origin.
// Unlike go-app's default (app.LocalDir), it is not an http.Handler, which
// keeps go-app from serving or listing files and from fetching anything.
type localPaths struct{}

func (localPaths) Resolve(p string) string {
	if p == "" {
		return "/"
	}
	return p
}

// Pages lists the app's pages, by path: the server renders these and
// answers 404 for any other path it does not serve itself.
func Pages() []string { return []string{"/"} }

// WebFiles lists the files under /web/ that the app uses, by URL path: the
// server serves these (from its web folder) and no others.
func WebFiles() []string {
	return []string{"/web/app.wasm", IconDefault, IconLarge, IconMaskable, IconSVG, StyleSheet, bootScript, workerURL}
}
