package camframes

import (
	"bytes"
	"fmt"
	"image"
	"image/jpeg"
	"math"
	"math/rand/v2"
	"slices"
)

// Categories are the kinds of hard frames a door scanner meets (issue 11),
// each made by CategorySet. The default frames of Set are none of these.
var Categories = []string{
	"tilt",     // the code's plane turned 25–45° away from the camera
	"close",    // the code (with its quiet zone) at 85–110 % of the scan window's side
	"screen",   // on a phone screen: RGB sub-pixel stripes and moiré, gamma, a glare spot
	"rotation", // any angle, 0–360°
	"defocus",  // Gaussian blur σ 1.5–2.5 px, code at 4.5–7 px per module
	"motion",   // motion blur over 7–15 px, symbol at 70–90 % of the height
	"dim",      // little light, strong sensor noise
	"small",    // 1.5–2 px per module
	"jpeg",     // JPEG quality 20–40
	"dense",    // versions 25–40 (generated HC1 texts, see DenseCode)
	"inverted", // light modules on a dark ground
	"mirrored", // the symbol seen mirrored
}

// category adjusts a frame's params; r is its own generator, so the
// default draws stay those of Frame.
type category struct {
	name string
}

func (c *category) adjust(p *params, r *rand.Rand, w, h int, g geometry) {
	uni := func(a, b float64) float64 { return a + (b-a)*r.Float64() }
	H := float64(h)
	switch c.name {
	case "tilt":
		p.side = H * uni(0.45, 0.6)
		p.tiltX, p.tiltY = 0, 0
		p.tilt = uni(25, 45) * math.Pi / 180
		p.tiltAxis = uni(0, 2*math.Pi)
		p.focal = 0.8 * float64(w) // a phone's main camera, about 65° across
	case "close":
		// The scan window is the centred square as high as the frame: the
		// code and its 4-module quiet zone span 85–110 % of it, so the
		// quiet zone, and at 110 % a little of the symbol, may be cut.
		p.side = H * uni(0.85, 1.10) / (g.mods + 8) * g.pic
		p.angle = uni(-6, 6) * math.Pi / 180
		p.cx = float64(w)/2 + uni(-0.03, 0.03)*H
		p.cy = H/2 + uni(-0.03, 0.03)*H
		p.paperMargin = p.paperMargin * 0.3 // a card or screen edge soon after the quiet zone
	case "screen":
		// A phone at 400–500 ppi shows a DCC's module as 4–8 screen
		// pixels; the camera sees a module as a few of its pixels, so the
		// screen's pixel grid is finer than the camera's: moiré.
		p.side = H * uni(0.6, 0.95) // held close to the scanner (fit trims it)
		p.screen = &screen{pitch: p.side / g.pic / uni(4, 8)}
		p.ink, p.paper = uni(5, 30), uni(150, 230)
		p.gamma = uni(0.6, 1.8)
		p.glare = [4]float64{p.cx + uni(-0.3, 0.3)*p.side, p.cy + uni(-0.3, 0.3)*p.side, uni(0.04, 0.12) * H, uni(80, 220)}
		p.paperMargin *= 0.5
	case "rotation":
		p.angle = uni(0, 2*math.Pi)
	case "defocus":
		// Out of focus: held too close for the lens, so the code is large
		// (4.5–7 px per module); at the default size (3–4) σ 1.5–2.5
		// erases the modules for every decoder.
		p.side = g.pic * math.Min(uni(4.5, 7), 0.9*H/g.mods)
		p.blur = uni(1.5, 2.5)
	case "motion":
		// A hand moving the phone towards the scanner: the symbol large,
		// 70–90 % of the height (6–7 px per module for a DCC code at 720
		// px, less once fit has made room for its rotation), the blur
		// over 1–2.5 modules.
		p.side = g.pic * uni(0.7, 0.9) * H / g.mods
		p.motion = uni(7, 15)
		p.motionAngle = uni(0, math.Pi)
	case "dim":
		p.base = uni(0.12, 0.25)
		p.noise = uni(6, 12)
	case "small":
		p.side = g.pic * uni(1.5, 2.0)
	case "jpeg":
		p.jpeg = 20 + r.IntN(21)
	case "dense":
		// Dense codes are shown larger: 2.5–3.5 px per module, up to 90 %
		// of the height.
		p.side = g.pic * math.Min(uni(2.5, 3.5), 0.9*H/g.mods)
	case "inverted":
		p.ink, p.paper = p.paper, p.ink
	case "mirrored":
		p.mirror = true
	}
	if c.name != "close" {
		p.fit(g, w, h)
	}
}

// fit shrinks and moves the symbol so that, rotated, it lies in the frame
// with a margin: only the close-up category is about codes cut by the
// frame's edge. (Tilt's perspective is left alone: its symbol is small
// enough.)
func (p *params) fit(g geometry, w, h int) {
	sym := p.side * g.mods / g.pic
	ext := sym * (math.Abs(math.Cos(p.angle)) + math.Abs(math.Sin(p.angle)))
	if lim := 0.92 * float64(h); ext > lim {
		p.side *= lim / ext
		ext = lim
	}
	clampTo := func(c, size float64) float64 {
		d := (size - ext) / 2
		return math.Max(size/2-d, math.Min(size/2+d, c))
	}
	p.cx, p.cy = clampTo(p.cx, float64(w)), clampTo(p.cy, float64(h))
}

// CategoryFrame draws code into a w×h frame of the named category.
func CategoryFrame(name string, code image.Image, w, h int, seed uint64) (*image.RGBA, error) {
	if !slices.Contains(Categories, name) {
		return nil, fmt.Errorf("camframes: no category %q", name)
	}
	return render(code, w, h, seed, &category{name})
}

// CategorySet makes n frames of w×h of the named category, like Set: n
// distinct dgc-testdata codes spread evenly over vs, except for "dense",
// whose codes DenseCode generates. Each frame's seed comes from the
// category, the size and its position.
func CategorySet(name string, vs []Vector, n, w, h int) ([]Sample, error) {
	ci := slices.Index(Categories, name)
	if ci < 0 {
		return nil, fmt.Errorf("camframes: no category %q", name)
	}
	if n < 0 || n > 1000 {
		return nil, fmt.Errorf("camframes: %d frames, outside 0…1000", n)
	}
	out := make([]Sample, n)
	var ok []Vector
	if name != "dense" {
		ok = decodable(vs)
		if len(ok) < n {
			return nil, fmt.Errorf("camframes: %d distinct decodable codes, need %d", len(ok), n)
		}
	}
	for i := range out {
		seed := uint64(ci+1)<<56 | uint64(w)<<40 | uint64(h)<<20 | uint64(i)
		var s Sample
		var code image.Image
		if name == "dense" {
			text, img, v, err := DenseCode(seed)
			if err != nil {
				return nil, err
			}
			s.Name, s.Text, code = fmt.Sprintf("dense-v%d-%02d", v, i), text, img
		} else {
			v := ok[i*len(ok)/n]
			s.Name, s.Text, code = v.Name, v.Text, v.Image
		}
		f, err := render(code, w, h, seed, &category{name})
		if err != nil {
			return nil, fmt.Errorf("%s %s: %w", name, s.Name, err)
		}
		s.Frame = f
		out[i] = s
	}
	return out, nil
}

// geometry is a code picture's size in modules: the symbol's width, and the
// whole picture's (the symbol and the margin around it).
type geometry struct{ mods, pic float64 }

// measure finds the symbol's dark bounding box and its module size: the
// top-left finder pattern's first row is 7 modules of dark. (symbol's box is
// the whole picture: image.Rect orders its corners; the default frames are
// made with that box and must stay as they are.)
func measure(src []float64, sw int) geometry {
	sh := len(src) / sw
	x0, y0, x1 := sw, sh, -1
	for y := 0; y < sh; y++ {
		for x := 0; x < sw; x++ {
			if src[y*sw+x] == 0 {
				x0, x1 = min(x0, x), max(x1, x)
				y0 = min(y0, y)
			}
		}
	}
	if x1 < 0 {
		return geometry{25, 33}
	}
	run := 0
	for x := x0; x < sw && src[y0*sw+x] == 0; x++ {
		run++
	}
	if run < 7 || x1 <= x0 {
		return geometry{25, 33} // not a finder pattern's row: assume a small code
	}
	mod := float64(run) / 7
	return geometry{float64(x1-x0+1) / mod, float64(sw) / mod}
}

func jpegRoundTrip(img *image.RGBA, q int) (*image.RGBA, error) {
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: q}); err != nil {
		return nil, err
	}
	dec, err := jpeg.Decode(&buf)
	if err != nil {
		return nil, err
	}
	b := dec.Bounds()
	out := image.NewRGBA(b)
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := dec.At(x, y).RGBA()
			i := out.PixOffset(x, y)
			out.Pix[i], out.Pix[i+1], out.Pix[i+2], out.Pix[i+3] = uint8(r>>8), uint8(g>>8), uint8(bl>>8), 0xff
		}
	}
	return out, nil
}
