//go:build ignore

// gen draws Passcheck's icons (a white check mark inside QR-style corner
// brackets on green) so that the app ships no remote or third-party artwork.
// Run from this folder: go run gen.go
package main

import (
	"image"
	"image/color"
	"image/png"
	"math"
	"os"
)

var (
	green = color.RGBA{0x0b, 0x7a, 0x3e, 0xff}
	white = color.RGBA{0xff, 0xff, 0xff, 0xff}
)

func main() {
	write("icon-192.png", draw(192, 0.22, 1.0))
	write("icon-512.png", draw(512, 0.22, 1.0))
	// Maskable: full-bleed background, artwork inside the 80 % safe circle.
	write("icon-maskable-512.png", draw(512, 0, 0.72))
}

// draw renders a size×size icon; radius is the corner radius as a fraction
// of size (0 for a full square), scale shrinks the artwork about the centre.
func draw(size int, radius, scale float64) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, size, size))
	s := float64(size)
	r := radius * s
	for y := 0; y < size; y++ {
		for x := 0; x < size; x++ {
			px, py := float64(x)+0.5, float64(y)+0.5
			if !inRoundRect(px, py, s, r) {
				continue
			}
			img.Set(x, y, green)
			// Artwork in unit coordinates centred on 0.5.
			u := (px/s-0.5)/scale + 0.5
			v := (py/s-0.5)/scale + 0.5
			if brackets(u, v) || check(u, v) {
				img.Set(x, y, white)
			}
		}
	}
	return img
}

func inRoundRect(x, y, s, r float64) bool {
	if r == 0 {
		return true
	}
	cx := math.Max(r, math.Min(s-r, x))
	cy := math.Max(r, math.Min(s-r, y))
	return math.Hypot(x-cx, y-cy) <= r
}

// brackets: four L-shaped corners of a scan window.
func brackets(u, v float64) bool {
	const lo, hi, arm, w = 0.2, 0.8, 0.16, 0.045
	for _, cx := range []float64{lo, hi} {
		for _, cy := range []float64{lo, hi} {
			dx, dy := u-cx, v-cy
			if cx == hi {
				dx = -dx
			}
			if cy == hi {
				dy = -dy
			}
			if (dx >= 0 && dx <= arm && dy >= 0 && dy <= w) || (dy >= 0 && dy <= arm && dx >= 0 && dx <= w) {
				return true
			}
		}
	}
	return false
}

// check: a thick check mark made of two segments.
func check(u, v float64) bool {
	const w = 0.055
	return segDist(u, v, 0.33, 0.52, 0.45, 0.64) <= w || segDist(u, v, 0.45, 0.64, 0.68, 0.38) <= w
}

func segDist(px, py, ax, ay, bx, by float64) float64 {
	dx, dy := bx-ax, by-ay
	t := ((px-ax)*dx + (py-ay)*dy) / (dx*dx + dy*dy)
	t = math.Max(0, math.Min(1, t))
	return math.Hypot(px-(ax+t*dx), py-(ay+t*dy))
}

func write(name string, img image.Image) {
	f, err := os.Create(name)
	if err != nil {
		panic(err)
	}
	if err := png.Encode(f, img); err != nil {
		panic(err)
	}
	if err := f.Close(); err != nil {
		panic(err)
	}
}
