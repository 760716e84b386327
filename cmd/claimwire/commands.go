package main

import (
	"fmt"
	"io"
	"text/tabwriter"
)

// command is one subcommand. Adding a command is one line in commands.
type command struct {
	name    string
	args    string // synopsis of its arguments
	summary string
	run     func(e *env, args []string) error
}

var commands = []command{
	{"text", "[flags] FILE|URL|-", "print the main text of a news page", cmdText},
	{"extract", "[flags] FILE|URL|-", "print the claims of one article", cmdExtract},
	{"run", "[flags]", "poll feeds and store the claims of new articles (the daemon)", cmdRun},
	{"serve", "[--db PATH] [--listen ADDR]", "serve the web interface and the API over a database file when no daemon runs", cmdServe},
	{"feeds", "[flags] [import FILE | add URL | remove URL]", "list feeds and their polling state, import a feed list, or add or remove a feed", cmdFeeds},
	{"reprocess", "[flags] ID|URL | --all", "extract the claims of stored articles again", cmdReprocess},
	{"export", "[flags]", "write stored claims as CSV or NDJSON", cmdExport},
	{"migrate", "--from FILE --to postgres://...", "copy a database file into PostgreSQL, for a team (again to finish a copy cut short)", cmdMigrate},
	{"check", "[--db PATH] [--repair]", "check the database file for damage, or copy what can be read into a new one", cmdCheck},
	{"rules", "check [DIR] | import-galaxy [-o FILE] DIR", "validate a rules folder and list shared actor names, or compile MISP galaxy clusters into rules", cmdRules},
	{"eval", "[--show] [--json] [--kinds LIST] [--rules DIR] GOLD_DIR", "score the extractor against gold files, as ../shared/eval/score.py", cmdEval},
	{"demo", "[flags]", "run the daemon once on built-in sample news and print the claims", cmdDemo},
}

func lookup(name string) *command {
	for i := range commands {
		if commands[i].name == name {
			return &commands[i]
		}
	}
	return nil
}

func printHelp(w io.Writer) {
	fmt.Fprint(w, "claimwire turns news into structured, checkable claims.\n\nUsage:\n\n  claimwire COMMAND [flags] [args]\n\nCommands:\n\n")
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	for _, c := range commands {
		fmt.Fprintf(tw, "  %s\t%s\n", c.name, c.summary)
	}
	tw.Flush()
	fmt.Fprint(w, "\nRun 'claimwire COMMAND -h' for a command's flags.\n")
}

// helpCommand prints the list of commands, or one command's usage.
func helpCommand(e *env, args []string) int {
	if len(args) == 0 {
		printHelp(e.stdout)
		return exitOK
	}
	c := lookup(args[0])
	if c == nil {
		fmt.Fprintf(e.stderr, "claimwire: help: unknown command %q\n", args[0])
		return exitUsage
	}
	e.cmd, e.stderr = c, e.stdout
	return report(e.stdout, c.name, c.run(e, []string{"-h"}))
}
