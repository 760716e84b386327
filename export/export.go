// Package export writes claims, each with the article it came from, as CSV
// for spreadsheets, as NDJSON for programs, or as a STIX 2.1 bundle for
// threat-intelligence platforms.
package export

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"

	"github.com/claimwire/claimwire/model"
)

// Format is an output format.
type Format string

// The formats a Writer writes.
const (
	CSV    Format = "csv"    // RFC 4180 with a header row; see Columns
	NDJSON Format = "ndjson" // one JSON object per line; see Writer.Write
)

// Valid reports whether f is a format a Writer writes.
func (f Format) Valid() bool { return f == CSV || f == NDJSON || f == STIX }

// Options configures a Writer.
type Options struct {
	// Format is CSV or NDJSON; empty means CSV.
	Format Format
	// Excel writes a UTF-8 byte-order mark before a CSV, without which Excel
	// reads the file in the local code page and garbles non-ASCII text.
	Excel bool
	// Raw leaves CSV text cells as they are instead of neutralising those
	// a spreadsheet would run as formulas (see Writer.Write).
	Raw bool
	// Groups makes the Writer write groups (WriteGroup) rather than claims:
	// the CSV header is GroupColumns.
	Groups bool
}

// Writer writes claims in one format. It buffers: call Flush when done, and
// check its error, since a failed write may only show there.
type Writer struct {
	w       io.Writer
	opts    Options
	csv     *csv.Writer   // CSV only
	buf     *bufio.Writer // NDJSON only
	stix    *stixBuilder  // STIX only: the bundle is written by Flush
	started bool
	err     error // why start failed; later calls report it again
}

// NewWriter returns a Writer to w. An invalid Options.Format is reported by
// the first Write or Flush.
func NewWriter(w io.Writer, opts Options) *Writer {
	if opts.Format == "" {
		opts.Format = CSV
	}
	return &Writer{w: w, opts: opts}
}

// Write writes one claim with its article.
//
// In CSV it is one row (see Row). Unless Options.Raw, a text cell that
// begins with =, +, -, @, tab or carriage return gets a leading apostrophe,
// so that a spreadsheet shows it as text rather than running it as a formula
// planted in a news feed (CSV injection). Cells we generate from numbers
// (value, start, end, confidence) are left alone: a negative value stays a
// number.
//
// In NDJSON it is one line: the claim's JSON with the article's url, title,
// feeds (a list, as in model.Article), published and fetched added.
func (w *Writer) Write(c model.Claim, a model.Article) error {
	if err := w.start(); err != nil {
		return err
	}
	switch w.opts.Format {
	case CSV:
		return w.writeCSV(c, a)
	case STIX:
		return w.stix.add(c, a)
	}
	return w.writeJSON(c, a)
}

// Flush writes out whatever is buffered and reports the first write error,
// which the buffers keep. A CSV with no claims still gets its header (and
// byte-order mark).
func (w *Writer) Flush() error {
	if err := w.start(); err != nil {
		return err
	}
	var err error
	switch w.opts.Format {
	case CSV:
		w.csv.Flush()
		err = w.csv.Error() // Flush itself says nothing of failures
	case STIX:
		if err = w.stix.write(w.w); err == nil {
			w.stix = newSTIXBuilder() // a second Flush writes an empty bundle, not this one again
		}
	default:
		err = w.buf.Flush()
	}
	if err != nil {
		return fmt.Errorf("export: %s: %w", w.opts.Format, err)
	}
	return nil
}

// start sets the writer up on first use, so that an empty export still has
// its header, and remembers why it could not.
func (w *Writer) start() error {
	if w.started {
		return w.err
	}
	w.started = true
	switch w.opts.Format {
	case CSV:
		w.err = w.startCSV()
	case NDJSON:
		w.buf = bufio.NewWriter(w.w)
	case STIX:
		w.stix = newSTIXBuilder()
	default:
		w.err = fmt.Errorf("export: unknown format %q (want %s, %s or %s)", w.opts.Format, CSV, NDJSON, STIX)
	}
	return w.err
}
