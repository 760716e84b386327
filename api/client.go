package api

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"time"

	"github.com/claimwire/claimwire/export"
)

// Timeouts of the client's calls. Every call has one: the CLI must never
// hang on a daemon that stopped answering.
const (
	HealthTimeout    = 500 * time.Millisecond
	callTimeout      = 30 * time.Second
	reprocessTimeout = time.Minute
	exportTimeout    = 30 * time.Minute // a whole database, streamed
)

// Client talks to a daemon's API.
type Client struct {
	base string
	hc   *http.Client
}

// NewClient returns a client for the API at addr (host:port).
func NewClient(addr string) *Client {
	tr := &http.Transport{
		DialContext:           (&net.Dialer{Timeout: HealthTimeout}).DialContext,
		ResponseHeaderTimeout: reprocessTimeout,
		Proxy:                 nil, // the API is on loopback; a proxy could not reach it
	}
	return &Client{base: "http://" + addr, hc: &http.Client{Transport: tr}}
}

// Health checks that the daemon answers.
func (c *Client) Health(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, HealthTimeout)
	defer cancel()
	resp, err := c.do(ctx, http.MethodGet, "/healthz", nil)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// Export streams claims to w as claimwire export writes them.
func (c *Client) Export(ctx context.Context, opts export.Options, f FilterArgs, w io.Writer) error {
	ctx, cancel := context.WithTimeout(ctx, exportTimeout)
	defer cancel()
	q := f.Query()
	if opts.Excel {
		q.Set("excel", "1")
	}
	if opts.Raw {
		q.Set("raw", "1")
	}
	if opts.Groups {
		q.Set("groups", "1")
	}
	format := export.Format(firstNonEmpty(string(opts.Format), string(export.CSV)))
	resp, err := c.do(ctx, http.MethodGet, "/api/claims."+string(format), q)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if _, err := io.Copy(w, resp.Body); err != nil {
		return fmt.Errorf("export through %s: %w", c.base, err)
	}
	return nil
}

// Reprocess asks the daemon to extract an article's claims again.
func (c *Client) Reprocess(ctx context.Context, ref string) (Reprocessed, error) {
	ctx, cancel := context.WithTimeout(ctx, reprocessTimeout)
	defer cancel()
	var out Reprocessed
	err := c.getJSON(ctx, http.MethodPost, "/api/reprocess/"+url.PathEscape(ref), &out)
	return out, err
}

// Articles lists every stored article, without text.
func (c *Client) Articles(ctx context.Context) ([]ArticleInfo, error) {
	var out struct{ Articles []ArticleInfo }
	err := c.call(ctx, "/api/articles", &out)
	return out.Articles, err
}

// Feeds lists every feed's polling state and article count.
func (c *Client) Feeds(ctx context.Context) ([]FeedInfo, error) {
	var out struct{ Feeds []FeedInfo }
	err := c.call(ctx, "/api/feeds", &out)
	return out.Feeds, err
}

// call GETs a JSON answer within callTimeout.
func (c *Client) call(ctx context.Context, path string, v any) error {
	ctx, cancel := context.WithTimeout(ctx, callTimeout)
	defer cancel()
	return c.getJSON(ctx, http.MethodGet, path, v)
}

func (c *Client) getJSON(ctx context.Context, method, path string, v any) error {
	return c.getJSONQuery(ctx, method, path, nil, v)
}

func (c *Client) getJSONQuery(ctx context.Context, method, path string, q url.Values, v any) error {
	resp, err := c.do(ctx, method, path, q)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
		return fmt.Errorf("%s %s%s: %w", method, c.base, path, err)
	}
	return nil
}

// ErrAPI is wrapped by the errors the API answers with.
var ErrAPI = errors.New("daemon API")

// StatusError is an error answer of the API.
type StatusError struct {
	Code    int
	Message string
}

func (e *StatusError) Error() string { return fmt.Sprintf("%s: %d: %s", ErrAPI, e.Code, e.Message) }

func (e *StatusError) Unwrap() error { return ErrAPI }

// do sends a request; a status other than 200 becomes a *StatusError with
// the API's message.
func (c *Client) do(ctx context.Context, method, path string, q url.Values) (*http.Response, error) {
	u := c.base + path
	if len(q) > 0 {
		u += "?" + q.Encode()
	}
	req, err := http.NewRequestWithContext(ctx, method, u, nil)
	if err != nil {
		return nil, fmt.Errorf("%s %s: %w", method, u, err)
	}
	resp, err := c.hc.Do(req)
	if err != nil {
		return nil, fmt.Errorf("%s %s: %w", method, u, err)
	}
	if resp.StatusCode != http.StatusOK {
		defer resp.Body.Close()
		return nil, statusError(resp)
	}
	return resp, nil
}

func statusError(resp *http.Response) error {
	var e apiError
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
	if json.Unmarshal(body, &e) != nil || e.Error == "" {
		e.Error = http.StatusText(resp.StatusCode)
	}
	return &StatusError{Code: resp.StatusCode, Message: e.Error}
}

func firstNonEmpty(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
