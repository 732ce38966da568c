package verify

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"testing"
	"time"
)

// vectorStages returns, for every vector whose chain decodes that far, the
// QR text, the zlib bytes, the COSE bytes and the CWT payload: fuzz seeds.
func vectorStages(f *testing.F) (texts []string, zlibs, coses, payloads [][]byte) {
	for _, v := range loadVectors(f) {
		texts = append(texts, v.Prefix)
		b45, err := Unprefix(v.Prefix)
		if err != nil {
			continue
		}
		z, err := DecodeBase45(b45)
		if err != nil {
			continue
		}
		zlibs = append(zlibs, z)
		c, err := Inflate(z)
		if err != nil {
			continue
		}
		coses = append(coses, c)
		m, err := DecodeCOSE(c)
		if err != nil {
			continue
		}
		payloads = append(payloads, m.Payload)
	}
	return
}

func isOneOf(err error, sentinels ...error) bool {
	for _, s := range sentinels {
		if errors.Is(err, s) {
			return true
		}
	}
	return false
}

func FuzzInflate(f *testing.F) {
	_, zlibs, _, _ := vectorStages(f)
	for _, z := range zlibs {
		f.Add(z)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		out, err := Inflate(b)
		if err != nil {
			if !isOneOf(err, ErrInflate, ErrTooLarge) {
				t.Fatalf("error %v is not of its class", err)
			}
			return
		}
		if len(out) > MaxInflatedLen {
			t.Fatalf("%d bytes out", len(out))
		}
	})
}

func FuzzDecodeCOSE(f *testing.F) {
	_, _, coses, _ := vectorStages(f)
	for _, c := range coses {
		f.Add(c)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		m, err := DecodeCOSE(b)
		if err != nil {
			if !isOneOf(err, ErrCOSE, ErrCrit, ErrUnsupportedAlg) {
				t.Fatalf("error %v is not of its class", err)
			}
			return
		}
		if m.Alg != algES256 && m.Alg != algPS256 || len(m.KID) > maxKIDLen || m.Payload == nil || len(m.Signature) == 0 {
			t.Fatalf("accepted alg %v, kid %x, payload %v, signature %d bytes", m.Alg, m.KID, m.Payload == nil, len(m.Signature))
		}
	})
}

func FuzzDecodePayload(f *testing.F) {
	_, _, _, payloads := vectorStages(f)
	for _, p := range payloads {
		f.Add(p)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		p, err := DecodePayload(b)
		if err != nil {
			if !isOneOf(err, ErrCWT, ErrPayload) {
				t.Fatalf("error %v is not of its class", err)
			}
			return
		}
		if !json.Valid(p.JSON) {
			t.Fatalf("payload JSON %q is not JSON", p.JSON)
		}
	})
}

// FuzzVerify runs the whole pipeline against every vector's DSC at a fixed
// time and checks the invariants of a Result.
func FuzzVerify(f *testing.F) {
	texts, _, _, _ := vectorStages(f)
	ks := NewKeySet()
	for _, v := range loadVectors(f) {
		der, _ := base64.StdEncoding.DecodeString(v.Context.Certificate)
		if k, err := keyFromDER(der); err == nil {
			ks.Add(k)
		}
	}
	for _, s := range texts {
		f.Add(s)
	}
	v := &Verifier{Trust: ks}
	at := time.Date(2021, 6, 1, 0, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, text string) {
		r := v.Verify(text, at)
		cert, ok := r.Verified()
		switch {
		case ok != (r.Verdict == Valid):
			t.Fatalf("Verified() %v with verdict %v", ok, r.Verdict)
		case ok && (cert == nil || r.Err != nil || !r.Ran[StepSignature]):
			t.Fatalf("valid with err %v, signature step %v", r.Err, r.Ran[StepSignature])
		case !ok && (r.Err == nil || ErrorCode(r.Err) == "" || r.Ran[r.Step]):
			t.Fatalf("verdict %v at %s with error %v", r.Verdict, r.Step, r.Err)
		}
	})
}
