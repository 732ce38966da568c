package wire

import "time"

// The scan geometry, the same for the worker's own camera loop (its
// stream) and the page's canvas loop (Frame), so that a camera scans alike
// in every browser. Neither side sends it to the other.
const (
	// FrameEvery throttles decoding: at most one frame every 60 ms keeps a
	// code in view well under the 250 ms verdict target while leaving the
	// threads mostly idle.
	FrameEvery = 60 * time.Millisecond
	// WindowFraction is the side of the scan window (the centred square
	// decoded) relative to the shorter side of the video; it is a little
	// larger than the frame drawn on screen so that a code held at the
	// frame's edge still reads.
	WindowFraction = 0.8
	// MaxWindow bounds the scan window (pixels per side). Dense DCC codes
	// need 2-4 px per module, so the window is never downscaled further.
	MaxWindow = 720
	// FullFrameSide bounds the longer side of the whole-frame view (a code
	// held too close for the window): a code held close enough to fill a
	// 720p frame keeps 4–7 pixels per module at 640, inside the finder
	// search's range, and the box average that gets it there also blurs
	// away a screen's moiré.
	FullFrameSide = 640
)
