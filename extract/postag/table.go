package postag

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"slices"
)

// strTable is a read-only set of strings, each with its index, held in
// flat arrays (no Go map, no per-string header) so that it can be saved
// in the model file and used as read without building anything: the
// strings back to back in blob, string i at blob[offs[i]:offs[i+1]], and
// an open-addressing hash index of power-of-two size whose slots hold
// index+1 (0 is empty).
type strTable struct {
	blob  string
	offs  []uint32
	slots []uint32
}

// newStrTable indexes keys, key i getting index i; keys must be distinct.
func newStrTable(keys []string) strTable {
	var t strTable
	n := 0
	for _, k := range keys {
		n += len(k)
	}
	blob := make([]byte, 0, n)
	t.offs = make([]uint32, 0, len(keys)+1)
	for _, k := range keys {
		t.offs = append(t.offs, uint32(len(blob)))
		blob = append(blob, k...)
	}
	t.offs = append(t.offs, uint32(len(blob)))
	t.blob = string(blob)
	size := 16
	for size < 2*len(keys) {
		size *= 2
	}
	t.slots = make([]uint32, size)
	mask := uint64(size - 1)
	for i, k := range keys {
		for h := hashString(k) & mask; ; h = (h + 1) & mask {
			if t.slots[h] == 0 {
				t.slots[h] = uint32(i + 1)
				break
			}
		}
	}
	return t
}

// Len is the number of strings.
func (t *strTable) Len() int { return max(len(t.offs)-1, 0) }

// find returns the index of s, or -1.
func (t *strTable) find(s string) int32 {
	if len(t.slots) == 0 {
		return -1
	}
	mask := uint64(len(t.slots) - 1)
	for h := hashString(s) & mask; ; h = (h + 1) & mask {
		e := t.slots[h]
		if e == 0 {
			return -1
		}
		i := e - 1
		if a, b := t.offs[i], t.offs[i+1]; int(b-a) == len(s) && t.blob[a:b] == s {
			return int32(i)
		}
	}
}

// hashString is 64-bit FNV-1a: fixed, so that the saved index stays valid.
func hashString(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h
}

// u64Table maps uint64 keys to int32 values with open addressing: keys[i]
// holds key+1 (0 is empty) and vals[i] its value.
type u64Table struct {
	keys []uint64
	vals []int32
}

func newU64Table(keys []uint64, vals []int32) u64Table {
	size := 16
	for size < 2*len(keys) {
		size *= 2
	}
	t := u64Table{keys: make([]uint64, size), vals: make([]int32, size)}
	mask := uint64(size - 1)
	for i, k := range keys {
		for h := hashU64(k) & mask; ; h = (h + 1) & mask {
			if t.keys[h] == 0 {
				t.keys[h], t.vals[h] = k+1, vals[i]
				break
			}
		}
	}
	return t
}

// get returns the value of k, or noRow.
func (t *u64Table) get(k uint64) int32 {
	if len(t.keys) == 0 {
		return noRow
	}
	mask := uint64(len(t.keys) - 1)
	for h := hashU64(k) & mask; ; h = (h + 1) & mask {
		switch t.keys[h] {
		case 0:
			return noRow
		case k + 1:
			return t.vals[h]
		}
	}
}

func hashU64(k uint64) uint64 {
	k ^= k >> 33
	k *= 0xff51afd7ed558ccd
	k ^= k >> 33
	return k
}

// The model file is a sequence of sections, each a length (in elements)
// and the elements, little-endian: writer and reader walk the fields in
// the same order.
type writer struct{ b []byte }

func (w *writer) u32(v uint32) { w.b = binary.LittleEndian.AppendUint32(w.b, v) }

func (w *writer) bytes(b []byte) {
	w.u32(uint32(len(b)))
	w.b = append(w.b, b...)
}

func (w *writer) str(s string) { w.bytes([]byte(s)) }

func (w *writer) strs(ss []string) {
	w.u32(uint32(len(ss)))
	for _, s := range ss {
		w.str(s)
	}
}

func (w *writer) u32s(v []uint32) {
	w.u32(uint32(len(v)))
	for _, x := range v {
		w.u32(x)
	}
}

func (w *writer) i32s(v []int32) {
	w.u32(uint32(len(v)))
	for _, x := range v {
		w.u32(uint32(x))
	}
}

func (w *writer) u64s(v []uint64) {
	w.u32(uint32(len(v)))
	for _, x := range v {
		w.b = binary.LittleEndian.AppendUint64(w.b, x)
	}
}

func (w *writer) f64s(v []float64) {
	w.u32(uint32(len(v)))
	for _, x := range v {
		w.b = binary.LittleEndian.AppendUint64(w.b, math.Float64bits(x))
	}
}

func (w *writer) table(t *strTable) {
	w.str(t.blob)
	w.u32s(t.offs)
	w.u32s(t.slots)
}

func (w *writer) u64table(t *u64Table) {
	w.u64s(t.keys)
	w.i32s(t.vals)
}

// reader reads what writer wrote from a string (the embedded file), so
// that strings are views of it rather than copies. The first error sticks.
type reader struct {
	s   string
	err error
}

var errShort = errors.New("truncated")

func (r *reader) take(n int) string {
	if r.err != nil || n < 0 || n > len(r.s) {
		r.err = errShort
		return ""
	}
	v := r.s[:n]
	r.s = r.s[n:]
	return v
}

func (r *reader) u32() uint32 {
	b := r.take(4)
	if len(b) < 4 {
		return 0
	}
	return le32(b)
}

func le32(b string) uint32 {
	return uint32(b[0]) | uint32(b[1])<<8 | uint32(b[2])<<16 | uint32(b[3])<<24
}

func le64(b string) uint64 { return uint64(le32(b)) | uint64(le32(b[4:]))<<32 }

// count reads a section length and checks that size bytes each fit.
func (r *reader) count(size int) int {
	n := int(r.u32())
	if r.err == nil && n*size > len(r.s) {
		r.err = errShort
		return 0
	}
	return n
}

func (r *reader) str() string { return r.take(r.count(1)) }

func (r *reader) strs() []string {
	out := make([]string, r.count(4))
	for i := range out {
		out[i] = r.str()
	}
	return out
}

func (r *reader) u32s() []uint32 {
	b := r.take(4 * r.count(4))
	out := make([]uint32, len(b)/4)
	for i := range out {
		out[i] = le32(b[4*i:])
	}
	return out
}

func (r *reader) i32s() []int32 {
	b := r.take(4 * r.count(4))
	out := make([]int32, len(b)/4)
	for i := range out {
		out[i] = int32(le32(b[4*i:]))
	}
	return out
}

func (r *reader) u64s() []uint64 {
	b := r.take(8 * r.count(8))
	out := make([]uint64, len(b)/8)
	for i := range out {
		out[i] = le64(b[8*i:])
	}
	return out
}

func (r *reader) f64s() []float64 {
	b := r.take(8 * r.count(8))
	out := make([]float64, len(b)/8)
	for i := range out {
		out[i] = math.Float64frombits(le64(b[8*i:]))
	}
	return out
}

// table reads a strTable and checks that its offsets and slots stay
// inside it, so that a damaged file fails here rather than in a lookup.
func (r *reader) table() strTable {
	t := strTable{blob: r.str(), offs: r.u32s(), slots: r.u32s()}
	if r.err != nil {
		return t
	}
	if len(t.offs) == 0 || len(t.slots) == 0 || len(t.slots)&(len(t.slots)-1) != 0 || len(t.slots) <= t.Len() {
		r.err = fmt.Errorf("bad string table: %d strings, %d slots", t.Len(), len(t.slots))
		return t
	}
	for i := 1; i < len(t.offs); i++ {
		if t.offs[i] < t.offs[i-1] || int(t.offs[i]) > len(t.blob) {
			r.err = fmt.Errorf("bad string table offset %d", t.offs[i])
			return t
		}
	}
	empty := false
	for _, e := range t.slots {
		if int(e) > t.Len() {
			r.err = fmt.Errorf("bad string table slot %d", e)
			return t
		}
		empty = empty || e == 0
	}
	if !empty {
		r.err = errors.New("string table without an empty slot")
	}
	return t
}

func (r *reader) u64table() u64Table {
	t := u64Table{keys: r.u64s(), vals: r.i32s()}
	if r.err == nil && (len(t.keys) != len(t.vals) || len(t.keys) == 0 || len(t.keys)&(len(t.keys)-1) != 0) {
		r.err = fmt.Errorf("bad key table: %d keys, %d values", len(t.keys), len(t.vals))
	} else if r.err == nil && !slices.Contains(t.keys, 0) {
		r.err = errors.New("key table without an empty slot")
	}
	return t
}
