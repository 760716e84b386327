package postag

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Token is one token as prose cuts text, with its tag.
type Token struct {
	Text string // a substring of the text, after prose's quote folding
	Tag  string
}

// sanitizer is prose's: it folds typographic quotes before tokenising.
var sanitizer = strings.NewReplacer(
	"\u201c", `"`,
	"\u201d", `"`,
	"\u2018", "'",
	"\u2019", "'",
	"&rsquo;", "'")

// sanitize applies the sanitizer only when it can change something, so
// that text without typographic quotes is not copied.
func sanitize(text string) string {
	if strings.Contains(text, "\u201c") || strings.Contains(text, "\u201d") ||
		strings.Contains(text, "\u2018") || strings.Contains(text, "\u2019") ||
		strings.Contains(text, "&rsquo;") {
		return sanitizer.Replace(text)
	}
	return text
}

// tokenize appends prose's tokens of clean to t.toks: runs of non-space
// characters, each split by splitSpan.
func (t *Tagger) tokenize(clean string) {
	start := 0
	white := false
	for index, uc := range clean {
		space := unicode.IsSpace(uc)
		if index == 0 {
			white = space
		}
		if space == white {
			continue
		}
		if start < index && !white {
			t.splitSpan(clean[start:index], true)
		}
		start = index
		white = !white
	}
	if start < len(clean) && !white {
		t.splitSpan(clean[start:], false)
	}
}

// span is one run of non-space text and the tokens prose cut it into.
type span struct {
	text        string
	first, last int // its tokens in Tagger.toks
	// shared: prose caches the tokens of every span but the text's last,
	// and hands out the same tokens for each occurrence of a span
	shared bool
}

// Which prefixes and suffixes prose cuts off a span, and which inner
// endings it cuts at.
var (
	prefixes  = []string{"$", "(", `"`, "["}
	suffixes  = []string{",", ")", `"`, "]", "!", ";", ".", "?", ":", "'"}
	clitics   = []string{"'ll", "'s", "'re", "'m"}
	negations = []string{"n't"}
)

// splitSpan is prose's doSplit: it peels opening marks, clitics and
// closing marks off a span of non-space text. Like prose, it drops what is
// left when a clitic begins the remaining text (prose stops there).
func (t *Tagger) splitSpan(tok string, shared bool) {
	t.spans = append(t.spans, span{text: tok, first: len(t.toks), shared: shared})
	defer func() { t.spans[len(t.spans)-1].last = len(t.toks) }()
	t.suffs = t.suffs[:0]
	last := 0
	for tok != "" && utf8.RuneCountInString(tok) != last {
		if isSpecial(tok) {
			t.add(tok)
			break
		}
		last = utf8.RuneCountInString(tok)
		if hasAnyPrefix(tok, prefixes) {
			t.add(tok[:1])
			tok = tok[1:]
		} else if idx := t.indexAny(tok, clitics); idx > -1 {
			t.add(tok[:idx])
			tok = tok[idx:]
		} else if idx := t.indexAny(tok, negations); idx > -1 {
			t.add(tok[:idx])
			tok = tok[idx:]
		} else if hasAnySuffix(tok, suffixes) {
			t.suffs = append(t.suffs, Token{Text: tok[len(tok)-1:]})
			tok = tok[:len(tok)-1]
		} else {
			t.add(tok)
		}
	}
	for i := len(t.suffs) - 1; i >= 0; i-- {
		t.toks = append(t.toks, t.suffs[i])
	}
}

// add appends a token unless it is blank, as prose's addToken does.
func (t *Tagger) add(s string) {
	if s != "" && strings.TrimSpace(s) != "" {
		t.toks = append(t.toks, Token{Text: s})
	}
}

func isSpecial(tok string) bool {
	_, found := emoticons[tok]
	return found || isInternal(tok)
}

// isInternal is prose's internalRE, ^(?:[A-Za-z]\.){2,}$|^[A-Z][a-z]{1,2}\.$:
// dotted initials (U.S.) and short capitalised abbreviations (Mr.).
func isInternal(s string) bool {
	n := len(s)
	if n >= 4 && n%2 == 0 {
		ok := true
		for i := 0; i < n && ok; i += 2 {
			ok = isASCIILetter(s[i]) && s[i+1] == '.'
		}
		if ok {
			return true
		}
	}
	if n != 3 && n != 4 || s[0] < 'A' || s[0] > 'Z' || s[n-1] != '.' {
		return false
	}
	for i := 1; i < n-1; i++ {
		if s[i] < 'a' || s[i] > 'z' {
			return false
		}
	}
	return true
}

func isASCIILetter(b byte) bool { return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' }

func hasAnyPrefix(s string, prefixes []string) bool {
	for _, p := range prefixes {
		if len(s) > len(p) && strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

func hasAnySuffix(s string, suffixes []string) bool {
	for _, p := range suffixes {
		if len(s) > len(p) && strings.HasSuffix(s, p) {
			return true
		}
	}
	return false
}

// indexAny is prose's hasAnyIndex over strings.ToLower(tok): the index of
// the first pattern, in list order, found in the lower-cased token when
// the token is longer than the pattern. The index is into the lower-cased
// form, which prose then uses to cut the token itself.
func (t *Tagger) indexAny(tok string, pats []string) int {
	lower := t.lowerOf(tok)
	for _, p := range pats {
		if idx := strings.Index(lower, p); idx >= 0 && len(lower) > len(p) {
			return min(idx, len(tok))
		}
	}
	return -1
}

// lowerOf returns strings.ToLower(s), written into the tagger's scratch
// buffer when it differs from s: the result is valid until the next call.
func (t *Tagger) lowerOf(s string) string {
	ascii, upper := true, false
	for i := 0; i < len(s); i++ {
		c := s[i]
		ascii = ascii && c < utf8.RuneSelf
		upper = upper || c >= 'A' && c <= 'Z'
	}
	if ascii && !upper {
		return s
	}
	t.low = t.low[:0]
	if ascii {
		for i := 0; i < len(s); i++ {
			c := s[i]
			if c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
			}
			t.low = append(t.low, c)
		}
	} else {
		for _, r := range s {
			t.low = utf8.AppendRune(t.low, unicode.ToLower(r))
		}
	}
	return unsafeString(t.low)
}
