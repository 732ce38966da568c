package qr_test

import (
	"fmt"
	"image"
	"image/color"

	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/qrcode"

	"passcheck/verify/qr"
)

// qrPicture draws text as a QR code, scale pixels per module, on a white
// canvas of w×h with the code at (x0, y0).
func qrPicture(text string, scale, w, h, x0, y0 int) *image.Gray {
	m, err := qrcode.NewQRCodeWriter().Encode(text, gozxing.BarcodeFormat_QR_CODE, 0, 0, nil)
	if err != nil {
		panic(err)
	}
	img := image.NewGray(image.Rect(0, 0, w, h))
	for i := range img.Pix {
		img.Pix[i] = 0xff
	}
	for y := 0; y < m.GetHeight()*scale; y++ {
		for x := 0; x < m.GetWidth()*scale; x++ {
			if m.Get(x/scale, y/scale) {
				img.SetGray(x0+x, y0+y, color.Gray{})
			}
		}
	}
	return img
}

func ExampleDecodeImage() {
	img := qrPicture("HC1:6BF+70790T9WJWG.FKY*4GO0.O1CV2 O5 N2FBBRW1*70HS8WY04AC*WIFN0AHCD8KD97TK0F90KECTHGWJC0FDC:5AIA%G7X+AQB9746HS80:54IBQF60R6$A80X6S1BTYACG6M+9XG8KIAWNA91AY%67092L4WJCT3EHS8XJC$+DXJCCWENF6OF63W5NW6WF6%JC QE/IAYJC5LEW34U3ET7DXC9 QE-ED8%E.JCBECB1A-:8$96646AL60A60S6Q$D.UDRYA 96NF6L/5QW6307KQEPD09WEQDD+Q6TW6FA7C466KCN9E%961A6DL6FA7D46JPCT3E5JDLA7$Q6E464W5TG6..DX%DZJC6/DTZ9 QE5$CB$DA/D JC1/D3Z8WED1ECW.CCWE.Y92OAGY8MY9L+9MPCG/D5 C5IA5N9$PC5$CUZCY$5Y$527B+A4KZNQG5TKOWWD9FL%I8U$F7O2IBM85CWOC%LEZU4R/BXHDAHN 11$CA5MRI:AONFN7091K9FKIGIY%VWSSSU9%01FO2*FTPQ3C3F", 3, 300, 300, 10, 10)
	text, err := qr.DecodeImage(img)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(text[:20])
	// Output: HC1:6BF+70790T9WJWG.
}

func ExampleFrameDecoder() {
	// A camera delivers 640×480 RGBA frames; decode them with one reused
	// FrameDecoder, searching only the centre of the frame.
	const w, h = 640, 480
	gray := qrPicture("HC1:NCFOXN%TS3DH3ZSUZK+.V0ETD%65NL-AH-R6IOO6+IUKRG*I.I5BROCWAAT4V22F/8X*G3M9JUPY0BX/KR96R/S09T./0LWTKD33236J3TA3M*4VV2 73-E3GG396B-43O058YIB73A*G3W19UEBY5:PI0EGSP4*2DN43U*0CEBQ/GXQFY73CIBC:G 7376BXBJBAJ UNFMJCRN0H3PQN*E33H3OA70M3FMJIJN523.K5QZ4A+2XEN QT QTHC31M3+E32R44$28A9H0D3ZCL4JMYAZ+S-A5$XKX6T2YC 35H/ITX8GL2-LH/CJTK96L6SR9MU9RFGJA6Q3QR$P2OIC0JVLA8J3ET3:H3A+2+33U SAAUOT3TPTO4UBZIC0JKQTL*QDKBO.AI9BVYTOCFOPS4IJCOT0$89NT2V457U8+9W2KQ-7LF9-DF07U$B97JJ1D7WKP/HLIJLRKF1MFHJP7NVDEBU1J*Z222E.GJF67Z JA6B.38O4BH*HB0EGLE2%V -3O+J3.PI2G:M1SSP2Y3D38-G9C+Q6HC*8QL2QD1", 2, w, h, 180, 100)
	frame := make([]byte, 4*w*h)
	for i, g := range gray.Pix {
		frame[4*i], frame[4*i+1], frame[4*i+2], frame[4*i+3] = g, g, g, 0xff
	}
	d := &qr.FrameDecoder{Window: image.Rect(w/8, 0, w-w/8, h)}
	text, err := d.DecodeRGBA(frame, w, h)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(text[:12])
	// Output: HC1:NCFOXN%T
}
