//go:build !wasm

package main

import (
	"crypto"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"passcheck/server/datadir"
	"passcheck/server/demo"
	"passcheck/verify/trust"
)

func init() {
	commands["init"] = command{summary: "create (or refresh) the demo data folder", run: runInit}
}

func runInit(args []string) int { return initData(args, time.Now(), os.Stdout, os.Stderr) }

func initData(args []string, now time.Time, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("init", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dir := fs.String("data", "./data", "data folder")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() != 0 {
		fmt.Fprintln(stderr, "usage: passcheck init [--data DIR]")
		return 2
	}
	d, err := demo.Ensure(*dir, now)
	if err != nil {
		fmt.Fprintln(stderr, "passcheck init:", err)
		return 1
	}
	samples, err := d.AllSamples(now)
	if err == nil {
		err = d.WriteSamples(samples)
	}
	if err != nil {
		fmt.Fprintln(stderr, "passcheck init:", err)
		return 1
	}
	data, err := os.ReadFile(d.BundlePath)
	if err != nil {
		fmt.Fprintln(stderr, "passcheck init:", err)
		return 1
	}
	b, err := trust.Open(data, []crypto.PublicKey{&d.BundleKey.PublicKey}, 0, now)
	if b == nil {
		fmt.Fprintln(stderr, "passcheck init:", err)
		return 1
	}
	status := "fresh"
	if err != nil {
		status = err.Error()
	}
	fmt.Fprintf(stdout, "data folder %s ready\n  trust bundle %s: seq %d, %d DSC(s), expires %s (%s)\n  pinned bundle key %s\n  demo samples in %s\n",
		*dir, d.BundlePath, b.Seq(), b.Len(), b.ExpiresAt().Format(time.RFC3339), status, d.Pinned, filepath.Join(*dir, datadir.SamplesDir))
	return 0
}
