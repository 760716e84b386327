package text

import (
	"strings"
	"unicode/utf8"
)

// binaryShare is the share of a body's characters, as a fraction 1/n, that
// may be control characters or undecodable bytes before it counts as
// binary. Text pages have none but the odd stray byte; a binary file has a
// control character or an invalid byte in every few.
const binaryShare = 50

// minBinary is the fewest such characters that make a body binary, so that
// a tiny page with one stray byte is read, not refused.
const minBinary = 3

// isBinary reports whether bad characters out of total make a binary body.
func isBinary(bad, total int) bool {
	return bad >= minBinary && bad*binaryShare > total
}

// binaryRunes counts the characters of UTF-8 text that no text holds (NUL
// and the other C0 and C1 controls, but for the layout ones: tab, line
// feed, vertical tab, form feed and carriage return), plus the U+FFFD that
// decoding left for invalid bytes, and all the characters.
func binaryRunes(utf []byte) (bad, total int) {
	for len(utf) > 0 {
		r, size := utf8.DecodeRune(utf)
		utf = utf[size:]
		total++
		if r == utf8.RuneError || isControl(r) && !isLayout(r) {
			bad++
		}
	}
	return bad, total
}

// isControl reports whether r is a C0 or C1 control character or DEL.
func isControl(r rune) bool {
	return r < 0x20 || r >= 0x7f && r < 0xa0
}

// isLayout reports whether r is a control character that text uses for
// layout.
func isLayout(r rune) bool {
	return r == '\t' || r == '\n' || r == '\v' || r == '\f' || r == '\r'
}

// StripControls removes from s the control characters that would reach a
// terminal as commands, with the escape sequences they start: ANSI CSI
// sequences (colours, cursor moves) and OSC strings (window titles,
// clipboard writes with OSC 52), in their 7-bit (ESC [, ESC ]) and 8-bit
// (U+009B, U+009D) forms. Tab, newline, vertical tab and form feed are
// kept as layout; carriage return, which can overwrite a line on a
// terminal, is removed.
func StripControls(s string) string {
	if !strings.ContainsFunc(s, isStripped) {
		return s
	}
	var sb strings.Builder
	sb.Grow(len(s))
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case !isStripped(r):
			sb.WriteString(s[i : i+size])
			i += size
		default:
			i += escapeLen(s[i:], r, size)
		}
	}
	return sb.String()
}

// isStripped reports whether StripControls removes r.
func isStripped(r rune) bool {
	return isControl(r) && (r == '\r' || !isLayout(r))
}

// escapeLen is the length of the escape sequence at the start of s, whose
// first character r (size bytes) is a control character: that character
// alone unless it starts a CSI or an OSC.
func escapeLen(s string, r rune, size int) int {
	switch {
	case r == 0x1b && len(s) > 1 && s[1] == '[':
		return 2 + csiLen(s[2:])
	case r == 0x1b && len(s) > 1 && s[1] == ']':
		return 2 + oscLen(s[2:])
	case r == 0x9b:
		return size + csiLen(s[size:])
	case r == 0x9d:
		return size + oscLen(s[size:])
	}
	return size
}

// csiLen is the length of a CSI sequence's parameters and final byte:
// bytes 0x20-0x3f, then one in 0x40-0x7e. A sequence cut short ends where
// a byte outside those ranges starts.
func csiLen(s string) int {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= 0x40 && c <= 0x7e:
			return i + 1
		case c < 0x20 || c > 0x3f:
			return i
		}
	}
	return len(s)
}

// oscLen is the length of an OSC string with its terminator, BEL or ST
// (ESC \ or U+009C). An OSC string holds printable characters only, so an
// unterminated one ends at the first line break or other control.
func oscLen(s string) int {
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == 0x07 || r == 0x9c:
			return i + size
		case r == 0x1b && i+1 < len(s) && s[i+1] == '\\':
			return i + 2
		case isControl(r):
			return i
		}
		i += size
	}
	return len(s)
}
