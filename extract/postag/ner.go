package postag

import (
	"bytes"
	"encoding/gob"
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode"

	"github.com/jdkato/prose/v2"
)

// The features of prose's entity model (its featureOrder): each token's
// score for a label sums, in this order, the weight of "feature-value-label"
// when the model has one.
const (
	nBias = iota
	nWordList
	nNextPos
	nNextWord
	nPos
	nPosPrevTag
	nPrefix3
	nPrevPos
	nPrevTag
	nPrevWord
	nShape
	nShapePrevTag
	nSuffix3
	nWord
	nWordNextPos
	nWordLower
	nWordLen
	nFeatures
)

var entityFeatures = [nFeatures]string{
	"bias", "en-wordlist", "nextpos", "nextword", "pos", "pos+prevtag",
	"prefix3", "prevpos", "prevtag", "prevword", "shape", "shape+prevtag",
	"suffix3", "word", "word+nextpos", "word.lower", "wordlen"}

// EntityModel is prose's named-entity model (a maximum-entropy classifier
// over IOB labels) laid out for lookup: for each feature, value → row of
// (label, weight) entries, the labels the model weighs for that value.
type EntityModel struct {
	labels []string
	// simple[l] is prose's simplePOS of label l, the history feature
	simple []string
	// vals[f] finds a value of feature f; value i of f has row rowBase[f]+i
	vals    [nFeatures]strTable
	rowBase [nFeatures]int32
	// rowStart[r]:rowStart[r+1] are row r's entries in lab and w
	rowStart []uint32
	lab      []uint8
	w        []float64
}

// maxLabels bounds the entity model's labels.
const maxLabels = 64

// LoadEntitiesProse decodes prose's embedded entity model and lays it
// out: what LoadEntities reads ready-made from the model file.
func LoadEntitiesProse() (*EntityModel, error) {
	var mapping map[string]int
	var weights []float64
	var labels []string
	for _, a := range []struct {
		name string
		into any
	}{{"mapping", &mapping}, {"weights", &weights}, {"labels", &labels}} {
		data, err := prose.Asset("model/Maxent/" + a.name + ".gob")
		if err != nil {
			return nil, fmt.Errorf("postag: prose entity model %s: %w", a.name, err)
		}
		if err := gob.NewDecoder(bytes.NewReader(data)).Decode(a.into); err != nil {
			return nil, fmt.Errorf("postag: decoding prose entity model %s: %w", a.name, err)
		}
	}
	return buildEntities(mapping, weights, labels)
}

// buildEntities files every entry "feature-value-label" of the mapping
// under each way of reading it, so that a lookup by parts finds exactly
// the entries prose's joined string would.
func buildEntities(mapping map[string]int, weights []float64, labels []string) (*EntityModel, error) {
	if len(labels) > maxLabels {
		return nil, fmt.Errorf("postag: %d entity labels, at most %d supported", len(labels), maxLabels)
	}
	m := &EntityModel{labels: labels}
	labelIdx := map[string]int{}
	for i, l := range labels {
		labelIdx[l] = i
	}
	var dense [nFeatures]map[string][]float64
	for f := range dense {
		dense[f] = map[string][]float64{}
	}
	for entry, wi := range mapping {
		if wi < 0 || wi >= len(weights) {
			return nil, fmt.Errorf("postag: entity feature %q: weight %d of %d", entry, wi, len(weights))
		}
		for f, name := range entityFeatures {
			if rest, ok := strings.CutPrefix(entry, name); ok && strings.HasPrefix(rest, "-") {
				if err := file(dense[f], rest[1:], weights[wi], labelIdx, len(labels)); err != nil {
					return nil, fmt.Errorf("postag: entity feature %q: %w", entry, err)
				}
			}
		}
	}
	m.rowStart = append(m.rowStart, 0)
	for f := range dense {
		vals := sortedKeys(dense[f])
		m.vals[f] = newStrTable(vals)
		for _, v := range vals {
			for l, w := range dense[f][v] {
				if w == w { // NaN: no weight
					m.lab = append(m.lab, uint8(l))
					m.w = append(m.w, w)
				}
			}
			m.rowStart = append(m.rowStart, uint32(len(m.lab)))
		}
	}
	return m.finish()
}

// finish derives the row bases and the history labels.
func (m *EntityModel) finish() (*EntityModel, error) {
	base := int32(0)
	for f := range m.vals {
		m.rowBase[f] = base
		base += int32(m.vals[f].Len())
	}
	if int(base) != len(m.rowStart)-1 {
		return nil, fmt.Errorf("postag: entity model: %d values but %d rows", base, len(m.rowStart)-1)
	}
	if len(m.labels) == 0 || len(m.labels) > maxLabels {
		return nil, fmt.Errorf("postag: entity model: %d labels", len(m.labels))
	}
	for i := 1; i < len(m.rowStart); i++ {
		if m.rowStart[i] < m.rowStart[i-1] || int(m.rowStart[i]) > len(m.lab) {
			return nil, fmt.Errorf("postag: entity model: bad row %d", i-1)
		}
	}
	if len(m.lab) != len(m.w) {
		return nil, fmt.Errorf("postag: entity model: %d labels for %d weights", len(m.lab), len(m.w))
	}
	for _, l := range m.lab {
		if int(l) >= len(m.labels) {
			return nil, fmt.Errorf("postag: entity model: label %d of %d", l, len(m.labels))
		}
	}
	m.simple = m.simple[:0]
	for _, l := range m.labels {
		m.simple = append(m.simple, simplePOS(l))
	}
	return m, nil
}

// file records weight w under every reading of rest as "value-label".
// Two readings giving one value and label two weights would make the
// model depend on the order of prose's map: that is an error.
func file(rows map[string][]float64, rest string, w float64, labelIdx map[string]int, nLabels int) error {
	for i := len(rest) - 1; i >= 0; i-- {
		if rest[i] != '-' {
			continue
		}
		li, ok := labelIdx[rest[i+1:]]
		if !ok {
			continue
		}
		row, ok := rows[rest[:i]]
		if !ok {
			row = make([]float64, nLabels)
			for k := range row {
				row[k] = nan
			}
			rows[rest[:i]] = row
		}
		if old := row[li]; old == old && old != w {
			return fmt.Errorf("value %q label %q weighs both %v and %v", rest[:i], rest[i+1:], old, w)
		}
		row[li] = w
	}
	return nil
}

var nan = math.NaN()

func simplePOS(pos string) string {
	if strings.HasPrefix(pos, "V") {
		return "v"
	}
	return strings.Split(pos, "-")[0]
}

// Entities returns prose's IOB entity labels of the tokens of the last Tag
// call, in the order of the tokens; valid until the next call.
func (t *Tagger) Entities(em *EntityModel) []string {
	t.labels, t.history = t.labels[:0], t.history[:0]
	for i := range t.toks {
		l := t.classify(em, i)
		t.labels = append(t.labels, em.labels[l])
		t.history = append(t.history, em.simple[l])
	}
	t.share(func(k, from int) { t.labels[k] = t.labels[from] })
	return t.labels
}

// classify is prose's entityExtracter.classify for token i: the label
// with the highest score, each score summed in prose's feature order (so
// the same floating-point sums); the first label listed wins an exact tie.
func (t *Tagger) classify(em *EntityModel, i int) int {
	var vals [nFeatures]string
	t.entityFeatures(i, &vals)
	var total [maxLabels]float64
	for f := range vals {
		if v := em.vals[f].find(vals[f]); v >= 0 {
			r := em.rowBase[f] + v
			for k := em.rowStart[r]; k < em.rowStart[r+1]; k++ {
				total[em.lab[k]] += em.w[k]
			}
		}
	}
	best, bestV := 0, total[0]
	for l := 1; l < len(em.labels); l++ {
		if total[l] > bestV {
			best, bestV = l, total[l]
		}
	}
	return best
}

// entityFeatures fills prose's feature values for token i. Values built
// from parts live in the tagger's scratch buffer until the next token.
func (t *Tagger) entityFeatures(i int, v *[nFeatures]string) {
	toks := t.toks
	word := toks[i].Text
	t.nbuf = t.nbuf[:0]
	v[nBias] = "True"
	v[nWord] = word
	v[nPos] = toks[i].Tag
	v[nWordList] = "False"
	if basicWords[word] {
		v[nWordList] = "True"
	}
	v[nWordLower] = t.lowerKeep(word)
	v[nSuffix3] = t.lowerKeep(word[len(word)-min(len(word), 3):])
	v[nPrefix3] = t.lowerKeep(word[:min(len(word), 3)])
	v[nShape] = shape(word)
	start := len(t.nbuf)
	t.nbuf = strconv.AppendInt(t.nbuf, int64(len(word)), 10)
	v[nWordLen] = unsafeString(t.nbuf[start:])
	prevShape := "None"
	if i == 0 {
		v[nPrevTag], v[nPrevWord], v[nPrevPos] = "None", "None", "None"
	} else {
		v[nPrevWord] = t.lowerKeep(toks[i-1].Text)
		v[nPrevPos] = toks[i-1].Tag
		v[nPrevTag] = t.history[i-1]
		if i > 1 {
			prevShape = shape(toks[i-1].Text)
		}
	}
	if i == len(toks)-1 {
		v[nNextWord], v[nNextPos] = "None", "None"
	} else {
		v[nNextWord] = t.lowerKeep(toks[i+1].Text)
		v[nNextPos] = t.lowerKeep(toks[i+1].Tag)
	}
	v[nWordNextPos] = t.joinKeep(v[nWordLower], v[nNextPos])
	v[nPosPrevTag] = t.joinKeep(v[nPos], v[nPrevTag])
	v[nShapePrevTag] = t.joinKeep(prevShape, v[nPrevTag])
}

// lowerKeep is strings.ToLower(s), copied into nbuf when it differs from
// s. Strings viewing nbuf stay valid while the token's features are in
// use: nbuf is only appended to until the next token, and an append that
// moves it leaves the old bytes as they were.
func (t *Tagger) lowerKeep(s string) string {
	l := t.lowerOf(s)
	if l == s {
		return s
	}
	start := len(t.nbuf)
	t.nbuf = append(t.nbuf, l...)
	return unsafeString(t.nbuf[start:])
}

// joinKeep is a+"+"+b, built in nbuf.
func (t *Tagger) joinKeep(a, b string) string {
	start := len(t.nbuf)
	t.nbuf = append(t.nbuf, a...)
	t.nbuf = append(t.nbuf, '+')
	t.nbuf = append(t.nbuf, b...)
	return unsafeString(t.nbuf[start:])
}

// shape is prose's shape: number, punct (ends in a non-word character),
// downcase, upcase (title case) or mixedcase when it ends in a word
// character, else other.
func shape(word string) string {
	switch {
	case isNumeric(word):
		return "number"
	case word != "" && !isWordByte(word[len(word)-1]):
		return "punct"
	case word != "" && isWordByte(word[len(word)-1]):
		return caseShape(word)
	}
	return "other"
}

// isWordByte is regexp's \w, which is ASCII only: [0-9A-Za-z_].
func isWordByte(b byte) bool { return b == '_' || b >= '0' && b <= '9' || isASCIILetter(b) }

func caseShape(word string) string {
	if isLower(word) {
		return "downcase"
	}
	if isTitle(word) {
		return "upcase"
	}
	return "mixedcase"
}

// isLower reports strings.ToLower(word) == word.
func isLower(word string) bool {
	for _, r := range word {
		if unicode.ToLower(r) != r {
			return false
		}
	}
	return true
}

// isTitle reports strings.Title(word) == word: every letter after a
// separator is already in title case.
func isTitle(word string) bool {
	prev := ' '
	for _, r := range word {
		if isSeparator(prev) && unicode.ToTitle(r) != r {
			return false
		}
		prev = r
	}
	return true
}

// isSeparator is the strings package's word boundary for Title.
func isSeparator(r rune) bool {
	if r <= 0x7F {
		return !(r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r == '_')
	}
	if unicode.IsLetter(r) || unicode.IsDigit(r) {
		return false
	}
	return unicode.IsSpace(r)
}

// isNumeric is prose's: strconv.ParseFloat accepts the word. ParseFloat
// (which allocates its error) only runs on what can be a number: an
// optional sign, then a digit, a dot, or the start of inf or nan.
func isNumeric(s string) bool {
	r := strings.TrimLeft(s, "+-")
	if len(s)-len(r) > 1 || r == "" || !strings.ContainsRune("0123456789.iInN", rune(r[0])) {
		return false
	}
	_, err := strconv.ParseFloat(s, 64)
	return err == nil
}
