//go:build !wasm

package main

import (
	"bytes"
	"context"
	"crypto"
	"crypto/tls"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	goapp "github.com/maxence-charriere/go-app/v10/pkg/app"
	"golang.org/x/crypto/acme/autocert"

	pwa "passcheck/app"
	"passcheck/server/datadir"
	"passcheck/server/datafile"
	"passcheck/server/demo"
	"passcheck/server/site"
	"passcheck/verify/trust"
)

func init() {
	commands["serve"] = command{summary: "serve the app, the trust bundle and the demo page", run: runServe}
}

const serveUsage = `usage: passcheck serve [--addr HOST:PORT] [--data DIR] [--web DIR]
                       [--tls-cert FILE --tls-key FILE | --acme DOMAIN]

Serves the scanner app (DIR/app.wasm pre-compressed), the signed trust bundle
at /trust/bundle, the demo credentials at /demo and /healthz. An empty or
missing data folder gets a demo (as passcheck init makes). A changed bundle
file (or SIGHUP) is verified and swapped in; SIGTERM/SIGINT stop gracefully.
`

func runServe(args []string) int {
	ctx, stop := context.WithCancel(context.Background())
	defer stop()
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, syscall.SIGHUP, syscall.SIGTERM, syscall.SIGINT)
	defer signal.Stop(sig)
	return serve(ctx, args, sig, os.Stdout, os.Stderr, nil)
}

// serve runs the server until a SIGTERM/SIGINT arrives on sig or ctx ends.
// ready, if set, gets the bound address once the server accepts requests.
func serve(ctx context.Context, args []string, sig <-chan os.Signal, stdout, stderr io.Writer, ready func(net.Addr)) int {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stderr, serveUsage); fs.PrintDefaults() }
	addr := fs.String("addr", ":8080", "listen address")
	dataDir := fs.String("data", "./data", "data folder (trust bundle, keys, demo)")
	webDir := fs.String("web", "web", "folder of the app's static files (app.wasm, icons)")
	certFile := fs.String("tls-cert", "", "TLS certificate (PEM), with --tls-key")
	keyFile := fs.String("tls-key", "", "TLS private key (PEM), with --tls-cert")
	acmeDomain := fs.String("acme", "", "get a certificate for DOMAIN from Let's Encrypt (ports 443 and 80)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	addrSet := false
	fs.Visit(func(f *flag.Flag) { addrSet = addrSet || f.Name == "addr" })
	switch {
	case fs.NArg() > 0:
		fmt.Fprintf(stderr, "passcheck serve: unexpected argument %q\n", fs.Arg(0))
		return 2
	case (*certFile == "") != (*keyFile == ""):
		fmt.Fprintln(stderr, "passcheck serve: --tls-cert and --tls-key go together")
		return 2
	case *acmeDomain != "" && *certFile != "":
		fmt.Fprintln(stderr, "passcheck serve: choose --tls-cert/--tls-key or --acme, not both")
		return 2
	}
	if *acmeDomain != "" && !addrSet {
		*addr = ":443"
	}
	log := slog.New(slog.NewTextHandler(stderr, nil))

	d, err := openSiteData(*dataDir, *webDir, time.Now(), log)
	if err != nil {
		fmt.Fprintf(stderr, "passcheck serve: %v\n", err)
		return 1
	}
	s, err := site.New(d.config)
	if err != nil {
		fmt.Fprintf(stderr, "passcheck serve: %v\n", err)
		return 1
	}
	// Once serve returns, nothing writes into the data folder any more.
	defer s.Close()
	d.checkPinned(s.WasmBytes(), stderr)

	srv := site.NewHTTPServer(*addr, s)
	srv.ErrorLog = slog.NewLogLogger(log.Handler(), slog.LevelWarn)
	var redirect *http.Server
	if *acmeDomain != "" {
		m := &autocert.Manager{
			Prompt:     autocert.AcceptTOS,
			HostPolicy: autocert.HostWhitelist(*acmeDomain),
			Cache:      autocert.DirCache(filepath.Join(*dataDir, "acme")),
		}
		srv.TLSConfig = m.TLSConfig()
		// Port 80 answers HTTP-01 challenges and sends everyone else to HTTPS.
		redirect = site.NewHTTPServer(":80", m.HTTPHandler(nil))
	} else if *certFile != "" {
		// Loaded now, so that a bad pair fails before the banner says "serving".
		cert, err := tls.LoadX509KeyPair(*certFile, *keyFile)
		if err != nil {
			fmt.Fprintf(stderr, "passcheck serve: %v\n", err)
			return 1
		}
		srv.TLSConfig = &tls.Config{MinVersion: tls.VersionTLS12, Certificates: []tls.Certificate{cert}}
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintf(stderr, "passcheck serve: %v\n", err)
		return 1
	}
	// Read before Serve runs: net/http fills in TLSConfig for HTTP/2 itself.
	tlsOn := srv.TLSConfig != nil
	errc := make(chan error, 2)
	go func() {
		var err error
		if tlsOn {
			err = srv.ServeTLS(ln, "", "") // certificates are in TLSConfig
		} else {
			err = srv.Serve(ln)
		}
		errc <- err
	}()
	if redirect != nil {
		go func() {
			if err := redirect.ListenAndServe(); err != nil && !errors.Is(err, http.ErrServerClosed) {
				log.Warn("port 80 not served: ACME HTTP-01 challenges and the redirect need it", "err", err)
			}
		}()
	}
	watchCtx, stopWatch := context.WithCancel(ctx)
	freshDone := make(chan struct{})
	// A demo refresh under way finishes its writes into the data folder
	// before serve returns.
	defer func() { stopWatch(); <-freshDone }()
	go s.WatchBundle(watchCtx, 2*time.Second)
	if d.demo != nil {
		go func() {
			defer close(freshDone)
			d.keepDemoFresh(watchCtx, log, s.SetDemo)
		}()
	} else {
		close(freshDone)
	}
	seq, _ := s.BundleSeq()
	printBanner(stdout, ln.Addr(), tlsOn, *acmeDomain, d, seq)
	if ready != nil {
		ready(ln.Addr())
	}

	for {
		select {
		case err := <-errc:
			fmt.Fprintf(stderr, "passcheck serve: %v\n", err)
			return 1
		case s1 := <-sig:
			if s1 == syscall.SIGHUP {
				if err := s.ReloadBundle(); err == nil {
					seq, _ := s.BundleSeq()
					log.Info("SIGHUP: trust bundle checked", "seq", seq)
				}
				continue
			}
			log.Info("shutting down", "signal", s1.String())
		case <-ctx.Done():
		}
		break
	}
	stopWatch()
	sctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	if redirect != nil {
		redirect.Shutdown(sctx)
	}
	if err := srv.Shutdown(sctx); err != nil {
		fmt.Fprintf(stderr, "passcheck serve: shutdown: %v\n", err)
		return 1
	}
	// A brotli pass still running is dropped: it only feeds a start-up
	// cache, and the deferred Close stops it writing there.
	return 0
}

// siteData is what serve and export take from the data and web folders.
type siteData struct {
	dir     string
	config  site.Config
	app     *goapp.Handler
	pinned  string     // the data folder's pinned-key string
	demo    *demo.Data // nil unless the folder is a demo
	bundles string     // "demo" or "real", for the banner

	// samplesAt is when the samples /demo shows were issued; zero when it
	// shows none (a real bundle in the folder).
	samplesAt time.Time
}

// openSiteData reads the data folder, creating the demo in an empty or
// missing one. Demo data (keys, samples) is only (re)made when the folder
// holds it already: a folder with a real bundle and its offline-kept key
// must never get a new demo key or bundle.
func openSiteData(dir, webDir string, now time.Time, log *slog.Logger) (*siteData, error) {
	d := &siteData{dir: dir, bundles: "real"}
	ents, err := os.ReadDir(dir)
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return nil, err
	}
	_, keyErr := os.Stat(filepath.Join(dir, datadir.BundleKeyFile))
	_, demoErr := os.Stat(filepath.Join(dir, datadir.DemoDir, "dsc.pem"))
	if len(ents) == 0 || (keyErr == nil && demoErr == nil) {
		dd, err := demo.Ensure(dir, now)
		if err != nil {
			return nil, err
		}
		d.demo = dd
	}
	bundlePath := filepath.Join(dir, datadir.BundleFile)
	pinned, err := pinnedFor(bundlePath)
	if err != nil {
		return nil, err
	}
	if d.pinned, err = trust.FormatPinned(pinned...); err != nil {
		return nil, err
	}
	d.config = site.Config{
		WebDir:       webDir,
		BundlePath:   bundlePath,
		VerifyBundle: bundleVerifier(pinned, log),
		Log:          log,
	}
	if _, err := os.Stat(webDir); err != nil {
		log.Warn("no web folder: serving the bundle and demo only", "web", webDir)
		d.config.WebDir = ""
	}
	if d.demo != nil {
		data, _, err := datafile.Read(bundlePath, site.MaxBundleSize)
		if err != nil {
			return nil, err
		}
		b, _ := trust.Open(data, pinned, 0, now)
		if b != nil && isDemoBundle(b, d.demo) {
			d.bundles = "demo"
			if d.config.Demo, err = d.issueSamples(now, log); err != nil {
				return nil, err
			}
		}
	}
	d.config.WebFiles, d.config.Pages = pwa.WebFiles(), pwa.Pages()
	d.config.CacheDir = filepath.Join(dir, datadir.CacheDir)
	d.app = newAppHandler(site.Version(d.config.WebDir, d.config.WebFiles, func(v string) http.Handler { return newAppHandler(v) }))
	d.config.App = d.app
	return d, nil
}

// issueSamples issues every format's demo samples anew at now, writes them
// into the data folder's samples/ and returns them as /demo shows them.
func (d *siteData) issueSamples(now time.Time, log *slog.Logger) ([]site.Sample, error) {
	samples, err := d.demo.AllSamples(now)
	if err != nil {
		return nil, err
	}
	if err := d.demo.WriteSamples(samples); err != nil {
		log.Warn("demo samples not written to the data folder", "err", err)
	}
	out := make([]site.Sample, 0, len(samples))
	for _, smp := range samples {
		out = append(out, site.Sample{Name: smp.Name, Expect: expectText(smp), Text: smp.Text, PNG: smp.PNG})
	}
	d.samplesAt = now
	return out, nil
}

// bundleVerifier checks a bundle file before it is served: signed by a
// pinned key. A genuine but stale bundle (or one from a clock ahead of ours)
// is still served, with a warning: phones judge staleness themselves, and
// nothing better is at hand.
func bundleVerifier(pinned []crypto.PublicKey, log *slog.Logger) func([]byte) (site.BundleInfo, error) {
	return func(data []byte) (site.BundleInfo, error) {
		b, err := trust.Open(data, pinned, 0, time.Now())
		if b == nil {
			return site.BundleInfo{}, err
		}
		if err != nil {
			log.Warn("trust bundle served, but phones will not use it", "seq", b.Seq(), "err", err)
		}
		return site.BundleInfo{Seq: b.Seq(), Fingerprint: b.Fingerprint()}, nil
	}
}

func isDemoBundle(b *trust.Bundle, d *demo.Data) bool {
	keys := b.Keys()
	return len(keys) == 1 && bytes.Equal(keys[0].KID, d.DSC.KID())
}

func expectText(s demo.Sample) string {
	reason := map[string]string{
		"expired":        " — the certificate has expired",
		"bad-signature":  " — the signature does not match",
		"unknown-issuer": " — the issuer is not in the trust list",
		"revoked":        " — the certificate is revoked",
	}[s.Name]
	if strings.HasPrefix(s.Name, "shc-chunked-") {
		// A chunk alone gives no verdict: the app counts it and waits.
		return "valid once the three shc-chunked codes are scanned, in any order (one alone: \"1 of 3 scanned\")"
	}
	if r, ok := formatReasons[s.Name]; ok {
		reason = r
	}
	return s.Want.String() + reason
}

// formatReasons: the SMART Health Card and NZ COVID Pass samples
// (demo.FormatSampleNames) but the chunks.
var formatReasons = map[string]string{
	"shc-valid":          " — SMART Health Card, two doses",
	"shc-bad-signature":  " — the signature does not match",
	"shc-unknown-issuer": " — the issuer is not in the trust list",
	"nzcp-valid":         " — NZ COVID Pass",
	"nzcp-expired":       " — the pass has expired",
}

// newAppHandler is the PWA handler as served, for a version.
func newAppHandler(version string) *goapp.Handler {
	h := pwa.NewHandler(version)
	h.WasmContentLengthHeader = site.WasmLengthHeader
	return h
}

// checkPinned warns when app.wasm was built without the data folder's bundle
// key: phones would refuse every bundle this server hands out. The pinned
// string is linked into the wasm as is, so a byte search finds it.
func (d *siteData) checkPinned(wasm []byte, w io.Writer) {
	if wasm == nil {
		return
	}
	for _, k := range strings.Split(d.pinned, ",") {
		if bytes.Contains(wasm, []byte(k)) {
			return
		}
	}
	fmt.Fprintf(w, `
WARNING: app.wasm does not pin this data folder's bundle key; phones will refuse its trust bundle.
         Rebuild the app:  make wasm PINNED=$(passcheck trust pubkey --data %s)

`, d.dir)
}

// keepDemoFresh keeps a demo folder fresh while serve runs, checking
// hourly (refreshDemo); show swaps the samples /demo serves. It returns
// when ctx is done, once nothing more is being written.
func (d *siteData) keepDemoFresh(ctx context.Context, log *slog.Logger, show func([]site.Sample) error) {
	t := time.NewTicker(time.Hour)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case now := <-t.C:
			if err := d.refreshDemo(now, show, log); err != nil {
				log.Warn("demo not refreshed", "err", err)
			}
		}
	}
}

// refreshDemo is keepDemoFresh's check at now, by one rule for the bundle
// and the samples: each is made anew past half its lifetime. The bundle is
// re-signed by demo.Ensure (the watcher then serves the new file); the
// samples of every format (EU, SMART, NZCP) are issued anew together when
// demo.SamplesStale, written to samples/ and handed to show.
func (d *siteData) refreshDemo(now time.Time, show func([]site.Sample) error, log *slog.Logger) error {
	if _, err := demo.Ensure(d.dir, now); err != nil {
		return err
	}
	if d.samplesAt.IsZero() || !demo.SamplesStale(d.samplesAt, now) {
		return nil
	}
	samples, err := d.issueSamples(now, log)
	if err != nil {
		return err
	}
	return show(samples)
}

func printBanner(w io.Writer, a net.Addr, tlsOn bool, acme string, d *siteData, seq uint64) {
	scheme := "http"
	if tlsOn {
		scheme = "https"
	}
	r := reachOf(a, scheme, acme, interfaceIPs())
	fmt.Fprintf(w, "Passcheck is serving %s\n", r.here)
	fmt.Fprintf(w, "  trust bundle: %s (%s)\n", d.config.BundlePath, d.bundles)
	if len(d.config.Demo) > 0 {
		fmt.Fprintf(w, "  demo codes:   %sdemo\n", r.here)
	}
	fmt.Fprintln(w, "\nFrom a phone on the same network:")
	switch {
	case r.loopback:
		fmt.Fprintln(w, "  this server listens on loopback only; use --addr :PORT to reach it from other devices.")
	case len(r.lan) == 0:
		fmt.Fprintln(w, "  (no network address found on this machine besides loopback)")
	case tlsOn:
		for _, u := range r.lan {
			fmt.Fprintf(w, "  %s\n", u)
		}
	default:
		fmt.Fprintf(w, "  %s opens the app, but phones allow the camera only over HTTPS: it cannot scan there.\n", strings.Join(r.lan, " or "))
	}
	if !tlsOn {
		host := r.lanHost
		if host == "" {
			host = "THIS-MACHINE-IP"
		}
		fmt.Fprintln(w, "  Serve HTTPS with a certificate the phone trusts (e.g. made with mkcert, its CA installed on the phone):")
		fmt.Fprintf(w, "    passcheck serve --addr :8443 --tls-cert cert.pem --tls-key key.pem   then open https://%s/\n", net.JoinHostPort(host, "8443"))
		fmt.Fprintln(w, "  or, on a machine with a public DNS name and ports 80 and 443 open (Let's Encrypt):")
		fmt.Fprintln(w, "    passcheck serve --acme your.domain.example")
	}
	if d.bundles == "demo" {
		fmt.Fprintf(w, `
This is the DEMO trust list. To check real certificates, sign a bundle of real lists
(EU-gateway JSON such as trustlist_de.json, the Dutch key file, or a folder of DSCs)
into the data folder; the server verifies and swaps it in when the file changes:
  passcheck trust build --gateway trustlist_de.json [--nl keys.json] [--dscs DIR] \
      --key %s --seq %d -o %s
`, filepath.Join(d.dir, datadir.BundleKeyFile), seq+1, filepath.Join(d.dir, datadir.BundleFile))
	}
}

// reach is where a listener can be reached from.
type reach struct {
	here     string   // the URL for a browser on this machine
	lan      []string // the URLs for other devices; none on loopback
	lanHost  string   // the host of lan[0]
	loopback bool     // the listener is on a loopback address
}

// reachOf works out the URLs that reach the listener at a, printed at
// start-up: for a specific address, that address only (a listener on
// 192.0.2.2 is not reached at localhost); for all interfaces (":PORT"),
// localhost here and each of this machine's other addresses (ips) for the
// LAN; for loopback, localhost (127.0.0.1, ::1) or the literal address
// (127.0.0.2, which localhost does not name). With --acme, the domain.
func reachOf(a net.Addr, scheme, acme string, ips []net.IP) reach {
	ta, ok := a.(*net.TCPAddr)
	if !ok {
		return reach{here: scheme + "://localhost/"}
	}
	port := strconv.Itoa(ta.Port)
	url := func(host string) string {
		if scheme == "https" && port == "443" || scheme == "http" && port == "80" {
			return fmt.Sprintf("%s://%s/", scheme, hostForURL(host))
		}
		return fmt.Sprintf("%s://%s/", scheme, net.JoinHostPort(host, port))
	}
	var r reach
	switch ip := ta.IP; {
	case acme != "":
		r.here, r.lan, r.lanHost = url(acme), []string{url(acme)}, acme
	case ip == nil || ip.IsUnspecified():
		r.here = url("localhost")
		for _, x := range ips {
			if x.IsLoopback() || x.IsLinkLocalUnicast() || x.IsUnspecified() || ip.To4() != nil && x.To4() == nil {
				continue
			}
			if r.lanHost == "" {
				r.lanHost = x.String()
			}
			r.lan = append(r.lan, url(x.String()))
		}
	case ip.IsLoopback():
		r.loopback = true
		r.here = url(ip.String())
		if ip.Equal(net.IPv4(127, 0, 0, 1)) || ip.Equal(net.IPv6loopback) {
			r.here = url("localhost")
		}
	default:
		r.here, r.lan, r.lanHost = url(ip.String()), []string{url(ip.String())}, ip.String()
	}
	return r
}

// hostForURL brackets an IPv6 address.
func hostForURL(h string) string {
	if strings.Contains(h, ":") {
		return "[" + h + "]"
	}
	return h
}

// interfaceIPs lists this machine's interface addresses, IPv4 first.
func interfaceIPs() []net.IP {
	addrs, err := net.InterfaceAddrs()
	if err != nil {
		return nil
	}
	var v4, v6 []net.IP
	for _, a := range addrs {
		if n, ok := a.(*net.IPNet); ok {
			if n.IP.To4() != nil {
				v4 = append(v4, n.IP)
			} else {
				v6 = append(v6, n.IP)
			}
		}
	}
	return append(v4, v6...)
}
