package text

import (
	"fmt"
	"strings"

	"github.com/PuerkitoBio/goquery"
	"github.com/andybalholm/cascadia"
	"github.com/claimwire/claimwire/rules"
)

// site is a rules.Site with its selectors compiled.
type site struct {
	name  string
	hosts []string
	body  []cascadia.Selector
	drop  []cascadia.Selector
}

func compileSites(rs []rules.Site) ([]site, error) {
	sites := make([]site, 0, len(rs))
	for _, r := range rs {
		s := site{name: r.Name, hosts: lowerAll(r.Hosts)}
		var err error
		if s.body, err = compileAll(r.Body); err != nil {
			return nil, fmt.Errorf("site %q: %w", r.Name, err)
		}
		if s.drop, err = compileAll(r.Drop); err != nil {
			return nil, fmt.Errorf("site %q: %w", r.Name, err)
		}
		sites = append(sites, s)
	}
	return sites, nil
}

func compileAll(sels []string) ([]cascadia.Selector, error) {
	out := make([]cascadia.Selector, 0, len(sels))
	for _, sel := range sels {
		c, err := cascadia.Compile(sel)
		if err != nil {
			return nil, fmt.Errorf("selector %q: %w", sel, err)
		}
		out = append(out, c)
	}
	return out, nil
}

func lowerAll(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = strings.ToLower(strings.TrimSpace(s))
	}
	return out
}

// siteFor returns the site whose host matches host most specifically (the
// longest matching host wins), or nil.
func siteFor(sites []site, host string) *site {
	host = strings.TrimSuffix(strings.ToLower(host), ".")
	var best *site
	bestLen := 0
	for i := range sites {
		for _, h := range sites[i].hosts {
			if len(h) > bestLen && hostMatches(host, h) {
				best, bestLen = &sites[i], len(h)
			}
		}
	}
	return best
}

// hostMatches reports whether host is h or a subdomain of h.
func hostMatches(host, h string) bool {
	return host == h || strings.HasSuffix(host, "."+h)
}

// dropNodes removes every node matched by the site's drop selectors.
func (s *site) dropNodes(doc *goquery.Document) {
	for _, sel := range s.drop {
		doc.FindMatcher(sel).Remove()
	}
}

// bodyNodes returns the nodes of the first body selector that matches,
// outermost only, in document order: some sites split one story over
// several containers around advertisements.
func (s *site) bodyNodes(doc *goquery.Document) *goquery.Selection {
	for _, sel := range s.body {
		found := doc.FindMatcher(sel)
		if found.Length() > 0 {
			return found.NotSelection(found.FindMatcher(sel))
		}
	}
	return nil
}
