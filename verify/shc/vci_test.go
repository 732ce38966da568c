package shc

import (
	"errors"
	"strings"
	"testing"
)

// snapshot builds a VCI snapshot of the example issuer (its published
// JWKS and CRL) plus entries that cannot be used.
func snapshot(t *testing.T) []byte {
	jwks := string(mustRead(t, testdata+"issuer/.well-known/jwks.json"))
	keys := jwks[strings.Index(jwks, "[") : strings.LastIndex(jwks, "]")+1]
	crl := string(mustRead(t, testdata+"issuer/.well-known/crl/3Kfdg-XwP-7gXyywtUfUADwBumDOPKMQx-iELL11W9s.json"))
	wrongKid := string(mustRead(t, testdata+"dev-tools/wrong_kid_key.json"))
	wrongKid = wrongKid[strings.Index(wrongKid, "[") : strings.LastIndex(wrongKid, "]")+1]
	return []byte(`{"directory":"vci-issuers.json","time":"2024-06-01T00:00:00Z","issuerInfo":[
	 {"issuer":{"iss":"https://spec.smarthealth.cards/examples/issuer","name":"SMART example"},"keys":` + keys + `,"crls":[` + crl + `]},
	 {"issuer":{"iss":"http://insecure.example","name":"HTTP"},"keys":` + keys + `},
	 {"issuer":{"iss":"https://bad-keys.example","name":"bad keys"},"keys":` + wrongKid + `},
	 {"issuer":{"iss":"https://bad-crl.example","name":"bad CRL"},"keys":` + keys + `,"crls":[{"kid":"3Kfdg-XwP-7gXyywtUfUADwBumDOPKMQx-iELL11W9s","method":"rid","ctr":2,"rids":[]}]},
	 {"issuer":{"iss":"https://spec.smarthealth.cards/examples/issuer","name":"again"},"keys":` + keys + `}
	]}`)
}

func TestParseVCISnapshot(t *testing.T) {
	issuers, problems, err := ParseVCISnapshot(snapshot(t))
	if err != nil {
		t.Fatal(err)
	}
	if len(issuers) != 1 || issuers[0].Name != "SMART example" || len(issuers[0].Keys) != 2 || len(issuers[0].CRLs) != 1 {
		t.Fatalf("issuers %+v", issuers)
	}
	want := []string{"http://insecure.example", "bad-keys.example\": keys[0]", "bad-keys.example\": shc: unusable issuer key: no usable key", "bad-crl.example", "listed twice"}
	if len(problems) != len(want) {
		t.Fatalf("problems %v", problems)
	}
	for i, p := range problems {
		if !strings.Contains(p.Error(), want[i]) || !errors.Is(p, ErrKey) && !errors.Is(p, ErrCRL) {
			t.Errorf("problem %d: %v, want one naming %s", i, p, want[i])
		}
	}
	var s IssuerSet
	for _, is := range issuers {
		if err := s.Add(is); err != nil {
			t.Fatal(err)
		}
	}
	r := (&Verifier{Issuers: &s}).VerifyQR(string(mustRead(t, examplePath("00", "f-qr-code-numeric-value-0.txt"))), at)
	if _, ok := r.Verified(); !ok {
		t.Errorf("example 00 with the snapshot's trust: %v", r.Err)
	}
	for _, bad := range []string{`{}`, `[]`, `{"issuerInfo":[` + strings.Repeat("[", 40)} {
		if _, _, err := ParseVCISnapshot([]byte(bad)); !errors.Is(err, ErrKey) {
			t.Errorf("%.20s: %v", bad, err)
		}
	}
}
