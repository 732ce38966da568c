//go:build js && wasm

package wire

import (
	"reflect"
	"testing"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// TestPostRead posts every example through a JS object standing for a
// worker and reads back what it received, with the object a message
// carries.
func TestPostRead(t *testing.T) {
	var got []app.Value
	target := app.ValueOf(map[string]any{})
	target.Set("postMessage", app.FuncOf(func(this app.Value, args []app.Value) any {
		got = append(got, args[0])
		if len(args) > 1 && args[1].Length() != 1 {
			t.Errorf("transfer list of %d", args[1].Length())
		}
		return nil
	}))
	pixels := app.Window().Get("Uint8Array").New(16)
	for i, m := range examples() {
		switch f := m.(type) {
		case Frame:
			f.Pixels = pixels
			m = f
		case OpenBundle:
			f.Data = pixels
			m = f
		}
		got = nil
		Post(target, i+1, m)
		if len(got) != 1 {
			t.Fatalf("%s: %d messages posted", m.Kind(), len(got))
		}
		id, r, err := Read(got[0])
		if err != nil || id != i+1 {
			t.Fatalf("%s: id %d, %v", m.Kind(), id, err)
		}
		switch r := r.(type) {
		case *Frame:
			if r.Pixels == nil || r.Pixels.Length() != 16 {
				t.Errorf("frame pixels lost")
			}
			r.Pixels = nil
		case *OpenBundle:
			if r.Data == nil || r.Data.Length() != 16 {
				t.Errorf("bundle bytes lost")
			}
			r.Data = nil
		case *Stream:
			r.Readable = nil
		case *Photo:
			r.Pixels = nil
		}
		want := m
		switch f := m.(type) {
		case Frame:
			f.Pixels = nil
			want = f
		case OpenBundle:
			f.Data = nil
			want = f
		}
		if g := reflect.ValueOf(r).Elem().Interface(); !reflect.DeepEqual(g, want) {
			t.Errorf("%s: read %+v, want %+v", m.Kind(), g, want)
		}
	}
	for _, bad := range []any{nil, "text", map[string]any{"t": "text"}, map[string]any{"t": 1, "body": "{}"}} {
		if _, m, err := Read(app.ValueOf(bad)); err == nil {
			t.Errorf("%v read as %+v", bad, m)
		}
	}
}
