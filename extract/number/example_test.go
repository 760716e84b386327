package number_test

import (
	"fmt"

	"github.com/claimwire/claimwire/extract/number"
	"github.com/claimwire/claimwire/rules"
)

func ExampleParser_Find() {
	set, err := rules.Default()
	if err != nil {
		panic(err)
	}
	p, err := number.New(set.Numbers)
	if err != nil {
		panic(err)
	}
	text := "In 2024, seven alleged hackers sent more than 10,000 emails and stole $4.4 billion dollars from millions of users."
	for _, m := range p.Find(text) {
		if m.Skip != "" {
			fmt.Printf("%-22q skipped: %s\n", m.Text, m.Skip)
			continue
		}
		fmt.Printf("%-22q value=%g qualifier=%q unit=%q vague=%v noun at %q\n",
			m.Text, m.Value, m.Qualifier, m.Unit, m.Vague, text[m.Next:m.Next+6])
	}
	// Output:
	// "2024"                 skipped: year
	// "seven"                value=7 qualifier="" unit="" vague=false noun at " alleg"
	// "more than 10,000"     value=10000 qualifier="more than" unit="" vague=false noun at " email"
	// "$4.4 billion dollars" value=4.4e+09 qualifier="" unit="USD" vague=false noun at " from "
	// "millions"             value=1e+06 qualifier="" unit="" vague=true noun at " users"
}
