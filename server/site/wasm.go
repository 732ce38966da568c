package site

import (
	"bytes"
	"os"
	"path/filepath"
)

// MaxWasmSize bounds app.wasm: the app measures about 10 MB uncompressed.
const MaxWasmSize = 64 << 20

// WasmLengthHeader carries the uncompressed size of app.wasm, so that go-app's
// loader shows true progress when the body is compressed: set the app
// handler's WasmContentLengthHeader to it.
const WasmLengthHeader = "X-Wasm-Content-Length"

// loadPrecompressed reads path and compresses it. Compressed copies found
// beside it (path.br, path.gz) are reused when they decompress to exactly the
// same bytes; fresh ones are written there when the directory allows, so
// restarts are fast. brLevel above fastBrotli is reached in the background.
func (s *Server) loadPrecompressed(path, contentType string, brLevel int) (*precompressed, error) {
	raw, _, err := readBounded(path, MaxWasmSize)
	if err != nil {
		return nil, err
	}
	gz, gzOK := cachedCopy(path+".gz", raw, gunzip)
	br, brOK := cachedCopy(path+".br", raw, unbrotli)
	p := precompress(raw, contentType, gz, br, min(brLevel, fastBrotli))
	if !gzOK && p.gz != nil {
		writeCache(path+".gz", p.gz.body)
	}
	if brOK {
		return p, nil
	}
	if brLevel <= fastBrotli {
		if v := p.br.Load(); v != nil {
			writeCache(path+".br", v.body)
		}
		return p, nil
	}
	s.slowBrotli(raw, brLevel, nil, func(br []byte) {
		p.setBr(br)
		writeCache(path+".br", br)
		s.log.Info("brotli pass done", "path", path, "level", brLevel, "bytes", len(br))
	})
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
