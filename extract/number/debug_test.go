package number

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/claimwire/claimwire/rules"
)

func TestDebugPrint(t *testing.T) {
	in := os.Getenv("NUMDBG")
	if in == "" {
		t.Skip()
	}
	set, err := rules.Default()
	if err != nil {
		t.Fatal(err)
	}
	p, err := New(set.Numbers)
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(in, "\n") {
		fmt.Printf("%q\n", line)
		for _, m := range p.Find(line) {
			fmt.Printf("   %q v=%v [%v,%v] q=%q u=%q vague=%v skip=%q next=%q\n", m.Text, m.Value, m.Min, m.Max, m.Qualifier, m.Unit, m.Vague, m.Skip, line[m.Next:min(len(line), m.Next+12)])
		}
	}
}
