package camframes

import (
	"image"
	"image/draw"
)

// Shrink returns img as RGBA with its longer side at most side pixels, each
// output pixel the mean of the source pixels its area covers (what a
// camera's scaler does, roughly). Smaller pictures are not enlarged. It is
// how a photo becomes a camera frame in TestPhotos and qrbench -photos.
func Shrink(img image.Image, side int) *image.RGBA {
	b := img.Bounds()
	src := image.NewRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	draw.Draw(src, src.Bounds(), img, b.Min, draw.Src)
	w, h := b.Dx(), b.Dy()
	if max(w, h) <= side {
		return src
	}
	dw, dh := w*side/max(w, h), h*side/max(w, h)
	dst := image.NewRGBA(image.Rect(0, 0, dw, dh))
	for y := 0; y < dh; y++ {
		y0, y1 := y*h/dh, max((y+1)*h/dh, y*h/dh+1)
		for x := 0; x < dw; x++ {
			x0, x1 := x*w/dw, max((x+1)*w/dw, x*w/dw+1)
			var s [3]int
			for yy := y0; yy < y1; yy++ {
				p := src.Pix[yy*src.Stride+4*x0 : yy*src.Stride+4*x1]
				for i := 0; i < len(p); i += 4 {
					s[0] += int(p[i])
					s[1] += int(p[i+1])
					s[2] += int(p[i+2])
				}
			}
			n := (y1 - y0) * (x1 - x0)
			o := y*dst.Stride + 4*x
			dst.Pix[o], dst.Pix[o+1], dst.Pix[o+2], dst.Pix[o+3] = byte(s[0]/n), byte(s[1]/n), byte(s[2]/n), 255
		}
	}
	return dst
}
