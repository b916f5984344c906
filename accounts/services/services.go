// Package services wires the cooperative world's services over one ledger,
// the same way for the server, the command line, the demo and the tests:
// what main serves is what the tests exercise.
package services

import (
	"github.com/lumbung/lumbung/accounts"
	"github.com/lumbung/lumbung/accounts/identity"
	"github.com/lumbung/lumbung/ledger"
)

// Services is every service of the cooperative world. The core holds who
// exists and the policy; each other service holds one noun of the README.
type Services struct {
	Core     *accounts.Service
	Identity *identity.Service
}

// Options are the settings the services take from the program.
type Options struct {
	Core     []accounts.Option
	Identity []identity.Option
}

// New wires the services over the ledger.
func New(l *ledger.Ledger, o Options) *Services {
	core := accounts.New(l, o.Core...)
	return &Services{
		Core:     core,
		Identity: identity.New(core, o.Identity...),
	}
}
