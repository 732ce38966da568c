package qr_test

import (
	"bytes"
	"flag"
	"image"
	"image/png"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/qrcode/decoder"
	"github.com/makiuchi-d/gozxing/qrcode/encoder"

	"passcheck/verify/qr"
	"passcheck/verify/qr/camframes"
)

// The grid frames are camera-like pictures of codes that one projective
// transform cannot sample: dense symbols (versions 25–40) tilted 30–45°, and
// codes on a curved surface (a bottle, a bent phone case, a sheet held by its
// edge); and a code seen so steeply that its finder patterns are over twice
// as tall as wide. They are rendered by ray casting a pinhole camera onto a plane or a
// cylinder, from dgc-testdata payloads encoded at a forced version, and
// committed under testdata/grid (PNG, 8-bit gray). Regenerate with
//
//	go test -run TestGridFrames ./verify/qr/ -update-grid
var updateGrid = flag.Bool("update-grid", false, "rewrite testdata/grid/*.png")

type gridCase struct {
	name    string
	vector  string  // dgc-testdata vector whose text is encoded
	version int     // forced symbol version
	ec      string  // error correction level
	w, h    int     // frame size
	fill    float64 // the code's outline, as a fraction of the frame's width and height
	tilt    float64 // degrees, rotation of the code plane out of the image plane
	axis    float64 // degrees, direction of the tilt axis in the code plane
	roll    float64 // degrees, rotation in the image plane
	radius  float64 // cylinder radius in code widths (0: flat)
	seed    uint64
}

var gridCases = []gridCase{
	{"v27_tilt35", "NL/2DCode/raw/000-NL-test.json", 27, "M", 800, 600, 0.85, 35, 30, 10, 0, 1},
	{"v32_tilt45", "DE/2DCode/raw/1.json", 32, "Q", 800, 800, 0.85, 45, 45, -15, 0, 2},
	{"v40_tilt30", "AT/2DCode/raw/1.json", 40, "M", 800, 800, 0.85, 30, 0, 8, 0, 3},
	{"v15_curved", "BE/2DCode/raw/1.json", 15, "L", 640, 480, 0.75, 0, 0, 10, 0.8, 4},
	{"v25_curved", "BG/2DCode/raw/1.json", 25, "M", 800, 600, 0.85, 10, 0, -5, 0.9, 5},
	// Seen at a steep angle: foreshortened to under half its width.
	{"v15_tilt60", "BE/2DCode/raw/1.json", 15, "L", 640, 640, 0.95, 60, 90, 5, 0, 6},
}

func TestGridFrames(t *testing.T) {
	vs, err := camframes.LoadVectors(vectorsDir)
	if err != nil {
		t.Fatal(err)
	}
	texts := map[string]string{}
	for _, v := range vs {
		texts[v.Name] = v.Text
	}
	for _, c := range gridCases {
		t.Run(c.name, func(t *testing.T) {
			text, ok := texts[c.vector]
			if !ok {
				t.Fatalf("no vector %s", c.vector)
			}
			path := filepath.Join("testdata", "grid", c.name+".png")
			if *updateGrid {
				img, err := renderGrid(text, c)
				if err != nil {
					t.Fatal(err)
				}
				var buf bytes.Buffer
				if err := png.Encode(&buf, img); err != nil {
					t.Fatal(err)
				}
				if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			f, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			img, err := png.Decode(bytes.NewReader(f))
			if err != nil {
				t.Fatal(err)
			}
			g, ok := img.(*image.Gray)
			if !ok {
				t.Fatalf("%s: %T, want 8-bit gray", path, img)
			}
			var d qr.FrameDecoder
			b := g.Bounds()
			got, err := d.DecodeGray(g.Pix, b.Dx(), b.Dy())
			if err != nil || got != text {
				t.Errorf("frame path: %q, %v", abbrev(got), err)
			}
			got, err = qr.DecodeImage(g)
			if err != nil || got != text {
				t.Errorf("still path: %q, %v", abbrev(got), err)
			}
		})
	}
}

func abbrev(s string) string {
	if len(s) > 24 {
		return s[:24] + "…"
	}
	return s
}

// renderGrid draws text's symbol, seen by a pinhole camera, into a gray frame.
func renderGrid(text string, c gridCase) (*image.Gray, error) {
	ec, err := decoder.ErrorCorrectionLevel_ForBits(map[string]uint{"L": 1, "M": 0, "Q": 3, "H": 2}[c.ec])
	if err != nil {
		return nil, err
	}
	code, err := encoder.Encoder_encode(text, ec, map[gozxing.EncodeHintType]interface{}{gozxing.EncodeHintType_QR_VERSION: c.version})
	if err != nil {
		return nil, err
	}
	m := code.GetMatrix()
	dim := m.GetWidth()
	const quiet = 4
	side := float64(dim + 2*quiet) // code width in modules, quiet zone included
	paper := side * 1.25           // half-width of the sheet the code is printed on

	r := rand.New(rand.NewPCG(c.seed, 0x5eed))
	// Camera: focal length f pixels. Object → camera rotation: tilt about
	// an in-plane axis, then roll.
	f := 1.2 * float64(c.h)
	rot := mul(rotZ(c.roll), mul(rotAxis(c.axis, c.tilt), rotZ(-c.axis)))
	rt := transpose(rot)
	rc := c.radius * side
	// Distance and principal point: the code's outline (quiet zone
	// included) fills fill × the frame and is centred in it.
	z, ox, oy := side*f/(c.fill*float64(c.h)), 0.0, 0.0
	for it := 0; it < 8; it++ {
		x0, y0, x1, y1 := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
		for k := 0; k <= 256; k++ {
			t := side * (float64(k%64)/64 - 0.5)
			var u, v float64
			switch k / 64 {
			case 0:
				u, v = t, -side/2
			case 1:
				u, v = side/2, t
			case 2:
				u, v = -t, side/2
			default:
				u, v = -side/2, -t
			}
			p := surface(u, v, rc)
			q := apply(rot, p)
			px, py := f*q[0]/(q[2]+z), f*q[1]/(q[2]+z)
			x0, y0, x1, y1 = min(x0, px), min(y0, py), max(x1, px), max(y1, py)
		}
		s := max((x1-x0)/(c.fill*float64(c.w)), (y1-y0)/(c.fill*float64(c.h)))
		z *= s
		ox, oy = -(x0+x1)/2/s, -(y0+y1)/2/s
	}
	origin := apply(rt, [3]float64{0, 0, -z}) // the camera, in object coordinates

	ink, light := 35+20*r.Float64(), 205+25*r.Float64()
	gx, gy := (r.Float64()-0.5)*0.4, (r.Float64()-0.5)*0.4 // lighting gradient
	lum := make([]float64, c.w*c.h)
	const ss = 3
	for py := 0; py < c.h; py++ {
		for px := 0; px < c.w; px++ {
			sum := 0.0
			for sy := 0; sy < ss; sy++ {
				for sx := 0; sx < ss; sx++ {
					x := (float64(px) + (float64(sx)+0.5)/ss - float64(c.w)/2 - ox) / f
					y := (float64(py) + (float64(sy)+0.5)/ss - float64(c.h)/2 - oy) / f
					d := apply(rt, [3]float64{x, y, 1})
					u, v, ok := hit(origin, d, rc)
					switch {
					case !ok || math.Abs(u) > paper || math.Abs(v) > paper:
						sum += 0.35 // the desk
					default:
						i, j := int(math.Floor(u+side/2))-quiet, int(math.Floor(v+side/2))-quiet
						if i >= 0 && j >= 0 && i < dim && j < dim && m.Get(i, j) == 1 {
							sum += 0
						} else {
							sum += 1
						}
					}
				}
			}
			k := sum / (ss * ss)
			shade := 1 + gx*(float64(px)/float64(c.w)-0.5) + gy*(float64(py)/float64(c.h)-0.5)
			lum[py*c.w+px] = (ink + k*(light-ink)) * shade
		}
	}
	lum = blur3(lum, c.w, c.h)
	img := image.NewGray(image.Rect(0, 0, c.w, c.h))
	for i, v := range lum {
		v += r.NormFloat64() * 0.4
		img.Pix[i] = uint8(max(0, min(255, math.Round(v))))
	}
	return img, nil
}

// hit intersects the ray origin + t·d with the code's surface: the plane
// z = 0, or (radius > 0) a cylinder of that radius along the v axis whose
// nearest line touches the plane at u = 0. It returns the surface
// coordinates (arc length across, distance along).
func hit(o, d [3]float64, radius float64) (u, v float64, ok bool) {
	if radius == 0 {
		if d[2] <= 0 {
			return 0, 0, false
		}
		t := -o[2] / d[2]
		return o[0] + t*d[0], o[1] + t*d[1], true
	}
	// x² + (z − R)² = R², nearest intersection.
	a := d[0]*d[0] + d[2]*d[2]
	b := 2 * (o[0]*d[0] + (o[2]-radius)*d[2])
	cc := o[0]*o[0] + (o[2]-radius)*(o[2]-radius) - radius*radius
	disc := b*b - 4*a*cc
	if a == 0 || disc < 0 {
		return 0, 0, false
	}
	t := (-b - math.Sqrt(disc)) / (2 * a)
	x, y, zz := o[0]+t*d[0], o[1]+t*d[1], o[2]+t*d[2]
	if zz > radius { // the far side
		return 0, 0, false
	}
	return radius * math.Atan2(x, radius-zz), y, true
}

// surface is the point of the code's surface at coordinates (u, v).
func surface(u, v, radius float64) [3]float64 {
	if radius == 0 {
		return [3]float64{u, v, 0}
	}
	a := u / radius
	return [3]float64{radius * math.Sin(a), v, radius * (1 - math.Cos(a))}
}

type mat3 [3][3]float64

func rotZ(deg float64) mat3 {
	s, c := math.Sincos(deg * math.Pi / 180)
	return mat3{{c, -s, 0}, {s, c, 0}, {0, 0, 1}}
}

// rotAxis is rotZ(a)·Rx(deg); conjugated with rotZ(−a) it tilts by deg about
// the in-plane axis at angle a.
func rotAxis(a, deg float64) mat3 {
	s, c := math.Sincos(deg * math.Pi / 180)
	return mul(rotZ(a), mat3{{1, 0, 0}, {0, c, -s}, {0, s, c}})
}

func mul(a, b mat3) (m mat3) {
	for i := 0; i < 3; i++ {
		for j := 0; j < 3; j++ {
			for k := 0; k < 3; k++ {
				m[i][j] += a[i][k] * b[k][j]
			}
		}
	}
	return m
}

func transpose(a mat3) (m mat3) {
	for i := 0; i < 3; i++ {
		for j := 0; j < 3; j++ {
			m[i][j] = a[j][i]
		}
	}
	return m
}

func apply(a mat3, v [3]float64) (r [3]float64) {
	for i := 0; i < 3; i++ {
		r[i] = a[i][0]*v[0] + a[i][1]*v[1] + a[i][2]*v[2]
	}
	return r
}

// blur3 is a 3×3 binomial blur (σ ≈ 0.7 px), the optics of a phone camera.
func blur3(in []float64, w, h int) []float64 {
	out := make([]float64, len(in))
	k := [3]float64{0.25, 0.5, 0.25}
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			s := 0.0
			for j := -1; j <= 1; j++ {
				for i := -1; i <= 1; i++ {
					xx, yy := min(max(x+i, 0), w-1), min(max(y+j, 0), h-1)
					s += k[i+1] * k[j+1] * in[yy*w+xx]
				}
			}
			out[y*w+x] = s
		}
	}
	return out
}
