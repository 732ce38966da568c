package qr

import (
	"bytes"
	"flag"
	"image"
	"image/png"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/qrcode"

	"passcheck/internal/dgctestdata"
)

// Regression frames: one or more small generated pictures per kind of input
// the finding side learned to read (light-on-dark, mirrored, close-up
// without quiet zone, screen moiré, small code, small code in a large
// picture, code tilted 30–45°, corner out of the frame, a finder pattern under
// a highlight). The PNGs are committed so
// that a change to the generator cannot silently weaken the test; they are
// rebuilt with
//
//	go test -run TestRegressionFrames ./verify/qr/ -update-frames
var updateFrames = flag.Bool("update-frames", false, "rewrite verify/qr/testdata/frames from the generator")

const framesDir = "testdata/frames"

// regressionFrame describes one generated frame.
type regressionFrame struct {
	name   string
	vector string // dgc-testdata vector whose text the code holds
	w, h   int
	// corners are the frame positions of the symbol's corners (module
	// coordinates (0,0), (n,0), (n,n), (0,n), quiet zone excluded), as
	// fractions of the frame's width and height.
	corners [4][2]float64
	quiet   float64 // modules of paper around the symbol
	invert  bool    // light modules on dark
	mirror  bool    // the symbol seen from behind
	screen  float64 // > 0: shown on a screen with this sub-pixel pitch (frame pixels)
	blur    int     // box-blur passes (about 0.8 px each)
	noise   float64 // sensor noise, luminance units
	desk    float64 // the luminance around the paper (0: a mid-grey pattern)
	shade   float64 // light falling off across the frame, 0–1
	// glare: a specular highlight centred at (glare[0], glare[1]) (fractions
	// of the frame), of radius glare[2] (fraction of the width): saturated
	// white within half the radius, fading to none at the radius.
	glare [3]float64
	seed  uint64
}

var regressionFrames = []regressionFrame{
	{name: "inverted", vector: "AT/2DCode/raw/1.json", w: 320, h: 240,
		corners: [4][2]float64{{0.22, 0.12}, {0.76, 0.15}, {0.74, 0.86}, {0.24, 0.88}},
		quiet:   4, invert: true, blur: 1, noise: 1, seed: 1},
	{name: "mirrored", vector: "DE/2DCode/raw/1.json", w: 320, h: 240,
		corners: [4][2]float64{{0.25, 0.10}, {0.78, 0.14}, {0.75, 0.90}, {0.22, 0.86}},
		quiet:   4, mirror: true, blur: 1, noise: 1, seed: 2},
	// The code fills the frame at a slant, its quiet zone outside the
	// frame but for a sliver of paper.
	{name: "close-noquiet", vector: "NL/2DCode/raw/000-NL-test.json", w: 320, h: 320,
		corners: [4][2]float64{{0.04, 0.04}, {0.95, 0.035}, {0.96, 0.965}, {0.035, 0.955}},
		quiet:   0, desk: 50, blur: 1, noise: 1, seed: 3},
	// A phone screen: RGB stripes at a pitch that beats with the camera's
	// pixels, about three screen pixels per module.
	{name: "screen-moire", vector: "common/2DCode/raw/DGC1.json", w: 360, h: 360,
		corners: [4][2]float64{{0.05, 0.05}, {0.95, 0.06}, {0.94, 0.95}, {0.06, 0.94}},
		quiet:   3, screen: 2.6, seed: 4},
	// 1.5–2 pixels per module.
	{name: "small", vector: "IT/2DCode/raw/2.json", w: 200, h: 160,
		corners: [4][2]float64{{0.22, 0.15}, {0.73, 0.16}, {0.72, 0.80}, {0.23, 0.79}},
		quiet:   4, noise: 2, seed: 5},
	// A small, slightly blurred code (about 2.2 pixels per module) in a
	// larger picture: the local-mean window sized to the picture spans
	// several modules, and the picture is too large for the 2× upscale.
	{name: "small-in-large", vector: "IT/2DCode/raw/2.json", w: 900, h: 600,
		corners: [4][2]float64{{0.42, 0.36}, {0.60, 0.37}, {0.59, 0.64}, {0.43, 0.63}},
		quiet:   4, desk: 90, blur: 2, seed: 6},
	// Tilted 30–45° under a pinhole camera (corners projected as in
	// camframes' tilt category): the finder patterns differ in size by up
	// to 1.6×, and look-alikes in the data make a squarer triangle than the
	// real three.
	{name: "tilt-ch", vector: "CH/2DCode/raw/3.json", w: 480, h: 400,
		corners: [4][2]float64{{0.575, 0.925}, {0.209, 0.733}, {0.369, 0.119}, {0.691, 0.387}},
		quiet:   4, blur: 1, noise: 1, seed: 12},
	{name: "tilt-nl", vector: "NL/2DCode/raw/033-NL-test.json", w: 480, h: 400,
		corners: [4][2]float64{{0.218, 0.788}, {0.269, 0.081}, {0.727, 0.160}, {0.677, 0.772}},
		quiet:   4, blur: 1, noise: 1, seed: 35},
	{name: "tilt-at", vector: "AT/2DCode/raw/1.json", w: 480, h: 400,
		corners: [4][2]float64{{0.341, 0.946}, {0.200, 0.313}, {0.571, 0.194}, {0.680, 0.739}},
		quiet:   4, blur: 1, noise: 1, seed: 24},
	// Held close and a little tilted: the corner nearest the camera runs
	// a module or two out of the frame.
	{name: "edge-cut", vector: "DE/2DCode/raw/1.json", w: 360, h: 300,
		corners: [4][2]float64{{0.16, 0.05}, {0.80, 0.07}, {0.86, 1.015}, {0.12, 0.99}},
		quiet:   4, blur: 2, noise: 1, seed: 25},
	// A highlight over the top-right finder pattern: the row scan finds
	// two patterns, the third is completed from them (pair.go).
	{name: "glare-finder", vector: "IT/2DCode/raw/2.json", w: 400, h: 360,
		corners: [4][2]float64{{0.14, 0.12}, {0.84, 0.15}, {0.82, 0.90}, {0.16, 0.88}},
		quiet:   4, blur: 1, noise: 2, glare: [3]float64{0.79, 0.2, 0.05}, seed: 41},
}

func TestRegressionFrames(t *testing.T) {
	if *updateFrames {
		writeRegressionFrames(t)
	}
	for _, rf := range regressionFrames {
		t.Run(rf.name, func(t *testing.T) {
			want, err := os.ReadFile(filepath.Join(framesDir, rf.name+".txt"))
			if err != nil {
				t.Fatal(err)
			}
			f, err := os.Open(filepath.Join(framesDir, rf.name+".png"))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			img, err := png.Decode(f)
			if err != nil {
				t.Fatal(err)
			}
			if got, err := DecodeImage(img); err != nil || got != string(want) {
				t.Errorf("still: %.20q, %v; want %.20q", got, err, want)
			}
			b := img.Bounds()
			gray := imageGray(img, nil)
			var d FrameDecoder
			if got, err := d.DecodeGray(gray, b.Dx(), b.Dy()); err != nil || got != string(want) {
				t.Errorf("frame: %.20q, %v; want %.20q", got, err, want)
			}
		})
	}
}

func writeRegressionFrames(t *testing.T) {
	if err := os.MkdirAll(framesDir, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, rf := range regressionFrames {
		text := vectorText(t, rf.vector)
		img := rf.render(t, text)
		var buf bytes.Buffer
		if err := (&png.Encoder{CompressionLevel: png.BestCompression}).Encode(&buf, img); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(framesDir, rf.name+".png"), buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(framesDir, rf.name+".txt"), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("%s: %d bytes", rf.name, buf.Len())
	}
}

func vectorText(t *testing.T, name string) string {
	v, err := dgctestdata.ReadFile(filepath.Join(vectorsDirInternal, name))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(v.Prefix, "HC1:") {
		t.Fatalf("%s: no HC1 text", name)
	}
	return v.Prefix
}

const vectorsDirInternal = "../../testdata/dgc-testdata"

// render draws the frame: the symbol mapped through the homography of its
// corners, 3×3 supersampled, then blurred and noised.
func (rf regressionFrame) render(t *testing.T, text string) image.Image {
	bits, err := qrcode.NewQRCodeWriter().Encode(text, gozxing.BarcodeFormat_QR_CODE, 0, 0,
		map[gozxing.EncodeHintType]interface{}{gozxing.EncodeHintType_MARGIN: 0})
	if err != nil {
		t.Fatal(err)
	}
	n := float64(bits.GetWidth())
	var src, dst [][2]float64
	for i, c := range [4][2]float64{{0, 0}, {n, 0}, {n, n}, {0, n}} {
		src = append(src, [2]float64{rf.corners[i][0] * float64(rf.w), rf.corners[i][1] * float64(rf.h)})
		dst = append(dst, c)
	}
	toModule, ok := fitHomography(src, dst, float64(max(rf.w, rf.h)), n)
	if !ok {
		t.Fatal("degenerate corners")
	}
	r := rand.New(rand.NewPCG(rf.seed, 7))
	ink, paper := 30.0, 225.0
	if rf.invert {
		ink, paper = paper, ink
	}
	// code is the luminance the symbol has at frame point (x, y).
	code := func(x, y float64) float64 {
		u, v := toModule.apply(x, y)
		if u < -rf.quiet || v < -rf.quiet || u >= n+rf.quiet || v >= n+rf.quiet {
			if rf.desk > 0 {
				return rf.desk
			}
			return 120 + 40*math.Sin(x/23)*math.Cos(y/31) // a desk
		}
		if u < 0 || v < 0 || u >= n || v >= n {
			return paper
		}
		i, j := int(u), int(v)
		if rf.mirror {
			i = int(n) - 1 - i
		}
		if bits.Get(i, j) {
			return ink
		}
		return paper
	}
	const ss = 3
	lum := make([]float64, rf.w*rf.h)
	for y := 0; y < rf.h; y++ {
		for x := 0; x < rf.w; x++ {
			s := 0.0
			for j := 0; j < ss; j++ {
				for i := 0; i < ss; i++ {
					fx, fy := float64(x)+(float64(i)+0.5)/ss, float64(y)+(float64(j)+0.5)/ss
					if rf.screen > 0 {
						s += screenPixel(fx, fy, rf.screen, code)
					} else {
						s += code(fx, fy)
					}
				}
			}
			v := s / (ss * ss) * (1 - rf.shade*float64(x+y)/float64(rf.w+rf.h))
			if g := rf.glare; g[2] > 0 {
				d := math.Hypot(float64(x)-g[0]*float64(rf.w), float64(y)-g[1]*float64(rf.h)) / (g[2] * float64(rf.w))
				// Twice full white at the centre, clipped to 255 below.
				k := min(1, max(0, 2-2*d))
				v += k * (2*255 - v)
			}
			lum[y*rf.w+x] = v
		}
	}
	for range rf.blur {
		lum = boxBlur3(lum, rf.w, rf.h)
	}
	img := image.NewGray(image.Rect(0, 0, rf.w, rf.h))
	for i, v := range lum {
		v += rf.noise * r.NormFloat64()
		img.Pix[i] = uint8(math.Round(math.Min(math.Max(v, 0), 255)))
	}
	return img
}

// screenPixel is the luminance a camera sees at (x, y) of a screen whose
// pixels are pitch frame pixels wide, slightly rotated, each made of red,
// green and blue vertical stripes (luma weights 0.30, 0.59, 0.11, times 3
// for a stripe a third of the pixel wide) with a dark gap between rows:
// the beat between this lattice and the camera's is the moiré.
func screenPixel(x, y, pitch float64, code func(x, y float64) float64) float64 {
	const a = 0.05 // radians
	sx := (x*math.Cos(a) + y*math.Sin(a)) / pitch
	sy := (-x*math.Sin(a) + y*math.Cos(a)) / pitch
	px, py := math.Floor(sx), math.Floor(sy)
	if sy-py > 0.8 {
		return 5 // the gap between pixel rows
	}
	// The screen shows the code sampled at its pixel's centre.
	cx, cy := (px+0.5)*pitch, (py+0.5)*pitch
	ux := cx*math.Cos(a) - cy*math.Sin(a)
	uy := cx*math.Sin(a) + cy*math.Cos(a)
	v := code(ux, uy)
	weights := [3]float64{0.30, 0.59, 0.11}
	return math.Min(255, v*3*weights[int((sx-px)*3)%3])
}

func boxBlur3(in []float64, w, h int) []float64 {
	out := make([]float64, len(in))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			s, c := 0.0, 0.0
			for j := max(y-1, 0); j <= min(y+1, h-1); j++ {
				for i := max(x-1, 0); i <= min(x+1, w-1); i++ {
					wt := 1.0
					if i == x && j == y {
						wt = 4
					} else if i == x || j == y {
						wt = 2
					}
					s += wt * in[j*w+i]
					c += wt
				}
			}
			out[y*w+x] = s / c
		}
	}
	return out
}
