package site

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"time"

	"passcheck/server/datafile"
)

// MaxBundleSize bounds the trust bundle file read from disk. The real German
// list (832 DSCs) makes a bundle well under 1 MiB.
const MaxBundleSize = 16 << 20

// ErrBundleRefused is returned by Reload when the bundle file on disk was read
// but not accepted (verification failed, or its seq went backwards); the
// bundle served before stays in place.
var ErrBundleRefused = errors.New("site: trust bundle refused")

// bundle is one accepted trust bundle. It is never modified once published,
// so a response started on one bundle finishes on it even during a swap
// (its brotli copy may be swapped for a smaller one of the same bytes).
type bundle struct {
	rep  *precompressed // identity, gzip and brotli forms
	etag string         // the identity ETag: a hash of the file's bytes
	info BundleInfo
	stat fileStamp
}

func (b *bundle) body() []byte { return b.rep.raw.body }

// fileStamp is what polling compares to notice a changed file cheaply: a
// file replaced by rename is a new file even when its size and (coarse)
// modification time are those of the old one.
type fileStamp struct {
	fi os.FileInfo
}

func stampOf(fi os.FileInfo) fileStamp { return fileStamp{fi} }

func (a fileStamp) same(b fileStamp) bool {
	if a.fi == nil || b.fi == nil {
		return a.fi == b.fi
	}
	return os.SameFile(a.fi, b.fi) && a.fi.Size() == b.fi.Size() && a.fi.ModTime().Equal(b.fi.ModTime())
}

// newBundle compresses body: gzip, and brotli at fastBrotli at most, now
// (≈0.1 s for a 1 MB bundle); a better brotli later (bundleSlowBrotli).
func (s *Server) newBundle(body []byte, info BundleInfo, st fileStamp) *bundle {
	rep := precompress(body, BundleContentType, nil, nil, min(s.cfg.BrotliLevel, fastBrotli))
	return &bundle{rep: rep, etag: rep.raw.etagH[0], info: info, stat: st}
}

// bundleSlowBrotli starts the background brotli pass of b, the bundle just
// published; it is skipped if b is replaced before its turn.
func (s *Server) bundleSlowBrotli(b *bundle) {
	if s.cfg.BrotliLevel <= fastBrotli {
		return
	}
	s.slowBrotli(b.body(), s.cfg.BrotliLevel, func() bool { return s.bundle.Load().rep == b.rep }, b.rep.setBr)
}

// ReloadBundle reads the bundle file again and swaps it in if it verifies
// and its seq is not lower than the one served. An unchanged file is a no-op.
// On refusal it logs why and returns an error wrapping ErrBundleRefused; the
// previous bundle keeps serving.
func (s *Server) ReloadBundle() error {
	s.reloadMu.Lock()
	defer s.reloadMu.Unlock()
	return s.reloadLocked()
}

func (s *Server) reloadLocked() error {
	body, st, err := readBounded(s.cfg.BundlePath, MaxBundleSize)
	if err != nil {
		s.failed = st
		s.log.Error("trust bundle not reloaded", "path", s.cfg.BundlePath, "err", err)
		return err
	}
	cur := s.bundle.Load()
	if cur != nil && bytes.Equal(cur.body(), body) {
		// Touched but unchanged: remember the new stamp so polling settles.
		s.failed = fileStamp{}
		if !cur.stat.same(st) {
			s.bundle.Store(&bundle{rep: cur.rep, etag: cur.etag, info: cur.info, stat: st})
		}
		return nil
	}
	info, err := s.cfg.VerifyBundle(body)
	if err == nil && cur != nil && info.Seq < cur.info.Seq {
		err = fmt.Errorf("seq %d is lower than the %d being served (rollback)", info.Seq, cur.info.Seq)
	}
	if err != nil {
		s.failed = st
		err = fmt.Errorf("%w: %s: %w", ErrBundleRefused, s.cfg.BundlePath, err)
		if cur != nil {
			s.log.Error("new trust bundle refused; still serving the previous one", "path", s.cfg.BundlePath, "served_seq", cur.info.Seq, "err", err)
		}
		return err
	}
	s.failed = fileStamp{}
	b := s.newBundle(body, info, st)
	s.bundle.Store(b)
	s.bundleSlowBrotli(b)
	s.log.Info("trust bundle loaded", "path", s.cfg.BundlePath, "seq", info.Seq, "fingerprint", info.Fingerprint, "bytes", len(body))
	return nil
}

// readBounded reads a whole regular file of at most max bytes; anything
// else (a FIFO above all) is refused without a blocking open.
func readBounded(path string, max int64) ([]byte, fileStamp, error) {
	body, fi, err := datafile.Read(path, max)
	if fi == nil {
		return nil, fileStamp{}, err
	}
	return body, stampOf(fi), err
}

// WatchBundle polls the bundle file's size and modification time every
// interval and reloads it when they change, until ctx is done. A stat per
// interval is all it costs while nothing changes. A refused file is retried
// only once it changes again.
func (s *Server) WatchBundle(ctx context.Context, interval time.Duration) {
	t := time.NewTicker(interval)
	defer t.Stop()
	s.watch(ctx, t.C)
}

// watch checks the file once per tick; tests drive it tick by tick.
func (s *Server) watch(ctx context.Context, ticks <-chan time.Time) {
	for {
		select {
		case <-ctx.Done():
			return
		case <-ticks:
		}
		fi, err := os.Stat(s.cfg.BundlePath)
		if err != nil {
			continue // being replaced, or gone: keep serving what we have
		}
		st := stampOf(fi)
		s.reloadMu.Lock()
		cur := s.bundle.Load()
		if (cur == nil || !st.same(cur.stat)) && !st.same(s.failed) {
			s.reloadLocked()
		}
		s.reloadMu.Unlock()
	}
}

// BundleSeq returns the seq and the identity ETag (a hash of the file) of the
// trust bundle being served.
func (s *Server) BundleSeq() (seq uint64, etag string) {
	b := s.bundle.Load()
	return b.info.Seq, b.etag
}

// Bundle describes the trust bundle being served.
func (s *Server) Bundle() BundleInfo { return s.bundle.Load().info }
