package snapshot

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"io"
	"time"
)

// The file's identity; formatVersion changes only with an incompatible
// change of the format, and Restore refuses versions it does not know.
const (
	formatName    = "lumbung-snapshot"
	formatVersion = 1
)

// lineBytesMax bounds one line of a snapshot, so that a damaged file cannot
// make a restore read without end; the largest row (a year end's shares, a
// meeting's request) is far below it.
const lineBytesMax = 64 << 20

// The JSON field names below are the file format, read by Restore and by
// anyone who opens a snapshot; they are never renamed.

// header is a snapshot's first line.
type header struct {
	Format     string        `json:"format"`
	Version    int           `json:"version"`
	Dialect    string        `json:"dialect"`
	TakenAt    time.Time     `json:"taken_at"`
	Migrations []string      `json:"migrations"` // applied, oldest first
	Tables     []tableHeader `json:"tables"`     // in load order
}

type tableHeader struct {
	Name    string         `json:"name"`
	Columns []columnHeader `json:"columns"`
	Rows    int64          `json:"rows"`
}

type columnHeader struct {
	Name string `json:"name"`
	Kind kind   `json:"kind"`
}

// trailer is a snapshot's last line.
type trailer struct {
	SHA256 string `json:"sha256"` // of every line before this one, newlines included
}

// lineWriter writes the lines of a snapshot, hashing all but the trailer.
type lineWriter struct {
	w    *bufio.Writer
	hash hash.Hash
}

func newLineWriter(w io.Writer) *lineWriter {
	return &lineWriter{w: bufio.NewWriter(w), hash: sha256.New()}
}

func (lw *lineWriter) line(v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	b = append(b, '\n')
	lw.hash.Write(b)
	_, err = lw.w.Write(b)
	return err
}

func (lw *lineWriter) finish() error {
	b, err := json.Marshal(trailer{SHA256: hex.EncodeToString(lw.hash.Sum(nil))})
	if err != nil {
		return err
	}
	if _, err := lw.w.Write(append(b, '\n')); err != nil {
		return err
	}
	return lw.w.Flush()
}

// lineReader reads the lines of a snapshot, hashing them as it goes.
type lineReader struct {
	r    *bufio.Reader
	hash hash.Hash
	n    int // lines read, for messages
}

func newLineReader(r io.Reader) *lineReader {
	return &lineReader{r: bufio.NewReaderSize(r, 1<<16), hash: sha256.New()}
}

// next returns the next line, without its newline.
func (lr *lineReader) next() ([]byte, error) {
	var line []byte
	for {
		chunk, err := lr.r.ReadSlice('\n')
		line = append(line, chunk...)
		if len(line) > lineBytesMax {
			return nil, fmt.Errorf("line %d is longer than %d bytes", lr.n+1, lineBytesMax)
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		if errors.Is(err, io.EOF) {
			return nil, fmt.Errorf("the file ends at line %d, before its trailer: %w", lr.n+1, io.ErrUnexpectedEOF)
		}
		if err != nil {
			return nil, err
		}
		lr.n++
		return line[:len(line)-1], nil
	}
}

// hashed is next for the lines the trailer's checksum covers.
func (lr *lineReader) hashed() ([]byte, error) {
	line, err := lr.next()
	if err == nil {
		lr.hash.Write(line)
		lr.hash.Write([]byte{'\n'})
	}
	return line, err
}

// checkTrailer reads the trailer, compares its checksum with the lines
// read, and requires the file to end there.
func (lr *lineReader) checkTrailer() error {
	line, err := lr.next()
	if err != nil {
		return err
	}
	var t trailer
	if err := json.Unmarshal(line, &t); err != nil || t.SHA256 == "" {
		return fmt.Errorf("line %d is not the trailer: the file holds more rows than its header says", lr.n)
	}
	if got := hex.EncodeToString(lr.hash.Sum(nil)); got != t.SHA256 {
		return fmt.Errorf("checksum mismatch: the file is damaged (sha256 %s, trailer says %s)", got, t.SHA256)
	}
	if _, err := lr.r.ReadByte(); !errors.Is(err, io.EOF) {
		return fmt.Errorf("the file goes on after its trailer")
	}
	return nil
}
