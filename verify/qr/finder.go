package qr

import (
	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/qrcode/detector"
)

// findFinderPatterns is gozxing's FinderPatternFinder.Find (without the
// TRY_HARDER and callback options), scanning each row run by run through
// BitArray.GetNextSet/GetNextUnset (32 pixels per step) instead of pixel by
// pixel through BitMatrix.Get; the candidate checks are gozxing's own. In
// WebAssembly the pixel loop was the largest single cost of a decode.
// TestFindFinderPatternsMatchesGozxing checks that both give the same result.
func findFinderPatterns(m *gozxing.BitMatrix, row *gozxing.BitArray) (*detector.FinderPatternInfo, *gozxing.BitArray, error) {
	f, row := scanFinderPatterns(m, row)
	fps, err := f.SelectBestPatterns()
	if err != nil {
		return nil, row, err
	}
	bl, tl, tr := gozxing.ResultPoint_OrderBestPatterns(fps[0], fps[1], fps[2])
	return detector.NewFinderPatternInfo(bl.(*detector.FinderPattern), tl.(*detector.FinderPattern), tr.(*detector.FinderPattern)), row, nil
}

// scanFinderPatterns is the row scan of findFinderPatterns: the finder
// holds the candidate patterns found.
func scanFinderPatterns(m *gozxing.BitMatrix, row *gozxing.BitArray) (*detector.FinderPatternFinder, *gozxing.BitArray) {
	f := detector.NewFinderPatternFinder(m, nil)
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
			} else if !detector.FinderPatternFinder_foundPatternCross(sc) {
				detector.FinderPatternFinder_ShiftCounts2(sc)
				state = 3
				sc[3] += n - 1 // ShiftCounts2 counted pixel j
			} else if !f.HandlePossibleCenter(sc, i, j) {
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
		if detector.FinderPatternFinder_foundPatternCross(sc) {
			if f.HandlePossibleCenter(sc, i, maxJ) {
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
