// Package postag is prose's part-of-speech tagger (github.com/jdkato/prose/v2,
// a port of TextBlob's averaged perceptron) re-built for speed: the same
// weights, feature set, tokenisation and decisions, so the same tags, but
// with every feature resolved through tables interned once at load instead
// of strings joined and hashed per token.
//
// prose keys each feature by a string ("i-1 tag+i word NN said") and sums
// float64 weights in map order. Here a feature is a row index found from
// interned word, suffix and tag ids, and the weights, which prose's model
// stores rounded to three decimals, are summed exactly as integer
// thousandths, so the sum no longer depends on the order of addition.
package postag

import (
	"bytes"
	"cmp"
	"encoding/gob"
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"

	"github.com/jdkato/prose/v2"
)

// The feature templates of prose's featurize, in its order.
const (
	fBias       = "bias"
	fSuffix     = "i suffix"
	fPref1      = "i pref1"
	fTag1       = "i-1 tag"
	fTag2       = "i-2 tag"
	fTagPair    = "i tag+i-2 tag"
	fWord       = "i word"
	fTagWord    = "i-1 tag+i word"
	fPrevWord   = "i-1 word"
	fPrevSuffix = "i-1 suffix"
	fPrev2Word  = "i-2 word"
	fNextWord   = "i+1 word"
	fNextSuffix = "i+1 suffix"
	fNext2Word  = "i+2 word"
)

// Positions of a word's rows in Model.wordRows and of a suffix's rows in
// Model.sufRows.
const (
	wCur = iota
	wPrev
	wPrev2
	wNext
	wNext2
	nWordRows
)

const (
	sCur = iota
	sPrev
	sNext
	nSufRows
)

// maxClasses bounds the classes a row may score: a class set is a uint64.
const maxClasses = 64

// noRow marks a feature the model has no weights for.
const noRow = -1

// Model is prose's tagger model laid out for lookup. It is read-only once
// built and safe for concurrent use; each goroutine tags with its own
// Tagger.
type Model struct {
	classes  []string // class index → tag
	classIdx map[string]int
	// rowStart[r]:rowStart[r+1] are row r's entries in cls and wts.
	rowStart []uint32
	cls      []uint8
	wts      []int32  // thousandths
	rowMask  []uint64 // the classes of row r's entries, a bit each

	tagNames []string         // tag id → tag
	tagIDs   map[string]uint8 // every tag a feature names; unknown tags get nTags
	nTags    int
	// dict is prose's words with one near-certain tag: word i has tag
	// dictTags[dictTag[i]], of id dictID[i]
	dict     strTable
	dictTags []string
	dictTag  []uint8
	dictID   []uint8
	// classTag[c] is the tag id of class c.
	classTag []uint8

	bias     int32
	pref1    [256]int32 // by first byte
	tag1     []int32    // by tag id (nTags+1 entries)
	tag2     []int32
	tagPair  []int32 // by p1*(nTags+1)+p2
	words    strTable
	wordRows [][nWordRows]int32
	sufs     strTable
	sufRows  [][nSufRows]int32
	tagWord  u64Table // tag id<<32 | word id → row

	startWord, start2Word, endWord, end2Word int32 // word ids of the padding
	hyphenWord, yearWord, digitsWord         int32
	startSuf, start2Suf, endSuf, end2Suf     int32
	hyphenSuf, yearSuf, digitsSuf            int32
	startTag, start2Tag                      uint8
}

// builder holds what building a Model from prose's maps needs besides
// the Model.
type builder struct {
	*Model
	wordIDs, sufIDs map[string]int32
	tagWord         map[uint64]int32
}

// LoadProse decodes prose's embedded tagger model and builds the lookup
// tables from it: what Load reads ready-made from the model file.
func LoadProse() (*Model, error) {
	var weights map[string]map[string]float64
	var tags map[string]string
	var classes []string
	for _, a := range []struct {
		name string
		into any
	}{{"weights", &weights}, {"tags", &tags}, {"classes", &classes}} {
		data, err := prose.Asset("model/AveragedPerceptron/" + a.name + ".gob")
		if err != nil {
			return nil, fmt.Errorf("postag: prose model %s: %w", a.name, err)
		}
		if err := gob.NewDecoder(bytes.NewReader(data)).Decode(a.into); err != nil {
			return nil, fmt.Errorf("postag: decoding prose model %s: %w", a.name, err)
		}
	}
	return build(weights, tags, classes)
}

// build lays out a perceptron given as prose holds it: feature string →
// class → weight, the word → tag dictionary and the classes.
func build(weights map[string]map[string]float64, tags map[string]string, classes []string) (*Model, error) {
	m := &builder{Model: &Model{tagIDs: map[string]uint8{}, bias: noRow},
		wordIDs: map[string]int32{}, sufIDs: map[string]int32{}, tagWord: map[uint64]int32{}}
	if err := m.addClasses(classes, weights); err != nil {
		return nil, err
	}
	feats := sortedKeys(weights)
	for _, f := range feats {
		if err := m.internNames(f); err != nil {
			return nil, err
		}
	}
	m.allocTables()
	m.rowStart = append(m.rowStart, 0)
	for _, f := range feats {
		row := int32(len(m.rowStart) - 1)
		if err := m.addRow(weights[f]); err != nil {
			return nil, fmt.Errorf("postag: feature %q: %w", f, err)
		}
		m.place(f, row)
	}
	m.words, m.sufs = newStrTable(byID(m.wordIDs)), newStrTable(byID(m.sufIDs))
	keys := sortedKeys(m.tagWord)
	vals := make([]int32, len(keys))
	for i, k := range keys {
		vals[i] = m.tagWord[k]
	}
	m.tagWord = nil
	m.Model.tagWord = newU64Table(keys, vals)
	m.tagNames = make([]string, len(m.tagIDs))
	for t, id := range m.tagIDs {
		m.tagNames[id] = t
	}
	words := sortedKeys(tags)
	m.dict = newStrTable(words)
	dictTags := map[string]uint8{}
	for _, t := range sortedKeys(valueSet(tags)) {
		dictTags[t] = uint8(len(m.dictTags))
		m.dictTags = append(m.dictTags, t)
	}
	if len(m.dictTags) > math.MaxUint8 {
		return nil, fmt.Errorf("postag: %d tags in the tag dictionary", len(m.dictTags))
	}
	for _, w := range words {
		m.dictTag = append(m.dictTag, dictTags[tags[w]])
	}
	return m.finish()
}

// finish derives what the saved fields imply: the tag and class indexes,
// the padding ids and the dictionary's tag ids.
func (m *Model) finish() (*Model, error) {
	m.nTags = len(m.tagNames)
	m.tagIDs = make(map[string]uint8, m.nTags)
	for id, t := range m.tagNames {
		m.tagIDs[t] = uint8(id)
	}
	m.classIdx = make(map[string]int, len(m.classes))
	m.classTag = m.classTag[:0]
	for i, c := range m.classes {
		m.classIdx[c] = i
		m.classTag = append(m.classTag, m.tagID(c))
	}
	m.rowMask = make([]uint64, len(m.rowStart)-1)
	for r := range m.rowMask {
		for _, c := range m.cls[m.rowStart[r]:m.rowStart[r+1]] {
			m.rowMask[r] |= 1 << (c % maxClasses)
		}
	}
	m.dictID = m.dictID[:0]
	for _, t := range m.dictTag {
		m.dictID = append(m.dictID, m.tagID(m.dictTags[t]))
	}
	m.padding()
	return m, nil
}

func byID(ids map[string]int32) []string {
	keys := make([]string, len(ids))
	for k, id := range ids {
		keys[id] = k
	}
	return keys
}

func valueSet(mp map[string]string) map[string]bool {
	set := map[string]bool{}
	for _, v := range mp {
		set[v] = true
	}
	return set
}

func sortedKeys[K cmp.Ordered, V any](mp map[K]V) []K {
	keys := make([]K, 0, len(mp))
	for k := range mp {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// addClasses numbers the classes in prose's order, then any class a weight
// names that the class list lacks, in sorted order.
func (m *builder) addClasses(classes []string, weights map[string]map[string]float64) error {
	m.classIdx = map[string]int{}
	for _, c := range classes {
		if _, ok := m.classIdx[c]; !ok {
			m.classIdx[c] = len(m.classes)
			m.classes = append(m.classes, c)
		}
	}
	extra := map[string]bool{}
	for _, ws := range weights {
		for c := range ws {
			if _, ok := m.classIdx[c]; !ok {
				extra[c] = true
			}
		}
	}
	for _, c := range sortedKeys(extra) {
		m.classIdx[c] = len(m.classes)
		m.classes = append(m.classes, c)
	}
	if len(m.classes) > maxClasses {
		return fmt.Errorf("postag: %d classes, at most %d supported", len(m.classes), maxClasses)
	}
	return nil
}

// templates are prose's feature templates that take arguments, each
// followed by the space that joins it to them.
var templates = []string{fTagWord + " ", fTagPair + " ", fTag1 + " ", fTag2 + " ", fSuffix + " ", fPref1 + " ",
	fWord + " ", fPrevWord + " ", fPrevSuffix + " ", fPrev2Word + " ", fNextWord + " ", fNextSuffix + " ", fNext2Word + " "}

// split returns a feature's template and its arguments.
func split(f string) (string, []string) {
	for _, t := range templates {
		if rest, ok := strings.CutPrefix(f, t); ok {
			if t == fTagWord+" " || t == fTagPair+" " {
				a, b, _ := strings.Cut(rest, " ")
				return t[:len(t)-1], []string{a, b}
			}
			return t[:len(t)-1], []string{rest}
		}
	}
	return f, nil
}

// internNames gives ids to the tags, words and suffixes feature f names.
func (m *builder) internNames(f string) error {
	t, args := split(f)
	switch t {
	case fTag1, fTag2:
		return m.internTag(args[0])
	case fTagPair:
		if err := m.internTag(args[0]); err != nil {
			return err
		}
		return m.internTag(args[1])
	case fTagWord:
		m.internWord(args[1])
		return m.internTag(args[0])
	case fWord, fPrevWord, fPrev2Word, fNextWord, fNext2Word:
		m.internWord(args[0])
	case fSuffix, fPrevSuffix, fNextSuffix:
		m.internSuffix(args[0])
	}
	return nil
}

func (m *builder) internTag(tag string) error {
	if _, ok := m.tagIDs[tag]; ok {
		return nil
	}
	if len(m.tagIDs) >= math.MaxUint8 {
		return fmt.Errorf("postag: more than %d tags", math.MaxUint8-1)
	}
	m.tagIDs[tag] = uint8(len(m.tagIDs))
	return nil
}

func (m *builder) internWord(w string) int32 {
	id, ok := m.wordIDs[w]
	if !ok {
		id = int32(len(m.wordIDs))
		m.wordIDs[w] = id
	}
	return id
}

func (m *builder) internSuffix(s string) int32 {
	id, ok := m.sufIDs[s]
	if !ok {
		id = int32(len(m.sufIDs))
		m.sufIDs[s] = id
	}
	return id
}

// allocTables sizes the tables once every name has its id, with every
// entry noRow.
func (m *builder) allocTables() {
	m.nTags = len(m.tagIDs)
	n := m.nTags + 1
	m.tag1, m.tag2, m.tagPair = filled(n), filled(n), filled(n*n)
	for i := range m.pref1 {
		m.pref1[i] = noRow
	}
	m.wordRows = make([][nWordRows]int32, len(m.wordIDs))
	for i := range m.wordRows {
		m.wordRows[i] = [nWordRows]int32{noRow, noRow, noRow, noRow, noRow}
	}
	m.sufRows = make([][nSufRows]int32, len(m.sufIDs))
	for i := range m.sufRows {
		m.sufRows[i] = [nSufRows]int32{noRow, noRow, noRow}
	}
}

func filled(n int) []int32 {
	s := make([]int32, n)
	for i := range s {
		s[i] = noRow
	}
	return s
}

// addRow appends one feature's weights, in class order, as thousandths.
func (m *builder) addRow(ws map[string]float64) error {
	first := len(m.cls)
	for c, w := range ws {
		milli := math.Round(w * 1000)
		if math.Abs(milli-w*1000) > 1e-6 || math.Abs(milli) > math.MaxInt32/64 {
			return fmt.Errorf("weight %v of %s is not a whole number of thousandths", w, c)
		}
		m.cls = append(m.cls, uint8(m.classIdx[c]))
		m.wts = append(m.wts, int32(milli))
	}
	row := rowSorter{m.cls[first:], m.wts[first:]}
	sort.Sort(row)
	m.rowStart = append(m.rowStart, uint32(len(m.cls)))
	return nil
}

// rowSorter orders a row's entries by class, so that rows do not depend on
// map order.
type rowSorter struct {
	cls []uint8
	wts []int32
}

func (r rowSorter) Len() int           { return len(r.cls) }
func (r rowSorter) Less(i, j int) bool { return r.cls[i] < r.cls[j] }
func (r rowSorter) Swap(i, j int) {
	r.cls[i], r.cls[j] = r.cls[j], r.cls[i]
	r.wts[i], r.wts[j] = r.wts[j], r.wts[i]
}

// place files row under the template and arguments of feature f.
func (m *builder) place(f string, row int32) {
	t, args := split(f)
	switch t {
	case fBias:
		m.bias = row
	case fPref1:
		m.placePref1(args[0], row)
	case fTag1:
		m.tag1[m.tagIDs[args[0]]] = row
	case fTag2:
		m.tag2[m.tagIDs[args[0]]] = row
	case fTagPair:
		m.tagPair[int(m.tagIDs[args[0]])*(m.nTags+1)+int(m.tagIDs[args[1]])] = row
	case fTagWord:
		m.tagWord[uint64(m.tagIDs[args[0]])<<32|uint64(m.wordIDs[args[1]])] = row
	case fSuffix:
		m.sufRows[m.sufIDs[args[0]]][sCur] = row
	case fPrevSuffix:
		m.sufRows[m.sufIDs[args[0]]][sPrev] = row
	case fNextSuffix:
		m.sufRows[m.sufIDs[args[0]]][sNext] = row
	default:
		m.placeWord(t, args, row)
	}
}

var wordSlot = map[string]int{fWord: wCur, fPrevWord: wPrev, fPrev2Word: wPrev2, fNextWord: wNext, fNext2Word: wNext2}

func (m *builder) placeWord(t string, args []string, row int32) {
	if k, ok := wordSlot[t]; ok {
		m.wordRows[m.wordIDs[args[0]]][k] = row
	}
}

// placePref1 files an "i pref1" row under every first byte b for which
// prose's string(w[0]), the byte read as a code point, gives the key.
func (m *builder) placePref1(key string, row int32) {
	for b := range 256 {
		if string(rune(b)) == key {
			m.pref1[b] = row
		}
	}
}

// padding looks up the ids of prose's context padding and normalised
// word classes; a name the model never uses gets noRow-filled ids.
func (m *Model) padding() {
	m.startWord, m.start2Word = m.wordID("-START-"), m.wordID("-START2-")
	m.endWord, m.end2Word = m.wordID("-END-"), m.wordID("-END2-")
	m.hyphenWord, m.yearWord, m.digitsWord = m.wordID("!HYPHEN"), m.wordID("!YEAR"), m.wordID("!DIGITS")
	m.startSuf, m.start2Suf = m.sufID(suffix3("-START-")), m.sufID(suffix3("-START2-"))
	m.endSuf, m.end2Suf = m.sufID(suffix3("-END-")), m.sufID(suffix3("-END2-"))
	m.hyphenSuf, m.yearSuf, m.digitsSuf = m.sufID(suffix3("!HYPHEN")), m.sufID(suffix3("!YEAR")), m.sufID(suffix3("!DIGITS"))
	m.startTag, m.start2Tag = m.tagID("-START-"), m.tagID("-START2-")
}

func (m *Model) wordID(w string) int32 { return m.words.find(w) }

func (m *Model) sufID(s string) int32 { return m.sufs.find(s) }

func (m *Model) tagID(t string) uint8 {
	if id, ok := m.tagIDs[t]; ok {
		return id
	}
	return uint8(m.nTags)
}

// suffix3 is prose's suffix feature: the last three bytes.
func suffix3(s string) string { return s[len(s)-min(len(s), 3):] }

// Size estimates the bytes the model's tables hold, for reporting.
func (m *Model) Size() int {
	n := 4*len(m.rowStart) + len(m.cls) + 4*len(m.wts)
	n += 4 * (len(m.tag1) + len(m.tag2) + len(m.tagPair) + len(m.pref1))
	n += 4*nWordRows*len(m.wordRows) + 4*nSufRows*len(m.sufRows)
	for _, t := range []*strTable{&m.words, &m.sufs, &m.dict} {
		n += len(t.blob) + 4*len(t.offs) + 4*len(t.slots)
	}
	n += 12*len(m.tagWord.keys) + 2*len(m.dictTag)
	return n
}
