// Package text turns a fetched news page into its main article text and
// metadata (title, byline, published time, canonical URL, language, site).
//
// The article body is chosen by go-trafilatura, with readeck's
// go-readability and the page's JSON-LD articleBody offered to it as
// fallback candidates; per-site rules (CSS selectors as data in the rules
// package) override the choice where the libraries fail on a site.
// Metadata comes from JSON-LD and meta tags read with goquery. The chosen
// node is cleaned of captions, share and related-story blocks, then
// rendered with a blank line between paragraphs, whitespace collapsed and
// quotes left as they are, which is what sentence splitting and quote
// detection downstream expect.
//
// Regular expressions: go-trafilatura's dependencies (go-dateparser,
// go-htmldate) use RE2 through github.com/wasilibs/go-re2 only when built
// with the re2_wasm or re2_cgo tag; claimwire builds with neither, so the
// standard library's regexp is used and wazero is not linked. Measured
// here: a one-page `claimwire text`-style run takes about 0.2 s, most of it
// go-dateparser compiling its locale regexes at init, against about 2 s
// with re2_wasm (wazero compiles the RE2 module, then every regex again)
// and a 6 MB larger binary; re2_cgo would need libre2 on every machine.
// The regex-heavy date scan of the whole page is off anyway
// (HtmlDateMode Disabled): the published time comes from metadata.
package text
