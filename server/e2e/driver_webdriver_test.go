package e2e

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// WebKitGTK is driven over W3C WebDriver classic (WebKitWebDriver, which
// drives MiniBrowser), under a virtual X server. It has no way to run a
// script before the page's own (no BiDi: webSocketUrl is refused), so the
// scripts go through the test server (preloader), and no console access, so
// errors are read from the page's own hook (errorHook).

// webkitBinaries returns the WebKitWebDriver, xvfb-run and MiniBrowser
// paths, "" for the first one missing.
func webkitBinaries() (driver, xvfb, browser string) {
	driver, _ = exec.LookPath("WebKitWebDriver")
	xvfb, _ = exec.LookPath("xvfb-run")
	for _, p := range []string{
		"/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser",
		"/usr/lib/aarch64-linux-gnu/webkit2gtk-4.1/MiniBrowser",
		"/usr/lib/x86_64-linux-gnu/webkit2gtk-4.0/MiniBrowser",
	} {
		if _, err := os.Stat(p); err == nil {
			browser = p
			break
		}
	}
	if browser == "" {
		// Other architectures: ask dpkg where the package put it.
		out, _ := exec.Command("dpkg", "-L", "libwebkit2gtk-4.1-0").Output()
		for _, l := range strings.Split(string(out), "\n") {
			if strings.HasSuffix(l, "/MiniBrowser") {
				browser = l
			}
		}
	}
	return
}

type webDriver struct {
	cmd        *exec.Cmd
	base       string // http://127.0.0.1:PORT/session/ID
	client     *http.Client
	addPreload func(string)
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// startWebKit starts WebKitWebDriver under xvfb-run and opens a session in
// MiniBrowser with its mock camera. Scripts to run before the page's go to
// pre.
func startWebKit(dir string, pre *preloader) (driver, error) {
	wd, xvfb, mini := webkitBinaries()
	if wd == "" || xvfb == "" || mini == "" {
		return nil, errNoEngine
	}
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(xvfb, "-a", "-s", "-screen 0 1280x1024x24", wd, "--port="+strconv.Itoa(port))
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "LANG=en_US.UTF-8", "LANGUAGE=en_US", "HOME="+dir, "XDG_CACHE_HOME="+dir+"/cache",
		"XDG_DATA_HOME="+dir+"/data", "XDG_CONFIG_HOME="+dir+"/config")
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Stdout, cmd.Stderr = io.Discard, io.Discard
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	d := &webDriver{cmd: cmd, client: &http.Client{Timeout: hangGuard}, addPreload: pre.add}
	root := "http://127.0.0.1:" + strconv.Itoa(port)
	deadline := time.Now().Add(hangGuard)
	for {
		var st struct {
			Ready bool `json:"ready"`
		}
		if err := d.do("GET", root+"/status", nil, &st); err == nil && st.Ready {
			break
		}
		if time.Now().After(deadline) {
			d.close()
			return nil, fmt.Errorf("webkit: WebKitWebDriver not ready on port %d", port)
		}
		time.Sleep(200 * time.Millisecond)
	}
	var sess struct {
		SessionID string `json:"sessionId"`
	}
	caps := map[string]any{"capabilities": map[string]any{"alwaysMatch": map[string]any{
		"webkitgtk:browserOptions": map[string]any{"binary": mini,
			"args": []string{"--automation", "--enable-media-stream=true", "--enable-mock-capture-devices=true"}},
	}}}
	if err := d.do("POST", root+"/session", caps, &sess); err != nil {
		d.close()
		return nil, fmt.Errorf("webkit: new session: %v", err)
	}
	d.base = root + "/session/" + sess.SessionID
	ms := int(hangGuard / time.Millisecond)
	if err := d.do("POST", d.base+"/timeouts", map[string]int{"script": ms, "pageLoad": ms}, nil); err != nil {
		d.close()
		return nil, err
	}
	// A phone's viewport; the window manager-less X server may refuse.
	d.do("POST", d.base+"/window/rect", map[string]int{"width": 390, "height": 844}, nil)
	return d, nil
}

// do sends one WebDriver command and decodes its "value" into out.
func (d *webDriver) do(method, url string, body, out any) error {
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return err
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, url, rd)
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := d.client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, 64<<20))
	if err != nil {
		return err
	}
	var r struct {
		Value json.RawMessage `json:"value"`
	}
	if err := json.Unmarshal(b, &r); err != nil {
		return fmt.Errorf("%s %s: %d %.200s", method, url, resp.StatusCode, b)
	}
	if resp.StatusCode != http.StatusOK {
		var e struct {
			Error   string `json:"error"`
			Message string `json:"message"`
		}
		json.Unmarshal(r.Value, &e)
		return fmt.Errorf("%s %s: %s: %s", method, strings.TrimPrefix(url, d.base), e.Error, e.Message)
	}
	return decodeJSON(r.Value, out)
}

func (d *webDriver) preload(src string) error {
	d.addPreload(src)
	return nil
}

func (d *webDriver) navigate(url string) error {
	return d.do("POST", d.base+"/url", map[string]string{"url": url}, nil)
}

func (d *webDriver) reload() error { return d.do("POST", d.base+"/refresh", map[string]any{}, nil) }

// eval: WebDriver awaits a promise the script returns; the value is made
// JSON in the page, for the same result as the other drivers.
func (d *webDriver) eval(expr string, out any) error {
	var s *string
	err := d.do("POST", d.base+"/execute/sync", map[string]any{
		"script": `return (async () => JSON.stringify(await (` + expr + `)))();`, "args": []any{}}, &s)
	if err != nil || s == nil {
		return err
	}
	return decodeJSON([]byte(*s), out)
}

func (d *webDriver) element(sel string) (string, error) {
	var el map[string]string
	if err := d.do("POST", d.base+"/element", map[string]string{"using": "css selector", "value": sel}, &el); err != nil {
		return "", err
	}
	return el["element-6066-11e4-a52e-4f735466cecf"], nil
}

func (d *webDriver) click(sel string) error {
	id, err := d.element(sel)
	if err != nil {
		return err
	}
	return d.do("POST", d.base+"/element/"+id+"/click", map[string]any{}, nil)
}

func (d *webDriver) upload(sel, path string) error {
	id, err := d.element(sel)
	if err != nil {
		return err
	}
	return d.do("POST", d.base+"/element/"+id+"/value", map[string]string{"text": path}, nil)
}

func (d *webDriver) screenshot() ([]byte, error) {
	var s string
	if err := d.do("GET", d.base+"/screenshot", nil, &s); err != nil {
		return nil, err
	}
	return base64.StdEncoding.DecodeString(s)
}

// pageErrors: WebDriver classic gives no console; see errorHook.
func (d *webDriver) pageErrors() []string { return nil }

func (d *webDriver) contentPSS() (int, int) {
	return contentPSS(d.cmd.Process.Pid, "WebKitWebProcess")
}

func (d *webDriver) close() {
	if d.base != "" {
		d.do("DELETE", d.base, nil, nil)
	}
	// xvfb-run ends its X server when WebKitWebDriver exits.
	syscall.Kill(-d.cmd.Process.Pid, syscall.SIGTERM)
	stopGroup(d.cmd)
}
