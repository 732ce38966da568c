package wire

import "github.com/maxence-charriere/go-app/v10/pkg/app"

// The message kinds, as the JS side (and the browser tests) see them.
const (
	// Page to worker.
	KindInit       Kind = "init"
	KindOpenBundle Kind = "bundle"
	KindChoose     Kind = "policy"
	KindResume     Kind = "resume"
	KindStream     Kind = "stream"
	KindStreamStop Kind = "stream-stop"
	KindFrame      Kind = "frame"
	KindPhoto      Kind = "photo"
	KindText       Kind = "text"
	KindNewShift   Kind = "new-shift"

	// Worker to page.
	KindBundleOpened  Kind = "bundle-opened"
	KindVerdict       Kind = "verdict"
	KindStreamRefused Kind = "stream-refused"
)

// Init gives the worker the trust-bundle keys pinned into the app.
type Init struct {
	Pinned string `json:"pinned"` // base64 SPKI, comma separated (trust.ParsePinned)
}

// OpenBundle asks the worker to verify bundle bytes (a Uint8Array, copied:
// the page stores them once accepted) against the pinned keys and the
// rollback floor MinSeq. Reply: BundleOpened.
type OpenBundle struct {
	MinSeq uint64 `json:"minSeq"`
	// Fresh: refuse a genuine bundle that is not usable now (expired, or
	// issued ahead of the clock) rather than take it. A download is taken
	// anyway (the status line says it is stale); an imported file is not.
	Fresh bool      `json:"fresh,omitempty"`
	Data  app.Value `json:"-"`
}

// BundleOpened answers OpenBundle: Err says why the bundle was refused
// (Code classes it: one of the Refused* codes), or Info and Policies
// describe the bundle the worker now checks with.
type BundleOpened struct {
	Err      string     `json:"err,omitempty"`
	Code     string     `json:"code,omitempty"`
	Info     BundleInfo `json:"info"`
	Policies PolicyMenu `json:"policies"`
}

// NewShift: staff started a new shift; the worker forgets every
// certificate admitted so far (a new salt, see app/shift).
type NewShift struct{}

// Choose tells the worker the venue's policy choice (settings; "" for the
// bundle's default). The worker applies the policy in force for it.
type Choose struct {
	Policy string `json:"policy"`
}

// Resume: the verdict on screen was closed; the worker, which paused its
// camera scanning when it sent the verdict, reads codes again.
type Resume struct{}

// Stream hands the worker the camera: a ReadableStream of VideoFrames
// (MediaStreamTrackProcessor), transferred. The worker reads it with the
// scan geometry of scan.go and posts a Verdict for the first frame and for
// every frame that holds a code.
type Stream struct {
	Readable app.Value `json:"-"`
}

// StreamStop: the camera stopped or switched; the worker drops its stream.
type StreamStop struct{}

// StreamRefused: the worker cannot read the frames it was handed (a pixel
// format, or what failed) and dropped the stream; the page reads the
// camera itself from now on.
type StreamRefused struct {
	Why string `json:"why"`
}

// Frame is one camera frame read by the page (where the worker cannot read
// the camera itself): W×H RGBA pixels (an ArrayBuffer, transferred) of the
// scan window, or of the whole frame downscaled (Whole). Reply: Verdict.
type Frame struct {
	W      int       `json:"w"`
	H      int       `json:"h"`
	Whole  bool      `json:"whole,omitempty"`
	Pixels app.Value `json:"-"`
}

// Photo is a chosen picture, W×H RGBA pixels (an ArrayBuffer,
// transferred). Reply: Verdict.
type Photo struct {
	W      int       `json:"w"`
	H      int       `json:"h"`
	Pixels app.Value `json:"-"`
}

// Text is a QR text typed by a keyboard-wedge scanner or pasted. Reply:
// Verdict.
type Text struct {
	Text string `json:"text"`
}

// Verdict is the worker's answer to a scan: a camera frame (one the page
// posted, or one the worker read from its stream), a photo or a text. It
// is the only message that carries a check's outcome to the page.
type Verdict struct {
	// Read: a QR code was read in the picture.
	Read bool `json:"read,omitempty"`
	// Outcome of the check, nil when nothing was checked: no code, the
	// same code still in view (the repeat guard), or scanning paused
	// (a verdict is on screen). With an outcome, the worker pauses camera
	// scanning until Resume.
	Outcome *Outcome `json:"outcome,omitempty"`
	// At is when it was checked (Unix ms): the screen's reasons ("expired
	// on ...") are relative to it.
	At int64 `json:"at,omitempty"`
	// Check is how long the check took (ms), for the page's User Timing.
	Check float64 `json:"checkMs,omitempty"`
	// Camera frames: the frame's decode time in ms, and (page frames) the
	// view to read the next frame with: whole, or the scan window.
	Decode float64 `json:"ms,omitempty"`
	Whole  bool    `json:"whole,omitempty"`
	// AlreadyScanned is when the certificate of a Valid outcome was first
	// admitted in this shift (Unix ms, to the minute), if it was before:
	// the duplicate-scan warning. 0: a first admission, or not Valid.
	AlreadyScanned int64 `json:"alreadyScanned,omitempty"`
	// Chunks: a QR code of a SMART Health Card printed over several codes
	// was read and the card is not complete yet (no Outcome); the page
	// says how many of them were scanned.
	Chunks *Chunks `json:"chunks,omitempty"`
}

// Chunks is the progress of a chunked SMART Health Card: Got of Total
// codes scanned.
type Chunks struct {
	Got   int `json:"got"`
	Total int `json:"total"`
}

func (Init) Kind() Kind          { return KindInit }
func (OpenBundle) Kind() Kind    { return KindOpenBundle }
func (BundleOpened) Kind() Kind  { return KindBundleOpened }
func (Choose) Kind() Kind        { return KindChoose }
func (Resume) Kind() Kind        { return KindResume }
func (Stream) Kind() Kind        { return KindStream }
func (StreamStop) Kind() Kind    { return KindStreamStop }
func (StreamRefused) Kind() Kind { return KindStreamRefused }
func (Frame) Kind() Kind         { return KindFrame }
func (Photo) Kind() Kind         { return KindPhoto }
func (Text) Kind() Kind          { return KindText }
func (NewShift) Kind() Kind      { return KindNewShift }
func (Verdict) Kind() Kind       { return KindVerdict }

func (m OpenBundle) carried() (app.Value, bool) { return m.Data, false }
func (m *OpenBundle) carry(v app.Value)         { m.Data = v }
func (m Stream) carried() (app.Value, bool)     { return m.Readable, true }
func (m *Stream) carry(v app.Value)             { m.Readable = v }
func (m Frame) carried() (app.Value, bool)      { return m.Pixels, true }
func (m *Frame) carry(v app.Value)              { m.Pixels = v }
func (m Photo) carried() (app.Value, bool)      { return m.Pixels, true }
func (m *Photo) carry(v app.Value)              { m.Pixels = v }
