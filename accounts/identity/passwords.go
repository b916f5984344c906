package identity

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"fmt"
	"strings"

	"golang.org/x/crypto/argon2"
)

// Password hashing: argon2id with OWASP's recommended minimum cost (19 MiB,
// two passes, one lane), stored in the PHC string format so the parameters
// travel with the hash and can be raised later without breaking old hashes.
const (
	argonMemoryKiB    = 19 * 1024
	argonPasses       = 2
	argonLanes        = 1
	argonKeyBytes     = 32
	argonSaltBytes    = 16
	passwordLengthMin = 10
	// passwordLengthMax bounds the work one login attempt can ask for.
	passwordLengthMax = 1024
)

// PasswordCost is the work argon2id does per hash.
type PasswordCost struct {
	MemoryKiB uint32
	Passes    uint32
}

// DefaultPasswordCost is OWASP's recommended minimum for argon2id: 19 MiB,
// two passes.
var DefaultPasswordCost = PasswordCost{MemoryKiB: 19 * 1024, Passes: 2}

// TestPasswordCost makes hashing cheap for tests that create many users. A
// server never uses it: hashes made with it are as weak as they are fast.
var TestPasswordCost = PasswordCost{MemoryKiB: 64, Passes: 1}

func hashPassword(password string, cost PasswordCost) string {
	salt := make([]byte, argonSaltBytes)
	if _, err := rand.Read(salt); err != nil {
		panic(err) // crypto/rand does not fail on supported platforms
	}
	key := argon2.IDKey([]byte(password), salt, cost.Passes, cost.MemoryKiB, argonLanes, argonKeyBytes)
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, cost.MemoryKiB, cost.Passes, argonLanes,
		base64.RawStdEncoding.EncodeToString(salt), base64.RawStdEncoding.EncodeToString(key))
}

// checkPassword reports whether password matches a PHC argon2id hash, in
// time independent of where the two differ.
func checkPassword(encoded, password string) bool {
	parts := strings.Split(encoded, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return false
	}
	var version int
	var memory, passes uint32
	var lanes uint8
	if _, err := fmt.Sscanf(parts[2], "v=%d", &version); err != nil || version != argon2.Version {
		return false
	}
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &memory, &passes, &lanes); err != nil {
		return false
	}
	salt, err1 := base64.RawStdEncoding.DecodeString(parts[4])
	want, err2 := base64.RawStdEncoding.DecodeString(parts[5])
	if err1 != nil || err2 != nil || len(want) == 0 {
		return false
	}
	got := argon2.IDKey([]byte(password), salt, passes, memory, lanes, uint32(len(want)))
	return subtle.ConstantTimeCompare(got, want) == 1
}

// dummyHash is checked against when a login does not exist, so that an
// unknown login takes as long to refuse as a wrong password.
var dummyHash = hashPassword("lumbung-no-such-user", DefaultPasswordCost)
