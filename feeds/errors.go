package feeds

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
)

// Errors a Fetcher returns, wrapped with the URL concerned; test with errors.Is.
var (
	// ErrRefusedAddress means a URL's host resolved to an address the
	// Fetcher does not connect to (see Options.AllowPrivate).
	ErrRefusedAddress = errors.New("refused address")
	// ErrUnsupportedScheme means a URL, or a redirect, is not http or https.
	ErrUnsupportedScheme = errors.New("unsupported URL scheme")
	// ErrTooManyRedirects means a request was redirected more than
	// Options.MaxRedirects times.
	ErrTooManyRedirects = errors.New("too many redirects")
	// ErrTooLarge means a body exceeded Options.MaxFeedBytes or MaxPageBytes.
	ErrTooLarge = errors.New("body too large")
	// ErrParse means a feed body could not be parsed.
	ErrParse = errors.New("cannot parse feed")
)

// StatusError reports a response whose status is not 2xx (or 304 to a
// conditional GET).
type StatusError struct {
	URL  string // as requested, before redirects
	Code int    // the HTTP status code
}

// Error names the method, URL and status: "GET https://…: 404 Not Found".
func (e *StatusError) Error() string {
	return fmt.Sprintf("GET %s: %d %s", e.URL, e.Code, http.StatusText(e.Code))
}

// ErrorKind classifies an error returned by Poll or FetchPage for metrics:
// "timeout", "dns", "refused_address", "bad_url" (malformed or non-http(s)),
// "redirects", "http_4xx", "http_5xx", "too_large", "parse", or "other".
// A nil error has kind "".
func ErrorKind(err error) string {
	var status *StatusError
	var dns *net.DNSError
	var netErr net.Error
	switch {
	case err == nil:
		return ""
	case errors.Is(err, ErrRefusedAddress):
		return "refused_address"
	case errors.Is(err, ErrUnsupportedScheme), errors.Is(err, errBadURL):
		return "bad_url"
	case errors.Is(err, ErrTooManyRedirects):
		return "redirects"
	case errors.Is(err, ErrTooLarge):
		return "too_large"
	case errors.Is(err, ErrParse):
		return "parse"
	case errors.As(err, &status):
		return statusKind(status.Code)
	case errors.As(err, &dns):
		return "dns"
	case errors.Is(err, context.DeadlineExceeded), errors.As(err, &netErr) && netErr.Timeout():
		return "timeout"
	}
	return "other"
}

// statusKind names the class of an HTTP error status.
func statusKind(code int) string {
	if code >= 500 {
		return "http_5xx"
	}
	return "http_4xx"
}

// errBadURL marks a URL that does not parse or has no host.
var errBadURL = errors.New("invalid URL")
