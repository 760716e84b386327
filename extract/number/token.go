package number

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

type tokKind uint8

const (
	word   tokKind = iota + 1 // a run of letters
	digits                    // a run of ASCII digits
	symbol                    // any other single character
)

// token is a word, a run of digits or one symbol; spaces separate tokens
// and are not tokens. Whether two tokens touch ("43TB", "APT31", "10,000")
// is read from their offsets.
type token struct {
	kind       tokKind
	start, end int
	low        string // lower-cased for words; as written otherwise
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

// tokenize appends the tokens of text to toks.
func tokenize(text string, toks []token) []token {
	for i := 0; i < len(text); {
		r, size := rune(text[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(text[i:])
		}
		switch {
		case isSpace(r):
			i += size
		case isDigit(r):
			j := scanWhile(text, i, isDigit)
			toks = append(toks, token{digits, i, j, text[i:j]})
			i = j
		case isLetter(r):
			j := scanWhile(text, i, isLetter)
			toks = append(toks, token{word, i, j, strings.ToLower(text[i:j])})
			i = j
		default:
			toks = append(toks, token{symbol, i, i + size, text[i : i+size]})
			i += size
		}
	}
	return toks
}

// isSpace and isLetter test ASCII first: most news text is ASCII.
func isSpace(r rune) bool {
	if r < utf8.RuneSelf {
		return r == ' ' || r == '\n' || r == '\t' || r == '\r' || r == '\v' || r == '\f'
	}
	return unicode.IsSpace(r)
}

func isLetter(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z'
	}
	return unicode.IsLetter(r)
}

func scanWhile(text string, i int, ok func(rune) bool) int {
	for i < len(text) {
		r, size := rune(text[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(text[i:])
		}
		if !ok(r) {
			break
		}
		i += size
	}
	return i
}

// keyTokens splits a vocabulary key the way text is split, and reports
// which tokens touch the one before. Case-sensitive keys keep their case.
func keyTokens(key string, exact bool) ([]string, []bool) {
	toks := tokenize(key, nil)
	out, glued := make([]string, len(toks)), make([]bool, len(toks))
	for i, t := range toks {
		out[i] = t.low
		if exact {
			out[i] = key[t.start:t.end]
		}
		glued[i] = touches(toks, i)
	}
	return out, glued
}

// isJoiner reports whether a symbol glues the alphanumeric pieces around it
// into one chunk: "10,000", "192.168.1.2", "CVE-2017-0144", "5/17/2018".
func isJoiner(s string) bool {
	switch s {
	case ".", ",", "-", "–", "/", ":", "_", "~":
		return true
	}
	return false
}

// chunks returns, for every token that starts a chunk, the index after the
// chunk's last token; other entries are 0. A chunk is a run of touching
// words and digits, with joiners between them.
func chunks(toks []token) []int {
	end := make([]int, len(toks))
	for i := len(toks) - 1; i >= 0; i-- {
		if toks[i].kind == symbol {
			continue
		}
		switch {
		case i+1 < len(toks) && touches(toks, i+1) && toks[i+1].kind != symbol:
			end[i] = end[i+1]
		case i+2 < len(toks) && touches(toks, i+1) && touches(toks, i+2) &&
			isJoiner(toks[i+1].low) && toks[i+2].kind != symbol:
			end[i] = end[i+2]
		default:
			end[i] = i + 1
		}
	}
	return clearInner(toks, end)
}

// clearInner keeps the end only at the first token of each chunk.
func clearInner(toks []token, end []int) []int {
	for i := range toks {
		if end[i] == 0 {
			continue
		}
		for j := i + 1; j < end[i]; j++ {
			end[j] = 0
		}
	}
	return end
}

// touches reports whether token i starts where token i-1 ends.
func touches(toks []token, i int) bool {
	return i > 0 && i < len(toks) && toks[i-1].end == toks[i].start
}
