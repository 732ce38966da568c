//go:build !wasm

package main

import (
	"crypto"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"passcheck/server/datadir"
	"passcheck/server/datafile"
	"passcheck/verify"
	"passcheck/verify/trust"
)

// pinnedEnv names the environment variable that pins the bundle key(s) for
// the command line, in the app's pinned-key format.
const pinnedEnv = "PASSCHECK_BUNDLE_KEYS"

// loadTrustBundle opens the trust bundle at path for `passcheck verify
// --trust`. The bundle key comes from $PASSCHECK_BUNDLE_KEYS, or else from
// bundle.pub in the bundle's folder (the data folder layout of `passcheck
// init`). A stale bundle, or a clock behind it, is not an error here: the
// bundle is returned and, as a verify.TrustStatus, turns every verdict into
// CannotVerify with that reason.
func loadTrustBundle(path string, at time.Time) (verify.TrustStore, verify.RevocationList, error) {
	data, err := readBounded(path, trust.MaxSize)
	if err != nil {
		return nil, nil, err
	}
	pinned, err := pinnedFor(path)
	if err != nil {
		return nil, nil, err
	}
	b, err := trust.Open(data, pinned, 0, at)
	if b == nil {
		return nil, nil, fmt.Errorf("%s: %w", path, err)
	}
	return b, b, nil
}

// pinnedFor finds the pinned bundle keys for the bundle file at path.
func pinnedFor(path string) ([]crypto.PublicKey, error) {
	if s := os.Getenv(pinnedEnv); s != "" {
		return trust.ParsePinned(s)
	}
	pub := filepath.Join(filepath.Dir(path), datadir.PinnedFile)
	s, _, err := datafile.Read(pub, 64<<10)
	if err != nil {
		return nil, fmt.Errorf("no bundle key: set %s or put %s beside the bundle: %w", pinnedEnv, datadir.PinnedFile, err)
	}
	return trust.ParsePinned(strings.TrimSpace(string(s)))
}

// readBounded reads a file of at most limit bytes.
func readBounded(path string, limit int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("%s: more than %d bytes", path, limit)
	}
	return data, nil
}
