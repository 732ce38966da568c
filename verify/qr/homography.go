package qr

import "math"

// homography maps symbol coordinates (modules) to image coordinates (pixels):
// x' = (h0·x + h1·y + h2) / (h6·x + h7·y + 1), y' = (h3·x + h4·y + h5) / (…).
type homography [8]float64

func (h *homography) apply(x, y float64) (float64, float64) {
	d := h[6]*x + h[7]*y + 1
	return (h[0]*x + h[1]*y + h[2]) / d, (h[3]*x + h[4]*y + h[5]) / d
}

// jacobian returns the image displacement of one module along the symbol's
// x and y axes at (x, y).
func (h *homography) jacobian(x, y float64) (ex, ey [2]float64) {
	x0, y0 := h.apply(x, y)
	x1, y1 := h.apply(x+1, y)
	x2, y2 := h.apply(x, y+1)
	return [2]float64{x1 - x0, y1 - y0}, [2]float64{x2 - x0, y2 - y0}
}

// fitHomography returns the least-squares homography taking src[i] to dst[i]
// (at least 4 pairs, not degenerate). Coordinates are normalised first
// (src by sScale, dst by dScale) to keep the normal equations well
// conditioned.
func fitHomography(src, dst [][2]float64, sScale, dScale float64) (homography, bool) {
	return fitWeighted(src, dst, nil, sScale, dScale)
}

// fitWeighted is fitHomography with a weight per pair (nil: all 1).
func fitWeighted(src, dst [][2]float64, wt []float64, sScale, dScale float64) (homography, bool) {
	if len(src) < 4 || len(src) != len(dst) || (wt != nil && len(wt) != len(src)) {
		return homography{}, false
	}
	var a [8][9]float64 // normal equations AᵀA | Aᵀb
	addRow := func(r [8]float64, b, w float64) {
		for i := 0; i < 8; i++ {
			for j := 0; j < 8; j++ {
				a[i][j] += w * r[i] * r[j]
			}
			a[i][8] += w * r[i] * b
		}
	}
	for i := range src {
		w := 1.0
		if wt != nil {
			w = wt[i]
		}
		x, y := src[i][0]/sScale, src[i][1]/sScale
		u, v := dst[i][0]/dScale, dst[i][1]/dScale
		addRow([8]float64{x, y, 1, 0, 0, 0, -u * x, -u * y}, u, w)
		addRow([8]float64{0, 0, 0, x, y, 1, -v * x, -v * y}, v, w)
	}
	// Gaussian elimination with partial pivoting.
	for c := 0; c < 8; c++ {
		p := c
		for r := c + 1; r < 8; r++ {
			if math.Abs(a[r][c]) > math.Abs(a[p][c]) {
				p = r
			}
		}
		if math.Abs(a[p][c]) < 1e-12 {
			return homography{}, false
		}
		a[c], a[p] = a[p], a[c]
		for r := 0; r < 8; r++ {
			if r == c {
				continue
			}
			f := a[r][c] / a[c][c]
			for k := c; k < 9; k++ {
				a[r][k] -= f * a[c][k]
			}
		}
	}
	var n homography
	for i := range n {
		n[i] = a[i][8] / a[i][i]
	}
	// Undo the normalisation: dst = dScale·H(src/sScale).
	h := homography{
		n[0] * dScale / sScale, n[1] * dScale / sScale, n[2] * dScale,
		n[3] * dScale / sScale, n[4] * dScale / sScale, n[5] * dScale,
		n[6] / sScale, n[7] / sScale,
	}
	for _, v := range h {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return homography{}, false
		}
	}
	return h, true
}
