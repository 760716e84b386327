package extract

// cueTable is every word a rule can start from, in one table: the cue
// words of speech, denial, hostility, attacks, campaigns, charges and
// accusation frames, "allegedly" and "according", and the number words.
// All are single tokens as the tokeniser cuts them ("cyber-attack" is
// one), so one pass over a sentence's tokens with one lookup each finds
// whether any rule can start there: an automaton over the text would find
// the same words at more cost.
type cueTable struct {
	words map[string]struct{}
}

func newCueTable(sets ...set) cueTable {
	t := cueTable{words: map[string]struct{}{}}
	for _, s := range sets {
		for w := range s {
			t.words[w] = struct{}{}
		}
	}
	return t
}

// mayClaim reports whether a sentence holds anything a rule starts from:
// a cue word, a number or a quotation mark.
func (t cueTable) mayClaim(toks []token) bool {
	for i := range toks {
		tk := &toks[i]
		if isDigit(tk.text) || tk.isQuote() {
			return true
		}
		if _, ok := t.words[tk.lower]; ok {
			return true
		}
	}
	return false
}
