package main

import (
	"os"
	"os/exec"
	"slices"
	"strings"
	"testing"
)

// perFrame are the packages a camera frame runs through: they must keep
// inlining (the decoder's speed figures are measured with it).
var perFrame = []string{
	"passcheck/verify/qr",
	"github.com/makiuchi-d/gozxing",
	"github.com/makiuchi-d/gozxing/qrcode/detector",
	"github.com/makiuchi-d/gozxing/common",
	"image",
	"runtime",
	"crypto/internal/fips140/nistec",
	"passcheck/app/worker",
}

// matches is go build's package pattern match (a "/..." suffix matches the
// package and everything below it).
func matches(pattern, pkg string) bool {
	if p, ok := strings.CutSuffix(pattern, "/..."); ok {
		return pkg == p || strings.HasPrefix(pkg, p+"/")
	}
	return pkg == pattern
}

// inlined reports whether Args leaves inlining on for pkg: the last pattern
// matching it wins.
func inlined(pkg string) bool {
	on := true
	for _, p := range coldPackages {
		if matches(p, pkg) {
			on = false
		}
	}
	for _, p := range hotPackages {
		if matches(p, pkg) {
			on = true
		}
	}
	return on
}

// TestColdPackages: every pattern names packages the app links (a typo
// would silently keep their inlining and the bytes), and no package of the
// per-frame path loses inlining.
func TestColdPackages(t *testing.T) {
	cmd := exec.Command("go", "list", "-deps", "./wasm/app")
	cmd.Dir = "../.."
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	deps := strings.Fields(string(out))
	for _, p := range append(slices.Clone(coldPackages), hotPackages...) {
		if !slices.ContainsFunc(deps, func(d string) bool { return matches(p, d) }) {
			t.Errorf("pattern %s matches no package of the app", p)
		}
	}
	for _, p := range perFrame {
		if !slices.Contains(deps, p) {
			t.Errorf("%s is not in the app any more: update perFrame", p)
		}
		if !inlined(p) {
			t.Errorf("%s, on the per-frame path, is built without inlining", p)
		}
	}
	if inlined("github.com/maxence-charriere/go-app/v10/pkg/app") || inlined("passcheck/app") {
		t.Error("the UI packages keep inlining")
	}
}

// TestArgs: the flags reach go build in the order that makes the hot
// patterns win, with the pinned key.
func TestArgs(t *testing.T) {
	a := Args("out.wasm", "KEY")
	last := slices.Index(a, "-gcflags="+coldPackages[len(coldPackages)-1]+"=-l")
	first := slices.Index(a, "-gcflags="+hotPackages[0]+"=")
	if last < 0 || first < last {
		t.Errorf("args %q: hot patterns must follow the cold ones", a)
	}
	if !slices.Contains(a, "-s -w -X passcheck/app.pinnedBundleKeys=KEY") || a[len(a)-1] != "./wasm/app" {
		t.Errorf("args %q", a)
	}
}
