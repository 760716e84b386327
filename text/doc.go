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
// Regular expressions: go-trafilatura's date parser can use RE2 through
// github.com/wasilibs/go-re2 when built with the re2_wasm or re2_cgo tag.
// claimwire builds without either tag, so the standard library's regexp is
// used: RE2 through WebAssembly costs a wazero runtime and module
// compilation at start-up that a one-page `claimwire text` run never earns
// back, cgo would need libre2 on every machine, and date scanning of the
// whole page (the only heavy regex user) is switched off here anyway
// because the published time comes from metadata.
package text
