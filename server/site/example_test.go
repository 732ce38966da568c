package site_test

import (
	"bytes"
	"errors"
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"

	"passcheck/server/site"
)

// A Server needs a trust bundle and a way to verify it; the app handler, the
// web folder and the demo are optional.
func ExampleNew() {
	dir, _ := os.MkdirTemp("", "site-example")
	defer os.RemoveAll(dir)
	bundle := filepath.Join(dir, "trust.bundle")
	os.WriteFile(bundle, []byte("signed bundle, seq 7"), 0o644)

	s, err := site.New(site.Config{
		BundlePath: bundle,
		// In passcheck serve: trust.Open with the pinned key.
		VerifyBundle: func(b []byte) (site.BundleInfo, error) {
			if !bytes.HasPrefix(b, []byte("signed bundle")) {
				return site.BundleInfo{}, errors.New("bad signature")
			}
			return site.BundleInfo{Seq: 7, Fingerprint: "d1f0…"}, nil
		},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	w := httptest.NewRecorder()
	s.ServeHTTP(w, httptest.NewRequest("GET", "/trust/bundle", nil))
	fmt.Println(w.Code, w.Header().Get("Cache-Control"))

	// A later bundle that does not verify is refused; the old one stays.
	os.WriteFile(bundle, []byte("tampered"), 0o644)
	err = s.ReloadBundle()
	seq, _ := s.BundleSeq()
	fmt.Println(errors.Is(err, site.ErrBundleRefused), seq)
	// Output:
	// 200 public, max-age=300, stale-while-revalidate=86400
	// true 7
}
