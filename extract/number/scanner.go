package number

import "strings"

// scanner holds one Find call: the text, its tokens and the matches so far.
type scanner struct {
	v     *vocab
	text  string
	toks  []token
	chunk []int // for the first token of a chunk, the index after it
	out   []Match

	lastTok   int  // the token after the last match
	lastSkip  Skip // the last match's Skip
	lastLabel bool // the last match was skipped for a label before it
}

func newScanner(v *vocab, text string) *scanner {
	toks := tokenize(text, make([]token, 0, len(text)/4+8))
	return &scanner{v: v, text: text, toks: toks, chunk: chunks(toks)}
}

// step finds the expression that starts at token i, if any, and returns the
// index to continue from.
func (s *scanner) step(i int) int {
	l := s.v.lead[s.low(i)]
	if next, ok := s.name(i, l); ok {
		return next
	}
	if next, ok := s.phone(i); ok {
		return next
	}
	if next, ok := s.chunkSkip(i); ok {
		return next
	}
	if l&leadsExpr != 0 || s.kind(i) == digits {
		if c, ok := s.expr(i); ok {
			return s.emit(c)
		}
	}
	if next, ok := s.ordinalWord(i, l); ok {
		return next
	}
	return i + 1
}

// tok returns token i lower-cased, or as written if exact; "" past the end.
func (s *scanner) tok(i int, exact bool) string {
	if i < 0 || i >= len(s.toks) {
		return ""
	}
	if exact {
		return s.text[s.toks[i].start:s.toks[i].end]
	}
	return s.toks[i].low
}

func (s *scanner) low(i int) string { return s.tok(i, false) }
func (s *scanner) raw(i int) string { return s.tok(i, true) }

func (s *scanner) kind(i int) tokKind {
	if i < 0 || i >= len(s.toks) {
		return 0
	}
	return s.toks[i].kind
}

// glued reports whether token i touches token i-1.
func (s *scanner) glued(i int) bool { return touches(s.toks, i) }

// near reports whether token i follows token i-1 within a paragraph: words
// of one expression never span a blank line.
func (s *scanner) near(i int) bool {
	if i <= 0 || i >= len(s.toks) {
		return false
	}
	return strings.Count(s.text[s.toks[i-1].end:s.toks[i].start], "\n") < 2
}

// spells reports whether the tokens from i spell the phrase, each near the
// last and touching it where the phrase's tokens touch.
func spells[V any](s *scanner, i int, p phrase[V], exact bool) bool {
	if i+len(p.toks) > len(s.toks) {
		return false
	}
	for k, t := range p.toks {
		if s.tok(i+k, exact) != t || (k > 0 && !s.near(i+k)) || (p.glued[k] && !s.glued(i+k)) {
			return false
		}
	}
	return true
}

// is reports whether token i is the word or symbol w (lower case).
func (s *scanner) is(i int, w string) bool { return s.low(i) == w }

// alnum reports whether token i is a word or digits.
func (s *scanner) alnum(i int) bool { k := s.kind(i); return k == word || k == digits }

// startsLine reports whether token i is the first of its line.
func (s *scanner) startsLine(i int) bool {
	return i == 0 || strings.Contains(s.text[s.toks[i-1].end:s.toks[i].start], "\n")
}

// name reports a fixed name that contains a number ("Five Eyes", "5G").
func (s *scanner) name(i int, l lead) (int, bool) {
	if l&leadsName == 0 {
		return 0, false
	}
	_, end, ok := s.v.names.at(s, i)
	if !ok || (s.glued(i) && s.alnum(i-1)) || (s.glued(end) && s.alnum(end)) {
		return 0, false
	}
	s.emitSkip(i, end, SkipName, 0)
	return end, true
}

// ordinalWord reports a rank written as a word: "first", "the tenth".
func (s *scanner) ordinalWord(i int, l lead) (int, bool) {
	if l&leadsOrdinal == 0 || s.kind(i) != word {
		return 0, false
	}
	v, ok := s.v.ordinals[s.low(i)]
	if !ok {
		return 0, false
	}
	s.emitSkip(i, i+1, SkipOrdinal, v)
	return i + 1, true
}

// emitSkip records tokens [i, end) as a number that is not a claim.
func (s *scanner) emitSkip(i, end int, why Skip, v float64) {
	start, stop := s.toks[i].start, s.toks[end-1].end
	s.lastTok, s.lastSkip, s.lastLabel = end, why, false
	s.out = append(s.out, Match{
		Start: start, End: stop, Next: stop, Text: s.text[start:stop],
		Value: v, Min: v, Max: v, Skip: why,
	})
}
