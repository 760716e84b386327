package postag

import (
	"bytes"
	"flag"
	"os"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the model files from prose's models")

// TestModelFiles checks that the model files in the binary are exactly
// what prose's own models give (and rewrites them with -update), and that
// reading them back gives the same files.
func TestModelFiles(t *testing.T) {
	tm, err := LoadProse()
	if err != nil {
		t.Fatal(err)
	}
	em, err := LoadEntitiesProse()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []struct {
		name     string
		want     []byte
		embedded string
		reread   func(string) ([]byte, error)
	}{
		{"tagger.bin", tm.encode(), taggerFile, func(s string) ([]byte, error) {
			m, err := decodeModel(s)
			if err != nil {
				return nil, err
			}
			return m.encode(), nil
		}},
		{"entities.bin", em.encode(), entitiesFile, func(s string) ([]byte, error) {
			m, err := decodeEntities(s)
			if err != nil {
				return nil, err
			}
			return m.encode(), nil
		}},
	} {
		if *update {
			if err := os.WriteFile(f.name, f.want, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if f.embedded != string(f.want) {
			t.Errorf("%s (%d bytes) differs from what prose's model gives (%d bytes): go test ./extract/postag -run TestModelFiles -update", f.name, len(f.embedded), len(f.want))
		}
		again, err := f.reread(string(f.want))
		if err != nil {
			t.Fatalf("%s: %v", f.name, err)
		}
		if !bytes.Equal(again, f.want) {
			t.Errorf("%s: reading and writing it again changes it", f.name)
		}
	}
}

// TestModelFilesDamaged checks that a cut or damaged model file is an
// error, or a model that tags without failing, never a panic.
func TestModelFilesDamaged(t *testing.T) {
	if len(taggerFile) < 1000 || len(entitiesFile) < 1000 {
		t.Fatal("model files missing")
	}
	for _, f := range []struct {
		name string
		file string
		load func(string) error
	}{
		{"tagger", taggerFile, func(s string) error {
			m, err := decodeModel(s)
			if err == nil {
				tg := m.NewTagger()
				for _, s := range sentences {
					tg.Tag(s)
				}
			}
			return err
		}},
		{"entities", entitiesFile, func(s string) error {
			m, err := decodeEntities(s)
			if err == nil {
				tg := testModel().NewTagger()
				for _, s := range sentences {
					tg.Tag(s)
					tg.Entities(m)
				}
			}
			return err
		}},
	} {
		for _, n := range []int{0, 5, len(f.file) / 3, len(f.file) / 2, len(f.file) - 1} {
			if err := f.load(f.file[:n]); err == nil {
				t.Errorf("%s cut to %d bytes: no error", f.name, n)
			}
		}
		for i := 0; i < 64; i++ {
			b := []byte(f.file)
			at := (i*7919*7919 + 31) % len(b)
			b[at] ^= 0xA5
			_ = f.load(string(b)) // must not panic
		}
	}
}

func TestLoadFromFilesMatchesProse(t *testing.T) {
	fromProse, err := LoadProse()
	if err != nil {
		t.Fatal(err)
	}
	a, b := testModel().NewTagger(), fromProse.NewTagger()
	for _, s := range sentences {
		got, want := a.Tag(s), b.Tag(s)
		if i, ok := sameTokens(got, want); !ok {
			t.Errorf("%q: token %d differs: %v, %v", s, i, got[i:], want[i:])
		}
	}
}

func BenchmarkLoad(b *testing.B) {
	for b.Loop() {
		if _, err := Load(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLoadEntities(b *testing.B) {
	for b.Loop() {
		if _, err := LoadEntities(); err != nil {
			b.Fatal(err)
		}
	}
}
