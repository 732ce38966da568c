package e2e

import (
	"bufio"
	"image"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"passcheck/verify/qr"
)

// The app's scan window (app/wire/scan.go: WindowFraction 0.8 of the
// shorter side, centred, drawn 1:1 up to MaxWindow 720 pixels): what the
// worker decodes from each fake-camera frame.
const appWindow = camH * 8 / 10

// windowRGBA is the part of a camera frame the app sends to its worker, as
// canvas ImageData (RGBA).
func windowRGBA(f *image.Gray) []byte {
	x0, y0 := (camW-appWindow)/2, (camH-appWindow)/2
	out := make([]byte, 4*appWindow*appWindow)
	for y := 0; y < appWindow; y++ {
		for x := 0; x < appWindow; x++ {
			v := f.GrayAt(x0+x, y0+y).Y
			o := 4 * (y*appWindow + x)
			out[o], out[o+1], out[o+2], out[o+3] = v, v, v, 255
		}
	}
	return out
}

// decodeCameraFrame decodes text's fake-camera frame natively, as the
// worker does (the same FrameDecoder, after an empty frame, on the app's
// scan window).
func decodeCameraFrame(text string) (string, error) {
	img, err := qrImage(text, qrSide)
	if err != nil {
		return "", err
	}
	var d qr.FrameDecoder
	d.DecodeRGBA(windowRGBA(cameraFrame(nil)), appWindow, appWindow)
	return d.DecodeRGBA(windowRGBA(cameraFrame(img)), appWindow, appWindow)
}

// TestFakeCameraFramesDecode: every code the browser tests put in front of
// the fake camera must be readable by verify/qr on the exact pixels the app
// sends to its worker; otherwise the page can never show a verdict and a
// browser test only times out. The demo samples change on every run (their
// UCI holds the time, the signatures are randomised), so the fixed texts
// of testdata/finder-decoys.txt keep the cases once seen failing.
func TestFakeCameraFramesDecode(t *testing.T) {
	type tc struct{ name, text string }
	var cases []tc
	for _, name := range []string{"valid-vaccination", "valid-test", "valid-recovery",
		"expired", "bad-signature", "unknown-issuer", "revoked"} {
		cases = append(cases, tc{"sample " + name, sample(t, name).Text})
	}
	f, err := os.Open(filepath.Join("testdata", "finder-decoys.txt"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<16)
	for n := 1; sc.Scan(); n++ {
		if line := strings.TrimSpace(sc.Text()); line != "" && !strings.HasPrefix(line, "#") {
			cases = append(cases, tc{"finder-decoys.txt:" + strconv.Itoa(n), line})
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		got, err := decodeCameraFrame(c.text)
		if err != nil || got != c.text {
			t.Errorf("%s (%d chars): FrameDecoder on the %d×%d scan window: %v (text matches: %v)",
				c.name, len(c.text), appWindow, appWindow, err, got == c.text)
		}
	}
}
