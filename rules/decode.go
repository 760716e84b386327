package rules

import (
	"fmt"
	"reflect"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"
)

// PosError is an error in a rules file, with the place it was found.
type PosError struct {
	File   string
	Line   int
	Column int
	Err    error
}

func (e *PosError) Error() string {
	return fmt.Sprintf("%s:%d:%d: %v", e.File, e.Line, e.Column, e.Err)
}

func (e *PosError) Unwrap() error { return e.Err }

// validator is implemented by rule entries that check themselves after
// decoding (regexes compile, names are present, …).
type validator interface {
	validate() error
}

// decoder turns YAML nodes into Go values strictly: an unknown key, a value
// of the wrong type or an entry that fails its own validation is an error
// that names the file, line and column. All errors are collected, so that a
// rule author sees every mistake in one run.
type decoder struct {
	file string
	errs []error
}

func (d *decoder) fail(n *yaml.Node, format string, args ...any) {
	d.errs = append(d.errs, &PosError{d.file, n.Line, n.Column, fmt.Errorf(format, args...)})
}

func (d *decoder) decode(n *yaml.Node, v reflect.Value) {
	if n.Kind == yaml.DocumentNode {
		if len(n.Content) > 0 {
			d.decode(n.Content[0], v)
		}
		return
	}
	if n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			v.Set(reflect.New(v.Type().Elem()))
		}
		d.decode(n, v.Elem())
	case reflect.Struct:
		d.decodeStruct(n, v)
	case reflect.Slice:
		d.decodeSlice(n, v)
	case reflect.Map:
		d.decodeMap(n, v)
	default:
		d.decodeScalar(n, v)
	}
	if val, ok := v.Addr().Interface().(validator); ok && v.Kind() == reflect.Struct {
		if err := val.validate(); err != nil {
			d.fail(n, "%v", err)
		}
	}
}

func (d *decoder) decodeStruct(n *yaml.Node, v reflect.Value) {
	if n.Kind != yaml.MappingNode {
		d.fail(n, "want a mapping of %s, got %s", strings.Join(fieldNames(v.Type()), ", "), describe(n))
		return
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		key, val := n.Content[i], n.Content[i+1]
		f, ok := fieldByTag(v, key.Value)
		if !ok {
			d.fail(key, "unknown key %q (want one of %s)", key.Value, strings.Join(fieldNames(v.Type()), ", "))
			continue
		}
		d.decode(val, f)
	}
}

func (d *decoder) decodeSlice(n *yaml.Node, v reflect.Value) {
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
		return
	}
	if n.Kind != yaml.SequenceNode {
		d.fail(n, "want a list, got %s", describe(n))
		return
	}
	for _, item := range n.Content {
		e := reflect.New(v.Type().Elem()).Elem()
		d.decode(item, e)
		v.Set(reflect.Append(v, e))
	}
}

func (d *decoder) decodeMap(n *yaml.Node, v reflect.Value) {
	if n.Kind != yaml.MappingNode {
		d.fail(n, "want a mapping, got %s", describe(n))
		return
	}
	if v.IsNil() {
		v.Set(reflect.MakeMap(v.Type()))
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := reflect.New(v.Type().Key()).Elem()
		d.decodeScalar(n.Content[i], k)
		e := reflect.New(v.Type().Elem()).Elem()
		d.decode(n.Content[i+1], e)
		v.SetMapIndex(k, e)
	}
}

func (d *decoder) decodeScalar(n *yaml.Node, v reflect.Value) {
	if n.Kind != yaml.ScalarNode {
		d.fail(n, "want a %s, got %s", v.Kind(), describe(n))
		return
	}
	if err := n.Decode(v.Addr().Interface()); err != nil {
		d.fail(n, "want a %s, got %q", v.Type(), n.Value)
	}
}

func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	}
	return fmt.Sprintf("%q", n.Value)
}

func fieldByTag(v reflect.Value, name string) (reflect.Value, bool) {
	t := v.Type()
	for i := range t.NumField() {
		if n := tagName(t.Field(i)); n != "" && n == name {
			return v.Field(i), true
		}
	}
	return reflect.Value{}, false
}

func fieldNames(t reflect.Type) []string {
	var names []string
	for i := range t.NumField() {
		if n := tagName(t.Field(i)); n != "" {
			names = append(names, n)
		}
	}
	slices.Sort(names)
	return names
}

func tagName(f reflect.StructField) string {
	if !f.IsExported() {
		return ""
	}
	name, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
	if name == "-" {
		return ""
	}
	return name
}
