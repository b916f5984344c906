package imports_test

import (
	"testing"

	"github.com/lumbung/lumbung/ledger/ledgertest"
)

func TestMain(m *testing.M) { ledgertest.Main(m) }
