package app

import (
	"strconv"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"passcheck/app/wire"
)

// SettingsPanel edits the venue's settings; every change is applied and
// saved at once (no "save" button to forget).
type SettingsPanel struct {
	app.Compo

	Settings settings
	Lang     string
	Policies wire.PolicyMenu  // empty until a trust bundle is loaded
	Bundle   *wire.BundleInfo // nil until a trust bundle is loaded
	Imported importResult     // the last bundle import
	OnChange func(ctx app.Context, s settings)
	OnClose  func(ctx app.Context)
}

func (p *SettingsPanel) Render() app.UI {
	s, lang := p.Settings, p.Lang
	return app.Section().ID("settings").Class("pc-settings").Aria("label", tr(lang, msgSettings)).Body(
		app.H2().Text(tr(lang, msgSettings)),
		app.Label().For("set-lang").Text(tr(lang, msgLanguage)),
		app.Select().ID("set-lang").OnChange(p.change(func(s *settings, v string) { s.Lang = v })).Body(
			app.Range(languages()).Slice(func(i int) app.UI {
				code := languages()[i]
				return app.Option().Value(code).Selected(code == lang).Text(catalogs[code].Name)
			}),
		),
		p.toggle("set-sound", msgSound, s.Sound, func(s *settings, on bool) { s.Sound = on }),
		p.toggle("set-vibrate", msgVibration, s.Vibrate, func(s *settings, on bool) { s.Vibrate = on }),
		p.toggle("set-keep-counts", msgKeepCounts, !s.ForgetCounts, func(s *settings, on bool) { s.ForgetCounts = !on }),
		app.Label().For("set-return").Text(tr(lang, msgAutoReturn)),
		app.Select().ID("set-return").OnChange(p.change(func(s *settings, v string) {
			s.AutoReturn, _ = strconv.Atoi(v)
		})).Body(
			app.Range(autoReturnChoices).Slice(func(i int) app.UI {
				n := autoReturnChoices[i]
				label := tr(lang, msgNever)
				if n > 0 {
					label = tr(lang, msgSeconds, n)
				}
				return app.Option().Value(strconv.Itoa(n)).Selected(n == s.AutoReturn).Text(label)
			}),
		),
		app.Label().For("set-camera").Text(tr(lang, msgCamera)),
		app.Select().ID("set-camera").OnChange(p.change(func(s *settings, v string) { s.Facing = v })).Body(
			app.Option().Value("environment").Selected(s.Facing == "environment").Text(tr(lang, msgCameraRear)),
			app.Option().Value("user").Selected(s.Facing == "user").Text(tr(lang, msgCameraFront)),
		),
		app.If(len(p.Policies.Choices) > 0, func() app.UI {
			// The option selected is the policy in force (the bundle's
			// default until the venue picks one), never just the first.
			inForce, _ := p.Policies.InForce(s.Policy)
			choices := p.Policies.Choices
			return app.Div().Body(
				app.Label().For("set-policy").Text(tr(lang, msgPolicy)),
				app.Select().ID("set-policy").OnChange(p.change(func(s *settings, v string) { s.Policy = v })).Body(
					app.Range(choices).Slice(func(i int) app.UI {
						c := choices[i]
						return app.Option().Value(c.ID).Selected(c.ID == inForce.ID).Text(c.Label(lang))
					}),
				),
			)
		}),
		&BundlePanel{Info: p.Bundle, Lang: lang, Imported: p.Imported},
		app.Button().ID("settings-close").Class("pc-button").Text(tr(lang, msgClose)).OnClick(func(ctx app.Context, e app.Event) {
			if p.OnClose != nil {
				p.OnClose(ctx)
			}
		}),
	)
}

func (p *SettingsPanel) change(set func(*settings, string)) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		s := p.Settings
		set(&s, ctx.JSSrc().Get("value").String())
		if p.OnChange != nil {
			p.OnChange(ctx, s.sanitize())
		}
	}
}

func (p *SettingsPanel) toggle(id string, label msg, on bool, set func(*settings, bool)) app.UI {
	return app.Label().Class("pc-toggle").For(id).Body(
		app.Input().ID(id).Type("checkbox").Checked(on).OnChange(func(ctx app.Context, e app.Event) {
			s := p.Settings
			set(&s, ctx.JSSrc().Get("checked").Bool())
			if p.OnChange != nil {
				p.OnChange(ctx, s)
			}
		}),
		app.Text(" "+tr(p.Lang, label)),
	)
}
