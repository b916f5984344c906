package main

import (
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/lumbung/lumbung/api"
)

// signingKeyFile is where the embedded setup keeps the access-token signing
// key it generates on first start, beside the SQLite file.
const signingKeyFile = "jwt.key"

// signingKey returns the key that signs access tokens: the configured
// base64 key, or failing that a key in the data directory, generated on
// first use. A generated key suits one server; servers behind a load
// balancer must share one key through LUMBUNG_JWT_KEY.
func signingKey(configured, dataDir string) ([]byte, error) {
	if configured != "" {
		return decodeKey("LUMBUNG_JWT_KEY", configured)
	}
	return dataDirKey(dataDir)
}

func decodeKey(source, text string) ([]byte, error) {
	key, err := base64.StdEncoding.DecodeString(strings.TrimSpace(text))
	if err != nil {
		return nil, fmt.Errorf("%s: not base64: %w", source, err)
	}
	if len(key) < api.SigningKeyBytesMin {
		return nil, fmt.Errorf("%s: %d bytes; at least %d are needed (try: openssl rand -base64 32)", source, len(key), api.SigningKeyBytesMin)
	}
	return key, nil
}

// dataDirKey reads the generated key, making it (readable by its owner
// only) when it does not exist yet.
func dataDirKey(dataDir string) ([]byte, error) {
	path := filepath.Join(dataDir, signingKeyFile)
	if b, err := os.ReadFile(path); err == nil {
		return decodeKey(path, string(b))
	} else if !errors.Is(err, os.ErrNotExist) {
		return nil, err
	}
	if err := os.MkdirAll(dataDir, 0o750); err != nil {
		return nil, err
	}
	key := make([]byte, api.SigningKeyBytesMin)
	if _, err := rand.Read(key); err != nil {
		return nil, err
	}
	// O_EXCL: of two servers starting together on one data directory, one
	// writes the key and the other reads it back.
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, os.ErrExist) {
		return dataDirKey(dataDir)
	}
	if err != nil {
		return nil, err
	}
	if _, err := f.WriteString(base64.StdEncoding.EncodeToString(key) + "\n"); err != nil {
		f.Close()
		return nil, err
	}
	return key, f.Close()
}
