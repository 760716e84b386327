package evalscore

import (
	"encoding/json"
	"math"
	"strconv"
	"strings"
)

// pyDumps is Python's json.dumps(v, ensure_ascii=False) for decoded JSON
// values, so that --show prints claims byte for byte as score.py does.
func pyDumps(v any) string {
	var b strings.Builder
	writePy(&b, v)
	return b.String()
}

func writePy(b *strings.Builder, v any) {
	switch v := v.(type) {
	case nil:
		b.WriteString("null")
	case bool:
		b.WriteString(strconv.FormatBool(v))
	case string:
		writePyString(b, v)
	case json.Number:
		b.WriteString(pyNumber(v))
	case float64:
		b.WriteString(pyFloatRepr(v))
	case []any:
		writePyList(b, v)
	case *Fields:
		writePyObject(b, v)
	}
}

func writePyList(b *strings.Builder, list []any) {
	b.WriteByte('[')
	for i, x := range list {
		if i > 0 {
			b.WriteString(", ")
		}
		writePy(b, x)
	}
	b.WriteByte(']')
}

func writePyObject(b *strings.Builder, f *Fields) {
	b.WriteByte('{')
	for i, k := range f.keys {
		if i > 0 {
			b.WriteString(", ")
		}
		writePyString(b, k)
		b.WriteString(": ")
		writePy(b, f.vals[k])
	}
	b.WriteByte('}')
}

// writePyString escapes only what Python's encoder escapes when
// ensure_ascii is off: quote, backslash and control characters.
func writePyString(b *strings.Builder, s string) {
	const hex = "0123456789abcdef"
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"', '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case '\b':
			b.WriteString(`\b`)
		case '\f':
			b.WriteString(`\f`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		default:
			if r < 0x20 {
				b.WriteString(`\u00`)
				b.WriteByte(hex[r>>4])
				b.WriteByte(hex[r&0xf])
				continue
			}
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
}

// pyNumber prints a JSON number as Python reads and writes it back: a
// literal without fraction or exponent is an int, any other a float.
func pyNumber(n json.Number) string {
	s := string(n)
	if !strings.ContainsAny(s, ".eE") {
		if s == "-0" {
			return "0"
		}
		return s
	}
	f, _ := parseNumber(s)
	return pyFloatRepr(f)
}

// pyFloatRepr is Python's repr(float) as json.dumps writes it: the
// shortest digits, in exponent form below 1e-4 and from 1e16 up, and
// always with a fraction or an exponent.
func pyFloatRepr(f float64) string {
	switch {
	case math.IsNaN(f):
		return "NaN"
	case math.IsInf(f, 1):
		return "Infinity"
	case math.IsInf(f, -1):
		return "-Infinity"
	}
	e := strconv.FormatFloat(f, 'e', -1, 64)
	exp, _ := strconv.Atoi(e[strings.IndexByte(e, 'e')+1:])
	if f != 0 && (exp < -4 || exp >= 16) {
		return e
	}
	s := strconv.FormatFloat(f, 'f', -1, 64)
	if !strings.Contains(s, ".") {
		s += ".0"
	}
	return s
}
