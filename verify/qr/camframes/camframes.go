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

// Frame sizes used by the benchmarks.
var Sizes = []image.Point{{640, 480}, {1280, 720}}

// ErrNoCode means the picture given to Frame holds no dark pixels.
var ErrNoCode = errors.New("camframes: no code in the picture")

// Frame draws the QR code found in code (a clean picture: dark modules on a
// light background) into a w×h camera-like frame.
func Frame(code image.Image, w, h int, seed uint64) (*image.RGBA, error) {
	if w < 64 || h < 64 || w > 4096 || h > 4096 {
		return nil, fmt.Errorf("camframes: frame %d×%d outside 64…4096", w, h)
	}
	src, sw, bbox, err := symbol(code)
	if err != nil {
		return nil, err
	}
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	uni := func(a, b float64) float64 { return a + (b-a)*r.Float64() }

	// Placement: side ≈ 40 % of the height, centre near the frame centre.
	side := float64(h) * uni(0.38, 0.46)
	angle := uni(-30, 30) * math.Pi / 180
	cx := float64(w)/2 + uni(-0.08, 0.08)*float64(w)
	cy := float64(h)/2 + uni(-0.08, 0.08)*float64(h)
	// A slight tilt: the far edge is a little shorter (projective term).
	tiltX, tiltY := uni(-0.1, 0.1), uni(-0.1, 0.1)
	bw := float64(bbox.Dx())
	scale := side / bw // frame pixels per source pixel
	cos, sin := math.Cos(angle), math.Sin(angle)
	// paperMargin: the white paper around the code, in source pixels
	// (≥ 4 modules of quiet zone for codes of up to ~100 modules).
	paperMargin := bw * uni(0.10, 0.25)

	ink := uni(15, 60)
	paper := uni(200, 245)
	bg := background(r, w, h)

	// Render the scene (before optics). Pixels near the paper are
	// supersampled 3×3 (anti-aliased module edges); the desk is not.
	lum := make([]float64, w*h)
	const ss = 3
	half := bw / 2
	lim := half + paperMargin
	toCode := func(fx, fy float64) (float64, float64) {
		// Undo the tilt, then the rotation and scale: frame → code
		// coordinates centred on the symbol, in source pixels.
		d := 1 + (tiltX*fx+tiltY*fy)/float64(h)
		fx, fy = fx*d, fy*d
		return (cos*fx + sin*fy) / scale, (-sin*fx + cos*fy) / scale
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
		return ink + (paper-ink)*val
	}
	margin := 2 / scale // two frame pixels, in source pixels
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			bgv := bg[y*w+x]
			u, v := toCode(float64(x)+0.5-cx, float64(y)+0.5-cy)
			if math.Abs(u) > lim+margin || math.Abs(v) > lim+margin {
				lum[y*w+x] = bgv
				continue
			}
			acc := 0.0
			for sy := 0; sy < ss; sy++ {
				for sx := 0; sx < ss; sx++ {
					u, v := toCode(float64(x)+(float64(sx)+0.5)/ss-cx, float64(y)+(float64(sy)+0.5)/ss-cy)
					acc += scene(u, v, bgv)
				}
			}
			lum[y*w+x] = acc / (ss * ss)
		}
	}

	// Uneven light: a gradient across the frame and a soft spotlight.
	gx, gy := uni(-0.5, 0.5), uni(-0.5, 0.5)
	spx, spy := uni(0, float64(w)), uni(0, float64(h))
	spr := uni(0.3, 0.7) * float64(w)
	base := uni(0.55, 0.85)
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			nx, ny := float64(x)/float64(w)-0.5, float64(y)/float64(h)-0.5
			dx, dy := float64(x)-spx, float64(y)-spy
			l := base + 0.35*(gx*nx+gy*ny)*2 + 0.35*math.Exp(-(dx*dx+dy*dy)/(2*spr*spr))
			lum[y*w+x] *= math.Max(0.2, math.Min(1.25, l))
		}
	}

	// Optics: a Gaussian blur, σ from 0.4 to 0.8 pixels (at 2 pixels per
	// module, more than that erases the modules for every decoder).
	lum = blur(lum, w, h, uni(0.4, 0.8))

	// Sensor: a colour cast and per-channel Gaussian noise.
	tint := [3]float64{uni(0.9, 1.1), 1, uni(0.85, 1.1)}
	sigma := uni(2, 6)
	out := image.NewRGBA(image.Rect(0, 0, w, h))
	for i, l := range lum {
		for c := 0; c < 3; c++ {
			out.Pix[4*i+c] = clamp8(l*tint[c] + sigma*r.NormFloat64())
		}
		out.Pix[4*i+3] = 0xff
	}
	return out, nil
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
	var ok []Vector
	seen := map[string]bool{}
	for _, v := range vs {
		if v.Image == nil || (v.PictureDecode != nil && !*v.PictureDecode) || seen[v.Text] {
			continue
		}
		seen[v.Text] = true
		ok = append(ok, v)
	}
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
