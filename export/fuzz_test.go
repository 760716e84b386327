package export

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"

	"github.com/claimwire/claimwire/model"
)

// FuzzCSV writes a claim whose text cells come from the fuzzer: the output
// must read back as one header and one row of the right width, every text
// cell must read back as written (apostrophe aside, invalid UTF-8 replaced;
// encoding/csv drops a lone CR), and no cell may start with a formula
// character, even after blanks.
func FuzzCSV(f *testing.F) {
	f.Add("=1+2", "Jane", "a sentence.")
	f.Add(" \u00a0\ufeff\u200b\n=1", "＠SUM(A1)", "\r\n-1")
	f.Add("|calc", "\"quoted\", comma", "line\nbreak")
	f.Fuzz(func(t *testing.T, quote, speaker, sentence string) {
		c := model.Claim{Kind: model.Quote, Quote: quote, Speaker: speaker, Sentence: sentence}
		var buf bytes.Buffer
		w := NewWriter(&buf, Options{Format: CSV})
		if err := w.Write(c, model.Article{}); err != nil {
			t.Fatal(err)
		}
		if err := w.Flush(); err != nil {
			t.Fatal(err)
		}
		records, err := csv.NewReader(&buf).ReadAll()
		if err != nil {
			t.Fatalf("output does not read back: %v", err)
		}
		if len(records) != 2 || len(records[1]) != len(Columns) {
			t.Fatalf("%d records, want 2 of %d cells", len(records), len(Columns))
		}
		for name, in := range map[string]string{"quote": quote, "speaker": speaker, "sentence": sentence} {
			checkCell(t, name, in, records[1][indexOf(Columns, name)])
		}
	})
}

func checkCell(t *testing.T, name, in, got string) {
	t.Helper()
	if i := strings.IndexFunc(got, notBlank); i >= 0 && startsFormula(got[i:]) {
		t.Fatalf("%s cell %q starts a formula", name, got)
	}
	in = strings.ToValidUTF8(in, "\uFFFD")
	if !strings.ContainsRune(in, '\r') && strings.TrimPrefix(got, "'") != in && got != in {
		t.Fatalf("%s cell %q, want %q", name, got, in)
	}
}
