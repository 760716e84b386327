package feeds

import (
	"fmt"
	"net"
	"net/url"
	"slices"
	"strings"
)

// trackingParams are query parameters that identify a campaign or a click,
// not a document; CanonicalURL removes them. Keys compare case-insensitively.
var trackingParams = map[string]bool{
	"fbclid": true, "gclid": true, "dclid": true, "gbraid": true, "wbraid": true,
	"msclkid": true, "yclid": true, "twclid": true, "igshid": true, "ttclid": true,
	"mc_cid": true, "mc_eid": true, "ocid": true, "cmpid": true, "cmp": true,
	"_ga": true, "_gl": true, "_hsenc": true, "_hsmi": true, "mkt_tok": true,
	"ref": true, "ref_src": true, "ref_url": true, "smid": true,
	"s_cid": true, "icid": true, "ito": true, "ns_mchannel": true, "ns_source": true,
	"ns_campaign": true, "ns_linkname": true, "ns_fee": true, "at_medium": true,
	"at_campaign": true, "wt.mc_id": true, "__twitter_impression": true,
}

// trackingPrefixes are prefixes of tracking parameter keys.
var trackingPrefixes = []string{"utm_"}

// defaultPorts are the ports CanonicalURL drops, by scheme.
var defaultPorts = map[string]string{"http": "80", "https": "443"}

// CanonicalURL returns a normal form of an http(s) URL, so that links to the
// same story compare equal: scheme and host lowercased, default port and
// fragment dropped, an empty path made "/", tracking parameters removed and
// the remaining query parameters sorted. It is idempotent. It fails on URLs
// that are not absolute http(s) URLs.
func CanonicalURL(raw string) (string, error) {
	u, err := parseHTTPURL(strings.TrimSpace(raw))
	if err != nil {
		return "", err
	}
	host := strings.TrimSuffix(strings.ToLower(u.Hostname()), ".")
	if host == "" {
		return "", fmt.Errorf("%w %q: no host name", errBadURL, raw)
	}
	if strings.HasPrefix(host, ".") || strings.Contains(host, "..") {
		// an empty label ("http://..", "a..b"): no name a resolver takes
		return "", fmt.Errorf("%w %q: an empty label in the host name", errBadURL, raw)
	}
	if port := u.Port(); port != "" && port != defaultPorts[u.Scheme] {
		host = net.JoinHostPort(host, port)
	} else if strings.Contains(host, ":") {
		host = "[" + host + "]"
	}
	out := url.URL{Scheme: u.Scheme, User: u.User, Host: host, Path: u.Path, RawPath: u.RawPath}
	if out.Path == "" {
		out.Path = "/"
	}
	out.RawQuery = canonicalQuery(u.RawQuery)
	return out.String(), nil
}

// canonicalQuery drops tracking and empty parameters and sorts the rest. It
// works on the raw text, so that the encoding of what stays is untouched.
func canonicalQuery(raw string) string {
	var keep []string
	for _, param := range strings.Split(raw, "&") {
		if param != "" && !isTracking(param) {
			keep = append(keep, escapeSpace(param))
		}
	}
	slices.Sort(keep)
	return strings.Join(keep, "&")
}

// isTracking reports whether a raw key=value parameter is a tracking one.
func isTracking(param string) bool {
	key, _, _ := strings.Cut(param, "=")
	if k, err := url.QueryUnescape(key); err == nil {
		key = k
	}
	key = strings.ToLower(key)
	if trackingParams[key] {
		return true
	}
	for _, p := range trackingPrefixes {
		if strings.HasPrefix(key, p) {
			return true
		}
	}
	return false
}

// escapeSpace percent-encodes the spaces and control characters that
// url.Parse lets through in a query, so that the result reads back the same.
func escapeSpace(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if c := s[i]; c <= ' ' || c == 0x7f {
			fmt.Fprintf(&b, "%%%02X", c)
		} else {
			b.WriteByte(c)
		}
	}
	return b.String()
}
