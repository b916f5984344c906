package loadbench

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// server is a `lumbung serve` child process.
type server struct {
	cmd     *exec.Cmd
	exited  chan error // cmd.Wait's answer, once it has ended
	baseURL string
	dataDir string
	logPath string
}

// serverStartTimeout bounds the wait for the child to migrate and listen.
const serverStartTimeout = time.Minute

// listeningPrefix starts the line serve prints once it listens.
const listeningPrefix = "lumbung listening on "

// serverEnv is what every child is run with: the store, a data directory
// of its own, keys given rather than generated, and nothing scheduled.
func serverEnv(environ []string, databaseURL, dataDir string) []string {
	key := func() string {
		b := make([]byte, 32)
		rand.Read(b) //nolint:errcheck // never fails (crypto/rand)
		return base64.StdEncoding.EncodeToString(b)
	}
	// Later values win in exec's environment, so these override the caller's.
	return append(append([]string{}, environ...),
		"DATABASE_URL="+databaseURL, "DATABASE_URL_FILE=",
		"LUMBUNG_DATA_DIR="+dataDir, "LUMBUNG_ADDR=127.0.0.1:0", "LUMBUNG_DEMO=off",
		"LUMBUNG_JWT_KEY="+key(), "LUMBUNG_JWT_KEY_FILE=",
		"LUMBUNG_CHECKPOINT_KEY="+key(), "LUMBUNG_CHECKPOINT_KEY_FILE=",
		"LUMBUNG_BACKUP_DIR=")
}

// startServer runs `lumbung serve` on databaseURL and waits until it
// listens. Its log goes to a file, shown if it fails.
func startServer(ctx context.Context, executable string, environ []string, databaseURL string) (*server, error) {
	dir, err := os.MkdirTemp("", "lumbung-bench-")
	if err != nil {
		return nil, err
	}
	s := &server{dataDir: dir, logPath: filepath.Join(dir, "serve.log")}
	logFile, err := os.Create(s.logPath)
	if err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	defer logFile.Close() // the child holds its own descriptor
	s.cmd = exec.Command(executable, "serve")
	s.cmd.Env = serverEnv(environ, databaseURL, dir)
	s.cmd.Stderr = logFile
	addr := make(chan string, 1)
	s.cmd.Stdout = &addressWatcher{found: addr}
	if err := s.cmd.Start(); err != nil {
		os.RemoveAll(dir)
		return nil, fmt.Errorf("start %s serve: %w", executable, err)
	}
	s.exited = make(chan error, 1)
	go func() { s.exited <- s.cmd.Wait() }()
	select {
	case s.baseURL = <-addr:
		return s, nil
	case err := <-s.exited:
		tail := s.logTail()
		os.RemoveAll(dir)
		return nil, fmt.Errorf("serve exited before listening: %w\n%s", err, tail)
	case <-time.After(serverStartTimeout):
		err = fmt.Errorf("serve did not listen within %s", serverStartTimeout)
	case <-ctx.Done():
		err = ctx.Err()
	}
	return nil, errors.Join(err, s.stop())
}

// addressWatcher is serve's standard output: it sends the address serve
// prints once listening, and drops the rest.
type addressWatcher struct {
	line  []byte
	found chan<- string // buffered; sent to once
	sent  bool
}

// lineBytesMax bounds the part of a line kept while looking for the
// address.
const lineBytesMax = 1 << 10

func (w *addressWatcher) Write(p []byte) (int, error) {
	for _, b := range p {
		if w.sent {
			break
		}
		if b != '\n' {
			if len(w.line) < lineBytesMax {
				w.line = append(w.line, b)
			}
			continue
		}
		if addr, ok := strings.CutPrefix(string(w.line), listeningPrefix); ok {
			w.found <- addr
			w.sent = true
		}
		w.line = w.line[:0]
	}
	return len(p), nil
}

// stopTimeout is how long the child gets to shut down after SIGINT.
const stopTimeout = 30 * time.Second

// stop interrupts the server, kills it if it does not end in time, and
// removes its data directory. A failure shows the end of its log.
func (s *server) stop() error {
	defer os.RemoveAll(s.dataDir)
	s.cmd.Process.Signal(os.Interrupt) //nolint:errcheck // it may have exited already; Wait says how
	var err error
	select {
	case err = <-s.exited:
	case <-time.After(stopTimeout):
		s.cmd.Process.Kill() //nolint:errcheck // as above
		err = fmt.Errorf("serve did not stop within %s: %w", stopTimeout, <-s.exited)
	}
	if err != nil {
		return fmt.Errorf("serve: %w\n%s", err, s.logTail())
	}
	return nil
}

// logTailBytes is how much of the server's log a failure shows.
const logTailBytes = 4 << 10

func (s *server) logTail() string {
	b, _ := os.ReadFile(s.logPath)
	if len(b) > logTailBytes {
		b = b[len(b)-logTailBytes:]
	}
	return string(b)
}

// cpu is the CPU time the server has used so far, user and system.
func (s *server) cpu() (time.Duration, error) {
	return processCPU(s.cmd.Process.Pid)
}

// clockTicksPerSecond is Linux's USER_HZ, the unit of /proc's CPU times:
// 100 on every architecture Go builds for.
const clockTicksPerSecond = 100

// processCPU reads utime and stime from /proc/<pid>/stat.
func processCPU(pid int) (time.Duration, error) {
	raw, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0, fmt.Errorf("server CPU: %w", err)
	}
	// The command name, in parentheses, may hold spaces: fields are counted
	// from the last ')'. utime and stime are the 14th and 15th fields.
	rest := raw[bytes.LastIndexByte(raw, ')')+1:]
	fields := strings.Fields(string(rest))
	if len(fields) < 13 {
		return 0, errors.New("server CPU: /proc stat too short")
	}
	var ticks int64
	for _, f := range fields[11:13] {
		n, err := strconv.ParseInt(f, 10, 64)
		if err != nil {
			return 0, fmt.Errorf("server CPU: %w", err)
		}
		ticks += n
	}
	return time.Duration(ticks) * time.Second / clockTicksPerSecond, nil
}

// createAdmin makes the admin who sets up the load, as on a new
// installation: `lumbung user create` with the password on standard input.
func createAdmin(ctx context.Context, executable string, environ []string, databaseURL, login, password string) error {
	_, err := runChild(ctx, executable, environ, databaseURL, strings.NewReader(password+"\n"),
		"user", "create", "-login", login, "-role", "admin", "-password-stdin")
	return err
}

// runChild runs a lumbung command on databaseURL to its end and returns
// what it printed.
func runChild(ctx context.Context, executable string, environ []string, databaseURL string, stdin io.Reader, args ...string) (string, error) {
	dir, err := os.MkdirTemp("", "lumbung-bench-")
	if err != nil {
		return "", err
	}
	defer os.RemoveAll(dir)
	cmd := exec.CommandContext(ctx, executable, args...)
	cmd.Env = serverEnv(environ, databaseURL, dir)
	cmd.Stdin = stdin
	out, err := cmd.CombinedOutput()
	if err != nil {
		return "", fmt.Errorf("lumbung %s: %w\n%s", args[0], err, out)
	}
	return string(out), nil
}

// verify runs `lumbung verify` on the database once the load is over:
// both sides' entries must have kept every invariant, the ceiling's chain
// hashes included.
func verify(ctx context.Context, executable string, environ []string, databaseURL string) (string, error) {
	return runChild(ctx, executable, environ, databaseURL, nil, "verify")
}
