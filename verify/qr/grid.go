package qr

import (
	"math"
	"slices"
	"sort"

	"github.com/makiuchi-d/gozxing"
)

// Sampling that follows the symbol's surface, not one plane.
//
// One homography describes a flat symbol seen through an ideal lens. A dense
// symbol (version 7 and up, 45–177 modules) on a sheet that bends, on a
// bottle, or tilted 30–45° under a phone's wide-angle lens departs from any
// single homography by more than half a module somewhere, and then the
// decoder's error correction gives up. Symbols of version 7 and up carry a
// lattice of alignment patterns (3×3 to 7×7, the three under the finder
// patterns excepted), so, like zxing-cpp and BoofCV, we locate every one of
// them, each predicted from the ones already found around it, and map each
// cell of the lattice (the modules between four neighbouring patterns) by
// its own homography from those four points.

// cells is a piecewise-projective map from module to image coordinates: the
// cell between alignment lines lines[i], lines[i+1] (columns) and lines[j],
// lines[j+1] (rows) is h[j*(n-1)+i]; modules outside the outer lines use the
// nearest cell.
//
// With smooth set, the map is instead the whole-symbol homography base plus
// a Catmull-Rom spline through the lattice points' residuals from it: on a
// bent sheet the modules within one cell are not evenly spaced either, and a
// cubic through the neighbouring cells follows that.
type cells struct {
	lines  []int
	h      []homography
	of     []uint8 // cell index of each module row or column
	smooth bool
	base   homography
	res    [][2]float64 // residual of lattice point (a, b) at [a*n+b]
}

func (c *cells) apply(x, y float64) (float64, float64) {
	n := len(c.lines) - 1
	i := int(c.of[min(max(int(x), 0), len(c.of)-1)])
	j := int(c.of[min(max(int(y), 0), len(c.of)-1)])
	if !c.smooth {
		return c.h[j*n+i].apply(x, y)
	}
	wx := catmullRom((x - float64(c.lines[i]) - 0.5) / float64(c.lines[i+1]-c.lines[i]))
	wy := catmullRom((y - float64(c.lines[j]) - 0.5) / float64(c.lines[j+1]-c.lines[j]))
	px, py := c.base.apply(x, y)
	for q := 0; q < 4; q++ {
		for p := 0; p < 4; p++ {
			r := c.residual(j-1+q, i-1+p)
			w := wy[q] * wx[p]
			px += w * r[0]
			py += w * r[1]
		}
	}
	return px, py
}

// residual returns the residual at lattice point (a, b), extended one point
// beyond the lattice on each side by the parabola through the three nearest
// (a bend keeps bending towards the symbol's edge).
func (c *cells) residual(a, b int) [2]float64 {
	n := len(c.lines)
	if n < 3 {
		a, b = min(max(a, 0), n-1), min(max(b, 0), n-1)
		return c.res[a*n+b]
	}
	// Along one axis: the index itself, or the three points whose
	// parabola extends to it (weights 3, −3, 1).
	type term struct {
		i int
		w float64
	}
	ext := func(a int) [3]term {
		switch {
		case a < 0:
			return [3]term{{0, 3}, {1, -3}, {2, 1}}
		case a >= n:
			return [3]term{{n - 1, 3}, {n - 2, -3}, {n - 3, 1}}
		}
		return [3]term{{a, 1}, {a, 0}, {a, 0}}
	}
	var r [2]float64
	for _, ta := range ext(a) {
		if ta.w == 0 {
			continue
		}
		for _, tb := range ext(b) {
			if tb.w == 0 {
				continue
			}
			v := c.res[ta.i*n+tb.i]
			r[0] += ta.w * tb.w * v[0]
			r[1] += ta.w * tb.w * v[1]
		}
	}
	return r
}

// catmullRom returns the weights of points −1, 0, 1, 2 at t (0 at point 0,
// 1 at point 1).
func catmullRom(t float64) [4]float64 {
	t2, t3 := t*t, t*t*t
	return [4]float64{(-t3 + 2*t2 - t) / 2, (3*t3 - 5*t2 + 2) / 2, (-3*t3 + 4*t2 + t) / 2, (t3 - t2) / 2}
}

// lattice holds the image positions of the alignment-pattern lattice while
// it is being located.
type lattice struct {
	n     int
	pos   [][2]float64 // image position of lattice point (a, b) at [a*n+b]
	found []bool       // located in the image (not only predicted)
	done  []bool       // pos is set (found or predicted)
}

// finderFrames is the local geometry of the three finder patterns (top
// left, top right, bottom left): centre and module vectors along the
// symbol's rows and columns, each measured on the pattern itself (a tilted
// or bent symbol's finders differ in module size and shape from one another
// and from the symbol's average).
type finderFrames struct {
	c   [3][2]float64
	e   [3][2][2]float64
	ref float64 // the weakest pattern's template contrast
}

// measureFinders fits finderFrames, starting from the symbol's top edge
// direction (tl→tr), its left edge direction (tl→bl) and each pattern's
// module size ms.
func (l *luminance) measureFinders(tl, tr, bl gozxing.ResultPoint, ms [3]float64) (finderFrames, bool) {
	var ff finderFrames
	ux, uy := tr.GetX()-tl.GetX(), tr.GetY()-tl.GetY()
	vx, vy := bl.GetX()-tl.GetX(), bl.GetY()-tl.GetY()
	lu, lv := math.Hypot(ux, uy), math.Hypot(vx, vy)
	if lu == 0 || lv == 0 {
		return ff, false
	}
	ff.ref = math.Inf(1)
	for f, p := range [3]gozxing.ResultPoint{tl, tr, bl} {
		ex := [2]float64{ux / lu * ms[f], uy / lu * ms[f]}
		ey := [2]float64{vx / lv * ms[f], vy / lv * ms[f]}
		x, y, ex, ey, s := l.fitFinder(p.GetX(), p.GetY(), ex, ey)
		if !(s > 0) {
			return ff, false
		}
		ff.c[f], ff.e[f] = [2]float64{x, y}, [2][2]float64{ex, ey}
		ff.ref = min(ff.ref, s)
	}
	return ff, true
}

// points returns module-to-image correspondences for a symbol of dimension
// dim: each finder's centre and the points 3 modules from it along its axes.
func (ff *finderFrames) points(dim int) (src, dst [][2]float64) {
	d := float64(dim)
	for f, m := range [3][2]float64{{3.5, 3.5}, {d - 3.5, 3.5}, {3.5, d - 3.5}} {
		c, ex, ey := ff.c[f], ff.e[f][0], ff.e[f][1]
		for _, o := range [...][2]float64{{0, 0}, {3, 0}, {-3, 0}, {0, 3}, {0, -3}} {
			src = append(src, [2]float64{m[0] + o[0], m[1] + o[1]})
			dst = append(dst, [2]float64{c[0] + o[0]*ex[0] + o[1]*ey[0], c[1] + o[0]*ex[1] + o[1]*ey[1]})
		}
	}
	return src, dst
}

// finderGrid maps a symbol of dimension dim by the homography that best
// fits the three finders' own geometry. The parallelogram of their centres
// knows nothing of perspective; their local geometry does (the far
// patterns are smaller), which matters most for the small versions that
// carry no alignment pattern to correct it.
func finderGrid(ff *finderFrames, dim int) (grid, bool) {
	src, dst := ff.points(dim)
	h, ok := fitHomography(src, dst, float64(dim), 1000)
	return grid{dim: dim, h: h, local: true}, ok
}

// localGrid locates the whole alignment-pattern lattice of a symbol of
// g.dim modules whose finder patterns have the geometry ff, and returns two
// grids over it: one homography per cell, and the smooth map (see cells).
// g, a rough grid for the whole symbol, is only a fallback for predictions.
func (l *luminance) localGrid(g grid, centres []int, ff *finderFrames) (grid, grid, bool) {
	n := len(centres)
	if n < 3 {
		return g, g, false
	}
	h := g.h
	d := float64(g.dim)
	lt := lattice{n: n, pos: make([][2]float64, n*n), found: make([]bool, n*n), done: make([]bool, n*n)}
	at := func(a, b int) [2]float64 { return [2]float64{float64(centres[b]) + 0.5, float64(centres[a]) + 0.5} }
	// residual is how far the image position of lattice point k lies from
	// where homography h puts it.
	residual := func(k int) [2]float64 {
		m := at(k/n, k%n)
		x, y := h.apply(m[0], m[1])
		return [2]float64{lt.pos[k][0] - x, lt.pos[k][1] - y}
	}
	// The three lattice points under the finder patterns (module 6.5, the
	// finder's inner corner module) are not patterns of their own: they are
	// placed 3 modules from their finder's centre along its own axes.
	fits, ref := ff.e, ff.ref
	for f, c := range [3][4]float64{{0, 0, 3, 3}, {0, float64(n - 1), -3, 3}, {float64(n - 1), 0, 3, -3}} {
		a, b := int(c[0]), int(c[1])
		fx, fy := ff.c[f][0], ff.c[f][1]
		ex, ey := fits[f][0], fits[f][1]
		k := a*n + b
		lt.pos[k] = [2]float64{fx + c[2]*ex[0] + c[3]*ey[0], fy + c[2]*ex[1] + c[3]*ey[1]}
		lt.found[k], lt.done[k] = true, true
	}
	fsrc, fdst := ff.points(g.dim)
	// fitAround fits a homography through the finders and every located
	// pattern, weighted by closeness in the lattice to (a, b): near the
	// finders their geometry dominates; further in, the patterns found on
	// the way (a bent sheet is not one plane).
	fitAround := func(a, b int) (homography, bool) {
		src, dst := slices.Clone(fsrc), slices.Clone(fdst)
		wt := make([]float64, len(src), len(src)+n*n)
		for i := range wt {
			corner := [3][2]int{{0, 0}, {0, n - 1}, {n - 1, 0}}[i/5]
			d2 := float64((corner[0]-a)*(corner[0]-a) + (corner[1]-b)*(corner[1]-b))
			wt[i] = 1 / (1 + d2)
		}
		for k := range lt.found {
			if lt.found[k] {
				a1, b1 := k/n, k%n
				d2 := float64((a1-a)*(a1-a) + (b1-b)*(b1-b))
				src, dst = append(src, at(a1, b1)), append(dst, lt.pos[k])
				wt = append(wt, 1/(1+d2))
			}
		}
		return fitWeighted(src, dst, wt, d, 1000)
	}
	// predict places lattice point (a, b): the parallelogram of three
	// located neighbours when there is one (it follows a bend), else the
	// weighted fit.
	predict := func(a, b int) [2]float64 {
		ok := func(a, b int) bool { return a >= 0 && b >= 0 && a < n && b < n && lt.found[a*n+b] }
		for _, s := range [4][2]int{{-1, -1}, {-1, 1}, {1, -1}, {1, 1}} {
			a1, b1 := a+s[0], b+s[1]
			if ok(a1, b) && ok(a, b1) && ok(a1, b1) {
				p1, p2, p3 := lt.pos[a1*n+b], lt.pos[a*n+b1], lt.pos[a1*n+b1]
				return [2]float64{p1[0] + p2[0] - p3[0], p1[1] + p2[1] - p3[1]}
			}
		}
		m := at(a, b)
		hl, fitted := fitAround(a, b)
		if !fitted {
			hl = h
		}
		x, y := hl.apply(m[0], m[1])
		return [2]float64{x, y}
	}
	// Locate the patterns one at a time, each time the one with the most
	// located neighbours, so each prediction leans on the most evidence;
	// then try the missed ones again once all their neighbours are known.
	found := func(a, b int) bool { return a >= 0 && b >= 0 && a < n && b < n && lt.found[a*n+b] }
	locate := func(a, b, reach int) {
		k := a*n + b
		p := predict(a, b)
		ex, ey := l.localAxes(&lt, fits, centres, a, b, p)
		if q, ok := l.locateAlignment(p, ex, ey, ref, reach); ok {
			lt.pos[k], lt.found[k] = q, true
		} else {
			lt.pos[k] = p
		}
		lt.done[k] = true
	}
	// A wrong dimension or a false finder triple shows early: give up
	// once n+2 patterns have been tried and under a third of them found.
	tried, located := 0, 3
	for {
		best, bestN := -1, -1
		for k := range lt.done {
			if lt.done[k] {
				continue
			}
			a, b, c := k/n, k%n, 0
			for da := -1; da <= 1; da++ {
				for db := -1; db <= 1; db++ {
					if found(a+da, b+db) {
						c++
					}
				}
			}
			if c > bestN {
				best, bestN = k, c
			}
		}
		if best < 0 {
			break
		}
		locate(best/n, best%n, 4)
		tried++
		if lt.found[best] {
			located++
		}
		if tried >= n+2 && 3*(located-3) < tried {
			return g, g, false
		}
	}
	if 3*located < n*n {
		return g, g, false
	}
	for k := range lt.found {
		if !lt.found[k] {
			if locate(k/n, k%n, 8); lt.found[k] {
				located++
			}
		}
	}
	if 2*located < n*n {
		return g, g, false
	}
	// Patterns not located: predict them again, now that all their
	// neighbours have been tried.
	for k := range lt.found {
		if !lt.found[k] {
			lt.pos[k] = predict(k/n, k%n)
		}
	}
	c := &cells{lines: centres, h: make([]homography, (n-1)*(n-1)), of: make([]uint8, g.dim)}
	for i := range c.of {
		j := 0
		for j < n-2 && i >= centres[j+1] {
			j++
		}
		c.of[i] = uint8(j)
	}
	for j := 0; j < n-1; j++ {
		for i := 0; i < n-1; i++ {
			ks := [4]int{j*n + i, j*n + i + 1, (j+1)*n + i, (j+1)*n + i + 1}
			src := make([][2]float64, 4)
			dst := make([][2]float64, 4)
			for q, k := range ks {
				src[q] = at(k/n, k%n)
				dst[q] = lt.pos[k]
			}
			hc, ok := fitHomography(src, dst, d, 1000)
			if !ok {
				return g, g, false
			}
			c.h[j*(n-1)+i] = hc
		}
	}
	// The smooth map's base: the homography through all lattice points.
	src, dst := make([][2]float64, n*n), make([][2]float64, n*n)
	for k := range src {
		src[k], dst[k] = at(k/n, k%n), lt.pos[k]
	}
	if hs, ok := fitHomography(src, dst, d, 1000); ok {
		h = hs
	}
	sm := *c
	sm.smooth, sm.base, sm.res = true, h, make([][2]float64, n*n)
	for k := range sm.res {
		sm.res[k] = residual(k)
	}
	return grid{dim: g.dim, h: g.h, cells: c, local: true}, grid{dim: g.dim, h: g.h, cells: &sm, local: true}, true
}

// isPattern reports whether the modules of template t centred on (cx, cy)
// read as the pattern, with at most maxWrong of them on the wrong side of
// the threshold halfway between the template's mean dark and mean light
// values. Contrast alone cannot tell a pattern from data: somewhere within
// a module or two of any point, random modules give a fair contrast.
func (l *luminance) isPattern(cx, cy float64, ex, ey [2]float64, t []tap, maxWrong int) bool {
	var vals [49]float64
	var dark, light, nd, nl float64
	for k, p := range t {
		v, ok := l.bilinear(cx+p.i*ex[0]+p.j*ey[0], cy+p.i*ex[1]+p.j*ey[1])
		if !ok {
			return false
		}
		vals[k] = v
		if p.w < 0 {
			dark, nd = dark+v, nd+1
		} else {
			light, nl = light+v, nl+1
		}
	}
	thr := (dark/nd + light/nl) / 2
	wrong := 0
	for k, p := range t {
		if (vals[k] < thr) != (p.w < 0) {
			wrong++
		}
	}
	return wrong <= maxWrong
}

// localAxes estimates the module vectors at lattice point (a, b), predicted
// at p: the secant to a neighbouring lattice point already placed along each
// axis, else the finders' own module vectors interpolated over the lattice.
// The whole-symbol grid's vectors are off by a fifth or more on a bent
// sheet, enough to make the pattern search miss.
func (l *luminance) localAxes(lt *lattice, fits [3][2][2]float64, centres []int, a, b int, p [2]float64) (ex, ey [2]float64) {
	n := lt.n
	// Bilinear over the lattice, the bottom-right corner completing the
	// parallelogram of the three finders.
	u, v := float64(b)/float64(n-1), float64(a)/float64(n-1)
	interp := func(axis int) [2]float64 {
		var r [2]float64
		for c := 0; c < 2; c++ {
			tl, tr, bl := fits[0][axis][c], fits[1][axis][c], fits[2][axis][c]
			br := tr + bl - tl
			r[c] = (1-u)*(1-v)*tl + u*(1-v)*tr + (1-u)*v*bl + u*v*br
		}
		return r
	}
	ex, ey = interp(0), interp(1)
	for _, d := range [...]int{-1, 1} {
		if b+d >= 0 && b+d < n && lt.done[a*n+b+d] {
			q, m := lt.pos[a*n+b+d], float64(centres[b]-centres[b+d])
			ex = [2]float64{(p[0] - q[0]) / m, (p[1] - q[1]) / m}
			break
		}
	}
	for _, d := range [...]int{-1, 1} {
		if a+d >= 0 && a+d < n && lt.done[(a+d)*n+b] {
			q, m := lt.pos[(a+d)*n+b], float64(centres[a]-centres[a+d])
			ey = [2]float64{(p[0] - q[0]) / m, (p[1] - q[1]) / m}
			break
		}
	}
	return ex, ey
}

// locateAlignment looks for an alignment pattern within reach/2 modules of p
// (reach ≤ 8):
// the best few template matches on a half-module lattice, each refined to
// an eighth of a module, the first that reads as the pattern.
func (l *luminance) locateAlignment(p [2]float64, ex, ey [2]float64, ref float64, reach int) ([2]float64, bool) {
	type cand struct{ x, y, s float64 }
	var buf [17 * 17]cand
	cs := buf[:0]
	for j := -reach; j <= reach; j++ {
		for i := -reach; i <= reach; i++ {
			di, dj := float64(i)*0.5, float64(j)*0.5
			x := p[0] + di*ex[0] + dj*ey[0]
			y := p[1] + di*ex[1] + dj*ey[1]
			cs = append(cs, cand{x, y, l.patternScore(x, y, ex, ey, alignTemplate)})
		}
	}
	sort.Slice(cs, func(i, j int) bool { return cs[i].s > cs[j].s })
	for _, c := range cs[:3] {
		if !(c.s > 0.2*ref) {
			break
		}
		x, y, s := l.search(c.x, c.y, ex, ey, 2, 0.125, alignTemplate)
		if s > 0.2*ref && l.isPattern(x, y, ex, ey, alignTemplate, 3) {
			return [2]float64{x, y}, true
		}
	}
	return p, false
}
