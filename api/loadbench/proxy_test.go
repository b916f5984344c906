package loadbench

import (
	"bytes"
	"encoding/binary"
	"sync/atomic"
	"testing"
)

// message is one backend message: its type, its length and its body.
func message(kind byte, body string) []byte {
	b := []byte{kind, 0, 0, 0, 0}
	binary.BigEndian.PutUint32(b[1:], uint32(4+len(body)))
	return append(b, body...)
}

func TestCountReady(t *testing.T) {
	// An authentication exchange, a query's answer with a body holding a
	// 'Z' byte, and two ReadyForQuery messages.
	var stream []byte
	for _, m := range [][]byte{
		message('R', "\x00\x00\x00\x00"), message('Z', "I"),
		message('T', "Z\x00\x00\x00\x05ZZZZ"), message('D', "ZZ"), message('C', "SELECT 1\x00"), message('Z', "T"),
	} {
		stream = append(stream, m...)
	}
	// Every split of the stream into two reads counts the same.
	for cut := range len(stream) + 1 {
		var s messageScanner
		first, err := s.scan(stream[:cut])
		if err != nil {
			t.Fatal(err)
		}
		second, err := s.scan(stream[cut:])
		if err != nil {
			t.Fatal(err)
		}
		if got := first + second; got != 2 {
			t.Fatalf("cut at %d: got %d ReadyForQuery, want 2", cut, got)
		}
	}

	t.Run("ForwardsEveryByte", func(t *testing.T) {
		var out bytes.Buffer
		var ready atomic.Int64
		countReady(&out, bytes.NewReader(stream), &ready) //nolint:errcheck // ends with io.EOF
		if !bytes.Equal(out.Bytes(), stream) || ready.Load() != 2 {
			t.Errorf("got %d bytes and %d ReadyForQuery, want %d and 2", out.Len(), ready.Load(), len(stream))
		}
	})
	t.Run("RefusesWhatIsNotPostgres", func(t *testing.T) {
		var s messageScanner
		if _, err := s.scan([]byte("HTTP/1.1 200 OK\r\n")); err == nil {
			t.Error("got no error, want one")
		}
	})
}
