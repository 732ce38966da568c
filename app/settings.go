package app

import "github.com/maxence-charriere/go-app/v10/pkg/app"

// settings are the venue's choices, kept in localStorage on the device.
type settings struct {
	V          int    `json:"v"`          // format version; 0 means "never saved"
	Lang       string `json:"lang"`       // catalog code; "" follows the browser
	Sound      bool   `json:"sound"`      // verdict sounds
	Vibrate    bool   `json:"vibrate"`    // verdict vibration
	AutoReturn int    `json:"autoReturn"` // seconds on the verdict screen; 0: until tapped
	Facing     string `json:"facing"`     // "environment" (rear) or "user" (front)
	Policy     string `json:"policy"`     // venue policy name; "" = signature only
	// ForgetCounts keeps the shift's counts in memory only, gone on a
	// reload; off (the default, and for settings saved before it existed)
	// they survive reloads in localStorage.
	ForgetCounts bool `json:"forgetCounts"`
}

const settingsKey = "passcheck.settings"

// autoReturnChoices are the delays offered in settings (0 = tap only).
var autoReturnChoices = []int{3, 5, 8, 0}

func defaultSettings() settings {
	return settings{V: 1, Sound: true, Vibrate: true, AutoReturn: 5, Facing: "environment"}
}

func loadSettings(ctx app.Context) settings {
	var s settings
	if err := ctx.LocalStorage().Get(settingsKey, &s); err != nil || s.V == 0 {
		return defaultSettings()
	}
	return s.sanitize()
}

// sanitize keeps stored values within what the UI offers: localStorage is
// editable by anyone holding the phone.
func (s settings) sanitize() settings {
	d := defaultSettings()
	if s.Facing != "environment" && s.Facing != "user" {
		s.Facing = d.Facing
	}
	if s.AutoReturn < 0 || s.AutoReturn > 60 {
		s.AutoReturn = d.AutoReturn
	}
	if _, ok := catalogs[s.Lang]; !ok {
		s.Lang = ""
	}
	return s
}

func saveSettings(ctx app.Context, s settings) {
	if err := ctx.LocalStorage().Set(settingsKey, s); err != nil {
		app.Log("passcheck: saving settings:", err)
	}
}
