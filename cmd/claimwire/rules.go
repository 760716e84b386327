package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/claimwire/claimwire/rules"
	"github.com/claimwire/claimwire/rules/galaxy"
)

func cmdRules(e *env, args []string) error {
	fs := e.flags()
	out := fs.String("o", "", "import-galaxy: write the rules file to `file` instead of standard output")
	pos, err := e.parse(fs, args)
	if err != nil {
		return err
	}
	switch {
	case len(pos) == 1 && pos[0] == "check":
		return e.rulesCheck("")
	case len(pos) == 2 && pos[0] == "check":
		return e.rulesCheck(pos[1])
	case len(pos) == 2 && pos[0] == "import-galaxy":
		return e.importGalaxy(pos[1], *out)
	}
	return usageErr("want 'check [DIR]' or 'import-galaxy [-o FILE] GALAXY_DIR'")
}

// rulesCheck validates dir on top of the embedded rules (or the embedded
// rules alone) and lists the actor names that several groups share.
func (e *env) rulesCheck(dir string) error {
	name := "embedded rules"
	if dir != "" {
		if st, err := os.Stat(dir); err != nil || !st.IsDir() {
			return inputErr(fmt.Errorf("%s: not a folder", dir))
		}
		name = dir
		errs := rules.Check(dir)
		for _, err := range errs {
			fmt.Fprintln(e.stdout, err)
		}
		if len(errs) > 0 {
			return inputErr(fmt.Errorf("%s: %s", dir, plural(len(errs), "error")))
		}
	}
	var dirs []string
	if dir != "" {
		dirs = append(dirs, dir)
	}
	rs, err := rules.Load(dirs...)
	if err != nil {
		return inputErr(err)
	}
	actors := rs.AllActors()
	cs := rules.Collisions(actors)
	printCollisions(e.stdout, cs)
	fmt.Fprintf(e.stdout, "%s: %s, %s (a shared name counts for the group the article names otherwise, or whose own name it is)\n",
		name, plural(len(actors), "actor"), plural(len(cs), "alias collision"))
	fmt.Fprintf(e.stdout, "%s: ok\n", name)
	return nil
}

func printCollisions(w io.Writer, cs []rules.Collision) {
	for _, c := range cs {
		fmt.Fprintf(w, "collision: %q is a name of %s\n", c.Alias, strings.Join(c.Actors, "; "))
	}
}

// importGalaxy compiles the MISP galaxy clusters of dir into a rules file.
// The file is replaced only when the import succeeds.
func (e *env) importGalaxy(dir, out string) error {
	base, err := rules.Default()
	if err != nil {
		return err
	}
	common, err := galaxy.CommonWords()
	if err != nil {
		return err
	}
	actors, rep, err := galaxy.Import(os.DirFS(dir), galaxy.Options{Country: countryNamer(base), CommonWord: common})
	if err != nil {
		return inputErr(fmt.Errorf("%s: %w", dir, err))
	}
	var buf bytes.Buffer
	if err := galaxy.Write(&buf, actors); err != nil {
		return err
	}
	if err := e.withOutput(out, func(w io.Writer) error { _, err := w.Write(buf.Bytes()); return err }); err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "%s: %d groups from %v values (%d ransomware strains without a leak site left out)\n",
		dir, rep.Groups, rep.Values, rep.Skipped)
	return nil
}

// countryNamer returns the countries.yaml name of a state's name or alias.
func countryNamer(rs *rules.Set) func(string) string {
	names := map[string]string{}
	for _, c := range rs.Countries {
		for _, n := range append([]string{c.Name}, c.Aliases...) {
			names[strings.ToLower(n)] = c.Name
		}
	}
	return func(s string) string { return names[strings.ToLower(strings.TrimSpace(s))] }
}

// plural writes "1 error", "2 errors".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
