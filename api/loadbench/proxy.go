package loadbench

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"net"
	"sync"
	"sync/atomic"
)

// proxy sits between the server and PostgreSQL and counts the
// ReadyForQuery messages PostgreSQL sends: each round trip a client makes
// ends with exactly one.
type proxy struct {
	ln       net.Listener
	upstream string
	ready    atomic.Int64
	wg       sync.WaitGroup
}

// startProxy listens on a free local port and forwards every connection to
// upstream (host:port).
func startProxy(upstream string) (*proxy, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("proxy: %w", err)
	}
	p := &proxy{ln: ln, upstream: upstream}
	p.wg.Add(1)
	go p.accept()
	return p, nil
}

func (p *proxy) addr() string { return p.ln.Addr().String() }

// roundTrips is how many ReadyForQuery messages have passed so far.
func (p *proxy) roundTrips() int64 { return p.ready.Load() }

// close stops accepting; connections end when the server closes them.
func (p *proxy) close() error {
	err := p.ln.Close()
	p.wg.Wait()
	return err
}

func (p *proxy) accept() {
	defer p.wg.Done()
	for {
		client, err := p.ln.Accept()
		if err != nil {
			return // closed
		}
		go p.forward(client)
	}
}

func (p *proxy) forward(client net.Conn) {
	defer client.Close()
	server, err := net.Dial("tcp", p.upstream)
	if err != nil {
		return // the server sees its connection closed and says so
	}
	defer server.Close()
	done := make(chan struct{})
	go func() {
		io.Copy(server, client) //nolint:errcheck // either side closing ends the pair
		server.Close()
		close(done)
	}()
	countReady(client, server, &p.ready) //nolint:errcheck // as above
	client.Close()
	<-done
}

// messageBytesMax bounds one backend message; PostgreSQL's own limit on a
// message it reads is 1 GB, far above anything a ledger row returns.
const messageBytesMax = 1 << 30

// proxyBufferBytes is what one read from PostgreSQL may bring; it is
// forwarded whole at once, so the proxy adds one write per read and no
// wait for a message to be complete.
const proxyBufferBytes = 64 << 10

// countReady copies src to dst as it arrives, adding to ready the
// ReadyForQuery messages it saw.
func countReady(dst io.Writer, src io.Reader, ready *atomic.Int64) error {
	buf := make([]byte, proxyBufferBytes)
	var s messageScanner
	for {
		n, err := src.Read(buf)
		if n > 0 {
			if _, werr := dst.Write(buf[:n]); werr != nil {
				return werr
			}
			found, serr := s.scan(buf[:n])
			ready.Add(found)
			if serr != nil {
				return serr
			}
		}
		if err != nil {
			return err
		}
	}
}

// messageScanner follows PostgreSQL's messages to the client across reads
// that split them anywhere. After startup every message is a type byte and
// a big-endian int32 length that counts itself; with sslmode=disable the
// startup exchange, in this direction, has the same form.
type messageScanner struct {
	header  [5]byte
	headerN int   // bytes of the next header seen so far
	skip    int64 // bytes left of the current message's body
}

// scan reads the next bytes of the stream and returns how many
// ReadyForQuery ('Z') messages began in them.
func (s *messageScanner) scan(b []byte) (int64, error) {
	var ready int64
	for len(b) > 0 {
		if s.skip > 0 {
			k := min(s.skip, int64(len(b)))
			s.skip -= k
			b = b[k:]
			continue
		}
		k := copy(s.header[s.headerN:], b)
		s.headerN += k
		b = b[k:]
		if s.headerN < len(s.header) {
			break
		}
		s.headerN = 0
		length := int64(binary.BigEndian.Uint32(s.header[1:]))
		if length < 4 || length > messageBytesMax {
			return ready, errors.New("proxy: not a PostgreSQL message")
		}
		if s.header[0] == 'Z' {
			ready++
		}
		s.skip = length - 4
	}
	return ready, nil
}
