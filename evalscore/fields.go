package evalscore

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"sync/atomic"

	"github.com/claimwire/claimwire/model"
)

// Fields is a claim as the scorer sees it: a JSON object with its keys in
// the order written. Values are nil, bool, string, json.Number, []any or
// *Fields, so a gold or predicted field may be a name or a list of names.
type Fields struct {
	keys []string
	vals map[string]any
	// quoteToks caches the sorted tokens of the "quote" field: a quote is compared
	// with every gold quote of its article
	quoteToks atomic.Pointer[[]string]
}

// quoteTokens is the sorted tokens of the "quote" field, computed once.
func (f *Fields) quoteTokens() []string {
	if t := f.quoteToks.Load(); t != nil {
		return *t
	}
	t := tokens(f.get("quote", nil))
	slices.Sort(t)
	f.quoteToks.Store(&t)
	return t
}

// newFields builds Fields from key, value pairs.
func newFields(kv ...any) *Fields {
	f := &Fields{vals: map[string]any{}}
	for i := 0; i+1 < len(kv); i += 2 {
		f.set(kv[i].(string), kv[i+1])
	}
	return f
}

func (f *Fields) set(k string, v any) {
	f.quoteToks.Store(nil)
	if _, ok := f.vals[k]; !ok {
		f.keys = append(f.keys, k)
	}
	f.vals[k] = v
}

// Get returns the value of key k.
func (f *Fields) Get(k string) (any, bool) {
	v, ok := f.vals[k]
	return v, ok
}

// get is Python's dict.get(k, def).
func (f *Fields) get(k string, def any) any {
	if v, ok := f.vals[k]; ok {
		return v
	}
	return def
}

// Keys returns the keys in the order written.
func (f *Fields) Keys() []string { return f.keys }

// UnmarshalJSON reads a JSON object, keeping its key order.
func (f *Fields) UnmarshalJSON(b []byte) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	v, err := decodeValue(dec)
	if err != nil {
		return err
	}
	obj, ok := v.(*Fields)
	if !ok {
		return fmt.Errorf("want a JSON object, got %s", bytes.TrimSpace(b))
	}
	f.keys, f.vals = obj.keys, obj.vals
	f.quoteToks.Store(nil)
	return nil
}

// MarshalJSON writes the object as Python's json.dumps would.
func (f *Fields) MarshalJSON() ([]byte, error) {
	return []byte(pyDumps(f)), nil
}

// ClaimFields is the JSON object a model.Claim prints as, the form in which
// score.py reads a prediction.
func ClaimFields(c model.Claim) (*Fields, error) {
	b, err := json.Marshal(c)
	if err != nil {
		return nil, err
	}
	f := &Fields{}
	if err := f.UnmarshalJSON(b); err != nil {
		return nil, err
	}
	return f, nil
}

func decodeValue(dec *json.Decoder) (any, error) {
	t, err := dec.Token()
	if err != nil {
		return nil, err
	}
	switch t {
	case json.Delim('{'):
		return decodeObject(dec)
	case json.Delim('['):
		return decodeArray(dec)
	}
	return t, nil
}

func decodeObject(dec *json.Decoder) (*Fields, error) {
	f := newFields()
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return nil, err
		}
		k, ok := t.(string)
		if !ok {
			return nil, errors.New("object key is not a string")
		}
		v, err := decodeValue(dec)
		if err != nil {
			return nil, err
		}
		f.set(k, v)
	}
	return f, closing(dec)
}

func decodeArray(dec *json.Decoder) ([]any, error) {
	list := []any{}
	for dec.More() {
		v, err := decodeValue(dec)
		if err != nil {
			return nil, err
		}
		list = append(list, v)
	}
	return list, closing(dec)
}

// closing reads the '}' or ']' that ends an object or array.
func closing(dec *json.Decoder) error {
	_, err := dec.Token()
	if errors.Is(err, io.EOF) {
		return io.ErrUnexpectedEOF
	}
	return err
}
