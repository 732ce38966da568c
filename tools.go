//go:build tools

// Package tools pins the modules that the project uses before any code imports
// them, so that `go mod tidy` keeps them while work is in progress.
package tools

import (
	_ "github.com/andybalholm/brotli"
	_ "github.com/chromedp/chromedp"
	_ "github.com/fxamacker/cbor/v2"
	_ "github.com/makiuchi-d/gozxing"
	_ "github.com/maxence-charriere/go-app/v10/pkg/app"
	_ "github.com/santhosh-tekuri/jsonschema/v6"
	_ "github.com/veraison/go-cose"
	_ "golang.org/x/crypto/acme/autocert"
)
