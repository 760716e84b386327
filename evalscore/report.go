package evalscore

import (
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Report is the outcome of scoring a gold set.
type Report struct {
	Kinds    []KindScore // scored kinds in table order; a kind with nothing annotated or predicted is left out
	Micro    KindScore   // over Kinds, quote_span excepted
	MacroF1  float64     // mean of the Kinds' F1 rounded to 3 places, quote_span excepted, as score.py
	Articles int
	Failed   []Failure
	Misses   []Miss      // every missed and every extra claim, by article
	Bands    []BandScore // precision by kind and confidence band
}

// KindScore is one row of the table.
type KindScore struct {
	Kind       string
	TP, FP, FN int
	P, R, F1   float64
}

// Failure is an article whose prediction failed; it was scored as if
// nothing was predicted.
type Failure struct {
	ID  string
	Err error
}

// Miss is a gold claim not found ("missed") or a predicted claim that
// matches no gold claim ("extra").
type Miss struct {
	ID    string // the article's gold ID
	Kind  string
	What  string // "missed" or "extra"
	Claim *Fields
}

func (s *scorer) report(articles int) *Report {
	r := &Report{Articles: articles, Failed: s.failed, Misses: s.misses, Bands: s.bandScores()}
	var tot [3]int
	for _, kind := range tableKinds {
		c, ok := s.counts[kind]
		if !ok || *c == [3]int{} {
			continue // nothing annotated and nothing predicted: not scored
		}
		r.Kinds = append(r.Kinds, newKindScore(kind, *c))
		if kind != "quote_span" {
			tot = [3]int{tot[0] + c[0], tot[1] + c[1], tot[2] + c[2]}
		}
	}
	r.Micro = newKindScore("micro", tot)
	r.MacroF1 = macroF1(r.Kinds)
	return r
}

func newKindScore(kind string, c [3]int) KindScore {
	p, r, f := prf(c[0], c[1], c[2])
	return KindScore{Kind: kind, TP: c[0], FP: c[1], FN: c[2], P: p, R: r, F1: f}
}

func prf(tp, fp, fn int) (p, r, f float64) {
	if tp+fp > 0 {
		p = float64(tp) / float64(tp+fp)
	}
	if tp+fn > 0 {
		r = float64(tp) / float64(tp+fn)
	}
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return p, r, f
}

// macroF1 averages the rounded F1 of the claim kinds, as score.py does.
func macroF1(kinds []KindScore) float64 {
	sum, n := 0.0, 0
	for _, k := range kinds {
		if k.Kind != "quote_span" {
			sum += round3(k.F1)
			n++
		}
	}
	return sum / float64(max(1, n))
}

// round3 is Python's round(f, 3): the nearest double to the correctly
// rounded decimal.
func round3(f float64) float64 {
	r, _ := strconv.ParseFloat(strconv.FormatFloat(f, 'f', 3, 64), 64)
	return r
}

// WriteTable prints the table score.py prints: a row per scored kind, the
// micro row and the macro F1 line.
func (r *Report) WriteTable(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "%-12s %5s %5s %5s %6s %6s %6s\n", "kind", "tp", "fp", "fn", "P", "R", "F1")
	for _, k := range append(r.Kinds[:len(r.Kinds):len(r.Kinds)], r.Micro) {
		fmt.Fprintf(&b, "%-12s %5d %5d %5d %6.3f %6.3f %6.3f\n", k.Kind, k.TP, k.FP, k.FN, k.P, k.R, k.F1)
	}
	fmt.Fprintf(&b, "macro F1 %.3f over %d articles, %d failed\n", r.MacroF1, r.Articles, len(r.Failed))
	_, err := io.WriteString(w, b.String())
	return err
}

// WriteFailures prints a line per failed article, as score.py does on
// standard error.
func (r *Report) WriteFailures(w io.Writer) error {
	var b strings.Builder
	for _, f := range r.Failed {
		fmt.Fprintf(&b, "FAILED %s: %v\n", f.ID, f.Err)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// shownFields are the fields --show prints of a claim.
var shownFields = []string{"accuser", "accused", "label", "speaker", "quote", "value", "unit"}

// WriteMisses prints score.py's --show list: every missed and every extra
// claim, its scored fields as JSON cut to 200 characters.
func (r *Report) WriteMisses(w io.Writer) error {
	var b strings.Builder
	for _, m := range r.Misses {
		c := newFields()
		for _, k := range m.Claim.Keys() {
			if contains(shownFields, k) {
				c.set(k, m.Claim.vals[k])
			}
		}
		fmt.Fprintf(&b, "%s %-10s %-6s %s\n", m.ID, m.Kind, m.What, firstRunes(pyDumps(c), 200))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func firstRunes(s string, n int) string {
	for i := range s {
		if n == 0 {
			return s[:i]
		}
		n--
	}
	return s
}

// WriteJSON prints score.py's --json summary line.
func (r *Report) WriteJSON(w io.Writer) error {
	var b strings.Builder
	b.WriteByte('{')
	for _, k := range append(r.Kinds[:len(r.Kinds):len(r.Kinds)], r.Micro) {
		fmt.Fprintf(&b, `"%s": {"tp": %d, "fp": %d, "fn": %d, "p": %s, "r": %s, "f1": %s}, `,
			k.Kind, k.TP, k.FP, k.FN, py3(k.P), py3(k.R), py3(k.F1))
	}
	fmt.Fprintf(&b, `"macro_f1": %s, "articles": %d, "failed": %d}`+"\n", py3(r.MacroF1), r.Articles, len(r.Failed))
	_, err := io.WriteString(w, b.String())
	return err
}

// py3 prints round(f, 3) as Python's json does.
func py3(f float64) string { return pyFloatRepr(round3(f)) }
