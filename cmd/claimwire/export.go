package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/claimwire/claimwire/api"
	"github.com/claimwire/claimwire/export"
	"github.com/claimwire/claimwire/store"
)

func cmdExport(e *env, args []string) error {
	fs := e.flags()
	db := dbFlag(fs)
	var fa api.FilterArgs
	fs.StringVar(&fa.Since, "since", "", "claims of articles published since `time` (RFC 3339, a date such as 2019-11-19, days such as 7d, or a duration such as 24h)")
	fs.StringVar(&fa.Kinds, "kind", "", "claims of these `kinds` only (comma list: accusation,actor,quote,number,denial)")
	fs.StringVar(&fa.Feed, "feed", "", "claims of articles from this feed `URL` only")
	fs.StringVar(&fa.Accuser, "accuser", "", "claims whose accuser is `name` (any case)")
	fs.StringVar(&fa.Accused, "accused", "", "claims whose accused is `name` (any case)")
	fs.StringVar(&fa.Speaker, "speaker", "", "claims whose speaker is `name` (any case)")
	fs.StringVar(&fa.Actor, "actor", "", "actor claims naming this `actor` (label, name or alias)")
	groups := fs.Bool("groups", false, "write groups of claims that say the same thing across articles, not the claims")
	format := fs.String("format", "csv", "output `format`: csv, ndjson or stix (a STIX 2.1 bundle)")
	excel := fs.Bool("excel", false, "start the CSV with a byte-order mark, for Excel")
	raw := fs.Bool("raw", false, "leave cells that look like spreadsheet formulas as they are")
	out := fs.String("o", "", "write to `file` instead of standard output")
	pos, err := e.parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usageErr("unexpected argument %q", pos[0])
	}
	opts := export.Options{Format: export.Format(*format), Excel: *excel, Raw: *raw, Groups: *groups}
	if !opts.Format.Valid() {
		return usageErr("--format %q: want csv, ndjson or stix", *format)
	}
	filter, err := fa.Parse(time.Now())
	if err != nil {
		return usageErr("%v", err)
	}
	return e.withOutput(*out, func(w io.Writer) error { return e.export(*db, opts, fa, filter, w) })
}

// export writes claims through the daemon's API or from the file.
func (e *env) export(path string, opts export.Options, fa api.FilterArgs, f store.Filter, w io.Writer) error {
	acc, err := e.reach(path, true)
	if err != nil {
		return err
	}
	defer acc.Close()
	if acc.client != nil {
		return acc.client.Export(e.ctx, opts, fa, w)
	}
	gr, grouped := acc.db.(store.Grouper)
	if opts.Groups && !grouped {
		return usageErr("--groups: %s keeps no groups of claims (a database file does)", acc.db.Name())
	}
	ew := export.NewWriter(w, opts)
	if opts.Groups {
		err = gr.ForEachGroup(f, ew.WriteGroup)
	} else {
		err = acc.db.ForEachClaim(f, ew.Write)
	}
	if err != nil {
		return err
	}
	return ew.Flush()
}

// withOutput runs write on standard output, or on a file that appears
// whole under its name only if write succeeds.
func (e *env) withOutput(path string, write func(io.Writer) error) error {
	if path == "" || path == "-" {
		return write(e.stdout)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return fmt.Errorf("create %s: %w", path, err)
	}
	defer os.Remove(tmp.Name())
	if err := write(tmp); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return os.Rename(tmp.Name(), path)
}
