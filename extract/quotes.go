package extract

import (
	"unicode"
	"unicode/utf8"
)

// quoteSpan is a direct quotation: the text between its marks.
type quoteSpan struct {
	start, end int  // byte offsets of the content
	open       int  // byte offset of the opening mark
	closed     bool // false when the quote runs on to the next paragraph
	para       int
	used       bool    // attributed to a speech event
	by         *speech // the event it was attributed to
}

// findQuotes returns the outermost quotations of the article, paragraph by
// paragraph. Typographic marks say which way they face; a straight mark
// opens after a space and closes before one. A quote left open at the end
// of a paragraph ends there: news style reopens it in the next paragraph.
func (d *doc) findQuotes() []quoteSpan {
	var out []quoteSpan
	var stack []int // token indices of open marks
	para := -1
	flush := func(end int) {
		if len(stack) > 0 {
			o := &d.toks[stack[0]]
			if end > o.end {
				out = append(out, quoteSpan{start: o.end, end: end, open: o.start, para: para})
			}
		}
		stack = stack[:0]
	}
	lastEnd := 0
	for i := range d.toks {
		t := &d.toks[i]
		if p := d.sents[t.sent].para; p != para {
			flush(lastEnd)
			para = p
		}
		lastEnd = t.end
		dir := d.quoteDir(i)
		if dir == 2 {
			dir = 1
			if len(stack) > 0 {
				dir = -1
			}
		}
		switch dir {
		case 1:
			stack = append(stack, i)
		case -1:
			if len(stack) == 0 {
				continue
			}
			if len(stack) == 1 {
				o := &d.toks[stack[0]]
				out = append(out, quoteSpan{start: o.end, end: t.start, open: o.start, closed: true, para: para})
			}
			stack = stack[:len(stack)-1]
		}
	}
	flush(lastEnd)
	return out
}

// quoteDir says whether token i opens (1) or closes (-1) a quotation, or
// is no quote mark (0); 2 means a straight mark that could do either.
func (d *doc) quoteDir(i int) int {
	switch d.toks[i].text {
	case "“", "«", "„":
		return 1
	case "”", "»":
		return -1
	case `"`, "''":
	default:
		return 0
	}
	t := &d.toks[i]
	before, _ := utf8.DecodeLastRuneInString(d.text[:t.start])
	after, _ := utf8.DecodeRuneInString(d.text[t.end:])
	spaceBefore := t.start == 0 || unicode.IsSpace(before) || isOpenPunct(before)
	spaceAfter := t.end == len(d.text) || unicode.IsSpace(after) || unicode.IsPunct(after)
	switch {
	case spaceBefore && !spaceAfter:
		return 1
	case spaceAfter && !spaceBefore:
		return -1
	}
	return 2 // either way: decided by what is open
}

func isOpenPunct(r rune) bool {
	switch r {
	case '(', '[', '{', '—', '–', '-', ':', '/':
		return true
	}
	return false
}

// wordCount counts the words of text[s:e].
func (d *doc) wordCount(s, e int) int {
	n, in := 0, false
	for _, r := range d.text[s:e] {
		w := unicode.IsLetter(r) || unicode.IsDigit(r)
		if w && !in {
			n++
		}
		in = w
	}
	return n
}
