package extract

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/claimwire/claimwire/extract/postag"
)

// corpus reads the articles of the first directory that has any, with
// their total word count (tokens that start with a letter or digit).
func corpus(b *testing.B, dirs ...string) ([]string, int) {
	b.Helper()
	for _, dir := range dirs {
		files, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
		if len(files) == 0 {
			continue
		}
		var texts []string
		words := 0
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				b.Fatal(err)
			}
			texts = append(texts, string(data))
			words += len(strings.Fields(string(data)))
		}
		return texts, words
	}
	b.Skipf("no articles in %v", dirs)
	return nil, 0
}

// corpusDirs are the article folders the corpus benchmarks run over: the
// 820 polnear training articles when ../shared is beside the repository,
// else the golden articles.
var corpusDirs = []string{"../../shared/eval/polnear/train", "../testdata/articles"}

// corpora are the corpora BenchmarkExtractCorpus measures one by one.
var corpora = []struct{ name, dir string }{
	{"testdata", "../testdata/articles"},
	{"polnear-train", "../../shared/eval/polnear/train"},
}

// BenchmarkExtractCorpus extracts every article of each corpus per
// iteration, in one goroutine, and reports words per second per core
// (words are runs of non-space characters), words per second of the
// process's CPU time (garbage collection included, waiting for a core
// excluded: steadier on a busy machine) and allocations per article.
// A corpus that is not there is skipped. make bench-speed prints the
// medians of five runs.
func BenchmarkExtractCorpus(b *testing.B) {
	x := testExtractor()
	LoadModel()
	ctx := context.Background()
	for _, c := range corpora {
		b.Run(c.name, func(b *testing.B) {
			texts, words := corpus(b, c.dir)
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			cpu := processCPU()
			for b.Loop() {
				for _, text := range texts {
					if _, err := x.Extract(ctx, text); err != nil {
						b.Fatal(err)
					}
				}
			}
			cpu = processCPU() - cpu
			runtime.ReadMemStats(&after)
			reportCorpus(b, len(texts), words)
			b.ReportMetric(float64(after.Mallocs-before.Mallocs)/float64(b.N*len(texts)), "allocs/article")
			if cpu > 0 {
				b.ReportMetric(float64(words)*float64(b.N)/cpu.Seconds(), "words/cpu-s")
			}
		})
	}
}

// reportCorpus reports words per second per core: the benchmarks run in
// one goroutine.
func reportCorpus(b *testing.B, articles, words int) {
	sec := b.Elapsed().Seconds()
	b.ReportMetric(float64(words)*float64(b.N)/sec, "words/s/core")
	if articles > 0 {
		b.ReportMetric(float64(articles)*float64(b.N)/sec, "articles/s")
	}
	b.ReportMetric(0, "ns/op")
}

// BenchmarkTagCorpus tags every sentence of the corpus, as extract cuts
// them, with postag; BenchmarkTagCorpusProse does the same with prose, as
// extract did before.
func BenchmarkTagCorpus(b *testing.B) {
	sents, words := corpusSentences(b)
	st := taggers.Get().(*sentenceTagger)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		for _, toks := range sents {
			for i := range toks {
				toks[i].tag = ""
			}
			st.tag(toks)
		}
	}
	reportCorpus(b, 0, words)
}

func BenchmarkTagCorpusProse(b *testing.B) {
	sents, words := corpusSentences(b)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		for _, toks := range sents {
			runProse(toks, false)
		}
	}
	reportCorpus(b, 0, words)
}

// corpusSentences cuts the corpus into extract's sentences and counts
// their word tokens.
func corpusSentences(b *testing.B) ([][]token, int) {
	texts, _ := corpus(b, corpusDirs...)
	var sents [][]token
	words := 0
	for _, text := range texts {
		d := testExtractor().newDoc(text)
		for _, s := range d.sents {
			toks := d.toks[s.first:s.last]
			sents = append(sents, toks)
			for i := range toks {
				if toks[i].isWord() {
					words++
				}
			}
		}
	}
	LoadModel()
	return sents, words
}

// BenchmarkTagModelLoad reports how long building the lookup tables takes
// and how much memory they hold.
func BenchmarkTagModelLoad(b *testing.B) {
	var m *postag.Model
	for b.Loop() {
		var err error
		if m, err = postag.Load(); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(m.Size())/(1<<20), "MB")
}
