package qr

import (
	"math"
	"slices"
	"sort"

	"github.com/makiuchi-d/gozxing"
	multidetector "github.com/makiuchi-d/gozxing/multi/qrcode/detector"
	"github.com/makiuchi-d/gozxing/qrcode/decoder"
	"github.com/makiuchi-d/gozxing/qrcode/detector"
)

// This file replaces the second half of gozxing's QR detector (what comes
// after the three finder patterns are found) for camera frames. At 2–4
// pixels per module gozxing's version fails on most dense DCC codes:
//   - it derives the symbol dimension from one rounded module-size estimate,
//     which is often off by 4 or more, or lands on an impossible size;
//   - it maps the grid from three finder centres and one alignment pattern
//     (sometimes the wrong one), which leaves the far modules of a
//     version-18 symbol more than half a module off;
//   - it samples the binarized image, where a blurred 2-pixel module is often
//     lost.
// Here the dimension is read from the timing patterns (then neighbours of
// the estimate are tried), the grid is re-fitted by least squares to every
// alignment pattern found near its predicted place, and modules are sampled
// from the gray image (bilinear at the centre) against a threshold local to
// the symbol, falling back to the binarized image.

// grid describes where the symbol lies in the image: one homography, or,
// when cells is set, one per cell of the alignment-pattern lattice.
type grid struct {
	dim   int
	h     homography
	cells *cells
	local bool // from the finders' own geometry (grid.go): outside maxGrids
}

// apply maps module coordinates to image coordinates.
func (g *grid) apply(x, y float64) (float64, float64) {
	if g.cells != nil {
		return g.cells.apply(x, y)
	}
	return g.h.apply(x, y)
}

// dimensionCandidates returns the legal symbol sizes (4k+1, 21…177) nearest
// to the estimate, closest first.
func dimensionCandidates(est float64, n int) []int {
	var c []int
	for d := 21; d <= 177; d += 4 {
		if math.Abs(float64(d)-est) <= 6 {
			c = append(c, d)
		}
	}
	sort.Slice(c, func(i, j int) bool { return math.Abs(float64(c[i])-est) < math.Abs(float64(c[j])-est) })
	if len(c) > n {
		c = c[:n]
	}
	return c
}

// grids proposes sampling grids for the finder patterns in info, most
// likely first: the dimensions read from the two timing patterns, then those
// nearest the estimate from the finder patterns' module size.
func grids(l *luminance, m *gozxing.BitMatrix, info *detector.FinderPatternInfo, maxDims int, yield func(grid) bool) {
	tl, tr, bl := info.GetTopLeft(), info.GetTopRight(), info.GetBottomLeft()
	fms := [3]float64{tl.GetEstimatedModuleSize(), tr.GetEstimatedModuleSize(), bl.GetEstimatedModuleSize()}
	ms := (fms[0] + fms[1] + fms[2]) / 3
	if !(ms >= 1) {
		return
	}
	var dims []int
	add := func(d int) {
		if d == 0 || len(dims) >= maxDims {
			return
		}
		for _, e := range dims {
			if e == d {
				return
			}
		}
		dims = append(dims, d)
	}
	lattices, versionDim := 0, 0
	var ff finderFrames
	var measured, ffOK bool
	tryDim := func(dim int) bool {
		v, err := decoder.Version_GetProvisionalVersionForDimension(dim)
		if err != nil {
			return true
		}
		// Two starting points: the parallelogram of the finders, and
		// gozxing's bottom-right alignment pattern (in a dense code it is
		// sometimes the wrong one). Each is tried refined, then as is.
		centres := v.GetAlignmentPatternCenters()
		g, ok := initialGrid(tl, tr, bl, nil, dim)
		if ok {
			if r, _, _, ok := l.refine(g, centres); ok && !yield(r) {
				return false
			}
			// The finders' own geometry (grid.go), for at most
			// maxLattices dimensions: one homography from it, and for
			// versions 7 and up the lattice of alignment patterns, cell
			// by cell, whether or not one homography fitted.
			if lattices < maxLattices {
				lattices++
				if !measured {
					measured = true
					ff, ffOK = l.measureFinders(tl, tr, bl, fms)
				}
				if ffOK {
					if fg, ok := finderGrid(&ff, dim); ok && !yield(fg) {
						return false
					}
					// The lattice (the costliest step: up to 46 pattern
					// searches) only for the dimension the version blocks
					// gave, or without one for the first dimension tried.
					if len(centres) >= 3 && (dim == versionDim || (versionDim == 0 && lattices == 1)) {
						if lc, ls, ok := l.localGrid(g, centres, &ff); ok && (!yield(ls) || !yield(lc)) {
							return false
						}
					}
				}
			}
		}
		var ga grid
		var gaOK bool
		if len(centres) > 0 {
			if ap := findAlignment(m, tl, tr, bl, ms, dim); ap != nil {
				if ga, gaOK = initialGrid(tl, tr, bl, ap, dim); gaOK {
					if r, _, _, ok := l.refine(ga, centres); ok && !yield(r) {
						return false
					}
				}
			}
		}
		if gaOK && !yield(ga) {
			return false
		}
		if ok && !yield(g) {
			return false
		}
		// Perspective from the finders' ring edges (finderedges.go): for
		// versions with too few alignment patterns to refine the grid, and
		// as a closer start for the alignment search under strong
		// perspective.
		if ge, ok := l.finderEdgeGrid(tl, tr, bl, dim); ok {
			if len(centres) > 0 {
				if r, _, _, ok := l.refine(ge, centres); ok && !yield(r) {
					return false
				}
			}
			if !yield(ge) {
				return false
			}
		}
		return true
	}
	// Fast path: the version blocks of a dense symbol (a size its finder
	// patterns' spacing puts at version 7 or more, with some margin), then
	// both timing patterns, read on their nominal line, agreeing.
	est := (gozxing.ResultPoint_Distance(tl, tr)+gozxing.ResultPoint_Distance(tl, bl))/(2*ms) + 7
	// The row scan's module sizes are widths along the picture's rows: on
	// a tilted symbol they are off by up to a third. The ring steps along
	// the lines between the centres give the count exactly under
	// perspective (triple.go).
	if a, b := l.stepsBetween(tl, tr), l.stepsBetween(tl, bl); a > 0 && b > 0 && max(a, b) < 1.25*min(a, b) {
		est = (a+b)/2 + 7
	}
	if est >= 41 {
		if d := l.versionDimension(tl, tr, bl); d != 0 && math.Abs(float64(d)-est) <= max(12, est/4) {
			versionDim = d
			add(d)
			if !tryDim(d) {
				return
			}
		}
	}
	if d := timingDimension(l, tl, tr, bl, ms, 3); d != 0 && d == timingDimension(l, tl, bl, tr, ms, 3) && !slices.Contains(dims, d) {
		add(d)
		if !tryDim(d) {
			return
		}
	}
	// Votes from both timing patterns, each read along a few lines across
	// the width of the timing row (the module size is only an estimate, so
	// the nominal line may miss it), then the sizes nearest the estimate.
	votes := map[int]int{}
	for _, off := range [...]float64{3, 2.7, 3.3, 2.4, 3.6} {
		if d := timingDimension(l, tl, tr, bl, ms, off); d != 0 && math.Abs(float64(d)-est) <= 20 {
			votes[d]++
		}
		if d := timingDimension(l, tl, bl, tr, ms, off); d != 0 && math.Abs(float64(d)-est) <= 20 {
			votes[d]++
		}
	}
	ranked := make([]int, 0, len(votes))
	for d := range votes {
		ranked = append(ranked, d)
	}
	sort.Slice(ranked, func(i, j int) bool {
		if votes[ranked[i]] != votes[ranked[j]] {
			return votes[ranked[i]] > votes[ranked[j]]
		}
		return ranked[i] < ranked[j]
	})
	done := len(dims)
	for _, d := range ranked {
		add(d)
	}
	for _, d := range dimensionCandidates(est, maxDims) {
		add(d)
	}
	for _, dim := range dims[done:] {
		if !tryDim(dim) {
			return
		}
	}
}

// initialGrid maps the symbol from the three finder centres and the
// bottom-right alignment pattern (or, without one, the fourth corner of the
// parallelogram).
func initialGrid(tl, tr, bl gozxing.ResultPoint, ap *detector.AlignmentPattern, dim int) (grid, bool) {
	d := float64(dim)
	src := [][2]float64{{3.5, 3.5}, {d - 3.5, 3.5}, {3.5, d - 3.5}}
	dst := [][2]float64{{tl.GetX(), tl.GetY()}, {tr.GetX(), tr.GetY()}, {bl.GetX(), bl.GetY()}}
	if ap != nil {
		src = append(src, [2]float64{d - 6.5, d - 6.5})
		dst = append(dst, [2]float64{ap.GetX(), ap.GetY()})
	} else {
		src = append(src, [2]float64{d - 3.5, d - 3.5})
		dst = append(dst, [2]float64{tr.GetX() - tl.GetX() + bl.GetX(), tr.GetY() - tl.GetY() + bl.GetY()})
	}
	h, ok := fitHomography(src, dst, d, 1000)
	return grid{dim: dim, h: h}, ok
}

// A template is a pattern's module centres relative to its centre, each
// weighted +1/(light count) or −1/(dark count): its dot product with the
// sampled luminances is the light-minus-dark contrast.
type tap struct{ i, j, w float64 }

func template(r int, dark func(ring int) bool) []tap {
	var nd, nl float64
	for j := -r; j <= r; j++ {
		for i := -r; i <= r; i++ {
			if dark(max(abs(i), abs(j))) {
				nd++
			} else {
				nl++
			}
		}
	}
	var t []tap
	for j := -r; j <= r; j++ {
		for i := -r; i <= r; i++ {
			w := 1 / nl
			if dark(max(abs(i), abs(j))) {
				w = -1 / nd
			}
			t = append(t, tap{float64(i), float64(j), w})
		}
	}
	return t
}

var (
	// Finder pattern: dark 3×3 core, light ring, dark ring (7×7).
	finderTemplate = template(3, func(ring int) bool { return ring != 2 })
	// Alignment pattern: dark centre, light ring, dark ring (5×5).
	alignTemplate = template(2, func(ring int) bool { return ring != 1 })
	// Its centre row and column only (9 taps), for the coarse search.
	alignCross = func() (t []tap) {
		for _, p := range template(2, func(ring int) bool { return ring != 1 }) {
			if p.i == 0 || p.j == 0 {
				t = append(t, p)
			}
		}
		// Re-weight: 5 dark, 4 light.
		for k := range t {
			if t[k].w < 0 {
				t[k].w = -1.0 / 5
			} else {
				t[k].w = 1.0 / 4
			}
		}
		return t
	}()
)

func abs(i int) int {
	if i < 0 {
		return -i
	}
	return i
}

// patternScore is the contrast of template t centred on image point
// (cx, cy), with module vectors ex, ey; -1 when it leaves the image.
func (l *luminance) patternScore(cx, cy float64, ex, ey [2]float64, t []tap) float64 {
	s := 0.0
	for _, p := range t {
		v, ok := l.bilinear(cx+p.i*ex[0]+p.j*ey[0], cy+p.i*ex[1]+p.j*ey[1])
		if !ok {
			return -1
		}
		s += p.w * v
	}
	return s
}

// search scans the template over a (2n+1)² lattice of offsets, step modules
// apart, around image point (px, py) and returns the best point and score.
func (l *luminance) search(px, py float64, ex, ey [2]float64, n int, step float64, t []tap) (float64, float64, float64) {
	bx, by, best := px, py, -1.0
	for j := -n; j <= n; j++ {
		for i := -n; i <= n; i++ {
			di, dj := float64(i)*step, float64(j)*step
			cx := px + di*ex[0] + dj*ey[0]
			cy := py + di*ex[1] + dj*ey[1]
			if s := l.patternScore(cx, cy, ex, ey, t); s > best {
				bx, by, best = cx, cy, s
			}
		}
	}
	return bx, by, best
}

// refine re-fits g to every finder and alignment pattern it can find near
// where g predicts them. Large symbols have up to 46 alignment patterns; at
// 2 pixels per module the three finders and one alignment pattern alone leave
// the far modules off by more than half a module.
//
// It also returns the located finder centres and the weakest finder's
// template contrast.
func (l *luminance) refine(g grid, centres []int) (grid, [3][2]float64, float64, bool) {
	d := float64(g.dim)
	h := g.h
	var src, dst [][2]float64
	var fp [3][2]float64
	// The finders, to an eighth of a module.
	ref := math.Inf(1)
	for _, a := range [3][2]float64{{3.5, 3.5}, {d - 3.5, 3.5}, {3.5, d - 3.5}} {
		ex, ey := h.jacobian(a[0], a[1])
		px, py := h.apply(a[0], a[1])
		px, py, _ = l.search(px, py, ex, ey, 2, 0.25, finderTemplate)
		px, py, s := l.search(px, py, ex, ey, 1, 0.125, finderTemplate)
		ref = min(ref, s)
		src = append(src, a)
		dst = append(dst, [2]float64{px, py})
	}
	if !(ref > 0) {
		return g, fp, 0, false
	}
	nf := len(src)
	copy(fp[:], dst)
	// The alignment patterns: ±1.5 modules around the first guess in half
	// modules, then an eighth of a module around the best; re-fit; then
	// once more ±¼ module around where the re-fitted grid puts them.
	last := len(centres) - 1
	for pass := 0; pass < 2; pass++ {
		src, dst = src[:nf], dst[:nf]
		for a, cy := range centres {
			for b, cx := range centres {
				if (a == 0 && b == 0) || (a == 0 && b == last) || (a == last && b == 0) {
					continue // under a finder pattern
				}
				x, y := float64(cx)+0.5, float64(cy)+0.5
				ex, ey := h.jacobian(x, y)
				px, py := h.apply(x, y)
				if pass == 0 {
					px, py, _ = l.search(px, py, ex, ey, 3, 0.5, alignCross)
				}
				px, py, s := l.search(px, py, ex, ey, 2, 0.125, alignTemplate)
				if s > 0.4*ref {
					src = append(src, [2]float64{x, y})
					dst = append(dst, [2]float64{px, py})
				}
			}
		}
		if len(src) < 5 {
			return g, fp, ref, false
		}
		nh, ok := fitHomography(src, dst, d, 1000)
		if !ok {
			return g, fp, ref, false
		}
		h = nh
	}
	return grid{dim: g.dim, h: h}, fp, ref, true
}

// findAlignment looks for the bottom-right alignment pattern where a symbol of
// dimension dim would have it, widening the search as gozxing does.
func findAlignment(m *gozxing.BitMatrix, tl, tr, bl gozxing.ResultPoint, ms float64, dim int) *detector.AlignmentPattern {
	brX := tr.GetX() - tl.GetX() + bl.GetX()
	brY := tr.GetY() - tl.GetY() + bl.GetY()
	corr := 1 - 3/float64(dim-7)
	ex := tl.GetX() + corr*(brX-tl.GetX())
	ey := tl.GetY() + corr*(brY-tl.GetY())
	for f := 4.0; f <= 16; f *= 2 {
		allow := int(f * ms)
		left := max(int(ex)-allow, 0)
		right := min(int(ex)+allow, m.GetWidth()-1)
		top := max(int(ey)-allow, 0)
		bottom := min(int(ey)+allow, m.GetHeight()-1)
		if float64(right-left) < 3*ms || float64(bottom-top) < 3*ms {
			return nil
		}
		ap, err := detector.NewAlignmentPatternFinder(m, left, top, right-left, bottom-top, ms, nil).Find()
		if err == nil {
			return ap
		}
	}
	return nil
}

// sampleBits reads the grid from the binarized image, one pixel per module
// centre.
func sampleBits(m *gozxing.BitMatrix, g grid) (*gozxing.BitMatrix, error) {
	bits, err := gozxing.NewSquareBitMatrix(g.dim)
	if err != nil {
		return nil, err
	}
	w, h := m.GetWidth(), m.GetHeight()
	for y := 0; y < g.dim; y++ {
		for x := 0; x < g.dim; x++ {
			px, py := g.apply(float64(x)+0.5, float64(y)+0.5)
			if !(px >= 0 && py >= 0 && px < float64(w) && py < float64(h)) {
				return nil, gozxing.NewNotFoundException()
			}
			if m.Get(int(px), int(py)) {
				bits.Set(x, y)
			}
		}
	}
	return bits, nil
}

// sampleGray reads the grid from the gray image: bilinear luminance at each
// module centre, thresholded against the mean of the modules around it
// (a QR symbol's data area is about half dark, so a local mean over a few
// modules separates them even under uneven light).
func sampleGray(l *luminance, g grid, vals []float64) (*gozxing.BitMatrix, []float64, bool) {
	dim := g.dim
	// vals holds the samples, then the summed-area table after them.
	n := dim*dim + (dim+1)*(dim+1)
	if cap(vals) < n {
		vals = make([]float64, n)
	}
	vals = vals[:n]
	sat := vals[dim*dim:]
	clear(sat[:dim+1])
	// A symbol may run a little out of the picture (held close, or at a
	// slant that widens its near edge): modules outside read as the
	// nearest pixel inside, and error correction repairs them, up to
	// maxOutside of the modules.
	outside, maxOutside := 0, dim*dim/32
	for y := 0; y < dim; y++ {
		for x := 0; x < dim; x++ {
			px, py := g.apply(float64(x)+0.5, float64(y)+0.5)
			v, ok := l.bilinear(px, py)
			if !ok {
				if outside++; outside > maxOutside || !(px > -float64(l.w) && py > -float64(l.h) && px < 2*float64(l.w) && py < 2*float64(l.h)) {
					return nil, vals, false
				}
				v, _ = l.bilinear(min(max(px, 0.5), float64(l.w)-0.6), min(max(py, 0.5), float64(l.h)-0.6))
			}
			vals[y*dim+x] = v
		}
	}
	// Local mean over a (2r+1)² window of modules, via a summed-area table.
	const r = 4
	for y := 0; y < dim; y++ {
		row := 0.0
		sat[(y+1)*(dim+1)] = 0
		for x := 0; x < dim; x++ {
			row += vals[y*dim+x]
			sat[(y+1)*(dim+1)+x+1] = sat[y*(dim+1)+x+1] + row
		}
	}
	bits, _ := gozxing.NewSquareBitMatrix(dim)
	for y := 0; y < dim; y++ {
		y0, y1 := max(y-r, 0), min(y+r+1, dim)
		for x := 0; x < dim; x++ {
			x0, x1 := max(x-r, 0), min(x+r+1, dim)
			s := sat[y1*(dim+1)+x1] - sat[y0*(dim+1)+x1] - sat[y1*(dim+1)+x0] + sat[y0*(dim+1)+x0]
			mean := s / float64((y1-y0)*(x1-x0))
			if vals[y*dim+x] < mean {
				bits.Set(x, y)
			}
		}
	}
	return bits, vals, true
}

// timingDimension counts the modules of the timing pattern that runs from the
// finder pattern at a to the one at b (row or column 6 of the symbol), offset
// towards c, the third pattern. It returns the symbol dimension it implies,
// or 0 when the count is not plausible.
func timingDimension(l *luminance, a, b, c gozxing.ResultPoint, ms, off float64) int {
	ax, ay := a.GetX(), a.GetY()
	bx, by := b.GetX(), b.GetY()
	// Unit vector towards c, perpendicular-ish: 3 modules from the centres'
	// line (row 3.5 → row 6.5).
	cx, cy := c.GetX()-ax, c.GetY()-ay
	cl := math.Hypot(cx, cy)
	if cl == 0 {
		return 0
	}
	ox, oy := off*ms*cx/cl, off*ms*cy/cl
	length := math.Hypot(bx-ax, by-ay)
	step := ms / 4
	n := int(length / step)
	if n < 16 || n > 4096 {
		return 0
	}
	prof := make([]float64, n+1)
	for i := 0; i <= n; i++ {
		t := float64(i) / float64(n)
		v, ok := l.bilinear(ax+ox+t*(bx-ax), ay+oy+t*(by-ay))
		if !ok {
			return 0
		}
		prof[i] = v
	}
	// Threshold against a running mean over ±4 modules (16 samples).
	const win = 16
	cum := make([]float64, len(prof)+1)
	for i, v := range prof {
		cum[i+1] = cum[i] + v
	}
	// Count dark runs, and check that the runs between the two finder
	// patterns are module-sized: noise and text also alternate, but not
	// regularly (this keeps random frames from costing a full search).
	runs, dark := 0, false
	start, irregular := 0, 0
	for i := range prof {
		lo, hi := max(i-win, 0), min(i+win+1, len(prof))
		d := prof[i]*float64(hi-lo) < cum[hi]-cum[lo]
		if d != dark && i > 0 {
			if runs >= 2 && (i-start < 2 || i-start > 8) { // 4 samples per module
				irregular++
			}
			start = i
		}
		if d && !dark {
			runs++
		}
		dark = d
	}
	if irregular > 2+runs/8 {
		return 0
	}
	dim := 2*runs + 11
	if dim < 21 || dim > 177 || dim%4 != 1 {
		return 0
	}
	return dim
}

// bilinear returns the interpolated luminance at (x, y) in pixel-centre
// coordinates (pixel i covers [i, i+1)).
func (l *luminance) bilinear(x, y float64) (float64, bool) {
	x, y = x-0.5, y-0.5
	if !(x >= 0 && y >= 0 && x < float64(l.w-1) && y < float64(l.h-1)) {
		return 0, false
	}
	x0, y0 := int(x), int(y)
	fx, fy := x-float64(x0), y-float64(y0)
	i := y0*l.w + x0
	p := l.pix
	top := float64(p[i])*(1-fx) + float64(p[i+1])*fx
	bot := float64(p[i+l.w])*(1-fx) + float64(p[i+l.w+1])*fx
	return top*(1-fy) + bot*fy, true
}

// maxGrids bounds the single-homography sampling grids tried per
// finder-pattern triple.
const maxGrids = 12

// maxLattices bounds the dimensions per finder-pattern triple that get the
// grids from the finders' own geometry (grid.go: up to three each, not
// counted in maxGrids): the first two dimensions tried are nearly always
// right when the symbol is.
const maxLattices = 2

// maxTriples bounds the finder-pattern triples tried after the first one
// failed: each costs up to maxGrids samplings.
const maxTriples = 4

// readSymbol finds the finder patterns in the binarized image m and reads
// the symbol through each proposed grid until one decodes.
//
// The row-by-row search stops at the first three confirmed patterns. In 2–4 %
// of DCC codes a pattern-like shape in the data area is confirmed before the
// real bottom-left corner, and that triple never reads, on any frame. So when
// the first triple fails, the whole picture is searched (gozxing's multi
// finder, which keeps every candidate) and other plausible triples are tried.
// Frames without three candidate patterns, such as empty ones, never get
// there.
func (d *FrameDecoder) readSymbol(m *gozxing.BitMatrix, hints map[gozxing.DecodeHintType]interface{}) (string, bool) {
	info, row, err := findFinderPatterns(m, d.row)
	d.row = row
	if err != nil {
		return "", false
	}
	if d.dec == nil {
		d.dec = decoder.NewDecoder()
	}
	if s, ok := d.readTriple(m, info, hints); ok {
		return s, true
	}
	infos, err := multidetector.NewMultiFinderPatternFinder(m, nil).FindMulti(nil)
	if err != nil {
		return "", false
	}
	tried := 0
	for _, alt := range infos {
		if sameTriple(alt, info) {
			continue
		}
		if tried++; tried > maxTriples {
			break
		}
		if s, ok := d.readTriple(m, alt, hints); ok {
			return s, true
		}
	}
	return "", false
}

// sameTriple reports whether a and b name the same three pattern centres.
func sameTriple(a, b *detector.FinderPatternInfo) bool {
	near := func(p, q gozxing.ResultPoint) bool {
		return math.Abs(p.GetX()-q.GetX()) < 1 && math.Abs(p.GetY()-q.GetY()) < 1
	}
	return near(a.GetTopLeft(), b.GetTopLeft()) && near(a.GetTopRight(), b.GetTopRight()) &&
		near(a.GetBottomLeft(), b.GetBottomLeft())
}

// readTriple reads the symbol through the grids proposed for one triple of
// finder patterns.
func (d *FrameDecoder) readTriple(m *gozxing.BitMatrix, info *detector.FinderPatternInfo, hints map[gozxing.DecodeHintType]interface{}) (string, bool) {
	var text string
	found := false
	tries := 0
	grids(&d.lum, m, info, 4, func(g grid) bool {
		// A bound on the work per finder-pattern triple: a real symbol reads
		// within the first few grids; noise would try them all.
		if !g.local {
			if tries++; tries > maxGrids {
				return false
			}
		}
		var bits *gozxing.BitMatrix
		var ok bool
		bits, d.vals, ok = sampleGray(&d.lum, g, d.vals)
		if ok {
			if res, err := d.dec.Decode(bits, hints); err == nil {
				text, found = res.GetText(), true
				return false
			}
		}
		if bits, err := sampleBits(m, g); err == nil {
			if res, err := d.dec.Decode(bits, hints); err == nil {
				text, found = res.GetText(), true
				return false
			}
		}
		return true
	})
	return text, found
}
