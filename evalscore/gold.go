package evalscore

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"
)

// Gold is one hand-annotated article: ../shared/eval/README.md gives the
// format.
type Gold struct {
	ID       string
	File     string // the gold file's path
	TextPath string // the article's path
	Text     string // the article's text
	Claims   []*Fields
	Optional []*Fields // neither rewarded nor counted as errors
}

// goldFile is the JSON of a gold file; other keys (source) are ignored.
type goldFile struct {
	ID       string    `json:"id"`
	Text     string    `json:"text"` // the article's path, relative to the gold folder
	Claims   []*Fields `json:"claims"`
	Optional []*Fields `json:"optional"`
}

// required lists the fields a gold claim of each scored kind must have.
var required = map[string][]string{
	"accusation": {"accuser", "accused"},
	"actor":      {"label"},
	"quote":      {"speaker", "quote"},
	"number":     {"value", "unit"},
}

// LoadGold reads every *.gold.json in dir, in name order, with the text of
// its article. Errors name the file.
func LoadGold(dir string) ([]Gold, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("gold: %w", err)
	}
	var golds []Gold
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".gold.json") {
			continue
		}
		g, err := loadGoldFile(dir, filepath.Join(dir, e.Name()))
		if err != nil {
			return nil, err
		}
		golds = append(golds, g)
	}
	if len(golds) == 0 {
		return nil, fmt.Errorf("gold: no *.gold.json in %s", dir)
	}
	return golds, nil
}

func loadGoldFile(dir, path string) (Gold, error) {
	f, err := parseGold(path)
	if err != nil {
		return Gold{}, fmt.Errorf("%s: %w", path, err)
	}
	g := Gold{ID: f.ID, File: path, TextPath: f.Text, Claims: f.Claims, Optional: f.Optional}
	if !filepath.IsAbs(g.TextPath) {
		g.TextPath = filepath.Join(dir, g.TextPath)
	}
	b, err := os.ReadFile(g.TextPath)
	if err != nil {
		return Gold{}, fmt.Errorf("%s: article text: %w", path, err)
	}
	g.Text = string(b)
	return g, nil
}

func parseGold(path string) (goldFile, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return goldFile{}, err
	}
	if !utf8.Valid(b) {
		return goldFile{}, errors.New("not UTF-8")
	}
	var f goldFile
	if err := json.Unmarshal(b, &f); err != nil {
		return goldFile{}, withLine(b, err)
	}
	if f.ID == "" || f.Text == "" {
		return goldFile{}, errors.New(`want "id" and "text"`)
	}
	if err := checkClaims("claims", f.Claims); err != nil {
		return goldFile{}, err
	}
	return f, checkClaims("optional", f.Optional)
}

// checkClaims makes sure every gold claim has a kind and the fields that
// score.py reads for it.
func checkClaims(list string, claims []*Fields) error {
	for i, c := range claims {
		if c == nil {
			return fmt.Errorf("%s[%d]: null", list, i)
		}
		v, _ := c.Get("kind")
		kind, ok := v.(string)
		if !ok {
			return fmt.Errorf("%s[%d]: want a string \"kind\"", list, i)
		}
		for _, k := range required[kind] {
			if _, ok := c.Get(k); !ok {
				return fmt.Errorf("%s[%d] (%s): no %q", list, i, kind, k)
			}
		}
	}
	return nil
}

// withLine adds the line and column of the byte a JSON error stopped at.
func withLine(b []byte, err error) error {
	var off int64
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		off = se.Offset
	case errors.As(err, &te):
		off = te.Offset
	default:
		return err
	}
	before := b[:min(int(off), len(b))]
	line := bytes.Count(before, []byte("\n")) + 1
	col := len(before) - bytes.LastIndexByte(before, '\n') - 1
	col = max(col, 1)
	return fmt.Errorf("line %d col %d: %w", line, col, err)
}
