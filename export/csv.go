package export

import (
	"cmp"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/claimwire/claimwire/model"
)

// Columns is the CSV header, in the order of Row's cells.
//
// The first column is not named "ID": Excel takes a file that starts with
// those two letters for SYLK and refuses it. An actor's aliases are left
// out: they come from the gazetteer, are the same on every row of one
// actor, and NDJSON carries them. So do cameo and text (a number as
// written). Columns added later come last, so that
// a reader's column numbers stay valid. The actor_* columns, galaxy_uuid and
// misp_tag say where an actor's identification came from: the alias that
// matched, the group's kind, curated or galaxy, and the MISP galaxy value.
var Columns = []string{
	"claim_id", "kind",
	"accuser", "accused",
	"actor_label", "actor_canonical", "sponsor",
	"speaker", "speaker_title", "quote",
	"value", "max", "unit", "qualifier",
	"sentence", "start", "end",
	"article_id", "url", "title", "feed", "published", "fetched",
	"rule", "confidence",
	"accuser_org",
	"allegation", "cue", "direct", "group_id", "canonical_url",
	"denier", "denied", "answers_group",
	"actor_alias", "actor_kind", "actor_source", "galaxy_uuid", "misp_tag",
}

// numeric marks the columns whose cells we print from numbers. They hold no
// text from a feed, so they are never neutralised.
var numeric = columnSet("value", "max", "start", "end", "confidence")

// Row returns a claim's CSV cells, in the order of Columns, exactly as they
// are (a Writer neutralises formula-like text; Row does not).
//
// direct is true or false for a quote and empty otherwise;
// canonical_url is the article's own (url may be the same);
// value is printed without an exponent and is empty unless the claim is a
// number; max, a range's upper end, likewise and only for a range; times are RFC 3339 in UTC, empty when unknown; feed is the
// article's feeds joined by spaces; article_id falls back to the article's
// ID for claims not yet stored, and url to its canonical URL when it has no
// other.
func Row(c model.Claim, a model.Article) []string {
	return []string{
		c.ID, string(c.Kind),
		c.Accuser, c.Accused,
		c.Label, c.Canonical, c.Sponsor,
		c.Speaker, c.SpeakerTitle, c.Quote,
		value(c), maxCell(c), c.Unit, c.Qualifier,
		c.Sentence, strconv.Itoa(c.Start), strconv.Itoa(c.End),
		cmp.Or(c.ArticleID, a.ID), cmp.Or(a.URL, a.CanonicalURL), a.Title, strings.Join(a.Feeds, " "),
		timeCell(a.Published), timeCell(a.Fetched),
		c.Rule, formatFloat(c.Confidence),
		c.AccuserOrg,
		c.Allegation, c.Cue, direct(c), c.GroupID, a.CanonicalURL,
		c.Denier, c.Denied, c.AnswersGroup,
		c.Alias, c.ActorKind, c.ActorSource, c.GalaxyUUID, c.MISPTag,
	}
}

// direct prints whether a quote is direct; other kinds have no such cell.
func direct(c model.Claim) string {
	if c.Kind != model.Quote {
		return ""
	}
	return strconv.FormatBool(c.Direct)
}

func (w *Writer) startCSV() error {
	if w.opts.Excel {
		// Straight to w: the csv.Writer has buffered nothing yet.
		if _, err := io.WriteString(w.w, "\uFEFF"); err != nil {
			return fmt.Errorf("export: byte-order mark: %w", err)
		}
	}
	w.csv = csv.NewWriter(w.w)
	w.csv.UseCRLF = true // RFC 4180 line ends
	if w.opts.Groups {
		return w.writeRecord(GroupColumns)
	}
	return w.writeRecord(Columns)
}

func (w *Writer) writeCSV(c model.Claim, a model.Article) error {
	row := Row(c, a)
	if !w.opts.Raw {
		for i, cell := range row {
			if !numeric[i] {
				row[i] = neutralise(strings.ToValidUTF8(cell, "\uFFFD"))
			}
		}
	}
	return w.writeRecord(row)
}

func (w *Writer) writeRecord(row []string) error {
	if err := w.csv.Write(row); err != nil {
		return fmt.Errorf("export: csv: %w", err)
	}
	return nil
}

// neutralise makes a spreadsheet show a formula-like cell as text. The
// apostrophe is what spreadsheets themselves use for that. A cell is
// formula-like when its first character, or its first after blanks, is one
// that starts a formula or a DDE call: = + - @ |, their fullwidth and small
// forms (some spreadsheets fold them to ASCII), tab and carriage return.
// Blanks are skipped because programs trim spaces, no-break spaces, byte
// order marks, zero-width spaces and line breaks and then see the formula
// behind. The cell must be valid UTF-8: the CSV writer drops a lone
// carriage return, and the bytes either side of it could then make a
// fullwidth @.
func neutralise(cell string) string {
	i := strings.IndexFunc(cell, notBlank)
	if i < 0 {
		i = 0 // all blank: only a leading tab or CR matters
	}
	if cell != "" && (strings.IndexByte("\t\r", cell[0]) >= 0 || startsFormula(cell[i:])) {
		return "'" + cell
	}
	return cell
}

// formulaStarts are the characters that make a cell a formula or a DDE call
// when it starts with them, after blanks.
const formulaStarts = "=+-@|＝＋－＠｜﹦﹢﹣﹫"

func startsFormula(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return s != "" && strings.ContainsRune(formulaStarts, r)
}

// notBlank reports whether r is visible: blanks are white space (tab, CR
// and newline included) and the invisible format characters, such as the
// byte order mark and the zero-width space.
func notBlank(r rune) bool {
	return !unicode.IsSpace(r) && !unicode.Is(unicode.Cf, r)
}

// value prints a number claim's value in full (4400000000, not 4.4e+09),
// which spreadsheets read as a number; other kinds have none.
func value(c model.Claim) string {
	if c.Kind != model.Number {
		return ""
	}
	return formatFloat(c.Value)
}

// maxCell prints the upper end of a number claim's range, or nothing.
func maxCell(c model.Claim) string {
	if c.Kind != model.Number || c.Max == 0 {
		return ""
	}
	return formatFloat(c.Max)
}

func formatFloat(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

func timeCell(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

// columnSet marks the named columns. It panics on a name not in Columns,
// which can only be a mistake in this file.
func columnSet(names ...string) []bool {
	set := make([]bool, len(Columns))
	for _, name := range names {
		i := indexOf(Columns, name)
		if i < 0 {
			panic("export: no column " + name)
		}
		set[i] = true
	}
	return set
}

func indexOf(s []string, v string) int {
	for i, x := range s {
		if x == v {
			return i
		}
	}
	return -1
}
