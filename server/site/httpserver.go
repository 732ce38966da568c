package site

import (
	"net/http"
	"time"
)

// Limits of the HTTP server. A header block larger than MaxHeaderBytes (plus
// net/http's 4 KiB slack) gets 431; a client that has not sent its headers
// within ReadHeaderTimeout is disconnected. WriteTimeout leaves a slow phone
// two minutes for the 2 MB compressed app.
const (
	ReadHeaderTimeout = 5 * time.Second
	ReadTimeout       = 20 * time.Second
	WriteTimeout      = 2 * time.Minute
	IdleTimeout       = 2 * time.Minute
	MaxHeaderBytes    = 16 << 10
)

// NewHTTPServer returns an http.Server for h on addr with the limits above.
func NewHTTPServer(addr string, h http.Handler) *http.Server {
	return &http.Server{
		Addr:              addr,
		Handler:           h,
		ReadHeaderTimeout: ReadHeaderTimeout,
		ReadTimeout:       ReadTimeout,
		WriteTimeout:      WriteTimeout,
		IdleTimeout:       IdleTimeout,
		MaxHeaderBytes:    MaxHeaderBytes,
	}
}
