package e2e

import (
	"bufio"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"os"

	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/qrcode"
)

// Fake camera frames: Chromium's --use-file-for-fake-video-capture plays a
// y4m file (a text header, then raw YUV 4:2:0 frames) in a loop.
const (
	camW, camH = 640, 480
	camFPS     = 10
	// qrSide is the largest the QR may be drawn: it must fit the app's scan
	// window (80 % of the frame's shorter side) with room to spare.
	qrSide = 340
)

// qrImage draws text as a QR code with a 4-module quiet zone, at the
// largest whole number of pixels per module that fits in side pixels.
func qrImage(text string, side int) (*image.Gray, error) {
	m, err := qrcode.NewQRCodeWriter().Encode(text, gozxing.BarcodeFormat_QR_CODE, 0, 0,
		map[gozxing.EncodeHintType]any{
			gozxing.EncodeHintType_ERROR_CORRECTION: "Q",
			gozxing.EncodeHintType_MARGIN:           4,
		})
	if err != nil {
		return nil, err
	}
	n := m.GetWidth()
	k := side / n
	if k < 2 {
		return nil, fmt.Errorf("QR of %d modules does not fit %d px at 2 px/module", n, side)
	}
	img := image.NewGray(image.Rect(0, 0, n*k, n*k))
	for y := 0; y < n*k; y++ {
		for x := 0; x < n*k; x++ {
			c := color.Gray{255}
			if m.Get(x/k, y/k) {
				c = color.Gray{0}
			}
			img.SetGray(x, y, c)
		}
	}
	return img, nil
}

// cameraFrame is a camW×camH light-grey scene with img centred on it (nil:
// an empty scene).
func cameraFrame(img image.Image) *image.Gray {
	f := image.NewGray(image.Rect(0, 0, camW, camH))
	draw.Draw(f, f.Bounds(), image.NewUniform(color.Gray{200}), image.Point{}, draw.Src)
	if img != nil {
		b := img.Bounds()
		at := image.Pt((camW-b.Dx())/2, (camH-b.Dy())/2)
		draw.Draw(f, b.Add(at), img, b.Min, draw.Src)
	}
	return f
}

// writeY4M writes frames (grey scenes, all of the first one's even size,
// packed) as a 4:2:0 y4m file with neutral chroma.
func writeY4M(path string, frames []*image.Gray) error {
	fw, fh := camW, camH
	if len(frames) > 0 {
		fw, fh = frames[0].Rect.Dx(), frames[0].Rect.Dy()
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	fmt.Fprintf(w, "YUV4MPEG2 W%d H%d F%d:1 Ip A1:1 C420jpeg\n", fw, fh, camFPS)
	chroma := make([]byte, fw*fh/4)
	for i := range chroma {
		chroma[i] = 128
	}
	for _, fr := range frames {
		w.WriteString("FRAME\n")
		w.Write(fr.Pix)
		w.Write(chroma)
		w.Write(chroma)
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// scanVideo makes a fake camera file that shows nothing for blank frames,
// then the QR code of text for shown frames (then loops).
func scanVideo(path, text string, blank, shown int) error {
	var frames []*image.Gray
	empty := cameraFrame(nil)
	for i := 0; i < blank; i++ {
		frames = append(frames, empty)
	}
	if text != "" {
		img, err := qrImage(text, qrSide)
		if err != nil {
			return err
		}
		withQR := cameraFrame(img)
		for i := 0; i < shown; i++ {
			frames = append(frames, withQR)
		}
	}
	return writeY4M(path, frames)
}

// writePNG writes a photo-like picture of the code for the upload test.
func writePNG(path, text string) error {
	img, err := qrImage(text, 600)
	if err != nil {
		return err
	}
	// A photo: the code on a larger grey background.
	bg := image.NewGray(image.Rect(0, 0, 1000, 800))
	draw.Draw(bg, bg.Bounds(), image.NewUniform(color.Gray{210}), image.Point{}, draw.Src)
	b := img.Bounds()
	draw.Draw(bg, b.Add(image.Pt((1000-b.Dx())/2, (800-b.Dy())/2)), img, b.Min, draw.Src)
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := png.Encode(f, bg); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
