package postag

import (
	"regexp"
	"strings"
	"unsafe"

	"github.com/mingrammer/commonregex"
)

// prose's patterns for placeholder tokens of the Penn Treebank: traces
// and null elements are tagged -NONE-, bracket codes (-LRB-) keep
// themselves as tag.
var (
	none = regexp.MustCompile(`^(?:0|\*[\w?]\*|\*\-\d{1,3}|\*[A-Z]+\*\-\d{1,3}|\*)$`)
	keep = regexp.MustCompile(`^\-[A-Z]{3}\-$`)
)

// Tagger tags text with a Model. It keeps scratch space between calls, so
// tagging allocates nothing once it has seen a sentence as long; one
// Tagger is for one goroutine at a time.
type Tagger struct {
	m     *Model
	toks  []Token
	suffs []Token
	spans []span
	// lastSpan maps a span's text to its last shared occurrence.
	lastSpan map[string]int
	ties     []int
	labels   []string // entity labels
	history  []string // prose's simplePOS of each label so far
	nbuf     []byte   // entity feature values built from parts
	wid      []int32  // word id of each context position (two of padding each side)
	sid      []int32  // suffix id of each context position
	low      []byte
}

// NewTagger returns a Tagger using m.
func (m *Model) NewTagger() *Tagger { return &Tagger{m: m, lastSpan: map[string]int{}} }

// Tag cuts text into tokens as prose.NewDocument does (without sentence
// segmentation) and tags them as prose's tagger does. The tokens are valid
// until the next call.
func (t *Tagger) Tag(text string) []Token {
	t.toks, t.spans, t.ties = t.toks[:0], t.spans[:0], t.ties[:0]
	t.tokenize(sanitize(text))
	t.context()
	p1, p2 := t.m.startTag, t.m.start2Tag
	for i := range t.toks {
		tag, id := t.tagAt(i, p1, p2)
		t.toks[i].Tag = tag
		p2, p1 = p1, id
	}
	t.share(func(k, from int) { t.toks[k].Tag = t.toks[from].Tag })
	return t.toks
}

// Ties returns the indices of the tokens of the last Tag call whose best
// classes tied exactly: there prose picks one at random, and its tags from
// that token to the end of the sentence may differ from run to run.
func (t *Tagger) Ties() []int { return t.ties }

// share gives every shared span the tags (or entity labels) of the last
// occurrence of the same text, as prose does: its tokenizer hands out the
// same token objects for a repeated span, so tagging a later occurrence
// overwrites the tags of the earlier ones. The tags of a repeated word thus
// depend on its last context (with "that" twice in a sentence, both get
// the second one's tag); extract's rules were tuned on exactly these tags.
// set copies token from's tag or label to token k.
func (t *Tagger) share(set func(k, from int)) {
	clear(t.lastSpan)
	for i := len(t.spans) - 1; i >= 0; i-- {
		sp := t.spans[i]
		if !sp.shared || sp.first == sp.last {
			continue
		}
		last, seen := t.lastSpan[sp.text]
		if !seen {
			t.lastSpan[sp.text] = i
			continue
		}
		from := t.spans[last]
		for k := sp.first; k < sp.last; k++ {
			set(k, from.first+k-sp.first)
		}
	}
}

// context fills the word and suffix ids of prose's context: the padding
// -START- -START2-, each token normalised, then -END- -END2-.
func (t *Tagger) context() {
	m := t.m
	t.wid = append(t.wid[:0], m.startWord, m.start2Word)
	t.sid = append(t.sid[:0], m.startSuf, m.start2Suf)
	for i := range t.toks {
		w, s := t.normal(t.toks[i].Text)
		t.wid = append(t.wid, w)
		t.sid = append(t.sid, s)
	}
	t.wid = append(t.wid, m.endWord, m.end2Word)
	t.sid = append(t.sid, m.endSuf, m.end2Suf)
}

// normal returns the word and suffix ids of prose's normalize(word):
// hyphenated words, four-digit numbers and other numbers are classes,
// any other word is lower-cased.
func (t *Tagger) normal(word string) (int32, int32) {
	m := t.m
	switch {
	case word == "":
		return m.wordID(""), m.sufID("")
	case strings.IndexByte(word, '-') >= 0 && word[0] != '-':
		return m.hyphenWord, m.hyphenSuf
	case len(word) == 4 && isAtoi(word):
		return m.yearWord, m.yearSuf
	case word[0] >= '0' && word[0] <= '9':
		return m.digitsWord, m.digitsSuf
	}
	low := t.lowerOf(word)
	return m.wordID(low), m.sufID(suffix3(low))
}

// isAtoi reports whether strconv.Atoi accepts s: an optional sign, then
// decimal digits.
func isAtoi(s string) bool {
	if s != "" && (s[0] == '+' || s[0] == '-') {
		s = s[1:]
	}
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// tagAt tags token i given the tags (ids) of the two before it, in prose's
// order of precedence: fixed tokens, then the tag dictionary, then the
// perceptron.
func (t *Tagger) tagAt(i int, p1, p2 uint8) (string, uint8) {
	word := t.toks[i].Text
	if tag, ok := fixedTag(word); ok {
		return tag, t.m.tagID(tag)
	}
	if i := t.m.dict.find(word); i >= 0 {
		return t.m.dictTags[t.m.dictTag[i]], t.m.dictID[i]
	}
	c := t.predict(i, word, p1, p2)
	if c < 0 {
		return "", t.m.tagID("")
	}
	return t.m.classes[c], t.m.classTag[c]
}

// fixedTag is prose's tagging of dashes, emoticons, links, e-mail
// addresses, handles and treebank placeholders. The regular expressions
// only run on words that contain what they require.
func fixedTag(word string) (string, bool) {
	switch {
	case word == "-":
		return "-", true
	case emoticons[word]:
		return "SYM", true
	case strings.IndexByte(word, '.') >= 0 && commonregex.LinkRegex.MatchString(word),
		strings.IndexByte(word, '@') >= 0 && commonregex.EmailRegex.MatchString(word),
		strings.HasPrefix(word, "@"):
		return "NN", true
	case (word == "0" || word[0] == '*') && none.MatchString(word):
		return "-NONE-", true
	case len(word) == 5 && word[0] == '-' && keep.MatchString(word):
		return word, true
	}
	return "", false
}

// scores accumulates class scores for one token.
type scores struct {
	sum     [maxClasses]int32
	touched uint64 // classes some active feature has a weight for
}

func (s *scores) add(m *Model, row int32) {
	if row < 0 {
		return
	}
	a, b := m.rowStart[row], m.rowStart[row+1]
	cls := m.cls[a:b]
	wts := m.wts[a:b]
	wts = wts[:len(cls)]
	for k, c := range cls {
		s.sum[c%maxClasses] += wts[k]
	}
	s.touched |= m.rowMask[row]
}

// best is prose's max: the highest-scoring class among those some feature
// weighs, or -1 when there is none, and whether another class ties with
// it. prose breaks exact ties by map order, at random; here the class
// listed first in the model wins.
func (s *scores) best(n int) (int, bool) {
	bestC, tie := -1, false
	var bestV int32
	for c := range n {
		if s.touched&(1<<c) == 0 {
			continue
		}
		switch {
		case bestC < 0 || s.sum[c] > bestV:
			bestC, bestV, tie = c, s.sum[c], false
		case s.sum[c] == bestV:
			tie = true
		}
	}
	return bestC, tie
}

// predict scores prose's fourteen features of token i.
func (t *Tagger) predict(i int, word string, p1, p2 uint8) int {
	m := t.m
	p := i + 2 // position in the context
	var s scores
	s.add(m, m.bias)
	if id := m.sufID(suffix3(word)); id >= 0 {
		s.add(m, m.sufRows[id][sCur])
	}
	s.add(m, m.pref1[word[0]])
	s.add(m, m.tag1[p1])
	s.add(m, m.tag2[p2])
	s.add(m, m.tagPair[int(p1)*(m.nTags+1)+int(p2)])
	if w := t.wid[p]; w >= 0 {
		s.add(m, m.wordRows[w][wCur])
		s.add(m, m.tagWord.get(uint64(p1)<<32|uint64(w)))
	}
	t.addWord(&s, p-1, wPrev)
	if id := t.sid[p-1]; id >= 0 {
		s.add(m, m.sufRows[id][sPrev])
	}
	t.addWord(&s, p-2, wPrev2)
	t.addWord(&s, p+1, wNext)
	if id := t.sid[p+1]; id >= 0 {
		s.add(m, m.sufRows[id][sNext])
	}
	t.addWord(&s, p+2, wNext2)
	c, tie := s.best(len(m.classes))
	if tie {
		t.ties = append(t.ties, i)
	}
	return c
}

func (t *Tagger) addWord(s *scores, pos, slot int) {
	if w := t.wid[pos]; w >= 0 {
		s.add(t.m, t.m.wordRows[w][slot])
	}
}

// unsafeString views scratch bytes as a string for a map lookup or search
// that does not keep it.
func unsafeString(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(&b[0], len(b))
}
