package main

import (
	"errors"
	"fmt"
	iofs "io/fs"
	"log/slog"
	"os"

	"github.com/claimwire/claimwire/daemon"
	"github.com/claimwire/claimwire/feeds"
	"github.com/claimwire/claimwire/store"
)

// cmdServe serves the API and the web interface over a database file while
// no daemon runs, or over a PostgreSQL database beside its daemons: browse the claims of a copied or finished database.
// Reprocessing from its pages works as with the daemon.
func cmdServe(e *env, args []string) error {
	fs := e.flags()
	db := dbFlag(fs)
	listen := fs.String("listen", "127.0.0.1:8181", "`address` to serve the pages and the API on (port 0 picks a free one)")
	allowHosts := &listFlag{}
	fs.Var(allowHosts, "allow-host", "a `name` the server answers to besides its address and localhost (repeatable)")
	logFormat := fs.String("log-format", "text", "log `format`: text or json")
	rulesDirs := rulesFlag(fs)
	pos, err := e.parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usageErr("unexpected argument %q", pos[0])
	}
	if *listen == "" {
		return usageErr("--listen: want an address such as 127.0.0.1:8181")
	}
	if !store.IsURL(*db) {
		if _, err := os.Stat(*db); errors.Is(err, iofs.ErrNotExist) {
			return inputErr(fmt.Errorf("no database at %s (give --db PATH)", *db))
		}
		if h := e.holder(*db); h.answers {
			return fmt.Errorf("database %s is held by a running claimwire daemon, which serves the pages itself: http://%s/", *db, h.addr.Addr)
		}
	}
	log, err := newLogger(e.stderr, *logFormat, "info")
	if err != nil {
		return err
	}
	p, err := pipeline(*rulesDirs, feeds.DefaultOptions())
	if err != nil {
		return err
	}
	p.Metrics = daemon.NewMetrics()
	st, err := e.openWritable(*db)
	if err != nil {
		return err
	}
	defer st.Close()
	stop, addr, err := serveAPI(*listen, *allowHosts, st, p, log)
	if err != nil {
		return err
	}
	defer stop()
	log.Info("serving", slog.String("pages", "http://"+addr+"/claims"), slog.String("db", st.Name()))
	fmt.Fprintf(e.stdout, "claimwire: serving %s at http://%s/ (Ctrl-C to stop)\n", st.Name(), addr)
	<-e.ctx.Done()
	return nil
}
