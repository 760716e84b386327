package evalscore

import (
	"encoding/json"
	"math"
	"slices"
	"strings"
)

// This file is score.py's matching, function for function. Values are
// decoded JSON (see Fields), so a field may hold a string, a list or
// anything else, as it may for the Python scorer.

var quoteFold = strings.NewReplacer("\u2019", "'", "\u2018", "'", "\u201c", `"`, "\u201d", `"`)

// normText lowers s, straightens curly quotes, collapses white space and
// trims spaces, dots, commas, semicolons, colons and quotes at both ends.
// A value that is not a string is "".
func normText(v any) string {
	s, _ := v.(string)
	s = quoteFold.Replace(pyLower(s))
	var b strings.Builder
	space := false
	for _, r := range s {
		if pySpace(r) {
			if !space {
				b.WriteByte(' ')
			}
			space = true
			continue
		}
		space = false
		b.WriteRune(r)
	}
	return strings.Trim(b.String(), ` .,;:"'`)
}

// canonEntity folds a name to its canonical form: "The U.S." and
// "Washington" are "united states"; a possessive 's is dropped.
func canonEntity(v any) string {
	canon := aliasTable().canon
	s := strings.TrimPrefix(normText(v), "the ")
	if c, ok := canon[s]; ok {
		return c
	}
	s = strings.TrimSuffix(s, "'s")
	if c, ok := canon[s]; ok {
		return c
	}
	return s
}

// entityMatch reports whether pred, a name or a list of names, names one
// of the gold alternatives. "*" among them accepts any name. A person's
// surname, or the name with a title or description around it, matches the
// full name.
func entityMatch(pred any, goldAlts []any) bool {
	if list, ok := pred.([]any); ok {
		for _, x := range list {
			if entityMatch(x, goldAlts) {
				return true
			}
		}
		return false
	}
	if _, ok := pred.(string); !ok {
		return false
	}
	p := canonEntity(pred)
	if p == "" {
		return false
	}
	for _, g := range goldAlts {
		if g == "*" {
			return true
		}
	}
	for _, g := range goldAlts {
		if sameEntity(p, canonEntity(g)) {
			return true
		}
	}
	return false
}

// sameEntity compares two canonical names, with the surname rule.
func sameEntity(p, g string) bool {
	if p == g {
		return true
	}
	canon := aliasTable().canon
	_, pc := canon[p]
	_, gc := canon[g]
	pt, gt := tokens(p), tokens(g)
	if len(pt) == 0 || len(gt) == 0 || pt[len(pt)-1] != gt[len(gt)-1] || pc || gc {
		return false
	}
	return subset(pt, gt) || subset(gt, pt)
}

func subset(a, b []string) bool {
	for _, x := range a {
		if !contains(b, x) {
			return false
		}
	}
	return true
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// tokens returns the runs of ASCII letters and digits of the normalised
// text, apostrophes removed.
func tokens(v any) []string {
	s := strings.ReplaceAll(normText(v), "'", "")
	isWord := func(r rune) bool { return ('a' <= r && r <= 'z') || ('0' <= r && r <= '9') }
	return strings.FieldsFunc(s, func(r rune) bool { return !isWord(r) })
}

// overlapF1 is the F1 of the two texts' token multisets.
func overlapF1(a, b any) float64 {
	ta, tb := tokens(a), tokens(b)
	slices.Sort(ta)
	slices.Sort(tb)
	return overlapTokens(ta, tb)
}

// overlapTokens is overlapF1 of texts already cut into sorted tokens: the
// tokens in common are counted in one merge of the two lists.
func overlapTokens(ta, tb []string) float64 {
	if len(ta) == 0 || len(tb) == 0 {
		return 0
	}
	common := 0
	for i, j := 0, 0; i < len(ta) && j < len(tb); {
		switch c := strings.Compare(ta[i], tb[j]); {
		case c < 0:
			i++
		case c > 0:
			j++
		default:
			common++
			i++
			j++
		}
	}
	if common == 0 {
		return 0
	}
	p := float64(common) / float64(len(ta))
	r := float64(common) / float64(len(tb))
	return 2 * p * r / (p + r)
}

var lemmaSuffixes = [...]struct{ suf, rep string }{
	{"ies", "y"}, {"sses", "ss"}, {"ches", "ch"}, {"shes", "sh"}, {"xes", "x"}, {"s", ""},
}

// lemma is the last word of a unit without its plural ending.
func lemma(v any) string {
	w := normText(v)
	w = w[strings.LastIndexByte(w, ' ')+1:]
	n := len([]rune(w))
	for _, s := range lemmaSuffixes {
		if strings.HasSuffix(w, s.suf) && n > len(s.suf)+1 && !strings.HasSuffix(w, "ss") {
			return w[:len(w)-len(s.suf)] + s.rep
		}
	}
	return w
}

// asList is score.py's as_list: nil is empty, a list stays, anything else
// is a list of one.
func asList(v any) []any {
	switch v := v.(type) {
	case nil:
		return nil
	case []any:
		return v
	}
	return []any{v}
}

// num reads a claimed value like Python's float(): JSON numbers, booleans
// and numeric strings, with thousands commas removed.
func num(v any) (float64, bool) {
	switch v := v.(type) {
	case json.Number:
		return parseNumber(string(v))
	case float64:
		return v, true
	case bool:
		if v {
			return 1, true
		}
		return 0, true
	case string:
		return pyFloat(strings.ReplaceAll(v, ",", ""))
	}
	return 0, false
}

// match reports whether the predicted claim p is the gold claim g for kind,
// which is one of the claim kinds or "quote_span".
func match(kind string, p, g *Fields) bool {
	switch kind {
	case "accusation":
		return entityMatch(p.get("accuser", ""), asList(g.get("accuser", nil))) &&
			entityMatch(p.get("accused", ""), asList(g.get("accused", nil)))
	case "actor":
		return actorMatch(p, g)
	case "quote":
		return entityMatch(p.get("speaker", ""), asList(g.get("speaker", nil))) &&
			overlapTokens(p.quoteTokens(), g.quoteTokens()) >= 0.5
	case "quote_span":
		return overlapTokens(p.quoteTokens(), g.quoteTokens()) >= 0.5
	case "number":
		return numberMatch(p, g)
	}
	return false
}

// actorMatch: the label or an alias equals a gold label, ignoring case and
// everything but letters and digits.
func actorMatch(p, g *Fields) bool {
	for _, x := range append(asList(p.get("label", nil)), asList(p.get("aliases", nil))...) {
		name, ok := x.(string)
		if !ok {
			continue
		}
		n := upperASCII(name)
		for _, y := range asList(g.get("label", nil)) {
			s, _ := y.(string)
			if n != "" && n == upperASCII(s) {
				return true
			}
		}
	}
	return false
}

// numberMatch: equal values and the same last word of the unit, plural
// endings removed.
func numberMatch(p, g *Fields) bool {
	pv, pok := num(p.get("value", nil))
	gv, gok := num(g.get("value", nil))
	// Written as score.py's test so that NaN compares the same way.
	if !pok || !gok || math.Abs(pv-gv) > 1e-9*pyMax(1, math.Abs(gv)) {
		return false
	}
	gu := lemma(g.get("unit", nil))
	return lemma(p.get("unit", "")) == gu && gu != ""
}

// pyMax is Python's max(a, b): b only when b > a, so max(1, NaN) is 1.
func pyMax(a, b float64) float64 {
	if b > a {
		return b
	}
	return a
}

// dedupe keeps the first of the predicted claims that match one another:
// accusations, actors and numbers count once per article, quotes each time.
func dedupe(kind string, claims []*Fields) []*Fields {
	if kind == "quote" {
		return claims
	}
	var out []*Fields
	for _, c := range claims {
		dup := false
		for _, o := range out {
			if match(kind, c, asGold(kind, o)) {
				dup = true
				break
			}
		}
		if !dup {
			out = append(out, c)
		}
	}
	return out
}

// asGold turns a kept prediction into the gold claim dedupe compares with.
func asGold(kind string, c *Fields) *Fields {
	switch kind {
	case "accusation":
		return newFields("accuser", []any{c.get("accuser", "")}, "accused", []any{c.get("accused", "")})
	case "actor":
		return newFields("label", []any{c.get("label", "")})
	case "number":
		return newFields("value", c.get("value", nil), "unit", c.get("unit", ""))
	}
	return c
}
