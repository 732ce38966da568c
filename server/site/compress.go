package site

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"io"
	"math/bits"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/andybalholm/brotli"
)

// fastBrotli is the brotli level computed while a caller waits (≈0.7 s for
// 7 MB, 50 ms for a 1 MB bundle); better levels are computed in the
// background and swapped in.
const fastBrotli = 5

// maxSlowPending bounds the background brotli passes queued at once; past
// it a copy simply stays at fastBrotli.
const maxSlowPending = 64

// variant is one encoding of a pre-compressed body, with its header values
// built once.
type variant struct {
	body  []byte
	etagH []string // {strong ETag}: a hash of body, "-br"/"-gzip" appended for those
	lenH  []string
	encH  []string // nil for identity
}

// etagHashLen is the length of the hash part of a variant's ETag.
const etagHashLen = 24

func newVariant(body []byte, coding string) *variant {
	sum := sha256.Sum256(body)
	tag := base64.RawURLEncoding.EncodeToString(sum[:18])
	v := &variant{body: body, lenH: []string{strconv.Itoa(len(body))}}
	if coding != "" {
		tag += "-" + coding
		v.encH = []string{coding}
	}
	v.etagH = []string{`"` + tag + `"`}
	return v
}

// precompressed is a body held in memory in identity, gzip and brotli form.
// Each form is a different representation (RFC 9110 section 8.8.3) with its
// own strong ETag. A coding that does not make the body smaller is not
// offered (its variant is nil).
type precompressed struct {
	typeH   []string
	rawH    []string // the uncompressed length
	wasmLen bool     // send rawH as WasmLengthHeader
	raw     *variant
	gz      *variant
	br      atomic.Pointer[variant]
	// oldBr is the fast brotli copy a background pass replaced: its ETag
	// still names the same content, so it still revalidates.
	oldBr atomic.Pointer[variant]
}

// precompress builds the identity and gzip forms of raw and a brotli form at
// brLevel; gz and br, when not nil, are copies known to decode to raw.
func precompress(raw []byte, contentType string, gz, br []byte, brLevel int) *precompressed {
	p := &precompressed{
		typeH: []string{contentType},
		rawH:  []string{strconv.Itoa(len(raw))},
		raw:   newVariant(raw, ""),
	}
	if gz == nil {
		gz = compressGzip(raw)
	}
	p.gz = smaller(gz, raw, "gzip")
	if br == nil {
		br = compressBrotli(raw, brLevel)
	}
	p.br.Store(smaller(br, raw, "br"))
	return p
}

func smaller(c, raw []byte, coding string) *variant {
	if len(c) >= len(raw) {
		return nil
	}
	return newVariant(c, coding)
}

// slowBrotli compresses raw at level in the background and hands the result
// to store. Passes run one at a time (the machine is shared; each pass
// would take a core for seconds) and only if keep, when set, still says the
// copy is wanted once the pass's turn comes: a bundle swapped out meanwhile
// is not compressed for nothing.
func (s *Server) slowBrotli(raw []byte, level int, keep func() bool, store func(br []byte)) {
	if s.slowPending.Add(1) > maxSlowPending {
		s.slowPending.Add(-1)
		return
	}
	s.background.Add(1)
	go func() {
		defer s.background.Done()
		defer s.slowPending.Add(-1)
		s.slowMu.Lock()
		defer s.slowMu.Unlock()
		if keep != nil && !keep() {
			return
		}
		store(compressBrotli(raw, level))
	}()
}

// setBr swaps in a better brotli copy; the one it replaces keeps
// validating (oldBr).
func (p *precompressed) setBr(br []byte) {
	if v := smaller(br, p.raw.body, "br"); v != nil {
		if old := p.br.Load(); old != nil {
			p.oldBr.Store(old)
		}
		p.br.Store(v)
	}
}

// pick returns the variant to send for an Accept-Encoding value: brotli,
// else gzip, else identity (the server's preference among those accepted).
func (p *precompressed) pick(ae string) *variant {
	if ae != "" {
		if v := p.br.Load(); v != nil && acceptsEncoding(ae, "br") {
			return v
		}
		if p.gz != nil && acceptsEncoding(ae, "gzip") {
			return p.gz
		}
	}
	return p.raw
}

// match returns the variant whose ETag an If-None-Match value names, nil if
// none; chosen (the one a 200 would carry) is tried first, so "*" gives it.
// Every variant counts: they are the same content, so a client holding the
// identity copy that now accepts brotli has nothing new to fetch.
func (p *precompressed) match(inm string, chosen *variant) *variant {
	if inm == "" {
		return nil
	}
	if noneMatch(inm, chosen.etagH[0]) {
		return chosen
	}
	for _, v := range [...]*variant{p.raw, p.gz, p.br.Load(), p.oldBr.Load()} {
		if v != nil && v != chosen && noneMatch(inm, v.etagH[0]) {
			return v
		}
	}
	return nil
}

// serve writes p, negotiated by Accept-Encoding, with cacheH as
// Cache-Control. Range is ignored (the whole body is sent, as RFC 9110
// allows): a compressed body is never cut. A 304 carries the ETag the client
// holds, so that a cache can find the stored response it freshens (RFC 9111
// section 4.3.4).
func (p *precompressed) serve(w http.ResponseWriter, r *http.Request, cacheH []string) {
	v := p.pick(header(r.Header, "Accept-Encoding"))
	h := w.Header()
	h["Vary"] = varyAEH
	h["Cache-Control"] = cacheH
	if m := p.match(header(r.Header, "If-None-Match"), v); m != nil {
		h["Etag"] = m.etagH
		w.WriteHeader(http.StatusNotModified)
		return
	}
	h["Etag"] = v.etagH
	h["Content-Type"] = p.typeH
	h["Content-Length"] = v.lenH
	if p.wasmLen {
		h[WasmLengthHeader] = p.rawH
	}
	if v.encH != nil {
		h["Content-Encoding"] = v.encH
	}
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		w.Write(v.body)
	}
}

// header is h.Get(key) for a key in canonical form, without canonicalising
// it again (net/http hands requests over with canonical keys): a tenth of
// the bundle's 304 path.
func header(h http.Header, key string) string {
	if v := h[key]; len(v) > 0 {
		return v[0]
	}
	return ""
}

// compressibleExt lists the file types served compressed: text. Pictures
// (PNG) are compressed already; app.wasm has its own handling.
var compressibleExt = map[string]bool{
	".css": true, ".js": true, ".mjs": true, ".svg": true, ".webmanifest": true, ".json": true,
	".html": true, ".htm": true, ".txt": true, ".xml": true, ".map": true,
}

// compressibleType reports whether a Content-Type value is text worth
// compressing.
func compressibleType(ct string) bool {
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil {
		return false
	}
	switch {
	case strings.HasPrefix(mt, "text/"), strings.HasSuffix(mt, "+json"), strings.HasSuffix(mt, "+xml"):
		return true
	}
	switch mt {
	case "application/javascript", "application/json", "application/xml", "application/manifest+json", "image/svg+xml":
		return true
	}
	return false
}

// Compressors are pooled: setting one up costs more than compressing a
// small file (brotli level 5: 0.6 MB of tables, 1.8 ms for a 3 KB page
// when new).
var (
	gzPool  = sync.Pool{New: func() any { w, _ := gzip.NewWriterLevel(nil, gzip.BestCompression); return w }}
	brPools sync.Map // brotliKey → *sync.Pool
)

type brotliKey struct{ level, lgwin int }

// maxBrotliWindow is the largest window (log2 bytes) of RFC 7932 brotli;
// larger ("large window") streams are not decoded by browsers.
const maxBrotliWindow = 24

func compressGzip(b []byte) []byte {
	var buf bytes.Buffer
	buf.Grow(len(b)/3 + 64)
	w := gzPool.Get().(*gzip.Writer)
	w.Reset(&buf)
	w.Write(b)
	w.Close()
	w.Reset(nil)
	gzPool.Put(w)
	return buf.Bytes()
}

// compressBrotli uses a window no larger than b, up to 24 bits (16 MB), the
// largest RFC 7932 allows and every browser decodes. Small files get small
// windows: the same output size, but a 17 KB file takes 50 ms at level 11
// instead of 200 ms spent setting up a 4 MB window. app.wasm (12 MB) gets the
// whole file: 20 KB less than at the library's default of 22 bits, as code
// repeats across the binary at distances over 4 MB.
func compressBrotli(b []byte, level int) []byte {
	k := brotliKey{level, min(max(bits.Len(uint(len(b))), 10), maxBrotliWindow)}
	pool, ok := brPools.Load(k)
	if !ok {
		pool, _ = brPools.LoadOrStore(k, &sync.Pool{New: func() any {
			return brotli.NewWriterOptions(nil, brotli.WriterOptions{Quality: k.level, LGWin: k.lgwin})
		}})
	}
	var buf bytes.Buffer
	buf.Grow(len(b)/3 + 64)
	w := pool.(*sync.Pool).Get().(*brotli.Writer)
	w.Reset(&buf)
	w.Write(b)
	w.Close()
	w.Reset(nil)
	pool.(*sync.Pool).Put(w)
	return buf.Bytes()
}

// gunzip and unbrotli decompress at most want+1 bytes, so a bogus cache file
// cannot blow up memory.
func gunzip(c []byte, want int) ([]byte, error) {
	r, err := gzip.NewReader(bytes.NewReader(c))
	if err != nil {
		return nil, err
	}
	return readAtMost(r, want)
}

func unbrotli(c []byte, want int) ([]byte, error) {
	return readAtMost(brotli.NewReader(bytes.NewReader(c)), want)
}

func readAtMost(r io.Reader, want int) ([]byte, error) {
	d, err := io.ReadAll(io.LimitReader(r, int64(want)+1))
	if err != nil {
		return nil, err
	}
	if len(d) != want {
		return nil, fmt.Errorf("decompressed to %d bytes, want %d", len(d), want)
	}
	return d, nil
}
