package site

import (
	"bytes"
	"fmt"
	"html/template"
	"net/http"
	"strings"
)

// demoPages is the /demo page and its pictures, rendered once.
type demoPages struct {
	page *precompressed
	pngs map[string]*variant // by name
}

var demoTemplate = template.Must(template.New("demo").Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Passcheck demo credentials</title>
<style>
body { font-family: system-ui, sans-serif; margin: 1rem auto; max-width: 60rem; padding: 0 1rem; color: #111; }
.banner { background: #fde68a; border: 2px solid #b45309; padding: .75rem 1rem; font-weight: 600; }
.grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(17rem, 1fr)); gap: 1rem; margin-top: 1rem; }
figure { margin: 0; border: 1px solid #ccc; border-radius: .5rem; padding: .75rem; }
figure img { width: 100%; height: auto; image-rendering: pixelated; background: #fff; }
figcaption h2 { font-size: 1.1rem; margin: .25rem 0; font-family: monospace; }
details code { word-break: break-all; font-size: .75rem; }
</style>
</head>
<body>
<p class="banner">DEMO — these credentials are signed with a demo key made on this server. They are not real
health certificates and only verify against this server's demo trust bundle.</p>
<h1>Demo credentials</h1>
<p>Open the <a href="/">scanner</a> on a phone and point it at a code below, or save a picture and use
"scan from photo". Each picture also has a stable address: <code>/demo/NAME.png</code>.</p>
<div class="grid">
{{range .}}<figure id="{{.Name}}">
<img src="/demo/{{.Name}}.png" alt="QR code: {{.Name}}" width="300" height="300">
<figcaption><h2>{{.Name}}</h2><p>Expected: <strong data-expect="{{.Name}}">{{.Expect}}</strong></p>
<details><summary>QR text</summary><code>{{.Text}}</code></details></figcaption>
</figure>
{{end}}</div>
</body>
</html>
`))

// newDemoPages renders the page and compresses it at brLevel (a few KB:
// a few ms at fastBrotli).
func newDemoPages(samples []Sample, brLevel int) (*demoPages, error) {
	d := &demoPages{pngs: make(map[string]*variant, len(samples))}
	for _, s := range samples {
		if !validName(s.Name) {
			return nil, fmt.Errorf("site: demo sample name %q: want lowercase letters, digits and '-'", s.Name)
		}
		if _, dup := d.pngs[s.Name]; dup {
			return nil, fmt.Errorf("site: demo sample name %q used twice", s.Name)
		}
		if !bytes.HasPrefix(s.PNG, []byte("\x89PNG\r\n\x1a\n")) {
			return nil, fmt.Errorf("site: demo sample %q: picture is not a PNG", s.Name)
		}
		d.pngs[s.Name] = newVariant(s.PNG, "")
	}
	var b bytes.Buffer
	if err := demoTemplate.Execute(&b, samples); err != nil {
		return nil, fmt.Errorf("site: demo page: %w", err)
	}
	d.page = precompress(b.Bytes(), htmlTypeH[0], nil, nil, brLevel)
	return d, nil
}

// SetDemo replaces the samples shown at /demo, at once for every request
// that follows: a running server's demo codes are issued anew before they
// lapse (passcheck serve). None: /demo gives 404.
func (s *Server) SetDemo(samples []Sample) error {
	if len(samples) == 0 {
		s.demo.Store(nil)
		return nil
	}
	d, err := newDemoPages(samples, min(s.cfg.BrotliLevel, fastBrotli))
	if err != nil {
		return err
	}
	s.demo.Store(d)
	if s.cfg.BrotliLevel > fastBrotli {
		s.slowBrotli(d.page.raw.body, s.cfg.BrotliLevel, nil, d.page.setBr)
	}
	return nil
}

func validName(n string) bool {
	if n == "" || len(n) > 64 {
		return false
	}
	for _, c := range n {
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

var (
	htmlTypeH = []string{"text/html; charset=utf-8"}
	pngTypeH  = []string{"image/png"}
)

func (s *Server) serveDemo(w http.ResponseWriter, r *http.Request, p string) {
	d := s.demo.Load()
	if d == nil {
		http.NotFound(w, r)
		return
	}
	if p == "/demo" || p == "/demo/" {
		d.page.serve(w, r, noCacheH)
		return
	}
	name, ok := strings.CutSuffix(strings.TrimPrefix(p, "/demo/"), ".png")
	v := d.pngs[name]
	if !ok || v == nil {
		http.NotFound(w, r)
		return
	}
	h := w.Header()
	h["Etag"] = v.etagH
	h["Cache-Control"] = noCacheH
	if noneMatch(r.Header.Get("If-None-Match"), v.etagH[0]) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	h["Content-Type"] = pngTypeH
	h["Content-Length"] = v.lenH
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		w.Write(v.body)
	}
}
