// Package wire is what the page and its Web Worker say to each other: the
// messages as Go types, one encoding for all of them, and the data they
// carry (the outcome of a check, the trust bundle's summary, the venue
// policies on offer). The page and the worker each import it, never each
// other.
//
// On the JS side a message is {t: kind, id, body, obj}: body is the message
// as JSON, obj the one JS object it carries, if any (camera pixels, the
// camera's stream, bundle bytes), which cannot be JSON. A request's reply
// carries the request's id; a message the worker sends on its own has id 0.
package wire

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// Kind names a message type on the JS side (field t).
type Kind string

// A Message is one of the types in messages.go.
type Message interface{ Kind() Kind }

// carrier is a message that carries a JS object beside its JSON (transfer:
// hand it over rather than copy it); a *carrier takes it back on reading.
type carrier interface {
	carried() (obj app.Value, transfer bool)
}

type carrierPtr interface {
	carry(obj app.Value)
}

// MaxBody bounds a message's JSON: the largest, a verdict with its venue
// rules in every language, is a few kilobytes.
const MaxBody = 64 << 10

// Marshal encodes m's JSON body.
func Marshal(m Message) ([]byte, error) { return json.Marshal(m) }

// Unmarshal decodes the body of a message of kind k.
func Unmarshal(k Kind, body []byte) (Message, error) {
	if len(body) > MaxBody {
		return nil, fmt.Errorf("wire: %s message of %d bytes", k, len(body))
	}
	var m Message
	switch k {
	case KindInit:
		m = new(Init)
	case KindOpenBundle:
		m = new(OpenBundle)
	case KindChoose:
		m = new(Choose)
	case KindResume:
		m = new(Resume)
	case KindStream:
		m = new(Stream)
	case KindStreamStop:
		m = new(StreamStop)
	case KindFrame:
		m = new(Frame)
	case KindPhoto:
		m = new(Photo)
	case KindText:
		m = new(Text)
	case KindNewShift:
		m = new(NewShift)
	case KindBundleOpened:
		m = new(BundleOpened)
	case KindVerdict:
		m = new(Verdict)
	case KindStreamRefused:
		m = new(StreamRefused)
	default:
		return nil, fmt.Errorf("wire: unknown message kind %q", k)
	}
	if err := json.Unmarshal(body, m); err != nil {
		return nil, fmt.Errorf("wire: %s: %w", k, err)
	}
	return m, nil
}

// Post sends m to target (the worker, or the page from the worker's global
// scope) as the request or reply id. The object m carries is transferred
// when the message says so (pixels, streams), else copied.
func Post(target app.Value, id int, m Message) {
	body, err := Marshal(m)
	if err != nil {
		// Only a message holding a value JSON cannot encode (NaN); a bug.
		app.Log("passcheck: wire:", m.Kind(), err)
		return
	}
	msg := map[string]any{"t": string(m.Kind()), "id": id, "body": string(body)}
	if c, ok := m.(carrier); ok {
		obj, transfer := c.carried()
		msg["obj"] = obj
		if transfer && obj != nil && obj.Truthy() {
			target.Call("postMessage", msg, []any{obj})
			return
		}
	}
	target.Call("postMessage", msg)
}

// errNotMessage: a value that is not a wire message (another script's).
var errNotMessage = errors.New("wire: not a message")

// Read decodes a message posted by Post (a MessageEvent's data).
func Read(v app.Value) (id int, m Message, err error) {
	if v == nil || v.Type() != app.TypeObject || v.Get("t").Type() != app.TypeString || v.Get("body").Type() != app.TypeString {
		return 0, nil, errNotMessage
	}
	if i := v.Get("id"); i.Type() == app.TypeNumber {
		id = i.Int()
	}
	// Unmarshal bounds the body (a JS string has no length to read
	// through syscall/js before it is copied).
	m, err = Unmarshal(Kind(v.Get("t").String()), []byte(v.Get("body").String()))
	if err != nil {
		return id, nil, err
	}
	if c, ok := m.(carrierPtr); ok {
		c.carry(v.Get("obj"))
	}
	return id, m, nil
}
