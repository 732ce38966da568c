// Package camframes makes camera-like frames from clean QR pictures, for
// measuring how well, and how fast, a decoder copes with what a phone camera
// actually delivers.
//
// A frame shows the code on a sheet of paper lying on a textured desk: the
// code's side is about 40 % of the frame height (2–4 pixels per module for
// the dense DCC codes), rotated, slightly tilted, lit unevenly, out of focus
// and with sensor noise. Everything is drawn from a seed: the same seed gives
// the same frame. (Bit-exact across architectures is not promised: math.Exp
// may differ in the last ulp between assembly and pure-Go versions, so the
// benchmarks generate frames natively and ship the bytes to the browser.)
package camframes

import (
	"errors"
	"fmt"
	"image"
	"image/color"
	"math"
	"math/rand/v2"
)

// Sizes are the frame sizes the benchmarks use.
var Sizes = []image.Point{{640, 480}, {1280, 720}}

// ErrNoCode means the picture given to Frame holds no dark pixels.
var ErrNoCode = errors.New("camframes: no code in the picture")

// Frame draws the QR code found in code (a clean picture: dark modules on a
// light background) into a w×h camera-like frame.
func Frame(code image.Image, w, h int, seed uint64) (*image.RGBA, error) {
	return render(code, w, h, seed, nil)
}

// params are the scene, light, optics and sensor of one frame. Frame draws
// them all from the seed, in this order; a category (categories.go) then
// overrides some from its own generator, so that the default frames stay
// what they were.
type params struct {
	side, angle, cx, cy float64 // symbol side (frame pixels), rotation (radians), centre
	tiltX, tiltY        float64 // the slight projective term of the default frames
	paperMargin         float64 // source pixels of paper around the symbol
	ink, paper          float64
	gx, gy              float64 // light gradient
	spx, spy, spr, base float64 // spotlight and base light
	blur                float64 // Gaussian σ, frame pixels
	tint                [3]float64
	noise               float64 // sensor noise σ

	// Set by categories only.
	tilt, tiltAxis      float64 // 3-D tilt of the code's plane (radians) and its axis' direction
	focal               float64 // pinhole focal length (frame pixels) for tilt
	mirror              bool
	screen              *screen
	motion, motionAngle float64    // motion blur length (frame pixels) and direction
	gamma               float64    // 0: none
	glare               [4]float64 // x, y, radius, peak; peak 0: none
	jpeg                int        // JPEG quality, 0: none
}

// screen is a phone screen's pixel grid: pitch frame pixels per screen pixel
// at the code's centre, RGB sub-pixel stripes along the screen's rows.
type screen struct {
	pitch float64
}

func render(code image.Image, w, h int, seed uint64, cat *category) (*image.RGBA, error) {
	if w < 64 || h < 64 || w > 4096 || h > 4096 {
		return nil, fmt.Errorf("camframes: frame %d×%d outside 64…4096", w, h)
	}
	src, sw, bbox, err := symbol(code)
	if err != nil {
		return nil, err
	}
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	uni := func(a, b float64) float64 { return a + (b-a)*r.Float64() }

	var p params
	// Placement: side ≈ 40 % of the height, centre near the frame centre.
	p.side = float64(h) * uni(0.38, 0.46)
	p.angle = uni(-30, 30) * math.Pi / 180
	p.cx = float64(w)/2 + uni(-0.08, 0.08)*float64(w)
	p.cy = float64(h)/2 + uni(-0.08, 0.08)*float64(h)
	// A slight tilt: the far edge is a little shorter (projective term).
	p.tiltX, p.tiltY = uni(-0.1, 0.1), uni(-0.1, 0.1)
	bw := float64(bbox.Dx())
	// paperMargin: the white paper around the code, in source pixels
	// (≥ 4 modules of quiet zone for codes of up to ~100 modules).
	p.paperMargin = bw * uni(0.10, 0.25)
	p.ink = uni(15, 60)
	p.paper = uni(200, 245)
	bg := background(r, w, h)
	// Uneven light: a gradient across the frame and a soft spotlight.
	p.gx, p.gy = uni(-0.5, 0.5), uni(-0.5, 0.5)
	p.spx, p.spy = uni(0, float64(w)), uni(0, float64(h))
	p.spr = uni(0.3, 0.7) * float64(w)
	p.base = uni(0.55, 0.85)
	// Optics: a Gaussian blur, σ from 0.4 to 0.8 pixels (at 2 pixels per
	// module, more than that erases the modules for every decoder).
	p.blur = uni(0.4, 0.8)
	// Sensor: a colour cast and per-channel Gaussian noise.
	p.tint = [3]float64{uni(0.9, 1.1), 1, uni(0.85, 1.1)}
	p.noise = uni(2, 6)
	if cat != nil {
		cat.adjust(&p, rand.New(rand.NewPCG(seed^0x5851f42d4c957f2d, seed)), w, h, measure(src, sw))
	}

	// Render the scene (before optics). Pixels near the paper are
	// supersampled 3×3 (anti-aliased module edges); the desk is not.
	// lum holds one plane per colour channel; they are the same slice
	// unless a screen's sub-pixels make them differ.
	plane := make([]float64, w*h)
	lum := [3][]float64{plane, plane, plane}
	if p.screen != nil {
		lum[1], lum[2] = make([]float64, w*h), make([]float64, w*h)
	}
	ss := 3
	if p.screen != nil {
		ss = 5 // the screen's pixel grid is finer than the frame's
	}
	scale := p.side / bw // frame pixels per source pixel
	cos, sin := math.Cos(p.angle), math.Sin(p.angle)
	half := bw / 2
	lim := half + p.paperMargin
	toPlane := p.planeMap(w, h)
	toCode := func(fx, fy float64) (float64, float64) {
		// Undo the tilt, then the rotation and scale: frame → code
		// coordinates centred on the symbol, in source pixels.
		fx, fy = toPlane(fx, fy)
		u, v := (cos*fx+sin*fy)/scale, (-sin*fx+cos*fy)/scale
		if p.mirror {
			u = -u
		}
		return u, v
	}
	scene := func(u, v float64, bgv float64) float64 {
		if math.Abs(u) > lim || math.Abs(v) > lim {
			return bgv
		}
		sxp := int(math.Floor(u + half + float64(bbox.Min.X)))
		syp := int(math.Floor(v + half + float64(bbox.Min.Y)))
		val := 1.0 // paper
		if sxp >= 0 && syp >= 0 && sxp < sw && syp*sw+sxp < len(src) {
			val = src[syp*sw+sxp]
		}
		return p.ink + (p.paper-p.ink)*val
	}
	margin := 2 / scale // two frame pixels, in source pixels
	var acc [3]float64
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			bgv := bg[y*w+x]
			u, v := toCode(float64(x)+0.5-p.cx, float64(y)+0.5-p.cy)
			if math.Abs(u) > lim+margin || math.Abs(v) > lim+margin {
				for c := range lum {
					lum[c][y*w+x] = bgv
				}
				continue
			}
			acc = [3]float64{}
			for sy := 0; sy < ss; sy++ {
				for sx := 0; sx < ss; sx++ {
					u, v := toCode(float64(x)+(float64(sx)+0.5)/float64(ss)-p.cx, float64(y)+(float64(sy)+0.5)/float64(ss)-p.cy)
					val := scene(u, v, bgv)
					if p.screen != nil && math.Abs(u) <= lim && math.Abs(v) <= lim {
						// The screen lights each channel through its own
						// stripe of every screen pixel.
						sp := p.screen.pitch / scale // source pixels per screen pixel
						fu, fv := frac((u+lim)/sp), frac((v+lim)/sp)
						for c := range acc {
							lit := 0.0
							if fv < 0.85 && fu >= float64(c)/3 && fu < float64(c)/3+0.28 {
								lit = 2.8 // the camera's exposure makes up for the dark gaps
							}
							acc[c] += val * lit
						}
						continue
					}
					for c := range acc {
						acc[c] += val
					}
				}
			}
			for c := range lum {
				lum[c][y*w+x] = acc[c] / float64(ss*ss)
			}
		}
	}

	channels := lum[:1]
	if p.screen != nil {
		channels = lum[:]
	}
	for _, l := range channels {
		p.light(l, w, h)
	}
	for c, l := range channels {
		l = blur(l, w, h, p.blur)
		if p.motion > 0 {
			l = motionBlur(l, w, h, p.motion, p.motionAngle)
		}
		channels[c] = l
	}
	if p.screen == nil {
		lum = [3][]float64{channels[0], channels[0], channels[0]}
	}

	out := image.NewRGBA(image.Rect(0, 0, w, h))
	for i := range plane {
		for c := 0; c < 3; c++ {
			out.Pix[4*i+c] = clamp8(lum[c][i]*p.tint[c] + p.noise*r.NormFloat64())
		}
		out.Pix[4*i+3] = 0xff
	}
	if p.jpeg > 0 {
		return jpegRoundTrip(out, p.jpeg)
	}
	return out, nil
}

// light applies the uneven light, a screen's gamma and a glare spot.
func (p *params) light(lum []float64, w, h int) {
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			nx, ny := float64(x)/float64(w)-0.5, float64(y)/float64(h)-0.5
			dx, dy := float64(x)-p.spx, float64(y)-p.spy
			l := p.base + 0.35*(p.gx*nx+p.gy*ny)*2 + 0.35*math.Exp(-(dx*dx+dy*dy)/(2*p.spr*p.spr))
			v := lum[y*w+x] * math.Max(0.2, math.Min(1.25, l))
			if p.gamma > 0 {
				v = 255 * math.Pow(math.Max(v, 0)/255, p.gamma)
			}
			if g := p.glare; g[3] > 0 {
				dx, dy := float64(x)-g[0], float64(y)-g[1]
				v += g[3] * math.Exp(-(dx*dx+dy*dy)/(2*g[2]*g[2]))
			}
			lum[y*w+x] = v
		}
	}
}

// planeMap returns the map from frame coordinates relative to the code's
// centre to coordinates in the code's plane (frame pixels at the centre).
func (p *params) planeMap(w, h int) func(fx, fy float64) (float64, float64) {
	if p.tilt == 0 {
		return func(fx, fy float64) (float64, float64) {
			d := 1 + (p.tiltX*fx+p.tiltY*fy)/float64(h)
			return fx * d, fy * d
		}
	}
	// A pinhole camera looking at a plane turned by p.tilt about an axis
	// in the image plane: intersect each pixel's ray with the plane.
	ax, ay := math.Cos(p.tiltAxis), math.Sin(p.tiltAxis)
	c, s := math.Cos(p.tilt), math.Sin(p.tilt)
	rot := func(vx, vy, vz float64) (float64, float64, float64) { // Rodrigues about (ax, ay, 0)
		dot := ax*vx + ay*vy
		cx, cy, cz := ay*vz, -ax*vz, ax*vy-ay*vx // axis × v
		return vx*c + cx*s + ax*dot*(1-c), vy*c + cy*s + ay*dot*(1-c), vz*c + cz*s
	}
	e1x, e1y, e1z := rot(1, 0, 0)
	e2x, e2y, e2z := rot(0, 1, 0)
	nx, ny, nz := rot(0, 0, 1)
	f := p.focal
	// The code's centre, on the optical axis' plane at depth f.
	ox, oy, oz := p.cx-float64(w)/2, p.cy-float64(h)/2, f
	num := nx*ox + ny*oy + nz*oz
	return func(fx, fy float64) (float64, float64) {
		dx, dy, dz := ox+fx, oy+fy, f
		den := nx*dx + ny*dy + nz*dz
		if den <= 1e-9 {
			return math.Inf(1), math.Inf(1)
		}
		t := num / den
		qx, qy, qz := t*dx-ox, t*dy-oy, t*dz-oz
		return qx*e1x + qy*e1y + qz*e1z, qx*e2x + qy*e2y + qz*e2z
	}
}

func frac(v float64) float64 { return v - math.Floor(v) }

// motionBlur averages each pixel along a segment of length n pixels in
// direction angle (a camera moving during the exposure).
func motionBlur(in []float64, w, h int, n, angle float64) []float64 {
	steps := int(math.Ceil(n)) + 1
	dx, dy := math.Cos(angle), math.Sin(angle)
	out := make([]float64, w*h)
	at := func(x, y float64) float64 {
		x, y = math.Max(0, math.Min(x, float64(w-1))), math.Max(0, math.Min(y, float64(h-1)))
		x0, y0 := int(x), int(y)
		x1, y1 := min(x0+1, w-1), min(y0+1, h-1)
		fx, fy := x-float64(x0), y-float64(y0)
		a := in[y0*w+x0]*(1-fx) + in[y0*w+x1]*fx
		b := in[y1*w+x0]*(1-fx) + in[y1*w+x1]*fx
		return a*(1-fy) + b*fy
	}
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			acc := 0.0
			for i := 0; i < steps; i++ {
				t := n*float64(i)/float64(steps-1) - n/2
				acc += at(float64(x)+t*dx, float64(y)+t*dy)
			}
			out[y*w+x] = acc / float64(steps)
		}
	}
	return out
}

// symbol returns the code picture as lightness in [0,1] (row-major, width
// sw) and the bounding box of its dark pixels, i.e. the symbol without its
// quiet zone.
func symbol(code image.Image) ([]float64, int, image.Rectangle, error) {
	b := code.Bounds()
	sw, sh := b.Dx(), b.Dy()
	if sw == 0 || sh == 0 || sw > 4096 || sh > 4096 {
		return nil, 0, image.Rectangle{}, fmt.Errorf("camframes: code picture %d×%d outside 1…4096", sw, sh)
	}
	src := make([]float64, sw*sh)
	box := image.Rect(sw, sh, 0, 0)
	for y := 0; y < sh; y++ {
		for x := 0; x < sw; x++ {
			g := color.GrayModel.Convert(code.At(b.Min.X+x, b.Min.Y+y)).(color.Gray).Y
			if g < 128 {
				src[y*sw+x] = 0
				box = box.Union(image.Rect(x, y, x+1, y+1))
			} else {
				src[y*sw+x] = 1
			}
		}
	}
	if box.Empty() {
		return nil, 0, image.Rectangle{}, ErrNoCode
	}
	return src, sw, box, nil
}

// background is a desk-like texture: smooth blotches, a wood-like grain and a
// few dark strokes (print, edges) that a finder-pattern search must ignore.
func background(r *rand.Rand, w, h int) []float64 {
	bg := make([]float64, w*h)
	base := 60 + 120*r.Float64()
	// Low-frequency value noise on a coarse grid, bilinearly interpolated.
	const cell = 48
	gw, gh := w/cell+2, h/cell+2
	grid := make([]float64, gw*gh)
	for i := range grid {
		grid[i] = r.Float64()*60 - 30
	}
	freq := 0.02 + 0.06*r.Float64()
	phase := r.Float64() * 2 * math.Pi
	for y := 0; y < h; y++ {
		rowPhase := float64(y)*freq*0.3 + phase + 3*math.Sin(float64(y)*0.01)
		for x := 0; x < w; x++ {
			gxf, gyf := float64(x)/cell, float64(y)/cell
			ix, iy := int(gxf), int(gyf)
			fx, fy := gxf-float64(ix), gyf-float64(iy)
			a := grid[iy*gw+ix]*(1-fx) + grid[iy*gw+ix+1]*fx
			b := grid[(iy+1)*gw+ix]*(1-fx) + grid[(iy+1)*gw+ix+1]*fx
			grain := 12 * sinLUT(float64(x)*freq+rowPhase)
			bg[y*w+x] = base + a*(1-fy) + b*fy + grain
		}
	}
	// Dark strokes: short axis-aligned bars like printed text.
	for n := 0; n < 40; n++ {
		x0, y0 := r.IntN(w), r.IntN(h)
		bw, bh := 3+r.IntN(40), 2+r.IntN(6)
		if r.IntN(2) == 0 {
			bw, bh = bh, bw
		}
		v := 10 + 40*r.Float64()
		for y := y0; y < y0+bh && y < h; y++ {
			for x := x0; x < x0+bw && x < w; x++ {
				bg[y*w+x] = v
			}
		}
	}
	return bg
}

// blur applies a separable Gaussian of standard deviation sigma (pixels).
func blur(in []float64, w, h int, sigma float64) []float64 {
	rad := int(math.Ceil(3 * sigma))
	k := make([]float64, 2*rad+1)
	sum := 0.0
	for i := range k {
		d := float64(i - rad)
		k[i] = math.Exp(-d * d / (2 * sigma * sigma))
		sum += k[i]
	}
	for i := range k {
		k[i] /= sum
	}
	tmp := make([]float64, w*h)
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			acc := 0.0
			for i, kv := range k {
				xx := min(max(x+i-rad, 0), w-1)
				acc += kv * in[y*w+xx]
			}
			tmp[y*w+x] = acc
		}
	}
	out := make([]float64, w*h)
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			acc := 0.0
			for i, kv := range k {
				yy := min(max(y+i-rad, 0), h-1)
				acc += kv * tmp[yy*w+x]
			}
			out[y*w+x] = acc
		}
	}
	return out
}

func clamp8(v float64) uint8 {
	switch {
	case v <= 0:
		return 0
	case v >= 255:
		return 255
	}
	return uint8(v + 0.5)
}

// Sample is one generated frame and the text its code holds.
type Sample struct {
	Name  string // the vector it came from
	Text  string
	Frame *image.RGBA
}

// Set makes n frames of w×h from n distinct codes spread evenly over vs
// (only vectors whose picture is meant to decode), seeded by position and
// size so that each frame is reproducible on its own.
func Set(vs []Vector, n, w, h int) ([]Sample, error) {
	ok := decodable(vs)
	if len(ok) < n {
		return nil, fmt.Errorf("camframes: %d distinct decodable codes, need %d", len(ok), n)
	}
	out := make([]Sample, n)
	for i := range out {
		v := ok[i*len(ok)/n]
		f, err := Frame(v.Image, w, h, uint64(w)<<40|uint64(h)<<20|uint64(i))
		if err != nil {
			return nil, fmt.Errorf("%s: %w", v.Name, err)
		}
		out[i] = Sample{Name: v.Name, Text: v.Text, Frame: f}
	}
	return out, nil
}

// decodable returns the vectors with a picture meant to decode, one per
// distinct text, in order.
func decodable(vs []Vector) []Vector {
	var ok []Vector
	seen := map[string]bool{}
	for _, v := range vs {
		if v.Image == nil || (v.PictureDecode != nil && !*v.PictureDecode) || seen[v.Text] {
			continue
		}
		seen[v.Text] = true
		ok = append(ok, v)
	}
	return ok
}

// sinTable holds one period of sin; the desk grain needs no more precision
// than a 1024-entry table and math.Sin per pixel was most of the cost.
var sinTable = func() (t [1024]float64) {
	for i := range t {
		t[i] = math.Sin(2 * math.Pi * float64(i) / float64(len(t)))
	}
	return t
}()

func sinLUT(a float64) float64 {
	i := int(math.Floor(a/(2*math.Pi)*float64(len(sinTable)))) % len(sinTable)
	if i < 0 {
		i += len(sinTable)
	}
	return sinTable[i]
}
