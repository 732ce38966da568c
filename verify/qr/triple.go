package qr

import (
	"math"

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
