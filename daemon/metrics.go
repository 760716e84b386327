package daemon

import (
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/claimwire/claimwire/feeds"
	"github.com/claimwire/claimwire/model"
)

// Metrics are the daemon's Prometheus metrics, in a registry of their own
// so that tests and several daemons in one process do not collide. A nil
// *Metrics records nothing.
type Metrics struct {
	reg         *prometheus.Registry
	fetched     prometheus.Counter
	committed   prometheus.Counter
	failed      prometheus.Counter
	claims      *prometheus.CounterVec
	fetchErrors *prometheus.CounterVec
	feedLag     prometheus.Gauge
	reprocessed prometheus.Counter
	seconds     *prometheus.HistogramVec
}

// NewMetrics registers the daemon's metrics, with the Go runtime's and the
// process's, in a new registry.
func NewMetrics() *Metrics {
	m := &Metrics{
		reg:         prometheus.NewRegistry(),
		fetched:     counter("claimwire_articles_fetched_total", "Articles fetched (or read from their feed item) and turned into text."),
		committed:   counter("claimwire_articles_committed_total", "Articles committed to the database."),
		failed:      counter("claimwire_articles_failed_total", "Articles stored with an error."),
		reprocessed: counter("claimwire_articles_reprocessed_total", "Stored articles whose claims were extracted again (not counted in claimwire_claims_extracted_total)."),
		claims: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "claimwire_claims_extracted_total", Help: "Claims extracted, by kind.",
		}, []string{"kind"}),
		fetchErrors: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "claimwire_fetch_errors_total", Help: "Failed feed polls and page fetches, by kind of error.",
		}, []string{"kind"}),
		feedLag: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "claimwire_feed_lag_seconds", Help: "How late the most overdue feed's poll is; 0 until a feed has been polled.",
		}),
		seconds: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "claimwire_extraction_seconds", Help: "Time to take an article's text and its claims, by stage (text, claims; reprocess for stored articles).",
			Buckets: prometheus.ExponentialBuckets(0.001, 2, 14),
		}, []string{"stage"}),
	}
	m.reg.MustRegister(m.reprocessed, m.fetched, m.committed, m.failed, m.claims, m.fetchErrors, m.feedLag, m.seconds,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	for _, k := range model.Kinds {
		m.claims.WithLabelValues(string(k))
	}
	return m
}

func counter(name, help string) prometheus.Counter {
	return prometheus.NewCounter(prometheus.CounterOpts{Name: name, Help: help})
}

// Handler serves the metrics in the Prometheus text format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{})
}

func (m *Metrics) observe(stage string, start time.Time) {
	if m != nil {
		m.seconds.WithLabelValues(stage).Observe(time.Since(start).Seconds())
	}
}

func (m *Metrics) claimsFound(claims []model.Claim) {
	if m == nil {
		return
	}
	for _, c := range claims {
		m.claims.WithLabelValues(string(c.Kind)).Inc()
	}
}

func (m *Metrics) fetchError(err error) {
	if m != nil && err != nil {
		m.fetchErrors.WithLabelValues(feeds.ErrorKind(err)).Inc()
	}
}

func (m *Metrics) articleReprocessed() {
	if m != nil {
		m.reprocessed.Inc()
	}
}

func (m *Metrics) articleFetched() {
	if m != nil {
		m.fetched.Inc()
	}
}

func (m *Metrics) articlesCommitted(n, failed int) {
	if m != nil {
		m.committed.Add(float64(n))
		m.failed.Add(float64(failed))
	}
}

func (m *Metrics) lag(d time.Duration) {
	if m != nil {
		m.feedLag.Set(max(d, 0).Seconds())
	}
}
