package number

import (
	"testing"

	"github.com/claimwire/claimwire/rules"
)

func defaultParser(t testing.TB) *Parser {
	t.Helper()
	set, err := rules.Default()
	if err != nil {
		t.Fatal(err)
	}
	p, err := New(set.Numbers)
	if err != nil {
		t.Fatal(err)
	}
	return p
}
