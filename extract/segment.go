package extract

// newDoc cuts text into paragraphs, sentences and tokens.
func (e *Extractor) newDoc(text string) *doc {
	d := &doc{text: text, lx: e.lx, authoritySent: -1, people: map[string][]*person{}, acronyms: map[string]string{}}
	d.paras = paragraphs(text)
	d.toks = make([]token, 0, len(text)/5) // about a token for every 5 bytes of news text
	for pi, p := range d.paras {
		first := len(d.toks)
		para := text[p[0]:p[1]]
		for i := 0; ; {
			s, e := nextToken(para, i)
			if s < 0 {
				break
			}
			d.toks = appendToken(d.toks, para, s, e, p[0])
			i = e
		}
		e.splitSentences(d, first, len(d.toks), pi)
	}
	for si := range d.sents {
		for i := d.sents[si].first; i < d.sents[si].last; i++ {
			d.toks[i].sent = si
		}
	}
	return d
}

// splitSentences appends the sentences of the paragraph whose tokens are
// d.toks[first:last].
func (e *Extractor) splitSentences(d *doc, first, last, para int) {
	start := first
	for i := first; i < last; i++ {
		if i > start && d.toks[i].end-d.toks[start].start > MaxSentence {
			// no full stop for too long: a hostile page or a list, cut
			// before the sentence grows past the bound
			cut := cutLong(d.toks, start, i)
			d.sents = append(d.sents, sentence{
				start: d.toks[start].start, end: d.toks[cut-1].end,
				first: start, last: cut, para: para,
			})
			start = cut
		}
		if i+1 < last && !e.endsSentence(d.toks, i, last) {
			continue
		}
		end := i + 1
		// a closing quote or bracket after the full stop belongs to this sentence
		for end < last && closesAfterStop(&d.toks[end], &d.toks[end-1]) && (isStop(d.toks[end-1].text) || closesAfterStop(&d.toks[end-1], &d.toks[end-2])) {
			end++
			i++
		}
		if end > start {
			d.sents = append(d.sents, sentence{
				start: d.toks[start].start, end: d.toks[end-1].end,
				first: start, last: end, para: para,
			})
		}
		start = end
	}
}

// MaxSentence bounds the bytes of a sentence: a longer run of text without
// a full stop is cut, so that what is read and stored per sentence stays
// bounded whatever the page.
const MaxSentence = 2000

// cutLong returns where to cut a sentence of tokens [start, i] that has
// grown too long: after the last comma, semicolon, colon or dash in its
// second half, else before token i, at a word boundary.
func cutLong(toks []token, start, i int) int {
	for k := i; k > start+(i-start)/2; k-- {
		switch toks[k-1].text {
		case ",", ";", ":", "—", "–":
			return k
		}
	}
	return i
}

func (e *Extractor) endsSentence(toks []token, i, last int) bool {
	t := &toks[i]
	if !isStop(t.text) {
		return false
	}
	j := i + 1
	for j < last && closesAfterStop(&toks[j], &toks[j-1]) {
		j++
	}
	if j >= last {
		return true
	}
	next := &toks[j]
	if !next.isCap() && !next.isQuote() && !isDigit(next.text) {
		return false
	}
	if t.text != "." && j > i+1 && toks[j-1].isQuote() && e.attributionFollows(toks, j, last) {
		return false // "“Why now?” Ortiz asked." is one sentence
	}
	return t.text != "." || i == 0 || !e.isAbbreviation(&toks[i-1], toks[i-1].end == t.start)
}

func isStop(s string) bool { return s == "." || s == "!" || s == "?" }

func closesAfterStop(t *token, prev *token) bool {
	switch t.text {
	case "”", ")", "]", "»":
		return true
	case `"`, "''", "'", "’":
		return prev.end == t.start // a straight mark after a space opens the next sentence
	}
	return false
}

// isAbbreviation reports whether the word before a full stop makes the stop
// part of an abbreviation (Mr. Smith, Jan. 6, J. Smith).
func (e *Extractor) isAbbreviation(prev *token, attached bool) bool {
	if !attached {
		return false
	}
	if len(prev.text) == 1 && prev.isCap() {
		return true // an initial
	}
	_, ok := e.lx.abbreviations[prev.lower]
	return ok
}

func isDigit(s string) bool { return s != "" && s[0] >= '0' && s[0] <= '9' }

// attributionFollows reports whether the tokens from j name a speaker and
// a verb of saying, as after a quotation that ends in "?" or "!": "said
// Ortiz", "Ortiz said", "Sen. Ana Ortiz asked".
func (e *Extractor) attributionFollows(toks []token, j, last int) bool {
	for k := j; k < last && k <= j+5; k++ {
		t := &toks[k]
		if e.lx.speech.has(t.lower) {
			return true
		}
		if !t.isCap() && t.text != "." {
			return false
		}
	}
	return false
}
