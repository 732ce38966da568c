package site

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// Export writes everything a Server built from c serves, as plain files in
// dir, for any static host or CDN to serve unchanged:
//
//	index.html, app.js, app-worker.js, manifest.webmanifest, ...   the PWA (go-app)
//	web/...                           app.wasm and c.WebFiles (what New serves)
//	robots.txt, ...                   RootFiles, when c.WebDir has them
//	trust/bundle                      the trust bundle (verified first)
//	demo.html, demo/NAME.png          the demo page, when c.Demo is set
//	_headers                          headers for Netlify and Cloudflare Pages
//	nginx.conf.sample                 the same for nginx
//
// Beside the bundle, app.wasm and every text file (HTML, JS, CSS, SVG,
// JSON, web manifest, ...) it writes FILE.br and FILE.gz, for hosts that
// serve pre-compressed files (nginx's gzip_static, ngx_brotli's
// brotli_static); a copy that would not be smaller is left out. Such a host
// serves FILE.gz whatever FILE holds: a new bundle must replace
// trust/bundle.br and trust/bundle.gz too (or be re-exported).
//
// appHandler renders the pages (c.App is ignored: go-app's generator needs
// its *app.Handler); pages lists extra routes beyond those registered. dir
// must not exist or be empty.
func Export(dir string, appHandler *app.Handler, c Config, pages ...string) error {
	if c.BrotliLevel == 0 {
		c.BrotliLevel = 11
	}
	if ents, err := os.ReadDir(dir); err == nil && len(ents) > 0 {
		return fmt.Errorf("site: export: %s is not empty", dir)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	// Loading through New verifies the bundle and compresses app.wasm, the
	// bundle and the web folder's text files.
	if appHandler != nil {
		appHandler.WasmContentLengthHeader = WasmLengthHeader // before New renders with it
		c.App = appHandler
	}
	s, err := New(c)
	if err != nil {
		return err
	}
	s.Wait()
	if appHandler != nil {
		if err := app.GenerateStaticWebsite(dir, appHandler, pages...); err != nil {
			return fmt.Errorf("site: export: pages: %w", err)
		}
	}
	files := map[string][]byte{
		"_headers":          []byte(netlifyHeaders()),
		"nginx.conf.sample": []byte(nginxSample()),
	}
	// Compressed already, the best brotli included (s.Wait).
	reps := map[string]*precompressed{"trust/bundle": s.bundle.Load().rep}
	if s.wasm != nil {
		reps["web/app.wasm"] = s.wasm
	}
	for p, f := range s.files {
		reps[strings.TrimPrefix(p, "/")] = f.rep
	}
	if d := s.demo.Load(); d != nil {
		reps["demo.html"] = d.page
		for name, v := range d.pngs {
			files["demo/"+name+".png"] = v.body
		}
	}
	for name, rep := range reps {
		files[name] = rep.raw.body
		if rep.gz != nil {
			files[name+".gz"] = rep.gz.body
		}
		if v := rep.br.Load(); v != nil {
			files[name+".br"] = v.body
		}
	}
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, body, 0o644); err != nil {
			return err
		}
	}
	return compressTextFiles(dir, c.BrotliLevel)
}

// compressTextFiles writes FILE.br and FILE.gz beside each text file of dir
// that has neither yet (the pages and go-app's files).
func compressTextFiles(dir string, brLevel int) error {
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !compressibleExt[filepath.Ext(p)] {
			return err
		}
		if _, err := os.Stat(p + ".gz"); err == nil {
			return nil
		}
		if _, err := os.Stat(p + ".br"); err == nil {
			return nil
		}
		raw, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		for ext, c := range map[string][]byte{".gz": compressGzip(raw), ".br": compressBrotli(raw, brLevel)} {
			if len(c) < len(raw) {
				if err := os.WriteFile(p+ext, c, 0o644); err != nil {
					return err
				}
			}
		}
		return nil
	})
}

// netlifyHeaders is the _headers file of Netlify and Cloudflare Pages. Both
// compress on their own, so the .br/.gz copies are for hosts that do not.
func netlifyHeaders() string {
	var b strings.Builder
	b.WriteString("# Headers for Netlify and Cloudflare Pages (written by passcheck export).\n/*\n")
	for _, h := range Headers {
		fmt.Fprintf(&b, "  %s: %s\n", h[0], h[1])
	}
	fmt.Fprintf(&b, "  Strict-Transport-Security: %s\n", HSTS)
	fmt.Fprintf(&b, "/trust/bundle\n  Content-Type: %s\n  Cache-Control: %s\n", BundleContentType, BundleCacheControl)
	b.WriteString("/web/app.wasm\n  Content-Type: application/wasm\n  Cache-Control: no-cache\n")
	b.WriteString("/app-worker.js\n  Cache-Control: no-cache\n")
	return b.String()
}

// nginxSample is a server block serving an export with nginx, using the
// pre-compressed FILE.gz copies (gzip_static is in every Debian nginx,
// nginx-light included; brotli_static needs the ngx_brotli module, which
// Debian's nginx packages lack).
func nginxSample() string {
	var b strings.Builder
	b.WriteString(`# nginx: serve a passcheck export (written by passcheck export).
# Put this in a server { } block that listens with TLS (the camera needs HTTPS).
root /srv/passcheck;          # the export directory
index index.html;
charset utf-8;                # mime.types (included by nginx.conf) maps .wasm
gzip_static on;               # send FILE.gz to clients that accept gzip
gzip_vary on;                 # with Vary: Accept-Encoding
gzip_proxied any;             # also to CDNs and proxies (requests with Via)
# brotli_static on;           # FILE.br to clients that accept br: needs ngx_brotli
`)
	for _, h := range Headers {
		fmt.Fprintf(&b, "add_header %s %q always;\n", h[0], h[1])
	}
	fmt.Fprintf(&b, "add_header Strict-Transport-Security %q always;\n", HSTS)
	b.WriteString(`location / {
    try_files $uri $uri.html $uri/ =404;
}
location = /manifest.webmanifest {
    default_type application/manifest+json;
}
location = /web/app.wasm {
    add_header Cache-Control "no-cache" always;
`)
	for _, h := range Headers { // add_header in a location drops the outer ones
		fmt.Fprintf(&b, "    add_header %s %q always;\n", h[0], h[1])
	}
	fmt.Fprintf(&b, "    add_header Strict-Transport-Security %q always;\n}\n", HSTS)
	b.WriteString("# A new bundle replaces trust/bundle, trust/bundle.gz and trust/bundle.br together.\n")
	fmt.Fprintf(&b, "location = /trust/bundle {\n    default_type '%s';\n    add_header Cache-Control %q always;\n", BundleContentType, BundleCacheControl)
	for _, h := range Headers {
		fmt.Fprintf(&b, "    add_header %s %q always;\n", h[0], h[1])
	}
	fmt.Fprintf(&b, "    add_header Strict-Transport-Security %q always;\n}\n", HSTS)
	b.WriteString("location ~ /\\. { return 404; }\nautoindex off;\n")
	return b.String()
}
