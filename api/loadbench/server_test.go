package loadbench

import "testing"

func TestAddressWatcher(t *testing.T) {
	found := make(chan string, 1)
	w := &addressWatcher{found: found}
	// Written in pieces that split the line, after a line of something else.
	for _, piece := range []string{"database migrated\nlumbung list", "ening on http://127.0.0.1:4", "1234\nmore\n"} {
		w.Write([]byte(piece)) //nolint:errcheck // never fails
	}
	select {
	case got := <-found:
		if want := "http://127.0.0.1:41234"; got != want {
			t.Errorf("got %q, want %q", got, want)
		}
	default:
		t.Error("no address found")
	}
}
