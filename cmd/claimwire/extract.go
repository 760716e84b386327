package main

import (
	"fmt"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/claimwire/claimwire/export"
	"github.com/claimwire/claimwire/model"
)

func cmdExtract(e *env, args []string) error {
	fs := e.flags()
	format := fs.String("format", "table", "output `format`: table, json (the claims contract) or csv")
	explain := fs.Bool("explain", false, "print how the rules read the text (sentences, tags, speech, accusations) instead of the claims")
	rulesDirs := rulesFlag(fs)
	fetch := addFetchFlags(fs)
	pos, err := e.parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageErr("want one FILE, URL or -, got %d arguments", len(pos))
	}
	write, ok := claimWriters[*format]
	if !ok {
		return usageErr("--format %q: want table, json or csv", *format)
	}
	p, err := pipeline(*rulesDirs, fetch.options())
	if err != nil {
		return err
	}
	in, err := e.readInput(pos[0], p)
	if err != nil {
		return err
	}
	a, err := in.article(e, p)
	if err != nil {
		return err
	}
	if *explain {
		return p.Claims.Explain(e.ctx, e.stdout, a.Text)
	}
	claims, err := p.Extract(e.ctx, &a)
	if err != nil {
		return fmt.Errorf("%s: %w", in.name, err)
	}
	if a.Limits != "" {
		fmt.Fprintf(e.stderr, "claimwire: %s: %s\n", in.name, a.Limits)
	}
	return write(e, a, claims)
}

var claimWriters = map[string]func(*env, model.Article, []model.Claim) error{
	"json":  writeClaimsJSON,
	"csv":   writeClaimsCSV,
	"table": writeClaimsTable,
}

// writeClaimsJSON prints the contract of ../shared/eval: {"claims": [...]},
// with "limits" beside them when extraction hit its bounds.
func writeClaimsJSON(e *env, a model.Article, claims []model.Claim) error {
	if claims == nil {
		claims = []model.Claim{}
	}
	return writeJSON(e, struct {
		Claims []model.Claim `json:"claims"`
		Limits string        `json:"limits,omitempty"`
	}{claims, a.Limits})
}

func writeClaimsCSV(e *env, a model.Article, claims []model.Claim) error {
	w := export.NewWriter(e.stdout, export.Options{Format: export.CSV})
	for _, c := range claims {
		if err := w.Write(c, a); err != nil {
			return err
		}
	}
	return w.Flush()
}

// writeClaimsTable prints one claim a line: its kind, who or what it is
// about, the detail, and where it is in the text.
func writeClaimsTable(e *env, _ model.Article, claims []model.Claim) error {
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "KIND\tWHO\tWHAT\tAT")
	for _, c := range claims {
		who, what := describe(c)
		fmt.Fprintf(tw, "%s\t%s\t%s\t%d-%d\n", c.Kind, who, clip(what, 80), c.Start, c.End)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	_, err := fmt.Fprintf(e.stdout, "%d claims\n", len(claims))
	return err
}

func describe(c model.Claim) (who, what string) {
	switch c.Kind {
	case model.Accusation:
		return c.Accuser + " → " + c.Accused, firstOf(c.Allegation, c.Cue)
	case model.Actor:
		return c.Label, joinNonEmpty(", ", c.Canonical, sponsorOf(c.Sponsor))
	case model.Quote:
		return c.Speaker, strconv.Quote(c.Quote)
	case model.Number:
		return strings.TrimSpace(c.Qualifier + " " + strconv.FormatFloat(c.Value, 'f', -1, 64) + " " + c.Unit), c.Text
	}
	return "", c.Sentence
}

func sponsorOf(s string) string {
	if s == "" {
		return ""
	}
	return "sponsor: " + s
}

func joinNonEmpty(sep string, parts ...string) string {
	var out []string
	for _, p := range parts {
		if p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, sep)
}

// clip shortens s to n runes with an ellipsis.
func clip(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
