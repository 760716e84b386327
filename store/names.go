package store

import (
	"bytes"
	"fmt"
	"strings"
	"unicode"

	bolt "go.etcd.io/bbolt"

	"github.com/claimwire/claimwire/model"
)

// maxKnownNames bounds how many full names of one surname a merge looks
// at: two are enough to know it is ambiguous.
const maxKnownNames = 2

// namer normalises the party names of one article's claims for grouping,
// merging a surname alone into a full name where that is safe: "Trump"
// becomes "Donald Trump" when exactly one full name with that surname is
// in the article, or, when the article has none, exactly one is known from
// stored articles.
type namer struct {
	tx      *bolt.Tx
	article map[string][]string // folded surname → the article's full names with it
	rule    string              // merges made for the claim being keyed
}

func newNamer(tx *bolt.Tx, claims []model.Claim) *namer {
	n := &namer{tx: tx, article: map[string][]string{}}
	for _, c := range claims {
		for _, name := range []string{c.Speaker, c.Accuser, c.Accused, c.Denier} {
			if sur, ok := fullName(name); ok && !contains(n.article[sur], name) {
				n.article[sur] = append(n.article[sur], name)
			}
		}
	}
	return n
}

// groupKey returns what claims must share to be grouped, with the merged
// names, and records the merges on the claim; "" for a claim that is not
// grouped.
func (n *namer) groupKey(c *model.Claim) string {
	n.rule = ""
	var key string
	switch {
	case c.Kind == model.Accusation && c.Accuser != "" && c.Accused != "":
		// the accused first, so that a denier's accusations share a prefix
		key = "accusation\x00" + n.norm(c.Accused, false) + "\x00" + n.norm(c.Accuser, true)
	case c.Kind == model.Denial && denied(c) != "":
		key = "denial\x00" + n.norm(denied(c), c.Accused == "") + "\x00" + n.norm(c.Accuser, true)
	case c.Kind == model.Quote && c.Speaker != "" && c.Quote != "":
		key = "quote\x00" + n.norm(c.Speaker, true)
	}
	c.MergeRule = n.rule
	return key
}

// norm folds a name for matching; across articles reaches out to the
// names of other articles, which only names of who speaks or accuses do
// (a surname alone as the accused may be a state: "Jordan").
func (n *namer) norm(name string, acrossArticles bool) string {
	name = strings.Join(strings.Fields(name), " ")
	if merged, rule := n.merge(name, acrossArticles); merged != "" {
		n.rule = joinRule(n.rule, fmt.Sprintf("%s = %s (%s)", name, merged, rule))
		name = merged
	}
	return strings.TrimPrefix(strings.ToLower(name), "the ")
}

// merge returns the full name a surname alone stands for and why, or "".
func (n *namer) merge(name string, acrossArticles bool) (string, string) {
	if !isSurname(name) {
		return "", ""
	}
	sur := strings.ToLower(name)
	switch here := n.article[sur]; {
	case len(here) == 1:
		return here[0], "surname, one full name in the article"
	case len(here) > 1 || !acrossArticles:
		return "", ""
	}
	if known := n.known(sur); len(known) == 1 {
		return known[0], "surname, one full name known"
	}
	return "", ""
}

// known returns up to maxKnownNames stored full names with surname sur.
func (n *namer) known(sur string) []string {
	prefix := append([]byte(sur), 0)
	var out []string
	c := n.tx.Bucket(namesBucket).Cursor()
	for k, _ := c.Seek(prefix); bytes.HasPrefix(k, prefix) && len(out) < maxKnownNames; k, _ = c.Next() {
		out = append(out, string(k[len(prefix):]))
	}
	return out
}

// save records the article's full names for merges in later articles.
func (n *namer) save(tx *bolt.Tx) error {
	b := tx.Bucket(namesBucket)
	for sur, names := range n.article {
		for _, name := range names {
			if err := b.Put(append(append([]byte(sur), 0), name...), nil); err != nil {
				return fmt.Errorf("name %q: %w", name, err)
			}
		}
	}
	return nil
}

// fullName reports whether name is a person's full name (two to four
// capitalised words) and returns its folded surname.
func fullName(name string) (string, bool) {
	ws := strings.Fields(name)
	if len(ws) < 2 || len(ws) > 4 {
		return "", false
	}
	for _, w := range ws {
		if r := []rune(w); !unicode.IsUpper(r[0]) {
			return "", false
		}
	}
	last := ws[len(ws)-1]
	if !isSurname(last) {
		return "", false
	}
	return strings.ToLower(last), true
}

// isSurname reports whether name is one capitalised word of letters, not
// an acronym: "Trump", "O'Brien", not "FBI" or "Trump's".
func isSurname(name string) bool {
	r := []rune(name)
	if len(r) < 2 || !unicode.IsUpper(r[0]) || strings.ToUpper(name) == name {
		return false
	}
	for _, c := range r {
		if !unicode.IsLetter(c) && c != '-' && c != '\'' && c != '’' {
			return false
		}
	}
	return !strings.HasSuffix(name, "'s") && !strings.HasSuffix(name, "’s")
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func joinRule(old, rule string) string {
	if old == "" {
		return rule
	}
	return old + "; " + rule
}
