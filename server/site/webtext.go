package site

import (
	"bytes"
	"io/fs"
	"mime"
	"net/http"
	"os"
	"path"
	"strings"
	"time"
)

// Bounds on the /web/ text files held compressed in memory; files beyond
// them are served as they are, from disk.
const (
	maxWebTextFile  = 4 << 20
	maxWebTextTotal = 32 << 20
)

// webText is a text file of the web folder, read at New and served from
// memory in identity, gzip and brotli form: the folder is fixed for the
// life of the process.
type webText struct {
	rep  *precompressed
	name string
	mod  time.Time
	modH []string // Last-Modified, as http.FileServer sends it
}

var acceptRangesH = []string{"bytes"}

// loadWebText reads the compressible files of the web folder (see
// compressibleExt), keyed by URL path ("/web/x.css"). Dotfiles are left out
// (they are never served) and so is any index.html (http.FileServer
// redirects it to its directory, which gives 404 here).
func (s *Server) loadWebText(root *os.Root) map[string]*webText {
	files := map[string]*webText{}
	total := 0
	fs.WalkDir(root.FS(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		base := path.Base(p)
		if p != "." && strings.HasPrefix(base, ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		ext := path.Ext(base)
		if !d.Type().IsRegular() || !compressibleExt[ext] || base == "index.html" {
			return nil
		}
		fi, err := d.Info()
		if err != nil || fi.Size() > maxWebTextFile || total+int(fi.Size()) > maxWebTextTotal {
			return nil
		}
		raw, err := root.ReadFile(p)
		if err != nil || len(raw) != int(fi.Size()) {
			return nil // being replaced: http.FileServer serves it
		}
		total += len(raw)
		// The type http.FileServer gives it.
		ctype := mime.TypeByExtension(ext)
		if ctype == "" {
			ctype = http.DetectContentType(raw[:min(len(raw), 512)])
		}
		f := &webText{
			rep:  precompress(raw, ctype, nil, nil, min(s.cfg.BrotliLevel, fastBrotli)),
			name: base,
			mod:  fi.ModTime(),
			modH: []string{fi.ModTime().UTC().Format(http.TimeFormat)},
		}
		if s.cfg.BrotliLevel > fastBrotli {
			s.slowBrotli(raw, s.cfg.BrotliLevel, nil, f.rep.setBr)
		}
		files["/web/"+p] = f
		return nil
	})
	return files
}

// serveWebText serves f as http.FileServer would (Last-Modified,
// If-Modified-Since, Accept-Ranges), negotiated by Accept-Encoding, with an
// ETag per encoding. A request with Range (or If-Range, If-Match,
// If-Unmodified-Since) gets the identity form through http.ServeContent,
// which applies the range: ranges are never cut from a compressed body.
func serveWebText(w http.ResponseWriter, r *http.Request, f *webText) {
	h := w.Header()
	h["Vary"] = varyAEH
	rq := r.Header
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
