package bundle_test

import (
	"bytes"
	"os"
	"testing"

	"passcheck/server/bundle"
)

// seedList adds the first bytes of a real list (cut at an entry boundary
// is not needed: the importers must survive anything).
func seedList(f *testing.F, name string, n int) {
	data, err := os.ReadFile(lists + name)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(data[:min(n, len(data))])
	f.Add(data)
}

func FuzzImportGateway(f *testing.F) {
	seedList(f, "trustlist_at.json", 4096)
	f.Add([]byte(`{"certificates":[{"kid":"AAAAAAAAAAA=","country":"XD","rawData":"AAAA"}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		imp, err := bundle.ImportGateway(bytes.NewReader(data), "fuzz")
		if err != nil {
			return
		}
		checkImport(t, imp)
	})
}

func FuzzImportDutch(f *testing.F) {
	seedList(f, "trustlist_nl.raw.keys.json", 4096)
	f.Fuzz(func(t *testing.T, data []byte) {
		imp, err := bundle.ImportDutch(bytes.NewReader(data), "fuzz")
		if err != nil {
			return
		}
		checkImport(t, imp)
	})
}

// checkImport: whatever an importer accepts must make a valid bundle entry.
func checkImport(t *testing.T, imp *bundle.Import) {
	for _, e := range imp.Entries {
		if len(e.KID) != 8 || e.Types == 0 || e.Types > 7 || (e.Cert == nil) == (e.SPKI == nil) ||
			(e.Country != "" && len(e.Country) != 2) {
			t.Fatalf("bad entry %+v", e)
		}
	}
	for _, s := range imp.Skipped {
		if s.Reason == "" {
			t.Fatalf("skip without a reason: %v", s)
		}
	}
}
