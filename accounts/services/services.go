// Package services wires the cooperative world's services over one ledger,
// the same way for the server, the command line, the demo and the tests:
// what main serves is what the tests exercise.
package services

import (
	"crypto/ed25519"

	"github.com/lumbung/lumbung/accounts"
	"github.com/lumbung/lumbung/accounts/books"
	"github.com/lumbung/lumbung/accounts/capital"
	"github.com/lumbung/lumbung/accounts/identity"
	"github.com/lumbung/lumbung/accounts/imports"
	"github.com/lumbung/lumbung/accounts/lending"
	"github.com/lumbung/lumbung/accounts/meetings"
	"github.com/lumbung/lumbung/accounts/proofs"
	"github.com/lumbung/lumbung/accounts/reports"
	"github.com/lumbung/lumbung/accounts/savings"
	"github.com/lumbung/lumbung/accounts/yearend"
	"github.com/lumbung/lumbung/ledger"
)

// Services is every service of the cooperative world. The core holds who
// exists and the policy; each other service holds one noun of the README.
type Services struct {
	Core     *accounts.Service
	Identity *identity.Service
	Savings  *savings.Service
	Capital  *capital.Service
	Books    *books.Service
	Lending  *lending.Service
	YearEnd  *yearend.Service
	Meetings *meetings.Service
	Reports  *reports.Service
	Proofs   *proofs.Service
	Imports  *imports.Service
}

// Options are the settings the services take from the program.
type Options struct {
	Core     []accounts.Option
	Identity []identity.Option
	// CheckpointKey signs checkpoints; nil: a key for this process only.
	CheckpointKey ed25519.PrivateKey
}

// New wires the services over the ledger.
func New(l *ledger.Ledger, o Options) *Services {
	core := accounts.New(l, o.Core...)
	sv, ln, ye, cp := savings.New(core), lending.New(core), yearend.New(core), capital.New(core)
	mt := meetings.New(core, sv, ln)
	return &Services{
		Core:     core,
		Identity: identity.New(core, o.Identity...),
		Savings:  sv,
		Capital:  cp,
		Books:    books.New(core),
		Lending:  ln,
		YearEnd:  ye,
		Meetings: mt,
		Reports:  reports.New(core, ln, ye, mt),
		Imports:  imports.New(core, cp, ln),
		Proofs:   proofs.New(core, o.CheckpointKey),
	}
}

// Checks are every rule lumbung verify checks beside the ledger's own.
func Checks() []ledger.Check {
	var all []ledger.Check
	for _, cs := range [][]ledger.Check{accounts.Checks, capital.Checks, lending.Checks, meetings.Checks} {
		all = append(all, cs...)
	}
	return all
}
