package text

import (
	"regexp"
	"slices"
	"strings"
	"unicode"

	"github.com/PuerkitoBio/goquery"
	"github.com/andybalholm/cascadia"
	"golang.org/x/net/html"
)

// tidy removes what the libraries let through that is not article text:
// the headline repeated at the top (it is Page.Title already; headline is
// the page's <h1>, which may differ from the title in its meta tags),
// boilerplate paragraphs and links to the page itself.
func tidy(text string, page *Page, headline string) string {
	paras := strings.Split(text, "\n\n")
	if len(paras) > 1 && (sameText(paras[0], page.Title) || sameText(paras[0], headline)) {
		paras = paras[1:]
	}
	kept := paras[:0]
	for _, p := range paras {
		if !isBoilerplate(p) && !sameText(p, page.CanonicalURL) {
			kept = append(kept, p)
		}
	}
	return strings.Join(kept, "\n\n")
}

// sameText reports whether a and b are the same words, or b (a page title)
// is a followed by a separator and the site's name.
func sameText(a, b string) bool {
	ka, kb := key(a), key(b)
	if ka == "" {
		return false
	}
	if i := strings.LastIndexAny(b, "|-–—:·"); i > 0 && ka == key(b[:i]) {
		return true
	}
	return ka == kb || strings.HasPrefix(kb, ka) && len(ka)*3 > len(kb)*2
}

// key keeps only the letters and digits of s, lower-cased.
func key(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return unicode.ToLower(r)
		}
		return -1
	}, s)
}

// boilerplate matches the short paragraphs that pages put between the
// paragraphs of a story: advertising labels, calls to share, subscribe or
// read on, credit and contact lines, tags, bylines and datelines. Every
// paragraph of every page meets these patterns, so each is small (Go then
// uses its fast backtracking matcher) and the costly ones that may match
// anywhere in a line run only when the line holds a word they need.
var boilerplate = []pattern{
	whole(`advertisement|advertising|sponsored( content)?|ad`),
	whole(`(continue reading|read more|read next|see more|see also|more|related|related (articles?|posts?|news|stories|coverage|content|links?)|recommended( for you)?|don'?t miss|most (popular|read)( .*)?|trending( now)?)(\s*[:»>|…].*)?`),
	whole(`thanks? (you )?for (signing up|subscribing).*`),
	whole(`(subscribe|sign up)( now| today| here)?|(subscribe|sign up) (to|for) our\b.*`),
	whole(`more( great| top)? [^.!?]{0,40}(stories|news|coverage)`),
	whole(`(additional )?reporting by\b.*`),
	whole(`(tags?|filed under|categories|category|posted in)(\s*:.*)?`),
	whole(`((updated|published|posted|last updated)\b:?\s*)?` + dateLine),
	whole(`.*\bclick here\b.*`, "click"),
	whole(`.*\b(sign up|subscribe)\b.*\b(newsletters?|inbox)\b.*`, "newsletter", "inbox"),
	whole(`.*\b(share (it|this)( story| article)? with|share this (story|article)|follow us on)\b.*`, "share", "follow"),
	whole(`.*\bfollow\b.*\b(on|at) (twitter|facebook|instagram|youtube)\b.*`, "follow"),
	whole(`.*\bcontributed (reporting )?to this (report|story|article)\b.*`, "contributed"),
	whole(`.*\b(log|sign) in to (post a )?comment\b.*`, "comment"),
	whole(`(copyright\b|©).*|.*\b(copyright|©)\s*\d{4}\b.*`, "copyright", "©"),
	whole(`.*\b(photos?|images?|pictures?)\b[^.]*©.*`, "©"),
	whole(`.*\ball rights reserved\b.*`, "rights reserved"),
	whole(`.*\S+@\S+\.[a-z]{2,}\b.*`, "@"), // a contact line: "Write to … at name@example.com"
}

// pattern is a regexp over a whole paragraph, tried only when the
// lower-cased paragraph contains one of needs (or always, without needs).
type pattern struct {
	re    *regexp.Regexp
	needs []string
}

// whole compiles re to match a whole paragraph, ignoring case.
func whole(re string, needs ...string) pattern {
	return pattern{regexp.MustCompile(`(?i)^(` + re + `)$`), needs}
}

func (p pattern) match(para, lower string) bool {
	if len(p.needs) > 0 && !slices.ContainsFunc(p.needs, func(w string) bool { return strings.Contains(lower, w) }) {
		return false
	}
	return p.re.MatchString(para)
}

// dateLine matches a date and time standing alone, as in "NOVEMBER 20, 2019
// 10:43" or "Published 11/19/2019 4:03 PM EST".
const dateLine = `((mon|tue|wed|thu|fri|sat|sun)[a-z]*,? )?` +
	`((jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2},? \d{4}|\d{1,2} (jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]* \d{4}|\d{1,4}[/.-]\d{1,2}[/.-]\d{2,4})` +
	`(,? (at )?\d{1,2}[:.]\d{2}( ?[ap]\.?m\.?)?( [a-z]{2,4})?)?`

// byline matches "By Jane Doe and Tom Berg": every word capitalised, so
// that a subhead such as "By the numbers" stays.
var byline = regexp.MustCompile(`^(By|BY|by)( \p{Lu}[\pL'’.-]*| and| de| van| von| al|,)+$`)

func isBoilerplate(p string) bool {
	if len(p) >= 200 {
		return false
	}
	lower := strings.ToLower(p)
	for _, b := range boilerplate {
		if b.match(p, lower) {
			return true
		}
	}
	return byline.MatchString(p)
}

// standfirst matches the element that may hold a standfirst: a subheading,
// or a block whose class says so. A plain paragraph is left alone: many
// sites use the story's first paragraph as the page description.
var standfirst = cascadia.MustCompile(`h2, h3, h4, [class*=dek i], [class*=standfirst i], [class*=subtitle i], [class*=subhead i], [class*=sub-head i], [class*=subline i]`)

// dropStandfirst removes the summary line that many sites set in a
// subheading right under the headline: it repeats the page's description
// and is not part of the story.
func dropStandfirst(doc *goquery.Document, page *Page, desc string) {
	if desc == "" {
		return
	}
	doc.Find("h1").EachWithBreak(func(_ int, h1 *goquery.Selection) bool {
		if !sameText(h1.Text(), page.Title) {
			return true
		}
		next := h1.Next()
		if next.IsMatcher(standfirst) && sameText(next.Text(), desc) {
			next.Remove()
		}
		return false
	})
}

// dropLinkBlocks removes lists whose every item is a link and paragraphs
// that are nothing but a link: on news pages these are related-story and
// "read next" blocks, which the libraries often keep when they sit inside
// the article's container.
func dropLinkBlocks(doc *goquery.Document) {
	doc.Find("ul, ol").Each(func(_ int, list *goquery.Selection) {
		items := list.ChildrenFiltered("li")
		if items.Length() >= 2 && items.FilterFunction(isAllLink).Length() == items.Length() {
			list.Remove()
		}
	})
	doc.Find("p").FilterFunction(isAllLink).Remove()
}

// isAllLink reports whether the text of s has words and is all link text.
func isAllLink(_ int, s *goquery.Selection) bool {
	all, linked := countText(s.Nodes[0], links, false)
	return all > 0 && linked == all
}

var (
	links    = set("a")
	emphasis = set("em", "i")
)

// countText counts the letters and digits of the visible text under n, and
// how many of them are inside one of the elements named in inside, without
// building the text.
func countText(n *html.Node, inside map[string]bool, in bool) (all, within int) {
	if n.Type == html.TextNode {
		for _, r := range n.Data {
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				all++
			}
		}
		if in {
			within = all
		}
		return all, within
	}
	if n.Type == html.ElementNode && silent[n.Data] {
		return 0, 0
	}
	in = in || n.Type == html.ElementNode && inside[n.Data]
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		a, w := countText(c, inside, in)
		all, within = all+a, within+w
	}
	return all, within
}

// dropImageCaptions removes short italic blocks right under a picture:
// captions that sites set without <figcaption> or a caption class.
func dropImageCaptions(doc *goquery.Document) {
	doc.Find("p, center, div").FilterFunction(func(_ int, s *goquery.Selection) bool {
		all, italic := countText(s.Nodes[0], emphasis, false)
		return all > 0 && all < 300 && italic == all && isPicture(prevElement(s.Nodes[0]))
	}).Remove()
}

// prevElement returns the element before n, skipping blank text and <br>.
func prevElement(n *html.Node) *html.Node {
	for p := n.PrevSibling; p != nil; p = p.PrevSibling {
		switch {
		case p.Type == html.ElementNode && p.Data != "br":
			return p
		case p.Type == html.TextNode && strings.TrimSpace(p.Data) != "":
			return nil
		}
	}
	return nil
}

// isPicture reports whether n is an image, or holds one and no text.
func isPicture(n *html.Node) bool {
	if n == nil {
		return false
	}
	if n.Data == "img" || n.Data == "picture" {
		return true
	}
	all, _ := countText(n, nil, false)
	return all == 0 && goquery.NewDocumentFromNode(n).Find("img, picture").Length() > 0
}

// junk matches page furniture that is never article text, by element and
// by the class and id names sites give it.
var junk = cascadia.MustCompile(strings.Join([]string{
	"figcaption", "[class*=caption i]", "[class*=credit i]",
	"[class*=share i]", "[class*=social i]", "[class*=newsletter i]", "[class*=related i]",
	"[class*=promo i]", "[class*=cookie i]", "[id*=cookie i]", "[class*=consent i]", "[class*=advert i]",
	"[class*=sponsor i]", "[class*=subscribe i]",
}, ", "))

// dropJunk removes the nodes junk matches, except one that holds a large
// part of the page's text: a class name like "has-share-bar" on the
// article's own container must not take the story with it.
func dropJunk(doc *goquery.Document) {
	total, _ := countText(doc.Nodes[0], nil, false)
	doc.FindMatcher(junk).Each(func(_ int, s *goquery.Selection) {
		if n, _ := countText(s.Nodes[0], nil, false); n*4 < total {
			s.Remove()
		}
	})
}
