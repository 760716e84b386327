package export

import (
	"encoding/json"
	"fmt"
	"strconv"

	"github.com/claimwire/claimwire/model"
)

// GroupColumns is the CSV header of a groups export (Options.Groups), in
// the order of GroupRow's cells.
var GroupColumns = []string{
	"group_id", "kind",
	"accuser", "accused", "speaker", "quote", "denier", "denied",
	"articles", "outlets", "first", "last", "first_article", "last_article",
	"answers", "sentence", "merge_rule",
}

// GroupRow returns a group's CSV cells, in the order of GroupColumns; the
// parties, quote and sentence are those of the group's first claim.
func GroupRow(g model.Group) []string {
	c := g.Claim
	return []string{
		g.ID, string(g.Kind),
		c.Accuser, c.Accused, c.Speaker, c.Quote, c.Denier, c.Denied,
		strconv.Itoa(g.Articles), strconv.Itoa(g.Outlets), timeCell(g.First), timeCell(g.Last),
		g.FirstArticle, g.LastArticle,
		g.Answers, c.Sentence, c.MergeRule,
	}
}

// groupNumeric marks the group columns printed from numbers.
var groupNumeric = map[int]bool{8: true, 9: true}

// WriteGroup writes one group: a CSV row (see GroupRow, neutralised as
// Write does) or an NDJSON line of the group's JSON without its members.
// The Writer must have Options.Groups set.
func (w *Writer) WriteGroup(g model.Group) error {
	if err := w.start(); err != nil {
		return err
	}
	if !w.opts.Groups {
		return fmt.Errorf("export: group %s: writer was not made for groups", g.ID)
	}
	g.Members = nil
	if w.opts.Format == CSV {
		row := GroupRow(g)
		if !w.opts.Raw {
			for i, cell := range row {
				if !groupNumeric[i] {
					row[i] = neutralise(cell)
				}
			}
		}
		return w.writeRecord(row)
	}
	line, err := json.Marshal(g)
	if err != nil {
		return fmt.Errorf("export: group %s: %w", g.ID, err)
	}
	if _, err := w.buf.Write(append(line, '\n')); err != nil {
		return fmt.Errorf("export: ndjson: %w", err)
	}
	return nil
}
