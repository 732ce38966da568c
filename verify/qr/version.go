package qr

import (
	"math"
	"math/bits"

	"github.com/makiuchi-d/gozxing/qrcode/decoder"
	"github.com/makiuchi-d/gozxing/qrcode/detector"
)

// Reading the version before sampling.
//
// A dense symbol's size is hard to count: the timing patterns of a version-30
// symbol hold 60 modules of 2–3 pixels, foreshortened unevenly when the code
// is tilted, and the finder patterns' module size gives the count only to
// ±10 %. Symbols of version 7 and up say their version twice, in 6×3 blocks
// beside the top-right and bottom-left finder patterns (18 bits, BCH-coded:
// up to 3 bit errors are corrected). Those blocks lie within 7 modules of a
// finder, so the finder's own local geometry reads them without knowing the
// symbol's size.

// versionDimension reads the version blocks next to the top-right and
// bottom-left finder patterns and returns the symbol dimension they agree
// on, or 0.
func (l *luminance) versionDimension(tl, tr, bl *detector.FinderPattern) int {
	vt, et := l.versionBlock(tl, tr, bl, false)
	vb, eb := l.versionBlock(tl, bl, tr, true)
	switch {
	case vt != 0 && vt == vb:
	case vt != 0 && et <= 1 && (vb == 0 || eb > 1):
	case vb != 0 && eb <= 1 && (vt == 0 || et > 1):
		vt = vb
	default:
		return 0
	}
	return 17 + 4*vt
}

// versionBlock reads the version block beside the finder pattern at f
// (top right, or bottom left when transposed). o is the top-left finder and
// c the third one. The block is read along f's own axes and module sizes,
// measured on its 7×7 modules (fitFinder) from a start along o→f and o→c.
// It returns the version (7–40) and the number of bits corrected (≤ 3), or
// 0.
func (l *luminance) versionBlock(o, f, c *detector.FinderPattern, transposed bool) (int, int) {
	ms := f.GetEstimatedModuleSize()
	fx, fy := f.GetX(), f.GetY()
	ux, uy := fx-o.GetX(), fy-o.GetY()
	vx, vy := c.GetX()-o.GetX(), c.GetY()-o.GetY()
	lu, lv := math.Hypot(ux, uy), math.Hypot(vx, vy)
	if !(ms >= 1) || lu < 14*ms || lv < 14*ms {
		return 0, 0
	}
	ux, uy, vx, vy = ux/lu, uy/lu, vx/lv, vy/lv
	eu, ev := [2]float64{ux * ms, uy * ms}, [2]float64{vx * ms, vy * ms}
	if transposed {
		eu, ev = ev, eu
	}
	var best float64
	fx, fy, eu, ev, best = l.fitFinder(fx, fy, eu, ev)
	if !(best > 0) {
		return 0, 0
	}
	// Threshold halfway between the pattern's dark and light modules.
	var dark, light, nd, nl float64
	for _, p := range finderTemplate {
		v, ok := l.bilinear(fx+p.i*eu[0]+p.j*ev[0], fy+p.i*eu[1]+p.j*ev[1])
		if !ok {
			return 0, 0
		}
		if p.w < 0 {
			dark, nd = dark+v, nd+1
		} else {
			light, nl = light+v, nl+1
		}
	}
	thr := (dark/nd + light/nl) / 2
	// Bits, most significant first: top right reads rows +2…−3 (relative
	// to the finder's centre), each from column −5 to −7; bottom left is
	// the transpose (eu and ev were swapped above).
	word := uint(0)
	for j := 2; j >= -3; j-- {
		for i := -5; i >= -7; i-- {
			a, b := float64(i), float64(j)
			if transposed {
				a, b = b, a
			}
			v, ok := l.bilinear(fx+a*eu[0]+b*ev[0], fy+a*eu[1]+b*ev[1])
			if !ok {
				return 0, 0
			}
			word <<= 1
			if v < thr {
				word |= 1
			}
		}
	}
	bestV, bestD := 0, 4
	for i, w := range decoder.VERSION_DECODE_INFO {
		if d := bits.OnesCount(word ^ uint(w)); d < bestD {
			bestV, bestD = i+7, d
		}
	}
	return bestV, bestD
}

// fitFinder measures the local geometry of the finder pattern near
// (cx, cy) whose module vectors point roughly along ex and ey: along each
// direction, the six edges of the pattern's dark-light-dark-light-dark
// profile through its centre give the module size and the centre (the
// template's contrast alone is too flat in scale to measure it). It returns
// the centre, the module vectors and the template contrast there.
func (l *luminance) fitFinder(cx, cy float64, ex, ey [2]float64) (float64, float64, [2]float64, [2]float64, float64) {
	for round := 0; round < 2; round++ {
		// Each axis's length and the centre along it, from the profile
		// through the centre; its direction, from the profiles one module
		// to either side along the other axis, whose centres lie on the
		// pattern's middle row (or column).
		var shifts [2][3]float64
		var ok [2][3]bool
		for k, e := range [2][2]float64{ex, ey} {
			o := ey
			if k == 1 {
				o = ex
			}
			for t := -1; t <= 1; t++ {
				x, y := cx+float64(t)*o[0], cy+float64(t)*o[1]
				var m float64
				shifts[k][t+1], m, ok[k][t+1] = l.finderAxis(x, y, e)
				if t == 0 && ok[k][1] {
					n := math.Hypot(e[0], e[1])
					if k == 0 {
						ex = [2]float64{e[0] / n * m, e[1] / n * m}
					} else {
						ey = [2]float64{e[0] / n * m, e[1] / n * m}
					}
				}
			}
		}
		nx, ny := unit(ex), unit(ey)
		if ok[0][1] {
			cx, cy = cx+shifts[0][1]*nx[0], cy+shifts[0][1]*nx[1]
		}
		if ok[1][1] {
			cx, cy = cx+shifts[1][1]*ny[0], cy+shifts[1][1]*ny[1]
		}
		// Profiles along ex at ±1 module of ey: their centres move by
		// slope pixels along ex per module of ey, so ey turns towards ex.
		if ok[0][0] && ok[0][2] {
			slope := (shifts[0][2] - shifts[0][0]) / 2
			ey = [2]float64{ey[0] + slope*nx[0], ey[1] + slope*nx[1]}
		}
		if ok[1][0] && ok[1][2] {
			slope := (shifts[1][2] - shifts[1][0]) / 2
			ex = [2]float64{ex[0] + slope*ny[0], ex[1] + slope*ny[1]}
		}
	}
	return cx, cy, ex, ey, l.patternScore(cx, cy, ex, ey, finderTemplate)
}

func unit(e [2]float64) [2]float64 {
	n := math.Hypot(e[0], e[1])
	if n == 0 {
		return e
	}
	return [2]float64{e[0] / n, e[1] / n}
}

// finderAxis reads the profile through a finder pattern's centre (cx, cy)
// along e (one module, roughly) and returns how far along e the true centre
// lies, in pixels, and the module size in pixels.
func (l *luminance) finderAxis(cx, cy float64, e [2]float64) (shift, module float64, ok bool) {
	m0 := math.Hypot(e[0], e[1])
	if !(m0 >= 0.5) {
		return 0, 0, false
	}
	ux, uy := e[0]/m0, e[1]/m0
	// Samples every 0.1 module out to 5.5 modules on each side.
	const per, reach = 10, 55
	var prof [2*reach + 1]float64
	for i := range prof {
		t := float64(i-reach) / per * m0
		v, ok := l.bilinear(cx+t*ux, cy+t*uy)
		if !ok {
			return 0, 0, false
		}
		prof[i] = v
	}
	dark := prof[reach]
	light := 0.0
	for i := reach + 12; i <= reach+30; i++ {
		light = max(light, prof[i], prof[2*reach-i])
	}
	if light-dark < 10 {
		return 0, 0, false
	}
	thr := (dark + light) / 2
	// Walk out from the centre on each side, recording where the profile
	// crosses the threshold (linear interpolation): 3 crossings expected.
	var pos [2][3]float64
	for side, dir := range [2]int{1, -1} {
		n := 0
		for i := 1; i <= reach && n < 3; i++ {
			a, b := prof[reach+dir*(i-1)], prof[reach+dir*i]
			if (a < thr) != (b < thr) {
				f := (thr - a) / (b - a)
				pos[side][n] = (float64(i-1) + f) / per * m0 // pixels from (cx, cy)
				n++
			}
		}
		if n < 3 {
			return 0, 0, false
		}
	}
	// pos[0][k] = c + m·(k+1.5), −pos[1][k] = c − m·(k+1.5): least squares.
	var sm, sc float64
	for k := 0; k < 3; k++ {
		sm += pos[0][k] + pos[1][k]
		sc += pos[0][k] - pos[1][k]
	}
	module = sm / (2 * (1.5 + 2.5 + 3.5))
	shift = sc / 6
	if module < 0.6*m0 || module > 1.7*m0 {
		return 0, 0, false
	}
	return shift, module, true
}
