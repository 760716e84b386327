package daemontest

import (
	"fmt"
	"html"
	"math/rand/v2"
	"strings"
)

// Hostile pages: text shaped to make claim extraction do and store as much
// as it can. They are deterministic, so that figures can be compared.

// HostileQuotes returns about size bytes of text that is one long
// "sentence" full of attributed quotations and no full stop.
func HostileQuotes(size int) string {
	r := rand.New(rand.NewPCG(11, 7))
	var b strings.Builder
	b.WriteString("Officials said ")
	for b.Len() < size {
		who, whom := people[r.IntN(len(people))], accused[r.IntN(len(accused))]
		if r.IntN(2) == 0 {
			fmt.Fprintf(&b, "“we will hold %s to account for %s, and we will not rest until that is done,” said %s; ", whom, wrongs[r.IntN(len(wrongs))], who)
		} else {
			fmt.Fprintf(&b, "%s said “the %s were hit %d times by %s over the last two years, by our own count” and ", who, targets[r.IntN(len(targets))], 2+r.IntN(900), actors[r.IntN(len(actors))])
		}
	}
	return b.String()
}

// HostileClaims returns about size bytes of text, one paragraph of short
// sentences that are nothing but claims: accusations, quotes, actors and
// numbers.
func HostileClaims(size int) string {
	r := rand.New(rand.NewPCG(12, 7))
	pick := func(l []string) string { return l[r.IntN(len(l))] }
	var b strings.Builder
	for b.Len() < size {
		fmt.Fprintf(&b, "%s accused %s of %s, and %s said %s hit %d %s and stole $%d million. ",
			pick(accusers), pick(accused), pick(wrongs), pick(people), pick(actors), 2+r.IntN(900), pick(targets), 1+r.IntN(90))
	}
	return b.String()
}

// HostileHTML wraps hostile text in an article page, as one paragraph
// after a short lead.
func HostileHTML(title, text string) string {
	return fmt.Sprintf(`<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>%s</title></head><body><main><article><h1>%s</h1><div class="article-body"><p>Officials spoke on Tuesday.</p><p>%s</p></div></article></main></body></html>`,
		html.EscapeString(title), html.EscapeString(title), html.EscapeString(text))
}
