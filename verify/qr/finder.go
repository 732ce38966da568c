package qr

import (
	"math"
	"slices"

	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/qrcode/decoder"
	"github.com/makiuchi-d/gozxing/qrcode/detector"
)

// findFinderPatterns is gozxing's FinderPatternFinder.Find (without the
// TRY_HARDER and callback options), scanning each row run by run through
// BitArray.GetNextSet/GetNextUnset (32 pixels per step) instead of pixel by
// pixel through BitMatrix.Get; the candidate checks are gozxing's own. In
// WebAssembly the pixel loop was the largest single cost of a decode.
// TestFindFinderPatternsMatchesGozxing checks that both give the same result.
func findFinderPatterns(m *gozxing.BitMatrix, row *gozxing.BitArray) (*detector.FinderPatternInfo, *gozxing.BitArray, error) {
	f, row := scanFinderPatterns(m, row, false)
	return bestTriple(f, row)
}

// bestTriple picks the three patterns of f most likely to be one symbol's.
func bestTriple(f *detector.FinderPatternFinder, row *gozxing.BitArray) (*detector.FinderPatternInfo, *gozxing.BitArray, error) {
	fps, err := f.SelectBestPatterns()
	if err != nil {
		// A tilted symbol's finders can differ in size by more than
		// SelectBestPatterns allows (triple.go, qrgrid).
		if info := selectTilted(f.GetPossibleCenters()); info != nil {
			return info, row, nil
		}
		return nil, row, err
	}
	bl, tl, tr := gozxing.ResultPoint_OrderBestPatterns(fps[0], fps[1], fps[2])
	return detector.NewFinderPatternInfo(bl.(*detector.FinderPattern), tl.(*detector.FinderPattern), tr.(*detector.FinderPattern)), row, nil
}

// scanFinderPatterns is the row scan of findFinderPatterns: the finder
// holds the candidate patterns found. With lenient, a pattern's outer dark
// runs may continue into dark surroundings (a code cut out of its quiet
// zone, or printed edge to edge): each is counted as at most as long as the
// light ring inside it, here and in gozxing's cross checks; and a pattern
// may be up to 3 times taller than wide or the reverse (seen at a slant).
func scanFinderPatterns(m *gozxing.BitMatrix, row *gozxing.BitArray, lenient bool) (*detector.FinderPatternFinder, *gozxing.BitArray) {
	f := detector.NewFinderPatternFinder(m, nil)
	f.Lenient = lenient
	// clip returns the counts to test, and how far the pattern's end moves
	// back when the last run is clipped.
	clip := func(sc []int) ([]int, int) {
		if !lenient {
			return sc, 0
		}
		var c [5]int
		copy(c[:], sc)
		c[0] = min(c[0], c[1])
		cut := max(c[4]-c[3], 0)
		c[4] -= cut
		return c[:], cut
	}
	maxI, maxJ := m.GetHeight(), m.GetWidth()
	iSkip := max((3*maxI)/(4*detector.FinderPatternFinder_MAX_MODULES), detector.FinderPatternFinder_MIN_SKIP)
	done, hasSkipped := false, false
	var stateCount [5]int
	sc := stateCount[:]
	for i := iSkip - 1; i < maxI && !done; i += iSkip {
		row = m.GetRow(i, row)
		clear(sc)
		state := 0
	scan:
		for j := 0; j < maxJ; {
			black := row.Get(j)
			end := row.GetNextSet(j)
			if black {
				end = row.GetNextUnset(j)
			}
			n := min(end, maxJ) - j
			if black {
				if state&1 == 1 {
					state++
				}
				sc[state] += n
				j += n
				continue
			}
			// A white run starting at j: its first pixel may end a pattern.
			if state&1 == 1 {
				sc[state] += n
			} else if state != 4 {
				state++
				sc[state] += n
			} else if pc, cut := clip(sc); !detector.FinderPatternFinder_foundPatternCross(pc) {
				detector.FinderPatternFinder_ShiftCounts2(sc)
				state = 3
				sc[3] += n - 1 // ShiftCounts2 counted pixel j
			} else if !f.HandlePossibleCenter(pc, i, j-cut) {
				detector.FinderPatternFinder_ShiftCounts2(sc)
				state = 3
				sc[3] += n - 1
			} else {
				iSkip = 2
				if hasSkipped {
					done = f.HaveMultiplyConfirmedCenters()
				} else {
					rowSkip := f.FindRowSkip()
					hasSkipped = confirmedCenters(f) >= 2 // what FindRowSkip records
					if rowSkip > sc[2] {
						i += rowSkip - sc[2] - iSkip
						clear(sc)
						state = 0
						break scan // gozxing jumps to the row's end
					}
				}
				clear(sc)
				state = 0
				// gozxing skips pixel j itself; the rest of the run is white
				// counted from state 1.
				if n > 1 {
					state = 1
					sc[1] = n - 1
				}
			}
			j += n
		}
		if pc, cut := clip(sc); detector.FinderPatternFinder_foundPatternCross(pc) {
			if f.HandlePossibleCenter(pc, i, maxJ-cut) {
				iSkip = sc[0]
				if hasSkipped {
					done = f.HaveMultiplyConfirmedCenters()
				}
			}
		}
	}
	return f, row
}

func confirmedCenters(f *detector.FinderPatternFinder) int {
	n := 0
	for _, c := range f.GetPossibleCenters() {
		if c.GetCount() >= detector.FinderPatternFinder_CENTER_QUORUM {
			n++
		}
	}
	return n
}

// readNoQuietZone reads m with the lenient finder search (dark
// surroundings touching the finder patterns, slanted views) and the
// triple chosen by squarestTriple.
func (d *FrameDecoder) readNoQuietZone(m *gozxing.BitMatrix) (string, bool) {
	f, row := scanFinderPatterns(m, d.row, true)
	d.row = row
	if d.dec == nil {
		d.dec = decoder.NewDecoder()
	}
	cs := f.GetPossibleCenters()
	info := squarestTriple(cs)
	if info != nil && d.lum.ringsAround(info) {
		if s, ok := d.readTriple(m, info, nil); ok {
			return s, true
		}
	}
	// A symbol at a steep slant: its own triple is not the squarest.
	for _, st := range d.lum.slantTriples(cs, maxSlantTriples) {
		if info != nil && sameTriple(st, info) {
			continue
		}
		if s, ok := d.readTriple(m, st, nil); ok {
			return s, true
		}
	}
	return "", false
}

// maxSlantTriples bounds the triples read after the squarest one failed.
const maxSlantTriples = 2

// squarestTriple picks the three candidates closest to an isosceles right
// triangle, measured relative to its size, with similar module sizes and
// at least 14 modules apart (the finder centres of the smallest symbol).
// gozxing's selection measures the same distortion in absolute terms,
// which favours small triangles: with the lenient search,
// a cluster of pattern-like shapes in the data beats the real corners.
// A triangle distorted up to 1 (a code seen at a 60° slant) is accepted:
// the finder-edge grid follows that much perspective.
func squarestTriple(cs []*detector.FinderPattern) *detector.FinderPatternInfo {
	const maxCandidates = 40 // bounds the cubic search
	if len(cs) < 3 || len(cs) > maxCandidates {
		return nil
	}
	best, bi, bj, bk := math.Inf(1), -1, -1, -1
	for i := range cs {
		for j := i + 1; j < len(cs); j++ {
			for k := j + 1; k < len(cs); k++ {
				ms := [3]float64{cs[i].GetEstimatedModuleSize(), cs[j].GetEstimatedModuleSize(), cs[k].GetEstimatedModuleSize()}
				lo, hi := min(ms[0], ms[1], ms[2]), max(ms[0], ms[1], ms[2])
				if hi > 1.4*lo {
					continue
				}
				e := [3]float64{sqDist(cs[i], cs[j]), sqDist(cs[j], cs[k]), sqDist(cs[i], cs[k])}
				slices.Sort(e[:])
				a, b, c := e[0], e[1], e[2]
				if a < 14*14*lo*lo {
					continue
				}
				if d := (math.Abs(c-2*b) + math.Abs(c-2*a)) / c; d < best {
					best, bi, bj, bk = d, i, j, k
				}
			}
		}
	}
	if bi < 0 || best > 1 {
		return nil
	}
	bl, tl, tr := gozxing.ResultPoint_OrderBestPatterns(cs[bi], cs[bj], cs[bk])
	return detector.NewFinderPatternInfo(bl.(*detector.FinderPattern), tl.(*detector.FinderPattern), tr.(*detector.FinderPattern))
}

func sqDist(p, q gozxing.ResultPoint) float64 {
	dx, dy := p.GetX()-q.GetX(), p.GetY()-q.GetY()
	return dx*dx + dy*dy
}

// ringsAround reports whether the gray picture shows the rings of a finder
// pattern around each centre of info, on most of the four rays along the
// symbol's axes (ringEdges). The lenient search finds candidates in noise
// and texture, and reading a wrong triple costs up to maxGrids samplings;
// this costs 12 short profiles.
func (l *luminance) ringsAround(info *detector.FinderPatternInfo) bool {
	tl, tr, bl := info.GetTopLeft(), info.GetTopRight(), info.GetBottomLeft()
	axis := func(p, q *detector.FinderPattern) [2]float64 {
		dx, dy := q.GetX()-p.GetX(), q.GetY()-p.GetY()
		n := math.Hypot(dx, dy)
		ms := (p.GetEstimatedModuleSize() + q.GetEstimatedModuleSize()) / 2
		return [2]float64{dx / n * ms, dy / n * ms}
	}
	ex, ey := axis(tl, tr), axis(tl, bl)
	total := 0
	for _, p := range [3]*detector.FinderPattern{tl, tr, bl} {
		c := [2]float64{p.GetX(), p.GetY()}
		rays := 0
		for _, e := range [4][2]float64{ex, neg(ex), ey, neg(ey)} {
			// At a slant the module across the view may be much
			// smaller or larger than the one the row scan measured.
			// At the coarse scale all three ring edges must be seen.
			for _, k := range [...]float64{1, 0.5, 2} {
				if _, n := l.ringEdges(c, [2]float64{k * e[0], k * e[1]}); n == 3 || n == 2 && k < 2 {
					rays++
					break
				}
			}
		}
		if rays < 2 {
			return false
		}
		total += rays
	}
	return total >= 9
}
