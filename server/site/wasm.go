package site

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"passcheck/server/datafile"
)

// MaxWasmSize bounds app.wasm: the app measures about 10 MB uncompressed.
const MaxWasmSize = 64 << 20

// WasmLengthHeader carries the uncompressed size of app.wasm, so that go-app's
// loader shows true progress when the body is compressed: set the app
// handler's WasmContentLengthHeader to it.
const WasmLengthHeader = "X-Wasm-Content-Length"

// loadWasm reads app.wasm from the web folder and compresses it. A missing
// one is only warned about: the bundle and the demo are still served.
func (s *Server) loadWasm(root *os.Root) error {
	raw, _, err := datafile.ReadIn(root, "app.wasm", MaxWasmSize)
	if errors.Is(err, fs.ErrNotExist) {
		s.log.Warn("no app.wasm: the app will not start in browsers", "dir", s.cfg.WebDir)
		return nil
	}
	if err != nil {
		return fmt.Errorf("site: %w", err)
	}
	s.wasm = s.precompressCached(raw, "application/wasm", "app.wasm", s.cfg.BrotliLevel)
	s.wasm.wasmLen = true
	return nil
}

// precompressCached compresses raw. Compressed copies found in cfg.CacheDir
// (name.br, name.gz) are reused when they decompress to exactly the same
// bytes; fresh ones are written there, so restarts are fast. brLevel above
// fastBrotli is reached in the background.
func (s *Server) precompressCached(raw []byte, contentType, name string, brLevel int) *precompressed {
	var gz, br []byte
	var gzOK, brOK bool
	cache := ""
	if s.cfg.CacheDir != "" {
		cache = filepath.Join(s.cfg.CacheDir, name)
		gz, gzOK = cachedCopy(cache+".gz", raw, gunzip)
		br, brOK = cachedCopy(cache+".br", raw, unbrotli)
	}
	p := precompress(raw, contentType, gz, br, min(brLevel, fastBrotli))
	if !gzOK && p.gz != nil {
		s.writeCache(cache, ".gz", p.gz.body)
	}
	if brOK {
		return p
	}
	if brLevel <= fastBrotli {
		if v := p.br.Load(); v != nil {
			s.writeCache(cache, ".br", v.body)
		}
		return p
	}
	s.slowBrotli(raw, brLevel, nil, func(br []byte) {
		p.setBr(br)
		s.writeCache(cache, ".br", br)
		s.log.Info("brotli pass done", "name", name, "level", brLevel, "bytes", len(br))
	})
	return p
}

// cachedCopy returns the compressed file at path if it decompresses to raw.
func cachedCopy(path string, raw []byte, decode func([]byte, int) ([]byte, error)) ([]byte, bool) {
	c, _, err := datafile.Read(path, MaxWasmSize)
	if err != nil {
		return nil, false
	}
	d, err := decode(c, len(raw))
	if err != nil || !bytes.Equal(d, raw) {
		return nil, false
	}
	return c, true
}

// writeCache stores a compressed copy at base+ext, atomically; it is only a
// start-up cache, so failure (read-only directory) is not an error. base ""
// means no cache.
func (s *Server) writeCache(base, ext string, body []byte) {
	if base == "" {
		return
	}
	s.cacheMu.Lock()
	defer s.cacheMu.Unlock()
	if s.cacheClosed {
		return
	}
	path := base + ext
	if os.MkdirAll(filepath.Dir(path), 0o755) != nil {
		return
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".tmp-"+filepath.Base(path)+"-*")
	if err != nil {
		return
	}
	_, err = tmp.Write(body)
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
