// Package rules loads the data that drives extraction: threat-actor names
// and their aliases, countries and organisations with their other names,
// cue words, number words and per-site HTML rules. The defaults are YAML
// files embedded in the binary; a user's folder extends or overrides them.
//
// Every file may hold any of the top-level sections (actors,
// galaxy_actors, actor_cues, actor_patterns, countries, parties, cues,
// numbers, sites). Files are read
// in name order. A named entry (an actor, country, party, pattern or site)
// replaces an earlier entry of the same name; word lists are extended.
// Unknown keys, wrong types and invalid entries are errors naming the file,
// line and column.
package rules

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"sync"

	"go.yaml.in/yaml/v3"
)

//go:generate go run ../cmd/claimwire rules import-galaxy -o default/actors_galaxy.yaml ../../shared/data/misp-galaxy

//go:embed default/*.yaml
var defaultFS embed.FS

// MaxFileSize bounds one rules file: user folders are outside input.
const MaxFileSize = 4 << 20

// Set is a complete, validated rule set.
type Set struct {
	Actors        []Actor // the curated actors; see AllActors
	GalaxyActors  []Actor // groups compiled from the MISP galaxy
	ActorCues     []string
	ActorPatterns []ActorPattern
	Countries     []Country
	Parties       []Party
	Cues          Cues
	Numbers       Numbers
	Sites         []Site
}

// file is the shape of one rules file.
type file struct {
	Actors        []Actor        `yaml:"actors"`
	GalaxyActors  []Actor        `yaml:"galaxy_actors"`
	ActorCues     []string       `yaml:"actor_cues"` // words that, beside an ambiguous actor name, make it count
	ActorPatterns []ActorPattern `yaml:"actor_patterns"`
	Countries     []Country      `yaml:"countries"`
	Parties       []Party        `yaml:"parties"`
	Cues          Cues           `yaml:"cues"`
	Numbers       Numbers        `yaml:"numbers"`
	Sites         []Site         `yaml:"sites"`
}

// Default returns the embedded rule set. It is parsed once per process.
var Default = sync.OnceValues(func() (*Set, error) {
	s := &Set{}
	sub, err := fs.Sub(defaultFS, "default")
	if err != nil {
		return nil, err
	}
	if err := s.addFS(sub, "default"); err != nil {
		return nil, fmt.Errorf("embedded rules: %w", err)
	}
	return s, nil
})

// Load returns the embedded defaults extended by each folder in dirs, in order.
func Load(dirs ...string) (*Set, error) {
	base, err := Default()
	if err != nil {
		return nil, err
	}
	if len(dirs) == 0 {
		return base, nil
	}
	s := base.clone()
	for _, dir := range dirs {
		if err := s.addDir(dir); err != nil {
			return nil, err
		}
	}
	return s, nil
}

// Check validates the rules folder dir on top of the defaults and returns
// every error found, each naming its file and line. No errors means the
// folder would load.
func Check(dir string) []error {
	base, err := Default()
	if err != nil {
		return []error{err}
	}
	err = base.clone().addDir(dir)
	if err == nil {
		return nil
	}
	var joined interface{ Unwrap() []error }
	if errors.As(err, &joined) {
		return joined.Unwrap()
	}
	return []error{err}
}

func (s *Set) addDir(dir string) error {
	info, err := os.Stat(dir)
	if err != nil {
		return fmt.Errorf("rules folder: %w", err)
	}
	if !info.IsDir() {
		return fmt.Errorf("rules folder %s: not a folder", dir)
	}
	return s.addFS(os.DirFS(dir), dir)
}

// addFS reads every *.yaml and *.yml file at the top of fsys; name is how
// errors refer to the folder. Files are parsed on every core and merged in
// name order, so the set is the same as when they are read one by one.
func (s *Set) addFS(fsys fs.FS, name string) error {
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return fmt.Errorf("rules folder %s: %w", name, err)
	}
	var names []string
	for _, e := range entries {
		ext := path.Ext(e.Name())
		if !e.IsDir() && (ext == ".yaml" || ext == ".yml") {
			names = append(names, e.Name())
		}
	}
	files := make([]*file, len(names))
	fileErrs := make([][]error, len(names))
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	var wg sync.WaitGroup
	for i, n := range names {
		sem <- struct{}{}
		wg.Go(func() {
			defer func() { <-sem }()
			files[i], fileErrs[i] = parseFile(fsys, n, path.Join(name, n))
		})
	}
	wg.Wait()
	var errs []error
	for i, f := range files {
		errs = append(errs, fileErrs[i]...)
		if f != nil {
			s.merge(f)
		}
	}
	return errors.Join(errs...)
}

// parseFile decodes one rules file, or returns every error in it.
func parseFile(fsys fs.FS, name, display string) (*file, []error) {
	data, err := readBounded(fsys, name)
	if err != nil {
		return nil, []error{fmt.Errorf("%s: %w", display, err)}
	}
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, []error{fmt.Errorf("%s: %w", display, err)}
	}
	var f file
	d := &decoder{file: display}
	d.decode(&root, reflect.ValueOf(&f).Elem())
	if len(d.errs) > 0 {
		return nil, d.errs
	}
	return &f, nil
}

func readBounded(fsys fs.FS, name string) ([]byte, error) {
	info, err := fs.Stat(fsys, name)
	if err != nil {
		return nil, err
	}
	if info.Size() > MaxFileSize {
		return nil, fmt.Errorf("file is %d bytes, more than the %d allowed", info.Size(), MaxFileSize)
	}
	return fs.ReadFile(fsys, name)
}

func (s *Set) merge(f *file) {
	s.Actors = mergeNamed(s.Actors, f.Actors, func(a Actor) string { return a.Name })
	s.GalaxyActors = mergeNamed(s.GalaxyActors, f.GalaxyActors, func(a Actor) string { return a.Name })
	s.ActorCues = appendNew(s.ActorCues, f.ActorCues)
	s.ActorPatterns = mergeNamed(s.ActorPatterns, f.ActorPatterns, func(p ActorPattern) string { return p.Name })
	s.Countries = mergeNamed(s.Countries, f.Countries, func(c Country) string { return c.Name })
	s.Parties = mergeNamed(s.Parties, f.Parties, func(p Party) string { return p.Name })
	s.Sites = mergeNamed(s.Sites, f.Sites, func(x Site) string { return x.Name })
	s.Cues.merge(&f.Cues)
	s.Numbers.merge(&f.Numbers)
}

// mergeNamed appends add to base, an entry of add replacing the entry of
// base with the same name (ignoring case).
func mergeNamed[T any](base, add []T, name func(T) string) []T {
	if len(add) == 0 {
		return base
	}
	at := make(map[string]int, len(base))
	for i, b := range base {
		at[strings.ToLower(name(b))] = i
	}
	for _, a := range add {
		k := strings.ToLower(name(a))
		if i, ok := at[k]; ok {
			base[i] = a
		} else {
			at[k] = len(base)
			base = append(base, a)
		}
	}
	return base
}

func (s *Set) clone() *Set {
	c := *s
	c.Actors = slices.Clone(s.Actors)
	c.GalaxyActors = slices.Clone(s.GalaxyActors)
	c.ActorCues = slices.Clone(s.ActorCues)
	c.ActorPatterns = slices.Clone(s.ActorPatterns)
	c.Countries = slices.Clone(s.Countries)
	c.Parties = slices.Clone(s.Parties)
	c.Sites = slices.Clone(s.Sites)
	c.Cues = s.Cues.clone()
	c.Numbers = s.Numbers.clone()
	return &c
}

// appendNew appends the words of add not already in base.
func appendNew(base, add []string) []string {
	for _, w := range add {
		if !slices.Contains(base, w) {
			base = append(base, w)
		}
	}
	return base
}
