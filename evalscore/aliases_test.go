package evalscore

import (
	"errors"
	"fmt"
	"os"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// TestAliasesMatchScorePy parses the ALIASES dict out of score.py and
// compares it, order included, with the embedded table.
func TestAliasesMatchScorePy(t *testing.T) {
	src, err := os.ReadFile(scorePy)
	if err != nil {
		t.Skipf("no reference scorer: %v", err)
	}
	want, err := pyAliases(string(src))
	if err != nil {
		t.Fatal(err)
	}
	if got := Aliases(); !reflect.DeepEqual(got, want) {
		t.Errorf("aliases.json differs from score.py's ALIASES:\n got %q\nwant %q", got, want)
	}
}

var (
	pyDictBody = regexp.MustCompile(`(?s)\nALIASES = \{(.*?)\n\}`)
	pyEntry    = regexp.MustCompile(`(?s)("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')\s*:\s*\[(.*?)\]`)
	pyString   = regexp.MustCompile(`"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'`)
)

// pyAliases reads a dict literal of string keys and lists of strings.
func pyAliases(src string) ([]Alias, error) {
	body := pyDictBody.FindStringSubmatch(src)
	if body == nil {
		return nil, errors.New("score.py: no ALIASES = {...}")
	}
	var out []Alias
	for _, e := range pyEntry.FindAllStringSubmatch(body[1], -1) {
		canon, err := pyUnquote(e[1])
		if err != nil {
			return nil, fmt.Errorf("score.py: ALIASES key %s: %w", e[1], err)
		}
		a := Alias{Canonical: canon, Names: []string{}}
		for _, lit := range pyString.FindAllString(e[2], -1) {
			name, err := pyUnquote(lit)
			if err != nil {
				return nil, fmt.Errorf("score.py: ALIASES name %s: %w", lit, err)
			}
			a.Names = append(a.Names, name)
		}
		out = append(out, a)
	}
	return out, nil
}

// pyUnquote unquotes a Python string literal without prefix. Its escapes
// are Go's for the simple cases the table uses; a single-quoted literal is
// requoted first.
func pyUnquote(s string) (string, error) {
	if s[0] == '\'' {
		s = `"` + singleToDouble.Replace(s[1:len(s)-1]) + `"`
	}
	return strconv.Unquote(s)
}

var singleToDouble = strings.NewReplacer(`\'`, "'", `"`, `\"`)

func TestAliasTable(t *testing.T) {
	canon := aliasTable().canon
	for name, want := range map[string]string{
		"united states": "united states", "washington": "united states", "the us": "united states",
		"london": "united kingdom", "prc": "china", "kiev": "ukraine", "the eu": "european union",
		"doj": "justice department",
	} {
		if got := canon[name]; got != want {
			t.Errorf("canon[%q] = %q, want %q", name, got, want)
		}
	}
	if _, err := parseAliases([]byte(`{"aliases": [], "extra": 1}`)); err == nil {
		t.Error("unknown key accepted")
	}
}
