package app

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"passcheck/app/webapi"
	"passcheck/verify"
)

// feedback plays the verdict sound (WebAudio, generated tones: no files) and
// vibrates where the device can. The AudioContext is created lazily on a
// user gesture, as browsers require.
type feedback struct {
	audio app.Value
}

// unlock creates or resumes the AudioContext; call it from a user gesture.
func (f *feedback) unlock() {
	if f.audio == nil || !f.audio.Truthy() {
		ctor := app.Window().Get("AudioContext")
		if !ctor.Truthy() {
			ctor = app.Window().Get("webkitAudioContext")
		}
		if !ctor.Truthy() {
			return
		}
		f.audio = ctor.New()
	}
	if f.audio.Get("state").String() == "suspended" {
		webapi.Await(f.audio.Call("resume"), nil, nil)
	}
}

// tone is one beep: frequency (Hz), start offset and length (s), waveform.
type tone struct {
	hz, at, dur float64
	wave        string
}

// Distinct, learnable patterns: rising two-note chime for valid, a low
// buzz for invalid, two flat mid beeps for cannot-verify.
var verdictTones = map[verify.Verdict][]tone{
	verify.Valid:        {{880, 0, 0.12, "sine"}, {1320, 0.14, 0.18, "sine"}},
	verify.Invalid:      {{196, 0, 0.5, "square"}},
	verify.CannotVerify: {{440, 0, 0.15, "triangle"}, {440, 0.25, 0.15, "triangle"}},
}

var verdictVibration = map[verify.Verdict][]any{
	verify.Valid:        {120},
	verify.Invalid:      {300, 100, 300},
	verify.CannotVerify: {150, 100, 150},
}

func (f *feedback) play(v verify.Verdict, sound, vibrate bool) {
	if vibrate {
		if nav := app.Window().Get("navigator"); nav.Get("vibrate").Truthy() {
			nav.Call("vibrate", verdictVibration[v])
		}
	}
	if !sound || f.audio == nil || !f.audio.Truthy() {
		return
	}
	t0 := f.audio.Get("currentTime").Float()
	for _, t := range verdictTones[v] {
		osc := f.audio.Call("createOscillator")
		gain := f.audio.Call("createGain")
		osc.Set("type", t.wave)
		osc.Get("frequency").Set("value", t.hz)
		g := gain.Get("gain")
		g.Call("setValueAtTime", 0.0001, t0+t.at)
		g.Call("exponentialRampToValueAtTime", 0.3, t0+t.at+0.01)
		g.Call("exponentialRampToValueAtTime", 0.0001, t0+t.at+t.dur)
		osc.Call("connect", gain)
		gain.Call("connect", f.audio.Get("destination"))
		osc.Call("start", t0+t.at)
		osc.Call("stop", t0+t.at+t.dur+0.02)
	}
}
