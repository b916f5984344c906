package api

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"io"
	"sync"

	"github.com/gofiber/fiber/v2"
)

// sendJSONStream answers 200 with a JSON object whose fields are written
// one by one as the client reads them, the items of a list each encoded
// on its own: a ten-thousand-line trial balance is never held encoded
// whole, nor twice, while a slow client reads it. Everything that can fail
// is done before: the fields are values already read, and once the first
// byte is out the status is sent. A failure to write is the client
// leaving, and is logged.
//
// The answer is gzipped here when the client takes gzip, rather than by
// the compress middleware, which compresses a stream with brotli's
// largest window: megabytes per answer, sixteen answers at once.
func (s *server) sendJSONStream(c *fiber.Ctx, fields ...jsonField) error {
	id := requestID(c) // c is reused once the handler returns; the writer runs later
	gzipped := c.Context().Request.Header.HasAcceptEncoding("gzip")
	c.Set(fiber.HeaderContentType, fiber.MIMEApplicationJSON)
	c.Vary(fiber.HeaderAcceptEncoding)
	if gzipped {
		c.Set(fiber.HeaderContentEncoding, "gzip")
	}
	c.Context().SetBodyStreamWriter(func(w *bufio.Writer) {
		var err error
		if gzipped {
			err = writeGzipped(w, fields)
		} else {
			err = writeJSONObject(w, fields)
		}
		if err != nil {
			s.logger.Info("answer cut short", "request_id", id, "error", err)
		}
	})
	return nil
}

// gzipWriters are reused between answers, each with its compression state.
// The fastest level: an answer is compressed while the client waits, on a
// server of a core or two, and JSON's repeated keys still shrink several
// times over.
var gzipWriters = sync.Pool{New: func() any {
	w, _ := gzip.NewWriterLevel(io.Discard, gzip.BestSpeed) // a valid level: no error
	return w
}}

// writeGzipped writes the object gzipped into w.
func writeGzipped(w *bufio.Writer, fields []jsonField) error {
	zw := gzipWriters.Get().(*gzip.Writer)
	defer gzipWriters.Put(zw)
	zw.Reset(w)
	if err := writeJSONObject(bufio.NewWriter(zw), fields); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return err
	}
	return w.Flush()
}

// jsonField is one field of a streamed object: a value encoded whole, or
// a list of n items, item i encoded by item(i).
type jsonField struct {
	name  string
	value any
	n     int
	item  func(i int) any
}

// jsonValue is a field encoded whole.
func jsonValue(name string, v any) jsonField { return jsonField{name: name, value: v} }

// jsonList is a field holding a list, encoded an item at a time.
func jsonList(name string, n int, item func(i int) any) jsonField {
	return jsonField{name: name, n: n, item: item}
}

// writeJSONObject writes the object as encoding/json would encode a struct
// of the same fields, and flushes it.
func writeJSONObject(w *bufio.Writer, fields []jsonField) error {
	w.WriteByte('{')
	for i, f := range fields {
		if i > 0 {
			w.WriteByte(',')
		}
		if err := writeJSON(w, f.name); err != nil {
			return err
		}
		w.WriteByte(':')
		if err := writeJSONField(w, f); err != nil {
			return err
		}
	}
	w.WriteByte('}')
	return w.Flush()
}

func writeJSONField(w *bufio.Writer, f jsonField) error {
	if f.item == nil {
		return writeJSON(w, f.value)
	}
	w.WriteByte('[')
	for i := range f.n {
		if i > 0 {
			w.WriteByte(',')
		}
		if err := writeJSON(w, f.item(i)); err != nil {
			return err
		}
	}
	_, err := w.WriteString("]")
	return err
}

// writeJSON encodes one value. The bufio.Writer keeps its first error and
// returns it from every later write, so checking here catches a client
// gone at any byte before.
func writeJSON(w *bufio.Writer, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	_, err = w.Write(b)
	return err
}
