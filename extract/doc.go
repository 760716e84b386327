package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// token is one word, number or punctuation mark of the article, with its
// byte offsets into the article text.
type token struct {
	text       string
	lower      string // lower case, typographic apostrophes folded to '
	start, end int
	tag        string // part-of-speech tag (Penn Treebank), from prose
	sent       int    // index of its sentence
	ent        int8   // gazetteer coverage: 0 none, 1 first token of a name, 2 later token
}

// sentence is a run of tokens [first, last) inside one paragraph.
type sentence struct {
	start, end  int // byte offsets
	first, last int // token indices
	para        int
}

// doc is an article cut into paragraphs, sentences and tokens.
type doc struct {
	lx        *lexicon
	people    map[string][]*person // surname → the people of that name, in order of introduction
	seen      int                  // how many person mentions were resolved: orders people by recency
	acronyms  map[string]string    // acronym → the name it abbreviates
	mentions  []mention
	sorted    int  // mentions[:sorted] are in token order
	noNER     bool // decide person names without prose's entity model (cheaper)
	quotes    []quoteSpan
	continued []continuedQuote
	actors    []actorHit
	// authority is the last party that made an accusation or spoke for an
	// organisation: agentless passives ("are accused of") are its claims.
	authority     party
	authoritySent int // the sentence the authority spoke in
	text          string
	paras         [][2]int // byte ranges of the paragraphs
	toks          []token
	sents         []sentence
	ents          [][]string // prose entity labels per sentence, filled on demand
}

// tokenize cuts text into tokens (see nextToken): start is the offset of
// text in the article.
func tokenize(text string, start int) []token {
	var toks []token
	for i := 0; ; {
		s, e := nextToken(text, i)
		if s < 0 {
			return toks
		}
		toks = appendToken(toks, text, s, e, start)
		i = e
	}
}

// appendToken splits a possessive ending off a word (Beijing’s → Beijing ’s)
// so that names are found without it.
func appendToken(toks []token, text string, s, e, base int) []token {
	w := text[s:e]
	for _, suf := range []string{"’s", "'s"} {
		if len(w) > len(suf) && strings.HasSuffix(w, suf) {
			toks = appendToken(toks, text, s, e-len(suf), base)
			s = e - len(suf)
			w = suf
		}
	}
	return append(toks, token{text: w, lower: fold(w), start: base + s, end: base + e})
}

// fold lower-cases s and folds typographic apostrophes and quotes.
func fold(s string) string {
	return strings.ToLower(foldQuotes(s))
}

var quoteFolder = strings.NewReplacer("’", "'", "‘", "'", "“", `"`, "”", `"`)

// paragraphs returns the byte ranges of the non-empty lines of text: news
// text puts one paragraph per line, with or without blank lines between.
func paragraphs(text string) [][2]int {
	var out [][2]int
	start := 0
	for start < len(text) {
		end := strings.IndexByte(text[start:], '\n')
		if end < 0 {
			end = len(text)
		} else {
			end += start
		}
		s, e := trimSpan(text, start, end)
		if s < e {
			out = append(out, [2]int{s, e})
		}
		start = end + 1
	}
	return out
}

func trimSpan(text string, s, e int) (int, int) {
	for s < e {
		r, n := utf8.DecodeRuneInString(text[s:])
		if !unicode.IsSpace(r) {
			break
		}
		s += n
	}
	for e > s {
		r, n := utf8.DecodeLastRuneInString(text[:e])
		if !unicode.IsSpace(r) {
			break
		}
		e -= n
	}
	return s, e
}

// isCap reports whether the token starts with an upper-case letter.
func (t *token) isCap() bool {
	r, _ := utf8.DecodeRuneInString(t.text)
	return unicode.IsUpper(r)
}

func (t *token) isWord() bool {
	r, _ := utf8.DecodeRuneInString(t.text)
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

func (t *token) isQuote() bool {
	switch t.text {
	case `"`, "“", "”", "«", "»", "„", "''":
		return true
	}
	return false
}

// isPronoun reports a personal pronoun; "US" the country is not "us".
func (t *token) isPronoun() bool {
	return pronouns.has(t.lower) && (t.text == "I" || !isAllCaps(t.text)) && t.tag != "PRP$"
}
