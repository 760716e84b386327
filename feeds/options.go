package feeds

import "time"

// Version is the program version named in the default User-Agent.
const Version = "0.1"

// ContactURL is the default contact address named in the User-Agent.
const ContactURL = "https://github.com/claimwire/claimwire"

// Options configures a Fetcher. Start from DefaultOptions and change what you
// need: New replaces zero limits (sizes, timeouts, intervals, PerHost,
// FullWords, UserAgent) by their defaults, so that no Fetcher is unbounded,
// but takes AllowPrivate, HostDelay, MaxRedirects and Jitter as given, since
// zero means something for them.
type Options struct {
	UserAgent string // see UserAgent

	// AllowPrivate lets the Fetcher connect to loopback, private and other
	// non-public addresses. Only tests and demos against local servers need it.
	AllowPrivate bool

	ConnectTimeout time.Duration // TCP connect and TLS handshake
	Timeout        time.Duration // whole fetch, redirects and body included, once the host is free
	MaxRedirects   int           // redirects followed; 0 follows none

	PerHost   int           // concurrent requests to one host name
	HostDelay time.Duration // minimum time between request starts to one host

	MaxFeedBytes int64 // larger feed bodies are an error, not truncated
	MaxPageBytes int64 // larger page bodies are an error, not truncated

	MinInterval     time.Duration // no feed is polled more often
	MaxInterval     time.Duration // no feed, even failing or gone, is polled less often
	DefaultInterval time.Duration // for feeds whose Interval is zero
	Jitter          float64       // random extra delay, as a fraction of the interval

	FullWords int // item content with at least this many words is the full article
}

// DefaultOptions returns the options the daemon runs with.
func DefaultOptions() Options {
	return Options{
		UserAgent:       UserAgent(Version, ContactURL),
		ConnectTimeout:  10 * time.Second,
		Timeout:         60 * time.Second,
		MaxRedirects:    5,
		PerHost:         1,
		HostDelay:       time.Second,
		MaxFeedBytes:    10 << 20,
		MaxPageBytes:    5 << 20,
		MinInterval:     time.Minute,
		MaxInterval:     24 * time.Hour,
		DefaultInterval: 15 * time.Minute,
		Jitter:          0.1,
		FullWords:       150,
	}
}

// UserAgent formats the User-Agent header: "claimwire/<version> (+<contact>)".
func UserAgent(version, contact string) string {
	return "claimwire/" + version + " (+" + contact + ")"
}

// withDefaults replaces zero limits by their defaults.
func (o Options) withDefaults() Options {
	d := DefaultOptions()
	orDefault(&o.UserAgent, d.UserAgent)
	orDefault(&o.ConnectTimeout, d.ConnectTimeout)
	orDefault(&o.Timeout, d.Timeout)
	orDefault(&o.PerHost, d.PerHost)
	orDefault(&o.MaxFeedBytes, d.MaxFeedBytes)
	orDefault(&o.MaxPageBytes, d.MaxPageBytes)
	orDefault(&o.MinInterval, d.MinInterval)
	orDefault(&o.MaxInterval, d.MaxInterval)
	orDefault(&o.DefaultInterval, d.DefaultInterval)
	orDefault(&o.FullWords, d.FullWords)
	o.MaxInterval = max(o.MaxInterval, o.MinInterval)
	return o
}

// orDefault sets *v to d when *v is zero or negative.
func orDefault[T ~int | ~int64 | ~string](v *T, d T) {
	var zero T
	if *v <= zero {
		*v = d
	}
}
