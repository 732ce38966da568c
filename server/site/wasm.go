package site

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"sync/atomic"

	"github.com/andybalholm/brotli"
)

// MaxWasmSize bounds app.wasm: the app measures about 10 MB uncompressed.
const MaxWasmSize = 64 << 20

// WasmLengthHeader carries the uncompressed size of app.wasm, so that go-app's
// loader shows true progress when the body is compressed: set the app
// handler's WasmContentLengthHeader to it.
const WasmLengthHeader = "X-Wasm-Content-Length"

// fastBrotli is the level compressed at start-up (≈0.7 s for 7 MB); better
// levels are computed in the background and swapped in.
const fastBrotli = 5

// variant is one encoding of a pre-compressed file, with its header values
// built once.
type variant struct {
	body  []byte
	etagH []string
	lenH  []string
	encH  []string // nil for identity
}

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

// precompressed is a file held in memory in identity, gzip and brotli form.
type precompressed struct {
	typeH []string
	rawH  []string // the uncompressed length, for WasmLengthHeader
	raw   *variant
	gz    *variant
	br    atomic.Pointer[variant]
}

// loadPrecompressed reads path and compresses it. Compressed copies found
// beside it (path.br, path.gz) are reused when they decompress to exactly the
// same bytes; fresh ones are written there when the directory allows, so
// restarts are fast. brLevel above fastBrotli is reached in the background.
func (s *Server) loadPrecompressed(path, contentType string, brLevel int) (*precompressed, error) {
	raw, _, err := readBounded(path, MaxWasmSize)
	if err != nil {
		return nil, err
	}
	p := &precompressed{
		typeH: []string{contentType},
		rawH:  []string{strconv.Itoa(len(raw))},
		raw:   newVariant(raw, ""),
	}
	gz, ok := cachedCopy(path+".gz", raw, gunzip)
	if !ok {
		gz = compressGzip(raw)
		writeCache(path+".gz", gz)
	}
	p.gz = newVariant(gz, "gzip")

	if br, ok := cachedCopy(path+".br", raw, unbrotli); ok {
		p.br.Store(newVariant(br, "br"))
		return p, nil
	}
	if brLevel <= fastBrotli {
		br := compressBrotli(raw, brLevel)
		p.br.Store(newVariant(br, "br"))
		writeCache(path+".br", br)
		return p, nil
	}
	p.br.Store(newVariant(compressBrotli(raw, fastBrotli), "br"))
	s.background.Add(1)
	go func() {
		defer s.background.Done()
		br := compressBrotli(raw, brLevel)
		p.br.Store(newVariant(br, "br"))
		writeCache(path+".br", br)
		s.log.Info("brotli pass done", "path", path, "level", brLevel, "bytes", len(br))
	}()
	return p, nil
}

// cachedCopy returns the compressed file at path if it decompresses to raw.
func cachedCopy(path string, raw []byte, decode func([]byte, int) ([]byte, error)) ([]byte, bool) {
	c, _, err := readBounded(path, MaxWasmSize)
	if err != nil {
		return nil, false
	}
	d, err := decode(c, len(raw))
	if err != nil || !bytes.Equal(d, raw) {
		return nil, false
	}
	return c, true
}

// writeCache stores a compressed copy beside the original, atomically; it is
// only a start-up cache, so failure (read-only directory) is not an error.
func writeCache(path string, body []byte) {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".tmp-"+filepath.Base(path)+"-*")
	if err != nil {
		return
	}
	_, err = tmp.Write(body)
	if err == nil {
		err = tmp.Chmod(0o644) // CreateTemp makes 0600; static servers must read it
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		os.Remove(tmp.Name())
	}
}

func compressGzip(b []byte) []byte {
	var buf bytes.Buffer
	w, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	w.Write(b)
	w.Close()
	return buf.Bytes()
}

func compressBrotli(b []byte, level int) []byte {
	var buf bytes.Buffer
	w := brotli.NewWriterLevel(&buf, level)
	w.Write(b)
	w.Close()
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
