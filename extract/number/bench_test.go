package number

import (
	"os"
	"testing"
)

// BenchmarkFind parses a news article of about 3 KB dense with numbers.
func BenchmarkFind(b *testing.B) {
	text, err := os.ReadFile("testdata/article.txt")
	if err != nil {
		b.Fatal(err)
	}
	p := defaultParser(b)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		p.Find(string(text))
	}
}

// BenchmarkNew compiles the default vocabulary.
func BenchmarkNew(b *testing.B) {
	set := defaultSet(b)
	for b.Loop() {
		if _, err := New(set.Numbers); err != nil {
			b.Fatal(err)
		}
	}
}
