package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// nextToken finds the first token of text at or after byte i and returns
// its byte range, or -1, -1 when there is none. It matches what tokenRE
// (in the tests) matches with Go's leftmost-first semantics, written out
// because the tokeniser runs on every character of every article:
//
//	(?:\p{L}\.){2,}                        dotted abbreviations (U.S.)
//	\$?\d[\d,.]*\d%?                       numbers with separators (10,000 and 1.5)
//	\d+%?
//	[\p{L}\p{N}]+(?:[-'’.&/][\p{L}\p{N}]+)* words with inner marks (cyber-espionage, AT&T)
//	['’]s\b                                a possessive ending
//	''                                     two apostrophes standing for a quotation mark
//	[^\s\p{Z}]                             any other single character
func nextToken(text string, i int) (int, int) {
	for i < len(text) {
		r, n := decodeRune(text, i)
		if isTokenSpace(r) {
			i += n
			continue
		}
		if e := abbreviationEnd(text, i); e > 0 {
			return i, e
		}
		if e := numberEnd(text, i); e > 0 {
			return i, e
		}
		if isDigitByte(text[i]) {
			e := i + 1
			for e < len(text) && isDigitByte(text[e]) {
				e++
			}
			if e < len(text) && text[e] == '%' {
				e++
			}
			return i, e
		}
		if isAlnum(r) {
			return i, wordEnd(text, i+n)
		}
		if e := possessiveEnd(text, i, r, n); e > 0 {
			return i, e
		}
		if r == '\'' && i+1 < len(text) && text[i+1] == '\'' {
			return i, i + 2
		}
		return i, i + n
	}
	return -1, -1
}

func decodeRune(s string, i int) (rune, int) {
	if c := s[i]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeRuneInString(s[i:])
}

// isTokenSpace is what [^\s\p{Z}] leaves out: \s is ASCII space, tab,
// newline, form feed and carriage return only.
func isTokenSpace(r rune) bool {
	switch r {
	case ' ', '\t', '\n', '\f', '\r':
		return true
	}
	return r >= utf8.RuneSelf && unicode.Is(unicode.Z, r)
}

func isDigitByte(c byte) bool { return c >= '0' && c <= '9' }

// isAlnum is [\p{L}\p{N}].
func isAlnum(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsNumber(r)
}

func isLetter(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z'
	}
	return unicode.IsLetter(r)
}

// abbreviationEnd matches (?:\p{L}\.){2,} at i: the end, or 0.
func abbreviationEnd(text string, i int) int {
	pairs, e := 0, i
	for e < len(text) {
		r, n := decodeRune(text, e)
		if !isLetter(r) || e+n >= len(text) || text[e+n] != '.' {
			break
		}
		e += n + 1
		pairs++
	}
	if pairs < 2 {
		return 0
	}
	return e
}

// numberEnd matches \$?\d[\d,.]*\d%? at i: the end, or 0.
func numberEnd(text string, i int) int {
	q := i
	if text[q] == '$' {
		q++
	}
	if q >= len(text) || !isDigitByte(text[q]) {
		return 0
	}
	last := -1 // the last digit of the run after the first
	for k := q + 1; k < len(text); k++ {
		c := text[k]
		if isDigitByte(c) {
			last = k
		} else if c != ',' && c != '.' {
			break
		}
	}
	if last < 0 {
		return 0
	}
	e := last + 1
	if e < len(text) && text[e] == '%' {
		e++
	}
	return e
}

// wordEnd continues [\p{L}\p{N}]+(?:[-'’.&/][\p{L}\p{N}]+)* from e, just
// after the first letter or digit.
func wordEnd(text string, e int) int {
	e = alnumRun(text, e)
	for e < len(text) {
		var sep int
		switch c := text[e]; {
		case c == '-' || c == '\'' || c == '.' || c == '&' || c == '/':
			sep = 1
		case c == 0xE2 && e+2 < len(text) && text[e+1] == 0x80 && text[e+2] == 0x99: // ’
			sep = 3
		default:
			return e
		}
		if e+sep >= len(text) {
			return e
		}
		r, n := decodeRune(text, e+sep)
		if !isAlnum(r) {
			return e
		}
		e = alnumRun(text, e+sep+n)
	}
	return e
}

func alnumRun(text string, e int) int {
	for e < len(text) {
		r, n := decodeRune(text, e)
		if !isAlnum(r) {
			break
		}
		e += n
	}
	return e
}

// possessiveEnd matches ['’]s\b at i, where the rune r of n bytes starts:
// the end, or 0. \b is ASCII: no [0-9A-Za-z_] may follow the s.
func possessiveEnd(text string, i int, r rune, n int) int {
	if r != '\'' && r != '’' {
		return 0
	}
	e := i + n
	if e >= len(text) || text[e] != 's' {
		return 0
	}
	e++
	if e < len(text) {
		if c := text[e]; c == '_' || isDigitByte(c) || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' {
			return 0
		}
	}
	return e
}

// foldQuotes is quoteFolder.Replace(s) without the replacer's cost when
// there is nothing to fold: every mark it folds starts with byte 0xE2.
func foldQuotes(s string) string {
	if strings.IndexByte(s, 0xE2) < 0 {
		return s
	}
	return quoteFolder.Replace(s)
}
