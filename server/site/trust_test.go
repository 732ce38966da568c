package site

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"fmt"
	"testing"
	"time"

	bundlebuild "passcheck/server/bundle"
	"passcheck/verify/trust"
)

// trustKit makes real signed trust bundles (server/bundle) and checks them
// as phones do (verify/trust.Open with the pinned key). Each seq gets a
// different number of revoked kids, so bodies differ in size too.
type trustKit struct {
	key    *ecdsa.PrivateKey
	pinned []crypto.PublicKey
	at     time.Time
	cache  map[uint64][]byte
}

func newTrustKit(t testing.TB) *trustKit {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	return &trustKit{key: key, pinned: []crypto.PublicKey{&key.PublicKey},
		at: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC), cache: map[uint64][]byte{}}
}

// make is deterministic per seq (ECDSA signatures are not), so the herd can
// know every body's ETag in advance.
func (k *trustKit) make(seq uint64) []byte {
	if b, ok := k.cache[seq]; ok {
		return b
	}
	var bb bundlebuild.Builder
	for i := uint64(0); i < seq*3; i++ {
		if err := bb.RevokeKID([]byte(fmt.Sprintf("kid%05d", i))); err != nil {
			panic(err)
		}
	}
	b, err := bundlebuild.Sign(bb.Payload(seq, k.at, bundlebuild.DefaultTTL), k.key)
	if err != nil {
		panic(err)
	}
	k.cache[seq] = b
	return b
}

func (k *trustKit) verify(b []byte) (BundleInfo, error) {
	tb, err := trust.Open(b, k.pinned, 0, k.at)
	if err != nil {
		return BundleInfo{}, err
	}
	return BundleInfo{Seq: tb.Seq(), Fingerprint: tb.Fingerprint()}, nil
}

// TestHerdRealBundles is TestHerd with real signed bundles: every body a
// client receives during the swaps must pass trust.Open.
func TestHerdRealBundles(t *testing.T) {
	k := newTrustKit(t)
	for seq := uint64(1); seq < 14; seq++ {
		k.make(seq) // fill the cache before the herd reads it concurrently
	}
	testHerd(t, k)
}

func TestRealBundleRefused(t *testing.T) {
	k := newTrustKit(t)
	f := newFixture(t, k, nil)
	other := newTrustKit(t)
	writeFileAtomic(t, f.bundle, other.make(5))
	if err := f.srv.ReloadBundle(); err == nil {
		t.Fatal("a bundle signed by another key was accepted")
	}
	if seq, _ := f.srv.BundleSeq(); seq != 1 {
		t.Errorf("serving seq %d", seq)
	}
}
