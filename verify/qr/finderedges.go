package qr

import (
	"math"

	"github.com/makiuchi-d/gozxing"
)

// Perspective from the finder patterns' own edges.
//
// A code held close to the lens, or seen at a slant, is a trapezoid, not a
// parallelogram. Symbols of version 7 and up carry enough alignment
// patterns to map it; versions 1–6 have one or none, and the grid taken
// from three finder centres misses the far corner by modules. But each
// finder pattern is itself a 7×7 square with three sharp rings: along a line
// through its centre the luminance crosses mid-grey 1.5, 2.5 and 3.5
// modules out on each side. Those crossings, on four rays per pattern, give
// 36 points whose symbol coordinates are known, spread over three corners
// of the symbol, enough for a homography that follows the perspective.

// finderEdgeGrid fits the symbol of dimension dim from the ring edges of
// its finder patterns at tl, tr and bl. The ray directions start from the
// parallelogram of the centres; a second pass measures again along the
// axes of the first fit (a ray off the pattern's axis meets the rings
// away from the symbol coordinates assigned to them).
func (l *luminance) finderEdgeGrid(tl, tr, bl gozxing.ResultPoint, dim int) (grid, bool) {
	d := float64(dim)
	centres := [3][2]float64{{tl.GetX(), tl.GetY()}, {tr.GetX(), tr.GetY()}, {bl.GetX(), bl.GetY()}}
	symbol := [3][2]float64{{3.5, 3.5}, {d - 3.5, 3.5}, {3.5, d - 3.5}}
	ex := [2]float64{(centres[1][0] - centres[0][0]) / (d - 7), (centres[1][1] - centres[0][1]) / (d - 7)}
	ey := [2]float64{(centres[2][0] - centres[0][0]) / (d - 7), (centres[2][1] - centres[0][1]) / (d - 7)}
	axes := func(f int) ([2]float64, [2]float64) { return ex, ey }
	var h homography
	for pass := 0; pass < 2; pass++ {
		src := make([][2]float64, 0, 39)
		dst := make([][2]float64, 0, 39)
		for f, c := range centres {
			src = append(src, symbol[f])
			dst = append(dst, c)
			ax, ay := axes(f)
			for _, r := range [4]struct {
				e      [2]float64
				sx, sy float64 // unit step in symbol coordinates
			}{{ax, 1, 0}, {neg(ax), -1, 0}, {ay, 0, 1}, {neg(ay), 0, -1}} {
				edges, n := l.ringEdges(c, r.e)
				for k := 0; k < n; k++ {
					m := 1.5 + float64(k)
					src = append(src, [2]float64{symbol[f][0] + m*r.sx, symbol[f][1] + m*r.sy})
					dst = append(dst, [2]float64{c[0] + edges[k]*r.e[0], c[1] + edges[k]*r.e[1]})
				}
			}
		}
		if len(src) < 24 {
			return grid{}, false
		}
		nh, ok := fitHomography(src, dst, d, 1000)
		if !ok {
			return grid{}, false
		}
		h = nh
		axes = func(f int) ([2]float64, [2]float64) { return h.jacobian(symbol[f][0], symbol[f][1]) }
	}
	return grid{dim: dim, h: h}, true
}

func neg(e [2]float64) [2]float64 { return [2]float64{-e[0], -e[1]} }

// ringEdges walks from a finder centre c along e (about one module per
// unit) and returns where the luminance crosses mid-grey leaving the dark
// core, entering the dark ring and leaving it (nominally 1.5, 2.5 and 3.5
// units), in units of e. n is how many of the three it found consistent
// with a pattern of that shape: 3, 2 (the outer ring runs out of the
// picture or into dark surroundings) or 0.
func (l *luminance) ringEdges(c, e [2]float64) (edges [3]float64, n int) {
	const step = 0.125
	const maxT = 6.0 // a ring up to 1.7× the estimated module size
	var prof [int(maxT/step) + 1]float64
	np := 0
	for ; np < len(prof); np++ {
		t := float64(np) * step
		v, ok := l.bilinear(c[0]+t*e[0], c[1]+t*e[1])
		if !ok {
			break
		}
		prof[np] = v
	}
	if np < int(3/step) {
		return edges, 0
	}
	// Dark: the core (the first half module); light: the brightest of the
	// light ring's possible places.
	dark, light := 0.0, 0.0
	for i := 0; i <= int(0.5/step); i++ {
		dark += prof[i]
	}
	dark /= float64(int(0.5/step) + 1)
	for i := int(0.75 / step); i < min(np, int(4/step)); i++ {
		light = math.Max(light, prof[i])
	}
	if light-dark < minDynamicRange {
		return edges, 0
	}
	mid := (dark + light) / 2
	above := false
	for i := 1; i < np && n < 3; i++ {
		if (prof[i] > mid) != above {
			// Linear interpolation between samples i−1 and i.
			f := (mid - prof[i-1]) / (prof[i] - prof[i-1])
			edges[n] = (float64(i-1) + f) * step
			n++
			above = !above
		}
	}
	if n < 2 {
		return edges, 0
	}
	// The crossings of a square ring pattern are at 1.5 : 2.5 : 3.5 module.
	u := edges[1] / 2.5
	if math.Abs(edges[0]-1.5*u) > 0.4*u || u < 0.5 || u > 1.7 {
		return edges, 0
	}
	if n == 3 && math.Abs(edges[2]-3.5*u) > 0.4*u {
		n = 2
	}
	return edges, n
}
