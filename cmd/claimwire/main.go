// Command claimwire turns news into structured, checkable claims: who
// accuses whom, which threat actors are named, who said what, and the
// numbers claimed. Run "claimwire help" for its commands.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	_ "github.com/claimwire/claimwire/store/pgstore" // postgres:// databases
	"io"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := runContext(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// run runs one command line and returns its exit code: 0 on success, 1 when
// the work failed, 2 on bad usage or unreadable input.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	return runContext(context.Background(), args, stdin, stdout, stderr)
}

func runContext(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	e := &env{ctx: ctx, stdin: stdin, stdout: stdout, stderr: stderr}
	if len(args) == 0 {
		printHelp(stderr)
		return exitUsage
	}
	name, rest := args[0], args[1:]
	if name == "help" || name == "-h" || name == "-help" || name == "--help" {
		return helpCommand(e, rest)
	}
	cmd := lookup(name)
	if cmd == nil {
		fmt.Fprintf(stderr, "claimwire: unknown command %q (run 'claimwire help' for a list)\n", name)
		return exitUsage
	}
	e.cmd = cmd
	return report(stderr, cmd.name, cmd.run(e, rest))
}

// Exit codes.
const (
	exitOK    = 0
	exitFail  = 1
	exitUsage = 2
)

// report prints a command's error on one line and returns its exit code.
func report(stderr io.Writer, name string, err error) int {
	switch {
	case err == nil, errors.Is(err, flag.ErrHelp):
		return exitOK
	case errors.Is(err, errSilent):
		return codeOf(err)
	}
	fmt.Fprintf(stderr, "claimwire: %s: %v\n", name, err)
	return codeOf(err)
}

// exitError gives an error its exit code.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }

// errSilent marks an error whose message the command has already printed.
var errSilent = errors.New("reported")

func codeOf(err error) int {
	var ee *exitError
	if errors.As(err, &ee) {
		return ee.code
	}
	return exitFail
}

// usageErr is a mistake on the command line: exit code 2.
func usageErr(format string, args ...any) error {
	return &exitError{code: exitUsage, err: fmt.Errorf(format, args...)}
}

// inputErr is an input that cannot be read: exit code 2.
func inputErr(err error) error {
	return &exitError{code: exitUsage, err: err}
}
