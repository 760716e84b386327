package rules

import (
	"errors"
	"fmt"

	"github.com/andybalholm/cascadia"
)

// Site holds HTML rules for the pages of some hosts: which node is the
// article body and which nodes to drop before taking its text.
type Site struct {
	Name  string   `yaml:"name"`
	Hosts []string `yaml:"hosts"` // a host matches itself and its subdomains
	Body  []string `yaml:"body"`  // CSS selectors tried in order; the first that matches is the body
	Drop  []string `yaml:"drop"`  // CSS selectors removed from the page first
}

func (s *Site) validate() error {
	if s.Name == "" {
		return errors.New("site: name is empty")
	}
	if len(s.Hosts) == 0 {
		return fmt.Errorf("site %q: no hosts", s.Name)
	}
	for _, sel := range append(append([]string{}, s.Body...), s.Drop...) {
		if _, err := cascadia.Compile(sel); err != nil {
			return fmt.Errorf("site %q: selector %q: %w", s.Name, sel, err)
		}
	}
	return nil
}
