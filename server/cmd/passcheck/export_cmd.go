//go:build !wasm

package main

import (
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"passcheck/server/datafile"
	"passcheck/server/site"
)

func init() {
	commands["export"] = command{summary: "write the app, bundle and demo as a static site for any CDN", run: runExport}
}

const exportUsage = `usage: passcheck export [--data DIR] [--web DIR] OUTDIR

Writes what passcheck serve serves as plain files in OUTDIR (new or empty):
the app's pages, web/ with app.wasm (and .br and .gz copies) and the app's
other files (no other file of the web folder), trust/bundle,
demo.html and demo/NAME.png (demo data only), _headers (Netlify, Cloudflare
Pages) and nginx.conf.sample. A host must map /PATH to PATH.html. Re-export
whenever the bundle changes (or replace trust/bundle, trust/bundle.br and
trust/bundle.gz together: a host that serves the copies would keep the old
ones).
`

func runExport(args []string) int { return export(args, os.Stdout, os.Stderr) }

func export(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stderr, exportUsage); fs.PrintDefaults() }
	dataDir := fs.String("data", "./data", "data folder (trust bundle, keys, demo)")
	webDir := fs.String("web", "web", "folder of the app's static files (app.wasm, icons)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return 2
	}
	out := fs.Arg(0)
	log := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	d, err := openSiteData(*dataDir, *webDir, time.Now(), log)
	if err != nil {
		fmt.Fprintf(stderr, "passcheck export: %v\n", err)
		return 1
	}
	if err := site.Export(out, d.app, d.config); err != nil {
		fmt.Fprintf(stderr, "passcheck export: %v\n", err)
		return 1
	}
	if wasm, _, err := datafile.Read(filepath.Join(d.config.WebDir, "app.wasm"), site.MaxWasmSize); err == nil && d.config.WebDir != "" {
		d.checkPinned(wasm, stderr)
	}
	fmt.Fprintf(stdout, "exported to %s (trust bundle: %s)\n", out, d.bundles)
	return 0
}
