package app

import (
	"strings"
	"testing"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// Which notices show, by state and by what was dismissed.
func TestNoticesShown(t *testing.T) {
	for _, tc := range []struct {
		name          string
		n             *notices
		offline       bool
		dismissed     dismissals
		want, notWant []string
	}{
		{"nothing", newNotices(), false, dismissals{}, nil, []string{`id="offline"`, `id="install"`, `id="install-ios"`, `id="update"`}},
		{"offline", newNotices(), true, dismissals{}, []string{`id="offline"`}, nil},
		{"update", newNotices().Update(true), false, dismissals{}, []string{`id="update"`}, nil},
		{"unreachable", newNotices().Unreachable(true), false, dismissals{}, []string{`id="offline"`, tr("ko", msgUnreachable)}, nil},
		{"install", newNotices().Installable(true), false, dismissals{}, []string{`id="install"`, `id="install-dismiss"`}, []string{`id="install-ios"`}},
		{"install dismissed", newNotices().Installable(true), false, dismissals{Install: true}, nil, []string{`id="install"`}},
		{"ios", newNotices().Installable(true).Apple(true), false, dismissals{Install: true}, []string{`id="install-ios"`, `id="install-ios-dismiss"`}, []string{`id="install"`}},
		{"ios dismissed", newNotices().Installable(true).Apple(true), false, dismissals{IOS: true}, nil, []string{`id="install-ios"`}},
	} {
		tc.n.Lang("ko").offline, tc.n.dismissed = tc.offline, tc.dismissed
		html := app.HTMLString(tc.n)
		for _, w := range tc.want {
			if !strings.Contains(html, w) {
				t.Errorf("%s: no %s in %s", tc.name, w, html)
			}
		}
		for _, w := range tc.notWant {
			if strings.Contains(html, w) {
				t.Errorf("%s: %s in %s", tc.name, w, html)
			}
		}
		if tc.offline && !strings.Contains(html, tr("ko", msgOffline)) {
			t.Errorf("%s: the offline notice is not in Korean: %s", tc.name, html)
		}
	}
}
