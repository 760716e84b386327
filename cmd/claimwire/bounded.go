package main

import (
	"errors"
	"flag"
	"fmt"
	"strconv"
	"time"
)

// intFlag is an integer flag checked against its bounds when it is parsed,
// so that an out-of-range value is a usage error naming the flag.
type intFlag struct {
	v        *int
	min, max int
}

func (f intFlag) String() string {
	if f.v == nil {
		return ""
	}
	return strconv.Itoa(*f.v)
}

func (f intFlag) Set(s string) error {
	n, err := strconv.Atoi(s)
	if err != nil {
		return errors.New("not a whole number")
	}
	if n < f.min || n > f.max {
		return fmt.Errorf("out of range: want %d to %d", f.min, f.max)
	}
	*f.v = n
	return nil
}

// boundedInt adds an integer flag that takes values from min to max.
func boundedInt(fs *flag.FlagSet, p *int, name string, def, min, max int, usage string) {
	*p = def
	fs.Var(intFlag{p, min, max}, name, fmt.Sprintf("%s (%d to %d)", usage, min, max))
}

// durationFlag is a duration flag checked against its bounds.
type durationFlag struct {
	v        *time.Duration
	min, max time.Duration
}

func (f durationFlag) String() string {
	if f.v == nil {
		return ""
	}
	return f.v.String()
}

func (f durationFlag) Set(s string) error {
	d, err := time.ParseDuration(s)
	if err != nil {
		return errors.New("not a duration (such as 500ms, 30s or 2m)")
	}
	if d < f.min || d > f.max {
		return fmt.Errorf("out of range: want %s to %s", f.min, f.max)
	}
	*f.v = d
	return nil
}

// boundedDuration adds a duration flag that takes values from min to max.
func boundedDuration(fs *flag.FlagSet, p *time.Duration, name string, def, min, max time.Duration, usage string) {
	*p = def
	fs.Var(durationFlag{p, min, max}, name, fmt.Sprintf("%s (%s to %s)", usage, shortDuration(min), shortDuration(max)))
}

// shortDuration prints whole hours and minutes as "1h" and "5m", where
// time.Duration prints "1h0m0s".
func shortDuration(d time.Duration) string {
	switch {
	case d > 0 && d%time.Hour == 0:
		return fmt.Sprintf("%dh", d/time.Hour)
	case d > 0 && d%time.Minute == 0:
		return fmt.Sprintf("%dm", d/time.Minute)
	}
	return d.String()
}
