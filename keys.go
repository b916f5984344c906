package main

import (
	"crypto/ed25519"
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
		return decodeKey("LUMBUNG_JWT_KEY", configured, api.SigningKeyBytesMin)
	}
	return dataDirKey(dataDir, signingKeyFile, api.SigningKeyBytesMin)
}

// checkpointKeyFile is where the embedded setup keeps the key that signs
// checkpoints, generated on first start.
const checkpointKeyFile = "checkpoint.key"

// checkpointKey returns the Ed25519 key that signs checkpoints: from the
// configured base64 seed of 32 bytes, or from a seed in the data directory,
// generated on first use. Funders check checkpoints against its public
// half, so it must outlive the server: back it up with the database, and
// give every server of one database the same key.
func checkpointKey(configured, dataDir string) (ed25519.PrivateKey, error) {
	var seed []byte
	var err error
	if configured != "" {
		seed, err = decodeKey("LUMBUNG_CHECKPOINT_KEY", configured, ed25519.SeedSize)
	} else {
		seed, err = dataDirKey(dataDir, checkpointKeyFile, ed25519.SeedSize)
	}
	if err != nil {
		return nil, err
	}
	if len(seed) != ed25519.SeedSize {
		return nil, fmt.Errorf("the checkpoint key is %d bytes; an Ed25519 seed is %d (try: openssl rand -base64 32)", len(seed), ed25519.SeedSize)
	}
	return ed25519.NewKeyFromSeed(seed), nil
}

func decodeKey(source, text string, sizeMin int) ([]byte, error) {
	key, err := base64.StdEncoding.DecodeString(strings.TrimSpace(text))
	if err != nil {
		return nil, fmt.Errorf("%s: not base64: %w", source, err)
	}
	if len(key) < sizeMin {
		return nil, fmt.Errorf("%s: %d bytes; at least %d are needed (try: openssl rand -base64 32)", source, len(key), sizeMin)
	}
	return key, nil
}

// dataDirKey reads a generated key of size bytes, making it (readable by
// its owner only) when it does not exist yet.
func dataDirKey(dataDir, file string, size int) ([]byte, error) {
	path := filepath.Join(dataDir, file)
	if b, err := os.ReadFile(path); err == nil {
		return decodeKey(path, string(b), size)
	} else if !errors.Is(err, os.ErrNotExist) {
		return nil, err
	}
	if err := os.MkdirAll(dataDir, 0o750); err != nil {
		return nil, err
	}
	key := make([]byte, size)
	if _, err := rand.Read(key); err != nil {
		return nil, err
	}
	// O_EXCL: of two servers starting together on one data directory, one
	// writes the key and the other reads it back.
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, os.ErrExist) {
		return dataDirKey(dataDir, file, size)
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
