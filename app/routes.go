package app

import (
	"sync"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// Static assets under /web/ (see web/). They are cached by the service
// worker, so the app starts offline after one visit.
const (
	IconDefault  = "/web/icons/icon-192.png"
	IconLarge    = "/web/icons/icon-512.png"
	IconMaskable = "/web/icons/icon-maskable-512.png"
	IconSVG      = "/web/icons/icon.svg"
	StyleSheet   = "/web/passcheck.css"

	colourBackground = "#101418"
)

var routesOnce sync.Once

// Routes registers the app's pages with go-app. Both the server (which
// renders the pages) and the wasm main must call it: a path not registered
// in the server binary is a 404. Calling it twice is harmless.
func Routes() {
	routesOnce.Do(func() {
		app.Route("/", func() app.Composer { return &Scanner{} })
	})
}
