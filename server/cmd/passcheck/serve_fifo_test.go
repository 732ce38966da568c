//go:build !wasm && unix

package main

import (
	"bytes"
	"crypto"
	"net/http"
	"os"
	"strings"
	"syscall"
	"testing"
	"time"

	"passcheck/server/demo"
	"passcheck/verify/trust"
)

// TestServeFIFOBundle: a FIFO put at the bundle path is refused at once,
// with a log line; the hourly demo refresh returns; a good bundle put there
// next goes live on SIGHUP; and with a FIFO there again, SIGTERM still ends
// the server. Each step would hang (and the test time out) if a read
// blocked in open(2) waiting for a writer.
func TestServeFIFOBundle(t *testing.T) {
	data := t.TempDir()
	d, err := demo.Ensure(data, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	web := t.TempDir()
	fakeWasm(t, web, d.Pinned)
	r := startServe(t, "--data", data, "--web", web)
	c := &http.Client{}
	_, before := serveGet(t, c, r.url+"/trust/bundle")

	putFIFO := func() {
		t.Helper()
		tmp := d.BundlePath + ".fifo"
		if err := syscall.Mkfifo(tmp, 0o644); err != nil {
			t.Skipf("mkfifo: %v", err)
		}
		if err := os.Rename(tmp, d.BundlePath); err != nil {
			t.Fatal(err)
		}
	}
	putFIFO()
	r.hup() // returns once the reload after the first SIGHUP is done
	if !strings.Contains(r.stderr.String(), "not a regular file") {
		t.Errorf("no log line for the FIFO:\n%s", r.stderr)
	}
	if _, body := serveGet(t, c, r.url+"/trust/bundle"); !bytes.Equal(body, before) {
		t.Error("the bundle served changed")
	}
	if _, err := demo.Ensure(data, time.Now().Add(365*24*time.Hour)); err == nil || !strings.Contains(err.Error(), "not a regular file") {
		t.Errorf("demo refresh over a FIFO: %v", err)
	}

	b, err := trust.Open(before, []crypto.PublicKey{&d.BundleKey.PublicKey}, 0, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	next, err := d.SignBundle(b.Seq()+1, time.Now(), time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	writeAtomicTest(t, d.BundlePath, next)
	r.hup()
	if _, body := serveGet(t, c, r.url+"/trust/bundle"); !bytes.Equal(body, next) {
		t.Error("the good bundle that replaced the FIFO was not served")
	}

	putFIFO()
	r.hup()
	if code := r.stop(); code != 0 {
		t.Errorf("exit %d after SIGTERM", code)
	}
}
