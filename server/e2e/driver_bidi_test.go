package e2e

import (
	"bufio"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"golang.org/x/net/websocket"
)

// Firefox is driven over WebDriver BiDi, which it speaks itself
// (--remote-debugging-port): Debian has no geckodriver. The client is the
// few commands the scenarios need, JSON over one websocket.

// firefoxPrefs: a fake camera that needs no permission prompt, English,
// and nothing started in the background (updates, telemetry, first-run pages).
var firefoxPrefs = map[string]any{
	"media.navigator.streams.fake":               true,
	"media.navigator.permission.disabled":        true,
	"intl.accept_languages":                      "en-US",
	"intl.locale.requested":                      "en-US",
	"app.update.auto":                            false,
	"app.update.enabled":                         false,
	"browser.shell.checkDefaultBrowser":          false,
	"browser.startup.homepage_override.mstone":   "ignore",
	"browser.aboutwelcome.enabled":               false,
	"datareporting.policy.dataSubmissionEnabled": false,
	"toolkit.telemetry.reportingpolicy.firstRun": false,
	"network.captive-portal-service.enabled":     false,
	"network.connectivity-service.enabled":       false,
	"extensions.update.enabled":                  false,
	"browser.safebrowsing.update.enabled":        false,
	"browser.region.network.url":                 "",
	"media.autoplay.default":                     0,
}

func findFirefox() string {
	for _, name := range []string{"firefox-esr", "firefox"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

type bidiDriver struct {
	cmd     *exec.Cmd
	ws      *websocket.Conn
	context string // the tab's browsing context

	mu      sync.Mutex
	nextID  int
	waiting map[int]chan bidiReply
	errs    []string // JavaScript errors and console errors (log.entryAdded)
	dead    error
}

type bidiReply struct {
	Type    string          `json:"type"` // "success" or "error"
	ID      int             `json:"id"`
	Result  json.RawMessage `json:"result"`
	Error   string          `json:"error"`
	Message string          `json:"message"`
	Method  string          `json:"method"` // events
	Params  json.RawMessage `json:"params"`
}

var bidiListening = regexp.MustCompile(`WebDriver BiDi listening on (ws://[^\s]+)`)

// startFirefox starts a headless Firefox ESR with its own profile in dir.
func startFirefox(dir string) (driver, error) {
	bin := findFirefox()
	if bin == "" {
		return nil, errNoEngine
	}
	var userJS strings.Builder
	for k, v := range firefoxPrefs {
		b, _ := json.Marshal(v)
		fmt.Fprintf(&userJS, "user_pref(%q, %s);\n", k, b)
	}
	profile := filepath.Join(dir, "profile")
	if err := os.MkdirAll(profile, 0o755); err != nil {
		return nil, err
	}
	if err := os.WriteFile(filepath.Join(profile, "user.js"), []byte(userJS.String()), 0o644); err != nil {
		return nil, err
	}
	cmd := exec.Command(bin, "--headless", "--no-remote", "--profile", profile,
		"--remote-debugging-port=0", "--remote-allow-origins=http://localhost",
		"--width=390", "--height=844", "about:blank")
	cmd.Env = append(os.Environ(), "MOZ_CRASHREPORTER_DISABLE=1", "LANG=en_US.UTF-8", "LANGUAGE=en_US")
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	stderr, err := cmd.StderrPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	d := &bidiDriver{cmd: cmd, waiting: map[int]chan bidiReply{}}
	found := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stderr)
		sent := false
		for sc.Scan() {
			if m := bidiListening.FindStringSubmatch(sc.Text()); m != nil && !sent {
				found <- m[1]
				sent = true
			}
		}
	}()
	var url string
	select {
	case url = <-found:
	case <-time.After(hangGuard):
		d.close()
		return nil, errors.New("firefox: no WebDriver BiDi endpoint announced")
	}
	if d.ws, err = websocket.Dial(url+"/session", "", "http://localhost"); err != nil {
		d.close()
		return nil, fmt.Errorf("firefox: %v", err)
	}
	d.ws.MaxPayloadBytes = 64 << 20
	go d.read()
	if err := d.call("session.new", map[string]any{"capabilities": map[string]any{}}, nil); err != nil {
		d.close()
		return nil, err
	}
	var tree struct {
		Contexts []struct {
			Context string `json:"context"`
		} `json:"contexts"`
	}
	if err := d.call("browsingContext.getTree", map[string]any{}, &tree); err != nil || len(tree.Contexts) == 0 {
		d.close()
		return nil, fmt.Errorf("firefox: no tab (%v)", err)
	}
	d.context = tree.Contexts[0].Context
	err = d.call("browsingContext.setViewport", map[string]any{"context": d.context,
		"viewport": map[string]int{"width": 390, "height": 844}}, nil)
	if err == nil {
		err = d.call("session.subscribe", map[string]any{"events": []string{"log.entryAdded"}}, nil)
	}
	if err != nil {
		d.close()
		return nil, err
	}
	return d, nil
}

func (d *bidiDriver) read() {
	for {
		var msg string
		if err := websocket.Message.Receive(d.ws, &msg); err != nil {
			d.mu.Lock()
			d.dead = fmt.Errorf("firefox: connection lost: %v", err)
			for id, ch := range d.waiting {
				close(ch)
				delete(d.waiting, id)
			}
			d.mu.Unlock()
			return
		}
		var r bidiReply
		if json.Unmarshal([]byte(msg), &r) != nil {
			continue
		}
		if r.Type == "event" {
			d.event(r)
			continue
		}
		d.mu.Lock()
		ch := d.waiting[r.ID]
		delete(d.waiting, r.ID)
		d.mu.Unlock()
		if ch != nil {
			ch <- r
		}
	}
}

func (d *bidiDriver) event(r bidiReply) {
	if r.Method != "log.entryAdded" {
		return
	}
	var e struct {
		Level string `json:"level"`
		Text  string `json:"text"`
		Type  string `json:"type"`
	}
	if json.Unmarshal(r.Params, &e) == nil && e.Level == "error" {
		d.mu.Lock()
		if len(d.errs) < 50 {
			d.errs = append(d.errs, e.Type+": "+e.Text)
		}
		d.mu.Unlock()
	}
}

// call sends one command and decodes its result into out (nil: discard).
func (d *bidiDriver) call(method string, params any, out any) error {
	d.mu.Lock()
	if d.dead != nil {
		d.mu.Unlock()
		return d.dead
	}
	d.nextID++
	id := d.nextID
	ch := make(chan bidiReply, 1)
	d.waiting[id] = ch
	d.mu.Unlock()
	if err := websocket.JSON.Send(d.ws, map[string]any{"id": id, "method": method, "params": params}); err != nil {
		return err
	}
	select {
	case r, ok := <-ch:
		if !ok {
			return d.dead
		}
		if r.Type == "error" {
			return fmt.Errorf("%s: %s: %s", method, r.Error, r.Message)
		}
		return decodeJSON(r.Result, out)
	case <-time.After(hangGuard):
		d.mu.Lock()
		delete(d.waiting, id)
		d.mu.Unlock()
		return fmt.Errorf("%s: no reply in %v", method, hangGuard)
	}
}

func (d *bidiDriver) preload(src string) error {
	return d.call("script.addPreloadScript", map[string]any{"functionDeclaration": "() => {\n" + src + "\n}"}, nil)
}

func (d *bidiDriver) navigate(url string) error {
	return d.call("browsingContext.navigate", map[string]any{"context": d.context, "url": url, "wait": "complete"}, nil)
}

func (d *bidiDriver) reload() error {
	return d.call("browsingContext.reload", map[string]any{"context": d.context, "wait": "complete"}, nil)
}

// remoteValue is the part of a BiDi RemoteValue the driver reads.
type remoteValue struct {
	Type     string          `json:"type"`
	Value    json.RawMessage `json:"value"`
	SharedID string          `json:"sharedId"`
}

func (d *bidiDriver) evaluate(expr string) (remoteValue, error) {
	var res struct {
		Type             string      `json:"type"`
		Result           remoteValue `json:"result"`
		ExceptionDetails struct {
			Text string `json:"text"`
		} `json:"exceptionDetails"`
	}
	err := d.call("script.evaluate", map[string]any{"expression": expr, "target": map[string]string{"context": d.context},
		"awaitPromise": true, "resultOwnership": "none"}, &res)
	if err != nil {
		return remoteValue{}, err
	}
	if res.Type == "exception" {
		return remoteValue{}, fmt.Errorf("exception: %s", res.ExceptionDetails.Text)
	}
	return res.Result, nil
}

// eval has the page serialise the value as JSON: BiDi's own serialisation
// (RemoteValue) is typed, not plain JSON.
func (d *bidiDriver) eval(expr string, out any) error {
	v, err := d.evaluate(`(async () => JSON.stringify(await (` + expr + `)))()`)
	if err != nil || v.Type != "string" {
		return err
	}
	var s string
	if err := json.Unmarshal(v.Value, &s); err != nil {
		return err
	}
	return decodeJSON([]byte(s), out)
}

// element returns the sharedId of the element matching sel, scrolled into
// view.
func (d *bidiDriver) element(sel string) (string, error) {
	v, err := d.evaluate(`(() => { const e = document.querySelector(` + strconv.Quote(sel) + `);
  if (e) e.scrollIntoView({ block: "center" }); return e; })()`)
	if err != nil {
		return "", err
	}
	if v.Type != "node" || v.SharedID == "" {
		return "", fmt.Errorf("no element %s", sel)
	}
	return v.SharedID, nil
}

func (d *bidiDriver) click(sel string) error {
	id, err := d.element(sel)
	if err != nil {
		return err
	}
	err = d.call("input.performActions", map[string]any{"context": d.context, "actions": []any{map[string]any{
		"type": "pointer", "id": "mouse", "parameters": map[string]string{"pointerType": "mouse"},
		"actions": []any{
			map[string]any{"type": "pointerMove", "x": 0, "y": 0,
				"origin": map[string]any{"type": "element", "element": map[string]string{"sharedId": id}}},
			map[string]any{"type": "pointerDown", "button": 0},
			map[string]any{"type": "pointerUp", "button": 0},
		},
	}}}, nil)
	if err != nil {
		return err
	}
	return d.call("input.releaseActions", map[string]any{"context": d.context}, nil)
}

func (d *bidiDriver) upload(sel, path string) error {
	id, err := d.element(sel)
	if err != nil {
		return err
	}
	return d.call("input.setFiles", map[string]any{"context": d.context,
		"element": map[string]string{"sharedId": id}, "files": []string{path}}, nil)
}

func (d *bidiDriver) screenshot() ([]byte, error) {
	var res struct {
		Data string `json:"data"`
	}
	if err := d.call("browsingContext.captureScreenshot", map[string]any{"context": d.context}, &res); err != nil {
		return nil, err
	}
	return base64.StdEncoding.DecodeString(res.Data)
}

// pageErrors returns the errors Firefox logged for the page.
func (d *bidiDriver) pageErrors() []string {
	d.mu.Lock()
	defer d.mu.Unlock()
	return append([]string(nil), d.errs...)
}

func (d *bidiDriver) contentPSS() (int, int) {
	return contentPSS(d.cmd.Process.Pid, "-isForBrowser")
}

func (d *bidiDriver) close() {
	if d.ws != nil {
		d.call("browser.close", map[string]any{}, nil)
		d.ws.Close()
	}
	stopGroup(d.cmd)
}

// stopGroup ends the process group cmd leads (the browser and its child
// processes), which this test started, and reaps cmd.
func stopGroup(cmd *exec.Cmd) {
	if cmd == nil || cmd.Process == nil {
		return
	}
	done := make(chan struct{})
	go func() { cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		syscall.Kill(-cmd.Process.Pid, syscall.SIGTERM)
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
			<-done
		}
	}
}
