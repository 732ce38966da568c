package qr

// Codes seen at a steep angle.
//
// A code tilted 50–70° away from the camera is foreshortened along one axis
// to a half or a third of its width: its finder patterns are then two or
// three times as tall as they are wide, and the finder-pattern search, which
// wants the pattern's width and height within 40 % of each other, finds none
// (most of BoofCV's "perspective" photos). Halving the picture along the
// other axis (mean of two rows, or of two columns) gives those patterns back
// their proportions, at half the cost of a full-size pass each; the
// rest of the pipeline (dimension, grids, sampling) works on the halved
// picture, whose modules stay at least as large along the squeezed axis.

// decodeSqueezed reads the loaded picture halved vertically (rows) or
// horizontally. d.lum is restored before it returns.
func (d *FrameDecoder) decodeSqueezed(rows bool) (string, bool) {
	saved := d.lum
	defer func() { d.lum = saved }()
	if min(saved.w, saved.h) < 2*minSide {
		return "", false
	}
	d.lum = halve(saved, rows, &d.halved)
	return d.readSymbol(d.sqBin.binarize(&d.lum, 3), nil)
}

// halve returns src with each pair of rows (rows) or of columns averaged,
// in *buf (grown as needed).
func halve(src luminance, rows bool, buf *[]byte) luminance {
	w, h := src.w, src.h/2
	if !rows {
		w, h = src.w/2, src.h
	}
	if cap(*buf) < w*h {
		*buf = make([]byte, w*h)
	}
	out := (*buf)[:w*h]
	for y := 0; y < h; y++ {
		dst := out[y*w : (y+1)*w]
		if rows {
			a := src.pix[2*y*src.w : (2*y+1)*src.w]
			b := src.pix[(2*y+1)*src.w : (2*y+2)*src.w]
			for x := range dst {
				dst[x] = byte((uint(a[x]) + uint(b[x]) + 1) >> 1)
			}
			continue
		}
		row := src.pix[y*src.w : (y+1)*src.w]
		for x := range dst {
			dst[x] = byte((uint(row[2*x]) + uint(row[2*x+1]) + 1) >> 1)
		}
	}
	return luminance{pix: out, w: w, h: h}
}
