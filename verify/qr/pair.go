package qr

import (
	"math"
	"sort"

	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/qrcode/decoder"
	"github.com/makiuchi-d/gozxing/qrcode/detector"
)

// A specular highlight, a stain or a tear over one corner of a symbol
// wipes out its finder pattern there, while the other two and most of the
// data (which error correction covers) still read. The row scan then finds
// two patterns and no triple. Two finder patterns of one symbol fix the
// third up to six places: the two are adjacent corners (the third lies a
// side's length square off either of them, on either side) or opposite
// ones (it lies half a diagonal square off their midpoint, on either
// side). A square's places are modules off once the view foreshortens
// the symbol, so the patterns' own axes give more (axisPlaces). Each
// place is searched for the finder template in the gray picture, and the
// places that show one best, relative to the two found, are read as
// triples; the grid fits (refine) then correct the guess.
// A wrong guess costs one readTriple and does not decode: Reed–Solomon
// rejects it.

// pairTriples returns up to n finder triples completed from pairs of the
// candidates cs, most likely first.
func (l *luminance) pairTriples(cs []*detector.FinderPattern, n int) []*detector.FinderPatternInfo {
	// The candidates confirmed most often: bounds the pairs to 15.
	cs = append([]*detector.FinderPattern(nil), cs...)
	sort.SliceStable(cs, func(i, j int) bool { return cs[i].GetCount() > cs[j].GetCount() })
	cs = cs[:min(len(cs), maxPairCands)]
	type guess struct {
		a, b  *detector.FinderPattern
		x, y  float64
		ms    float64
		score float64 // the third's template contrast over the weaker found one's
	}
	var gs []guess
	for i := range cs {
		for j := i + 1; j < len(cs); j++ {
			a, b := cs[i], cs[j]
			ma, mb := a.GetEstimatedModuleSize(), b.GetEstimatedModuleSize()
			if max(ma, mb) > 1.5*min(ma, mb) {
				continue
			}
			ms := (ma + mb) / 2
			vx, vy := b.GetX()-a.GetX(), b.GetY()-a.GetY()
			dist := math.Hypot(vx, vy)
			// Adjacent finder centres are 14 (version 1) to 170 modules
			// apart, opposite ones √2 times that.
			if dist < 13*ms || dist > 250*ms {
				continue
			}
			px, py := -vy, vx // v turned a quarter
			// The symbol's axes: along v and across it when a and b are
			// adjacent corners, at 45° to v when they are opposite. Finder
			// patterns match the template on the symbol's axes, far less
			// at 45°: that tells which of the two the pair is.
			ux, uy := vx/dist*ms, vy/dist*ms
			dx, dy := (ux-uy)/math.Sqrt2, (uy+ux)/math.Sqrt2
			ex, ey := [2]float64{ux, uy}, [2]float64{-uy, ux}
			ref := min(l.patternScore(a.GetX(), a.GetY(), ex, ey, finderTemplate),
				l.patternScore(b.GetX(), b.GetY(), ex, ey, finderTemplate))
			places := [][2]float64{
				{a.GetX() + px, a.GetY() + py}, {a.GetX() - px, a.GetY() - py},
				{b.GetX() + px, b.GetY() + py}, {b.GetX() - px, b.GetY() - py},
			}
			dex, dey := [2]float64{dx, dy}, [2]float64{-dy, dx}
			if r := min(l.patternScore(a.GetX(), a.GetY(), dex, dey, finderTemplate),
				l.patternScore(b.GetX(), b.GetY(), dex, dey, finderTemplate)); r > ref {
				ref, ex, ey = r, dex, dey
				places = [][2]float64{
					{a.GetX() + vx/2 + px/2, a.GetY() + vy/2 + py/2},
					{a.GetX() + vx/2 - px/2, a.GetY() + vy/2 - py/2},
				}
			}
			if !(ref > 0) {
				continue // not finder patterns
			}
			// The places a square symbol would have, then those the
			// patterns' own axes give (axisPlaces), which follow a
			// foreshortened or skewed view.
			for k, c := range append(places, l.axisPlaces(a, b, ex, ey, len(places) == 2)...) {
				x, y, s := c[0], c[1], 0.0
				if k < len(places) {
					// Perspective moves the third corner from where a
					// square would put it: search ±3 modules, then refine.
					x, y, s = l.search(c[0], c[1], ex, ey, 3, 1, finderTemplate)
				} else {
					s = l.patternScore(x, y, ex, ey, finderTemplate)
				}
				if s > 0 {
					x, y, s = l.search(x, y, ex, ey, 2, 0.25, finderTemplate)
				}
				score := s / ref
				if score < minPairScore {
					// A pattern under a highlight shows no contrast
					// but clipped white: the guess stands as it is.
					if !l.blownOut(c[0], c[1], ex, ey) {
						continue
					}
					x, y, score = c[0], c[1], minPairScore
				}
				gs = append(gs, guess{a, b, x, y, ms, score})
			}
		}
	}
	sort.SliceStable(gs, func(i, j int) bool { return gs[i].score > gs[j].score })
	var out []*detector.FinderPatternInfo
	for _, g := range gs {
		if len(out) >= n {
			break
		}
		c := detector.NewFinderPattern(g.x, g.y, g.ms, 1)
		p0, p1, p2 := gozxing.ResultPoint_OrderBestPatterns(g.a, g.b, c)
		out = append(out, detector.NewFinderPatternInfo(p0.(*detector.FinderPattern), p1.(*detector.FinderPattern), p2.(*detector.FinderPattern)))
	}
	return out
}

const (
	// maxPairCands bounds the candidates paired (15 pairs, up to 8
	// guesses each).
	maxPairCands = 6
	// minPairScore: the guessed third must show at least this fraction of
	// the found patterns' contrast (a highlight leaves some; paper or data
	// modules where no pattern is show little or none).
	minPairScore = 0.2
	// maxPairTriples bounds the completed triples read per picture: three
	// places, each often guessed twice (a square's place and an axis
	// place finding the same pattern a pixel apart).
	maxPairTriples = 6
)

// readPairs reads the triples pairTriples completes from the candidates of
// the row scan of m.
func (d *FrameDecoder) readPairs(m *gozxing.BitMatrix) (string, bool) {
	f, row := scanFinderPatterns(m, d.row, false)
	d.row = row
	if d.dec == nil {
		d.dec = decoder.NewDecoder()
	}
	for _, info := range d.lum.pairTriples(f.GetPossibleCenters(), maxPairTriples) {
		if s, ok := d.readTriple(m, info, nil); ok {
			return s, true
		}
	}
	return "", false
}

// blownOut reports whether at least a quarter of a finder pattern's
// module centres around (cx, cy), on axes ex, ey, are clipped white.
func (l *luminance) blownOut(cx, cy float64, ex, ey [2]float64) bool {
	n := 0
	for _, p := range finderTemplate {
		v, ok := l.bilinear(cx+p.i*ex[0]+p.j*ey[0], cy+p.i*ex[1]+p.j*ey[1])
		if !ok {
			return false
		}
		if v >= clipped {
			n++
		}
	}
	return 4*n >= len(finderTemplate)
}

// clipped is the luminance above which a pixel is taken as saturated.
const clipped = 250

// axisPlaces guesses the third pattern's place from the axes fitFinder
// measures at a and b, whose directions hold under a foreshortened or
// skewed view where a square's guess is modules off. Opposite corners:
// the third lies where a line from a along one of its axes meets the line
// from b along b's other axis. Adjacent corners: it lies along a's (or
// b's) cross axis, at the distance where the finder template matches
// best between 0.6 and 1.6 times their spacing (or, with no match, at
// their spacing measured in a's modules).
func (l *luminance) axisPlaces(a, b *detector.FinderPattern, ex, ey [2]float64, diagonal bool) [][2]float64 {
	ax, ay, aex, aey, sa := l.fitFinder(a.GetX(), a.GetY(), ex, ey)
	bx, by, bex, bey, sb := l.fitFinder(b.GetX(), b.GetY(), ex, ey)
	if !(sa > 0 && sb > 0) {
		return nil
	}
	if diagonal {
		var out [][2]float64
		for _, e := range [2][2][2]float64{{aex, bey}, {aey, bex}} {
			if p, ok := meet([2]float64{ax, ay}, e[0], [2]float64{bx, by}, e[1]); ok {
				out = append(out, p)
			}
		}
		return out
	}
	dist := math.Hypot(bx-ax, by-ay)
	var out [][2]float64
	for _, o := range [2]struct {
		x, y   float64
		ex, ey [2]float64
	}{{ax, ay, aex, aey}, {bx, by, bex, bey}} {
		mx, my := math.Hypot(o.ex[0], o.ex[1]), math.Hypot(o.ey[0], o.ey[1])
		if !(mx > 0 && my > 0) {
			continue
		}
		u := unit(o.ey)
		for _, sign := range [2]float64{1, -1} {
			// Their spacing in modules along v, laid along the cross axis.
			best, bs := dist/mx*my, 0.0
			for t := 0.6 * dist; t <= 1.6*dist; t += my {
				x, y := o.x+sign*t*u[0], o.y+sign*t*u[1]
				if sc := l.patternScore(x, y, o.ex, o.ey, finderTemplate); sc > bs {
					best, bs = t, sc
				}
			}
			out = append(out, [2]float64{o.x + sign*best*u[0], o.y + sign*best*u[1]})
		}
	}
	return out
}

// meet returns where the line through p along d meets the line through q
// along e.
func meet(p, d, q, e [2]float64) ([2]float64, bool) {
	den := d[0]*e[1] - d[1]*e[0]
	if math.Abs(den) < 1e-9*math.Hypot(d[0], d[1])*math.Hypot(e[0], e[1]) {
		return [2]float64{}, false
	}
	t := ((q[0]-p[0])*e[1] - (q[1]-p[1])*e[0]) / den
	return [2]float64{p[0] + t*d[0], p[1] + t*d[1]}, true
}
