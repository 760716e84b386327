package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"time"

	"github.com/claimwire/claimwire/store"
)

// maxProblems is how many of a damaged file's problems check lists.
const maxProblems = 20

func cmdCheck(e *env, args []string) error {
	fs := e.flags()
	db := dbFlag(fs)
	repair := fs.Bool("repair", false, "copy every readable article, claim and feed into a new file that takes the database's place; the damaged file is kept beside it")
	pos, err := e.parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usageErr("unexpected argument %q", pos[0])
	}
	problems, err := e.checkFile(*db)
	if err != nil {
		return err
	}
	if len(problems) == 0 {
		if *repair {
			fmt.Fprintf(e.stdout, "%s: ok; nothing to repair\n", *db)
		}
		return nil
	}
	if !*repair {
		return fmt.Errorf("%s is damaged (%d problems); 'claimwire check --repair --db %s' copies what can be read into a new file", *db, len(problems), *db)
	}
	return e.repair(*db)
}

// checkFile opens the database read-only and lists its problems, printing
// them, or "ok" when there are none.
func (e *env) checkFile(path string) ([]error, error) {
	if store.IsURL(path) {
		return nil, usageErr("check works on a database file; %s is a server, which checks itself", store.RedactURL(path))
	}
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		return nil, inputErr(fmt.Errorf("open %s: no such database", path))
	}
	db, err := openDB(path, true)
	switch {
	case errors.Is(err, store.ErrLocked):
		return nil, e.holder(path).lockedError(path)
	case errors.Is(err, store.ErrDamaged):
		fmt.Fprintf(e.stdout, "%s: %v\n", path, err)
		return []error{err}, nil
	case err != nil:
		return nil, err
	}
	defer db.Close()
	problems := splitErrors(db.(*store.DB).Check())
	for i, p := range problems {
		if i == maxProblems {
			fmt.Fprintf(e.stdout, "%s: and %d more problems\n", path, len(problems)-maxProblems)
			break
		}
		fmt.Fprintf(e.stdout, "%s: %v\n", path, p)
	}
	if len(problems) == 0 {
		n, err := db.CountArticles()
		if err != nil {
			return []error{err}, nil
		}
		fmt.Fprintf(e.stdout, "%s: ok (%d articles)\n", path, n)
	}
	return problems, nil
}

// splitErrors lists the errors that Check joined.
func splitErrors(err error) []error {
	for err != nil {
		if j, ok := err.(interface{ Unwrap() []error }); ok {
			return j.Unwrap()
		}
		next := errors.Unwrap(err)
		if next == nil {
			return []error{err}
		}
		err = next
	}
	return nil
}

// repair copies what can be read into a new file, which takes the place of
// the damaged one; the damaged one is kept under a new name.
func (e *env) repair(path string) error {
	tmp := path + ".repaired"
	n, err := store.Repair(path, tmp)
	if err != nil {
		_ = os.Remove(tmp)
		return err
	}
	kept := fmt.Sprintf("%s.damaged-%s", path, time.Now().UTC().Format("20060102T150405Z"))
	if err := os.Rename(path, kept); err != nil {
		return fmt.Errorf("keep the damaged file: %w (the copy is %s)", err, tmp)
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("put the copy in place: %w (it is %s; the damaged file is %s)", err, tmp, kept)
	}
	fmt.Fprintf(e.stdout, "%s: copied %d articles, %d claims and %d feeds into a new file; the damaged one is kept as %s\n",
		path, n.Articles, n.Claims, n.Feeds, kept)
	return nil
}
