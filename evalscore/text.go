package evalscore

import (
	"errors"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The helpers below reproduce Python's str methods and float() where they
// differ from Go's: score.py's numbers depend on them. TestPythonStrings
// checks them against python3 over every code point.

// pyLower is Python's str.lower(): Go's simple case mapping, plus the full
// mapping of U+0130 (İ to i and a combining dot) and the final sigma.
func pyLower(s string) string {
	if isASCII(s) {
		return strings.ToLower(s)
	}
	rs := []rune(s)
	var b strings.Builder
	for i, r := range rs {
		switch r {
		case 'İ':
			b.WriteString("i\u0307")
		case 'Σ':
			b.WriteRune(sigma(rs, i))
		default:
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// sigma lowers the capital sigma at rs[i]: final (ς) when a cased letter
// precedes it and none follows, skipping case-ignorable runes both ways.
func sigma(rs []rune, i int) rune {
	j := i - 1
	for j >= 0 && caseIgnorable(rs[j]) {
		j--
	}
	if j < 0 || !cased(rs[j]) {
		return 'σ'
	}
	j = i + 1
	for j < len(rs) && caseIgnorable(rs[j]) {
		j++
	}
	if j < len(rs) && cased(rs[j]) {
		return 'σ'
	}
	return 'ς'
}

// cased is Unicode's Cased property.
func cased(r rune) bool {
	return unicode.In(r, unicode.Lu, unicode.Ll, unicode.Lt, unicode.Other_Lowercase, unicode.Other_Uppercase)
}

// caseIgnorable is Unicode's Case_Ignorable property: marks, format
// characters, modifiers, and the apostrophes, dots and colons that may
// stand inside a word (Word_Break MidLetter, MidNumLet, Single_Quote).
func caseIgnorable(r rune) bool {
	if unicode.In(r, unicode.Mn, unicode.Me, unicode.Cf, unicode.Lm, unicode.Sk) {
		return true
	}
	return strings.ContainsRune("'.:\u00b7\u0387\u055f\u05f4\u2018\u2019\u2024\u2027\ufe13\ufe52\ufe55\uff07\uff0e\uff1a", r)
}

// pySpace is Python's str.isspace(), which also counts the four
// information separators U+001C to U+001F.
func pySpace(r rune) bool {
	return unicode.IsSpace(r) || (r >= 0x1c && r <= 0x1f)
}

// upperASCII is re.sub(r"[^A-Z0-9]", "", s.upper()): Python's full upper
// case mapping turns ß and the Latin ligatures into several letters.
func upperASCII(s string) string {
	var b strings.Builder
	for _, r := range s {
		u, ok := upperSpecial[r]
		if !ok {
			u = string(unicode.ToUpper(r))
		}
		for i := 0; i < len(u); i++ {
			if c := u[i]; ('A' <= c && c <= 'Z') || ('0' <= c && c <= '9') {
				b.WriteByte(c)
			}
		}
	}
	return b.String()
}

// upperSpecial holds the full upper case mappings (SpecialCasing.txt) whose
// result contains ASCII letters, minus the combining marks that follow them.
var upperSpecial = map[rune]string{
	'ß': "SS", 'ŉ': "N", 'ǰ': "J",
	'ẖ': "H", 'ẗ': "T", 'ẘ': "W", 'ẙ': "Y", 'ẚ': "A",
	'ﬀ': "FF", 'ﬁ': "FI", 'ﬂ': "FL", 'ﬃ': "FFI", 'ﬄ': "FFL", 'ﬅ': "ST", 'ﬆ': "ST",
}

// parseNumber parses a JSON number literal; out of range is ±Inf or 0, as
// Python reads it.
func parseNumber(s string) (float64, bool) {
	f, err := strconv.ParseFloat(s, 64)
	if err != nil && !errors.Is(err, strconv.ErrRange) {
		return 0, false
	}
	return f, true
}

// pyFloatSyntax is the grammar of Python's float() once ASCII spaces are
// trimmed and Unicode digits made ASCII: underscores only between digits,
// no hex.
var pyFloatSyntax = regexp.MustCompile(`^[+-]?(?:(?:\d(?:_?\d)*(?:\.(?:\d(?:_?\d)*)?)?|\.\d(?:_?\d)*)(?:[eE][+-]?\d(?:_?\d)*)?|(?i:inf|infinity|nan))$`)

// pyFloat is Python's float(str).
func pyFloat(s string) (float64, bool) {
	ascii, ok := asciiDecimal(s)
	if !ok {
		return 0, false
	}
	ascii = strings.Trim(ascii, " \t\n\v\f\r")
	if !pyFloatSyntax.MatchString(ascii) {
		return 0, false
	}
	return parseNumber(strings.ReplaceAll(ascii, "_", ""))
}

// asciiDecimal maps Unicode white space to a space and Unicode decimal
// digits to ASCII digits; any other non-ASCII rune is not a number.
func asciiDecimal(s string) (string, bool) {
	if isASCII(s) {
		return s, true
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r < utf8.RuneSelf:
			b.WriteRune(r)
		case pySpace(r):
			b.WriteByte(' ')
		case unicode.IsDigit(r):
			b.WriteByte('0' + digitValue(r))
		default:
			return "", false
		}
	}
	return b.String(), true
}

// digitValue is the value of a decimal digit (category Nd). Unicode encodes
// each script's digits as a contiguous run from 0 to 9.
func digitValue(r rune) byte {
	n := 0
	for unicode.IsDigit(r - rune(n) - 1) {
		n++
	}
	return byte(n % 10)
}
