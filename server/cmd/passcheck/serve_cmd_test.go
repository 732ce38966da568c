//go:build !wasm

package main

import (
	"bytes"
	"context"
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"io"
	"math/big"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"passcheck/server/bundle"
	"passcheck/server/datadir"
	"passcheck/server/demo"
	"passcheck/verify/trust"
)

// syncBuffer collects a server's output while it runs.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}
func (s *syncBuffer) String() string { s.mu.Lock(); defer s.mu.Unlock(); return s.b.String() }

type running struct {
	url            string
	sig            chan os.Signal
	stdout, stderr *syncBuffer
	done           chan int
	stopped        bool
}

// startServe runs `passcheck serve ARGS` in-process on a loopback port.
// Signals are delivered on an unbuffered channel: a send returns once the
// server took it, so two sends in a row mean the first was handled.
func startServe(t *testing.T, args ...string) *running {
	t.Helper()
	r := &running{sig: make(chan os.Signal), stdout: &syncBuffer{}, stderr: &syncBuffer{}, done: make(chan int, 1)}
	ready := make(chan net.Addr, 1)
	go func() {
		r.done <- serve(context.Background(), append([]string{"--addr", "127.0.0.1:0"}, args...), r.sig, r.stdout, r.stderr,
			func(a net.Addr) { ready <- a })
	}()
	select {
	case a := <-ready:
		r.url = "http://" + a.String()
	case code := <-r.done:
		t.Fatalf("serve exited with %d: %s", code, r.stderr)
	}
	t.Cleanup(func() {
		if !r.stopped {
			r.stop()
		}
	})
	return r
}

func (r *running) stop() int {
	r.stopped = true
	select {
	case r.sig <- syscall.SIGTERM:
		return <-r.done
	case code := <-r.done:
		return code
	}
}

func (r *running) hup() { r.sig <- syscall.SIGHUP; r.sig <- syscall.SIGHUP }

func serveGet(t *testing.T, c *http.Client, url string, hdr ...string) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest("GET", url, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, b
}

// fakeWasm stands in for app.wasm: it holds the pinned string the way a
// linked Go string would.
func fakeWasm(t *testing.T, dir, pinned string) {
	t.Helper()
	body := append([]byte("\x00asm\x01\x00\x00\x00"), bytes.Repeat([]byte("code;"), 4096)...)
	body = append(body, pinned...)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "app.wasm"), body, 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestServeDemo(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data") // missing: serve makes the demo
	web := t.TempDir()
	fakeWasm(t, web, "not the key")
	r := startServe(t, "--data", data, "--web", web)
	c := &http.Client{Transport: &http.Transport{DisableCompression: true}}

	if !strings.Contains(r.stderr.String(), "WARNING: app.wasm does not pin") {
		t.Errorf("no warning about the wasm's pinned key:\n%s", r.stderr)
	}
	for _, want := range []string{"serving http://localhost" + r.url[len("http://127.0.0.1"):] + "/", "/demo", "trust build", "HTTPS"} {
		if !strings.Contains(r.stdout.String(), want) {
			t.Errorf("start-up text lacks %q:\n%s", want, r.stdout)
		}
	}
	pinned, err := trust.ParsePinned(strings.TrimSpace(string(serveMust(os.ReadFile(filepath.Join(data, datadir.PinnedFile))))))
	if err != nil {
		t.Fatal(err)
	}
	resp, body := serveGet(t, c, r.url+"/trust/bundle")
	b, err := trust.Open(body, pinned, 0, time.Now())
	if resp.StatusCode != 200 || err != nil {
		t.Fatalf("/trust/bundle: %d, %v", resp.StatusCode, err)
	}
	seq := b.Seq()
	if resp, _ := serveGet(t, c, r.url+"/trust/bundle", "If-None-Match", resp.Header.Get("Etag")); resp.StatusCode != 304 {
		t.Errorf("revalidation: %d", resp.StatusCode)
	}
	_, page := serveGet(t, c, r.url+"/demo")
	for _, name := range demoNames() {
		if !bytes.Contains(page, []byte("<h2>"+name+"</h2>")) {
			t.Errorf("/demo lacks %s", name)
		}
		resp, img := serveGet(t, c, r.url+"/demo/"+name+".png")
		if resp.StatusCode != 200 || !bytes.HasPrefix(img, []byte("\x89PNG")) {
			t.Errorf("/demo/%s.png: %d", name, resp.StatusCode)
		}
	}
	if !bytes.Contains(page, []byte("cannot-verify")) || !bytes.Contains(page, []byte("revoked")) {
		t.Error("/demo does not say what each sample should give")
	}
	resp, home := serveGet(t, c, r.url+"/")
	if resp.StatusCode != 200 || !bytes.Contains(home, []byte("/app.js")) || !strings.Contains(resp.Header.Get("Content-Security-Policy"), "'wasm-unsafe-eval'") {
		t.Errorf("/: %d, CSP %q", resp.StatusCode, resp.Header.Get("Content-Security-Policy"))
	}
	if resp, _ := serveGet(t, c, r.url+"/web/app.wasm", "Accept-Encoding", "br"); resp.Header.Get("Content-Encoding") != "br" {
		t.Errorf("app.wasm: Content-Encoding %q", resp.Header.Get("Content-Encoding"))
	}

	// A newer bundle signed with the data folder's key goes live on SIGHUP.
	d, err := demo.Ensure(data, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	next, err := d.SignBundle(seq+1, time.Now(), time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	writeAtomicTest(t, d.BundlePath, next)
	r.hup()
	if _, body := serveGet(t, c, r.url+"/trust/bundle"); !bytes.Equal(body, next) {
		t.Fatal("SIGHUP did not swap in the new bundle")
	}
	// One signed with another key is refused, and the previous one stays.
	other, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	var bb bundle.Builder
	forged, err := bundle.Sign(bb.Payload(seq+2, time.Now(), time.Hour), other)
	if err != nil {
		t.Fatal(err)
	}
	writeAtomicTest(t, d.BundlePath, forged)
	r.hup()
	if _, body := serveGet(t, c, r.url+"/trust/bundle"); !bytes.Equal(body, next) {
		t.Error("a bundle signed by an unknown key was swapped in")
	}
	if !strings.Contains(r.stderr.String(), "refused") {
		t.Errorf("no log line for the refused bundle:\n%s", r.stderr)
	}
	if code := r.stop(); code != 0 {
		t.Errorf("exit %d after SIGTERM", code)
	}
}

func TestServePinnedMatch(t *testing.T) {
	data := t.TempDir()
	d, err := demo.Ensure(data, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	web := t.TempDir()
	fakeWasm(t, web, d.Pinned)
	r := startServe(t, "--data", data, "--web", web)
	if strings.Contains(r.stderr.String(), "WARNING") {
		t.Errorf("warned although the wasm pins the data's key:\n%s", r.stderr)
	}
}

func TestServeTLS(t *testing.T) {
	dir := t.TempDir()
	certFile, keyFile := selfSigned(t, dir)
	r := startServe(t, "--data", filepath.Join(dir, "data"), "--web", filepath.Join(dir, "noweb"),
		"--tls-cert", certFile, "--tls-key", keyFile)
	c := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: true}}}
	resp, _ := serveGet(t, c, strings.Replace(r.url, "http://", "https://", 1)+"/healthz")
	if resp.StatusCode != 200 || resp.Header.Get("Strict-Transport-Security") == "" {
		t.Errorf("over TLS: %d, HSTS %q", resp.StatusCode, resp.Header.Get("Strict-Transport-Security"))
	}
	if !strings.Contains(r.stdout.String(), "https://") {
		t.Errorf("start-up text gives no https URL:\n%s", r.stdout)
	}
}

func TestServeBadCertificate(t *testing.T) {
	dir := t.TempDir()
	certFile, _ := selfSigned(t, dir)
	var out, errb bytes.Buffer
	code := serve(context.Background(), []string{"--addr", "127.0.0.1:0", "--data", filepath.Join(dir, "data"),
		"--web", filepath.Join(dir, "noweb"), "--tls-cert", certFile, "--tls-key", certFile}, nil, &out, &errb, nil)
	if code != 1 || strings.Contains(out.String(), "serving") {
		t.Errorf("a certificate without its key: exit %d, stdout %q", code, out.String())
	}
}

func TestServeUsage(t *testing.T) {
	for _, args := range [][]string{
		{"extra"},
		{"--tls-cert", "c.pem"},
		{"--tls-key", "k.pem"},
		{"--acme", "example.org", "--tls-cert", "c", "--tls-key", "k"},
		{"--bogus"},
	} {
		var out, errb bytes.Buffer
		if code := serve(context.Background(), args, nil, &out, &errb, nil); code != 2 {
			t.Errorf("serve %q: exit %d, want 2", args, code)
		}
	}
}

func writeAtomicTest(t *testing.T, path string, b []byte) {
	t.Helper()
	if err := os.WriteFile(path+".tmp", b, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(path+".tmp", path); err != nil {
		t.Fatal(err)
	}
}

func selfSigned(t *testing.T, dir string) (string, string) {
	t.Helper()
	key, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "127.0.0.1"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IPAddresses: []net.IP{net.IPv4(127, 0, 0, 1)}}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	kder, _ := x509.MarshalPKCS8PrivateKey(key)
	cf, kf := filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
	os.WriteFile(cf, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o644)
	os.WriteFile(kf, pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: kder}), 0o600)
	return cf, kf
}

func serveMust[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

var _ crypto.PublicKey

// The start-up text names the URLs that reach the listener, and no other.
func TestReachOf(t *testing.T) {
	ips := []net.IP{net.IPv4(127, 0, 0, 1), net.IPv4(192, 0, 2, 2), net.IPv4(10, 1, 2, 3),
		net.ParseIP("::1"), net.ParseIP("fe80::1"), net.ParseIP("fd00::2")}
	tcp := func(ip string, port int) net.Addr { return &net.TCPAddr{IP: net.ParseIP(ip), Port: port} }
	for _, c := range []struct {
		name   string
		addr   net.Addr
		scheme string
		acme   string
		here   string
		lan    string // joined by " "
	}{
		{"specific address", tcp("192.0.2.2", 8080), "http", "", "http://192.0.2.2:8080/", "http://192.0.2.2:8080/"},
		{"all IPv4 interfaces", tcp("0.0.0.0", 8080), "http", "", "http://localhost:8080/", "http://192.0.2.2:8080/ http://10.1.2.3:8080/"},
		{"all interfaces", tcp("::", 8443), "https", "", "https://localhost:8443/",
			"https://192.0.2.2:8443/ https://10.1.2.3:8443/ https://[fd00::2]:8443/"},
		{"loopback", tcp("127.0.0.1", 8080), "http", "", "http://localhost:8080/", ""},
		{"other loopback", tcp("127.0.0.2", 8080), "http", "", "http://127.0.0.2:8080/", ""},
		{"specific IPv6", tcp("fd00::2", 80), "http", "", "http://[fd00::2]/", "http://[fd00::2]/"},
		{"acme", tcp("::", 443), "https", "pass.example", "https://pass.example/", "https://pass.example/"},
	} {
		r := reachOf(c.addr, c.scheme, c.acme, ips)
		if r.here != c.here || strings.Join(r.lan, " ") != c.lan {
			t.Errorf("%s: here %q, lan %q; want %q, %q", c.name, r.here, r.lan, c.here, c.lan)
		}
	}
}

// `passcheck serve --addr IP:PORT` on this machine's own network address
// prints that address, which answers, and not localhost (which does not).
func TestServeSpecificAddress(t *testing.T) {
	var ip net.IP
	for _, x := range interfaceIPs() {
		if x.To4() != nil && !x.IsLoopback() && !x.IsLinkLocalUnicast() {
			ip = x
			break
		}
	}
	if ip == nil {
		t.Skip("this machine has no IPv4 address besides loopback")
	}
	data := filepath.Join(t.TempDir(), "data")
	web := t.TempDir()
	fakeWasm(t, web, "not the key")
	r := startServe(t, "--data", data, "--web", web, "--addr", net.JoinHostPort(ip.String(), "0"))
	out := r.stdout.String()
	want := r.url + "/"
	if !strings.HasPrefix(r.url, "http://"+ip.String()+":") || !strings.Contains(out, "serving "+want) {
		t.Fatalf("listening at %s; start-up text:\n%s", r.url, out)
	}
	for _, bad := range []string{"localhost", "no LAN address", "no network address"} {
		if strings.Contains(out, bad) {
			t.Errorf("start-up text names %q:\n%s", bad, out)
		}
	}
	if resp, _ := serveGet(t, http.DefaultClient, want); resp.StatusCode != 200 {
		t.Errorf("GET %s: %d", want, resp.StatusCode)
	}
}
