package galaxy

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"regexp"
	"strings"

	"github.com/claimwire/claimwire/rules"
)

// header opens the generated file; it names where the data comes from.
const header = `# Threat-actor groups compiled from the MISP galaxy clusters
# (MISP/misp-galaxy, clusters/*.json: %s;
# CC0 1.0 or BSD 2-Clause) by "claimwire rules import-galaxy".
# Do not edit by hand: rerun the import (go generate ./rules).
# Entries of actors.yaml win over these: a group here that is a curated actor
# only lends it its galaxy reference and kind.
# ambiguous: names that count only beside a group cue (short names, ordinary
# words, campaign and malware names).
galaxy_actors:
`

// Write writes actors as a rules file with a galaxy_actors section, one
// entry per group, in the order given, each field on its own line so that a
// changed alias is a one-line diff.
func Write(w io.Writer, actors []rules.Actor) error {
	if len(actors) == 0 {
		return ErrNoGroups
	}
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, header, strings.Join(Files, ", "))
	for _, a := range actors {
		writeActor(bw, a)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("galaxy: write: %w", err)
	}
	return nil
}

func writeActor(w *bufio.Writer, a rules.Actor) {
	fmt.Fprintf(w, "  - name: %s\n", scalar(a.Name))
	if len(a.Aliases) > 0 {
		fmt.Fprintf(w, "    aliases: %s\n", list(a.Aliases))
	}
	if a.Kind != "" {
		fmt.Fprintf(w, "    kind: %s\n", a.Kind)
	}
	if a.Sponsor != "" {
		fmt.Fprintf(w, "    sponsor: %s\n", scalar(a.Sponsor))
	}
	if len(a.Ambiguous) > 0 {
		fmt.Fprintf(w, "    ambiguous: %s\n", list(a.Ambiguous))
	}
	if len(a.Refs) > 0 {
		fmt.Fprintf(w, "    refs: %s\n", list(a.Refs))
	}
	if g := a.Galaxy; g != nil {
		fmt.Fprintf(w, "    galaxy: {cluster: %s, value: %s, uuid: %s}\n", scalar(g.Cluster), scalar(g.Value), g.UUID)
	}
}

// plain matches the names YAML reads back as the same string without
// quotes, in a block or a flow list.
var plain = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9 ._&'/-]*[A-Za-z0-9.]$|^[A-Za-z]$`)

// yamlWords are plain scalars that a YAML 1.1 reader takes for booleans or null.
var yamlWords = map[string]bool{"y": true, "n": true, "yes": true, "no": true, "on": true, "off": true, "true": true, "false": true, "null": true}

// scalar quotes s unless it is plain. JSON strings are YAML double-quoted
// scalars.
func scalar(s string) string {
	if plain.MatchString(s) && !yamlWords[strings.ToLower(s)] && !strings.Contains(s, " #") {
		return s
	}
	b, _ := json.Marshal(s)
	return string(b)
}

func list(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = scalar(s)
	}
	return "[" + strings.Join(q, ", ") + "]"
}
