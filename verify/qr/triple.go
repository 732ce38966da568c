package qr

import (
	"cmp"
	"math"
	"slices"

	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/qrcode/detector"
)

// selectTilted picks three finder patterns from the candidates of a
// search whose standard selection failed because no three have module
// sizes within 1.4× of each other: a symbol tilted 30–45° towards the
// camera shows its near finder patterns up to twice the size of its far
// ones. The three must still be plausible corners of one symbol: confirmed
// more than once, module sizes within 2.5×, a corner angle of 50–130°, and
// the two sides the same length in modules (each side measured with the
// module size of its own two ends) to within a factor 1.4. Among those, the
// triple whose sides are most alike wins. It returns nil when none fits.
func selectTilted(cands []*detector.FinderPattern) *detector.FinderPatternInfo {
	var cs []*detector.FinderPattern
	for _, c := range cands {
		if c.GetCount() >= detector.FinderPatternFinder_CENTER_QUORUM {
			cs = append(cs, c)
		}
	}
	const maxCands = 16 // bounds the triples tried (560)
	if len(cs) < 3 || len(cs) > maxCands {
		return nil
	}
	var best *detector.FinderPatternInfo
	bestScore := math.Inf(1)
	for i := 0; i < len(cs); i++ {
		for j := i + 1; j < len(cs); j++ {
			for k := j + 1; k < len(cs); k++ {
				a, b, c := cs[i], cs[j], cs[k]
				lo := min(a.GetEstimatedModuleSize(), b.GetEstimatedModuleSize(), c.GetEstimatedModuleSize())
				hi := max(a.GetEstimatedModuleSize(), b.GetEstimatedModuleSize(), c.GetEstimatedModuleSize())
				if hi > 2.5*lo {
					continue
				}
				p0, p1, p2 := gozxing.ResultPoint_OrderBestPatterns(a, b, c)
				bl, tl, tr := p0.(*detector.FinderPattern), p1.(*detector.FinderPattern), p2.(*detector.FinderPattern)
				modules := func(p, q *detector.FinderPattern) float64 {
					return gozxing.ResultPoint_Distance(p, q) / ((p.GetEstimatedModuleSize() + q.GetEstimatedModuleSize()) / 2)
				}
				mt, mb := modules(tl, tr), modules(tl, bl)
				if mt < 12 || mb < 12 || mt > 200 || mb > 200 {
					continue
				}
				ratio := math.Abs(math.Log(mt / mb))
				if ratio > math.Log(1.4) {
					continue
				}
				ux, uy := tr.GetX()-tl.GetX(), tr.GetY()-tl.GetY()
				vx, vy := bl.GetX()-tl.GetX(), bl.GetY()-tl.GetY()
				cos := (ux*vx + uy*vy) / (math.Hypot(ux, uy) * math.Hypot(vx, vy))
				if math.Abs(cos) > math.Cos(50*math.Pi/180) {
					continue
				}
				if s := ratio + math.Abs(cos); s < bestScore {
					bestScore = s
					best = detector.NewFinderPatternInfo(bl, tl, tr)
				}
			}
		}
	}
	return best
}

// rayModule measures, along the ray from the finder candidate's centre c
// in direction dir (a unit vector), the size of one ring step of the
// pattern (a module along an axis, √2 modules along a diagonal), in
// pixels, trying module sizes from half to twice ms (foreshortening makes
// a pattern narrow one way). n is the number of ring edges seen (3, or 2
// when the outer ring runs into dark surroundings); 0 when the ray shows
// no finder rings.
func (l *luminance) rayModule(c, dir [2]float64, ms float64) (u float64, n int) {
	for _, k := range [...]float64{1, 0.5, 2} {
		s := k * ms
		edges, m := l.ringEdges(c, [2]float64{dir[0] * s, dir[1] * s})
		if m < 2 || m <= n {
			continue
		}
		// Least squares for edges[i] = u·(1.5+i).
		var num, den float64
		for i := 0; i < m; i++ {
			num += edges[i] * (1.5 + float64(i))
			den += (1.5 + float64(i)) * (1.5 + float64(i))
		}
		u, n = num/den*s, m
		if n == 3 {
			break
		}
	}
	return u, n
}

// Finder triples of a symbol seen at a steep slant.
//
// Under a perspective of 30–45° the three finder patterns differ in size
// by up to 2×, the triangle of their centres is far from isosceles, and
// the lenient search also confirms pattern-like shapes in the data area;
// the selections above then pick a look-alike. Two measures on the gray
// picture separate them:
//   - a finder pattern is concentric rings: along every ray from its
//     centre the luminance crosses mid-grey at 1.5, 2.5 and 3.5 ring steps
//     (rayModule), and the step measured on opposite rays is the same; a
//     look-alike in the data shows that along its row and column only;
//   - a projective map of a line is exact in this: the number of steps
//     between two points on it is their distance over the geometric mean of
//     the local step sizes at both ends. The three centre-to-centre lines of
//     a symbol of dimension d all span d−7 ring steps (a module along the
//     sides, a diagonal step along the hypotenuse), however the symbol is
//     tilted.

// maxSlantCandidates bounds the candidates measured (8 rays each).
const maxSlantCandidates = 40

// slantTriples returns up to n triples of the candidates cs that look like
// one symbol's finder patterns under perspective, most alike sides first.
func (l *luminance) slantTriples(cs []*detector.FinderPattern, n int) []*detector.FinderPatternInfo {
	if len(cs) < 3 || len(cs) > maxSlantCandidates {
		return nil
	}
	// Candidates whose rings show on at least three of the four lines
	// through the centre (the fourth may run into a neighbour).
	var fs []*detector.FinderPattern
	for _, c := range cs {
		if l.ringLines(c) >= 3 {
			fs = append(fs, c)
		}
	}
	if len(fs) < 3 {
		return nil
	}
	// steps[i][j]: ring steps between fs[i] and fs[j], 0 when not
	// measurable.
	steps := make([][]float64, len(fs))
	for i := range steps {
		steps[i] = make([]float64, len(fs))
	}
	for i := range fs {
		for j := i + 1; j < len(fs); j++ {
			s := l.stepsBetween(fs[i], fs[j])
			steps[i][j], steps[j][i] = s, s
		}
	}
	type ranked struct {
		info  *detector.FinderPatternInfo
		score float64
	}
	var out []ranked
	for i := range fs {
		for j := i + 1; j < len(fs); j++ {
			for k := j + 1; k < len(fs); k++ {
				a, b, c := steps[i][j], steps[j][k], steps[i][k]
				lo, hi := min(a, b, c), max(a, b, c)
				if lo < 13 || hi > 171 || hi > 1.25*lo {
					continue
				}
				p0, p1, p2 := gozxing.ResultPoint_OrderBestPatterns(fs[i], fs[j], fs[k])
				bl, tl, tr := p0.(*detector.FinderPattern), p1.(*detector.FinderPattern), p2.(*detector.FinderPattern)
				ux, uy := tr.GetX()-tl.GetX(), tr.GetY()-tl.GetY()
				vx, vy := bl.GetX()-tl.GetX(), bl.GetY()-tl.GetY()
				cos := (ux*vx + uy*vy) / (math.Hypot(ux, uy) * math.Hypot(vx, vy))
				if math.Abs(cos) > 0.6 { // a corner of 53–127°
					continue
				}
				out = append(out, ranked{detector.NewFinderPatternInfo(bl, tl, tr), math.Log(hi / lo)})
			}
		}
	}
	slices.SortFunc(out, func(a, b ranked) int { return cmp.Compare(a.score, b.score) })
	var infos []*detector.FinderPatternInfo
	for _, r := range out[:min(n, len(out))] {
		infos = append(infos, r.info)
	}
	return infos
}

// ringLines counts the lines through candidate c's centre (horizontal,
// vertical and both diagonals) along which both rays show finder rings of
// the same step (to within 35 %).
func (l *luminance) ringLines(c *detector.FinderPattern) int {
	ctr := [2]float64{c.GetX(), c.GetY()}
	ms := c.GetEstimatedModuleSize()
	lines := 0
	for _, d := range [4][2]float64{{1, 0}, {0, 1}, {math.Sqrt2 / 2, math.Sqrt2 / 2}, {math.Sqrt2 / 2, -math.Sqrt2 / 2}} {
		u1, n1 := l.rayModule(ctr, d, ms)
		if n1 == 0 {
			continue
		}
		u2, n2 := l.rayModule(ctr, neg(d), ms)
		if n2 != 0 && max(u1, u2) <= 1.35*min(u1, u2) {
			lines++
		}
	}
	return lines
}

// stepsBetween returns the number of ring steps between the centres of
// finder candidates p and q: their distance over the geometric mean of the
// ring step each shows along the line joining them (both rays averaged).
// 0 when a step cannot be measured.
func (l *luminance) stepsBetween(p, q *detector.FinderPattern) float64 {
	dx, dy := q.GetX()-p.GetX(), q.GetY()-p.GetY()
	dist := math.Hypot(dx, dy)
	// A cheap bound first, from the row scan's module sizes.
	if g := dist / math.Sqrt(p.GetEstimatedModuleSize()*q.GetEstimatedModuleSize()); g < 8 || g > 300 {
		return 0
	}
	dir := [2]float64{dx / dist, dy / dist}
	step := func(c *detector.FinderPattern) float64 {
		ctr := [2]float64{c.GetX(), c.GetY()}
		u1, n1 := l.rayModule(ctr, dir, c.GetEstimatedModuleSize())
		u2, n2 := l.rayModule(ctr, neg(dir), c.GetEstimatedModuleSize())
		switch {
		case n1 != 0 && n2 != 0:
			return (u1 + u2) / 2
		case n1 != 0:
			return u1
		}
		return u2
	}
	sp, sq := step(p), step(q)
	if sp == 0 || sq == 0 {
		return 0
	}
	return dist / math.Sqrt(sp*sq)
}
