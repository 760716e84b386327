package main

import (
	"fmt"
	"os"

	"github.com/claimwire/claimwire/rules"
)

func cmdRules(e *env, args []string) error {
	fs := e.flags()
	pos, err := e.parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 2 || pos[0] != "check" {
		return usageErr("want 'check DIR'")
	}
	dir := pos[1]
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return inputErr(fmt.Errorf("%s: not a folder", dir))
	}
	errs := rules.Check(dir)
	for _, err := range errs {
		fmt.Fprintln(e.stdout, err)
	}
	if len(errs) > 0 {
		return inputErr(fmt.Errorf("%s: %s", dir, plural(len(errs), "error")))
	}
	fmt.Fprintf(e.stdout, "%s: ok\n", dir)
	return nil
}

// plural writes "1 error", "2 errors".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
