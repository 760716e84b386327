package postag

import (
	_ "embed" // the model files
	"errors"
	"fmt"
)

// The model files are prose's two models as Load and LoadEntities use
// them, tables and all, written by `go test ./extract/postag -run
// TestModelFiles -update` from prose's own models: loading them is a
// copy of a few arrays instead of decoding prose's gob maps and building
// the tables, which took most of a second at every start.
var (
	//go:embed tagger.bin
	taggerFile string
	//go:embed entities.bin
	entitiesFile string
)

const (
	taggerMagic   = "claimwire postag tagger 1\n"
	entitiesMagic = "claimwire postag entities 1\n"
)

// Load reads prose's tagger model from the model file in the binary.
func Load() (*Model, error) {
	m, err := decodeModel(taggerFile)
	if err != nil {
		return nil, fmt.Errorf("postag: tagger model file: %w", err)
	}
	return m, nil
}

// LoadEntities reads prose's entity model from the model file in the binary.
func LoadEntities() (*EntityModel, error) {
	m, err := decodeEntities(entitiesFile)
	if err != nil {
		return nil, fmt.Errorf("postag: entity model file: %w", err)
	}
	return m, nil
}

// encode writes the model's saved fields.
func (m *Model) encode() []byte {
	w := &writer{b: []byte(taggerMagic)}
	w.strs(m.classes)
	w.strs(m.tagNames)
	w.u32s(m.rowStart)
	w.bytes(m.cls)
	w.i32s(m.wts)
	w.i32s([]int32{m.bias})
	w.i32s(m.pref1[:])
	w.i32s(m.tag1)
	w.i32s(m.tag2)
	w.i32s(m.tagPair)
	w.table(&m.words)
	w.i32s(flatten(m.wordRows))
	w.table(&m.sufs)
	w.i32s(flatten(m.sufRows))
	w.u64table(&m.tagWord)
	w.table(&m.dict)
	w.strs(m.dictTags)
	w.bytes(m.dictTag)
	return w.b
}

func decodeModel(s string) (*Model, error) {
	r := &reader{s: s}
	if r.take(len(taggerMagic)) != taggerMagic {
		return nil, errors.New("not a tagger model file")
	}
	m := &Model{classes: r.strs(), tagNames: r.strs(), rowStart: r.u32s(), cls: []byte(r.str()), wts: r.i32s()}
	bias := r.i32s()
	pref1 := r.i32s()
	m.tag1, m.tag2, m.tagPair = r.i32s(), r.i32s(), r.i32s()
	m.words = r.table()
	wordRows := r.i32s()
	m.sufs = r.table()
	sufRows := r.i32s()
	m.tagWord = r.u64table()
	m.dict = r.table()
	m.dictTags = r.strs()
	m.dictTag = []byte(r.str())
	if r.err != nil {
		return nil, r.err
	}
	if len(r.s) != 0 {
		return nil, fmt.Errorf("%d bytes after the model", len(r.s))
	}
	if len(bias) != 1 || len(pref1) != len(m.pref1) {
		return nil, errors.New("bad bias or prefix table")
	}
	m.bias = bias[0]
	copy(m.pref1[:], pref1)
	var ok bool
	if m.wordRows, ok = unflatten[[nWordRows]int32](wordRows, m.words.Len()); !ok {
		return nil, errors.New("word rows do not match the words")
	}
	if m.sufRows, ok = unflatten[[nSufRows]int32](sufRows, m.sufs.Len()); !ok {
		return nil, errors.New("suffix rows do not match the suffixes")
	}
	if err := m.check(); err != nil {
		return nil, err
	}
	return m.finish()
}

// check verifies that every index the tables hold is in range, so that
// tagging cannot index out of bounds whatever the file holds.
func (m *Model) check() error {
	if len(m.classes) == 0 || len(m.classes) > maxClasses || len(m.tagNames) >= 255 {
		return fmt.Errorf("%d classes, %d tags", len(m.classes), len(m.tagNames))
	}
	if len(m.rowStart) == 0 || m.rowStart[0] != 0 || len(m.cls) != len(m.wts) {
		return errors.New("bad rows")
	}
	for i := 1; i < len(m.rowStart); i++ {
		if m.rowStart[i] < m.rowStart[i-1] || int(m.rowStart[i]) > len(m.cls) {
			return fmt.Errorf("bad row %d", i-1)
		}
	}
	for _, c := range m.cls {
		if int(c) >= len(m.classes) {
			return fmt.Errorf("class %d of %d", c, len(m.classes))
		}
	}
	n := len(m.tagNames) + 1
	if len(m.tag1) != n || len(m.tag2) != n || len(m.tagPair) != n*n {
		return errors.New("tag tables do not match the tags")
	}
	rows := int32(len(m.rowStart) - 1)
	inRange := func(rs ...int32) bool {
		for _, r := range rs {
			if r < noRow || r >= rows {
				return false
			}
		}
		return true
	}
	ok := inRange(m.bias) && inRange(m.pref1[:]...) && inRange(m.tag1...) && inRange(m.tag2...) &&
		inRange(m.tagPair...) && inRange(m.tagWord.vals...)
	for _, r := range m.wordRows {
		ok = ok && inRange(r[:]...)
	}
	for _, r := range m.sufRows {
		ok = ok && inRange(r[:]...)
	}
	if !ok {
		return errors.New("a feature names a row that does not exist")
	}
	if len(m.dictTag) != m.dict.Len() {
		return errors.New("tag dictionary does not match its words")
	}
	for _, t := range m.dictTag {
		if int(t) >= len(m.dictTags) {
			return errors.New("tag dictionary names a tag that does not exist")
		}
	}
	return nil
}

func flatten[A ~[nWordRows]int32 | ~[nSufRows]int32](rows []A) []int32 {
	var out []int32
	for _, r := range rows {
		for i := range len(r) {
			out = append(out, r[i])
		}
	}
	return out
}

func unflatten[A ~[nWordRows]int32 | ~[nSufRows]int32](flat []int32, n int) ([]A, bool) {
	rows := make([]A, n)
	if n == 0 {
		return rows, len(flat) == 0
	}
	k := len(rows[0])
	if len(flat) != n*k {
		return nil, false
	}
	for i := range rows {
		for j := range k {
			rows[i][j] = flat[i*k+j]
		}
	}
	return rows, true
}

// encode writes the entity model's saved fields.
func (m *EntityModel) encode() []byte {
	w := &writer{b: []byte(entitiesMagic)}
	w.strs(m.labels)
	for f := range m.vals {
		w.table(&m.vals[f])
	}
	w.u32s(m.rowStart)
	w.bytes(m.lab)
	w.f64s(m.w)
	return w.b
}

func decodeEntities(s string) (*EntityModel, error) {
	r := &reader{s: s}
	if r.take(len(entitiesMagic)) != entitiesMagic {
		return nil, errors.New("not an entity model file")
	}
	m := &EntityModel{labels: r.strs()}
	for f := range m.vals {
		m.vals[f] = r.table()
	}
	m.rowStart = r.u32s()
	m.lab = []byte(r.str())
	m.w = r.f64s()
	if r.err != nil {
		return nil, r.err
	}
	if len(r.s) != 0 {
		return nil, fmt.Errorf("%d bytes after the model", len(r.s))
	}
	if len(m.rowStart) == 0 || m.rowStart[0] != 0 {
		return nil, errors.New("bad rows")
	}
	return m.finish()
}
