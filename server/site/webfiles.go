package site

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"mime"
	"net/http"
	"os"
	"path"
	"strconv"
	"strings"
	"time"

	"passcheck/server/datafile"
)

// AppFiles are go-app's own files: with Config.Pages, the only paths passed
// to Config.App.
var AppFiles = []string{"/app.js", "/wasm_exec.js", "/app.css", "/app-worker.js", "/manifest.webmanifest"}

// RootFiles are answered from the web folder's file of the same name when
// it has one (robots.txt, ...), else 404. go-app would fetch them from the
// server the Host header names: never pass them to it.
var RootFiles = []string{"/robots.txt", "/sitemap.xml", "/ads.txt"}

// Bounds on the web folder's files held in memory: a file beyond them is
// not served (the app's files are a few KB each).
const (
	maxWebFile  = 4 << 20
	maxWebTotal = 32 << 20
)

// webFile is a file of the web folder, read at New and served from memory:
// text in identity, gzip and brotli form, other types (PNG) as they are.
type webFile struct {
	rep  *precompressed
	name string
	mod  time.Time
	modH []string // Last-Modified, as http.FileServer sends it
}

var acceptRangesH = []string{"bytes"}

// loadWebFiles reads cfg.WebFiles and RootFiles from root, keyed by URL
// path. A listed file that is missing, not a regular file or too large is
// left out, with a warning; a malformed name is a configuration error.
func (s *Server) loadWebFiles(root *os.Root) (map[string]*webFile, error) {
	files := map[string]*webFile{}
	total := 0
	load := func(urlPath, name string, optional bool) {
		raw, fi, err := datafile.ReadIn(root, name, maxWebFile)
		switch {
		case optional && errors.Is(err, fs.ErrNotExist):
			return
		case err != nil:
			s.log.Warn("web file not served", "path", urlPath, "err", err)
			return
		case total+len(raw) > maxWebTotal:
			s.log.Warn("web file not served: the web files exceed their bound", "path", urlPath, "bound", maxWebTotal)
			return
		}
		total += len(raw)
		ext := path.Ext(name)
		// The type http.FileServer would give it.
		ctype := mime.TypeByExtension(ext)
		if ctype == "" {
			ctype = http.DetectContentType(raw[:min(len(raw), 512)])
		}
		f := &webFile{
			name: path.Base(name),
			mod:  fi.ModTime(),
			modH: []string{fi.ModTime().UTC().Format(http.TimeFormat)},
		}
		if compressibleExt[ext] {
			f.rep = precompress(raw, ctype, nil, nil, min(s.cfg.BrotliLevel, fastBrotli))
			if s.cfg.BrotliLevel > fastBrotli {
				s.slowBrotli(raw, s.cfg.BrotliLevel, nil, f.rep.setBr)
			}
		} else {
			f.rep = &precompressed{typeH: []string{ctype}, rawH: []string{strconv.Itoa(len(raw))}, raw: newVariant(raw, "")}
		}
		files[urlPath] = f
	}
	for _, p := range s.cfg.WebFiles {
		name, ok := strings.CutPrefix(p, "/web/")
		if !ok || !fs.ValidPath(name) || strings.HasPrefix(name, ".") || strings.Contains(name, "/.") {
			return nil, fmt.Errorf("site: web file %q: want /web/ and a clean path without dotfiles", p)
		}
		if name != "app.wasm" {
			load(p, name, false)
		}
	}
	for _, p := range RootFiles {
		load(p, strings.TrimPrefix(p, "/"), true)
	}
	return files, nil
}

// serveWebFile serves f as http.FileServer would (Last-Modified,
// If-Modified-Since, Accept-Ranges), negotiated by Accept-Encoding, with an
// ETag per encoding. A request with one range (or If-Range, If-Match,
// If-Unmodified-Since) gets the identity form through http.ServeContent,
// which applies the range: ranges are never cut from a compressed body. A
// request for several ranges gets the whole body, as RFC 9110 allows: a
// multipart answer can be many times the file (a 10 KB header of one-byte
// ranges made a 393-byte file answer 58 KB).
func serveWebFile(w http.ResponseWriter, r *http.Request, f *webFile) {
	h := w.Header()
	h["Vary"] = varyAEH
	rq := r.Header
	if multiRange(rq["Range"]) {
		r = r.Clone(r.Context())
		r.Header.Del("Range")
		rq = r.Header
	}
	if rq["Range"] != nil || rq["If-Range"] != nil || rq["If-Match"] != nil || rq["If-Unmodified-Since"] != nil {
		h["Etag"] = f.rep.raw.etagH
		h["Content-Type"] = f.rep.typeH
		http.ServeContent(w, r, f.name, f.mod, bytes.NewReader(f.rep.raw.body))
		return
	}
	v := f.rep.pick(rq.Get("Accept-Encoding"))
	if inm := rq.Get("If-None-Match"); inm != "" {
		if m := f.rep.match(inm, v); m != nil {
			h["Etag"] = m.etagH
			w.WriteHeader(http.StatusNotModified)
			return
		}
	} else if ims := rq.Get("If-Modified-Since"); ims != "" {
		// As http.ServeContent: If-None-Match, when sent, wins.
		if t, err := http.ParseTime(ims); err == nil && f.mod.Truncate(time.Second).Compare(t) <= 0 {
			h["Etag"] = v.etagH
			w.WriteHeader(http.StatusNotModified)
			return
		}
	}
	h["Etag"] = v.etagH
	h["Last-Modified"] = f.modH
	h["Accept-Ranges"] = acceptRangesH
	h["Content-Type"] = f.rep.typeH
	h["Content-Length"] = v.lenH
	if v.encH != nil {
		h["Content-Encoding"] = v.encH
	}
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		w.Write(v.body)
	}
}

// multiRange reports whether Range header values ask for more than one
// range.
func multiRange(v []string) bool {
	return len(v) > 1 || len(v) == 1 && strings.Contains(v[0], ",")
}
