package api

import (
	"fmt"
	"mime"
	"net"
	"net/http"
	"slices"
	"strings"
)

// guard refuses what a web page in the analyst's browser could send the
// API: a request whose Host is a name the API does not answer to (DNS
// rebinding: a hostile name resolved to loopback), a state-changing
// request from another origin (CSRF, caught by Sec-Fetch-Site and Origin),
// and a body of a type a page can post across sites without asking (the
// API takes no body).
func (s *Server) guard(h http.Handler) http.Handler {
	csrf := http.NewCrossOriginProtection()
	csrf.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusForbidden, fmt.Errorf("cross-origin %s refused (origin %q)", r.Method, clip(r.Header.Get("Origin"))))
	}))
	h = csrf.Handler(h)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !s.hostAllowed(r.Host) {
			writeError(w, http.StatusForbidden, fmt.Errorf("host %q refused: the API answers to its address, localhost and the names given with --allow-host", clip(r.Host)))
			return
		}
		if unsafeMethod(r.Method) && simpleBody(r.Header.Get("Content-Type")) {
			writeError(w, http.StatusUnsupportedMediaType, fmt.Errorf("%s with a %s body refused: the API takes no body", r.Method, clip(r.Header.Get("Content-Type"))))
			return
		}
		h.ServeHTTP(w, r)
	})
}

func unsafeMethod(m string) bool {
	return m != http.MethodGet && m != http.MethodHead && m != http.MethodOptions
}

// simpleBody reports whether a content type is one a page may send to
// another site without a CORS preflight.
func simpleBody(ct string) bool {
	if ct == "" {
		return false
	}
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil {
		return true // a browser sends what it is given; refuse what we cannot read
	}
	return mt == "text/plain" || mt == "application/x-www-form-urlencoded" || mt == "multipart/form-data"
}

// hostAllowed reports whether a Host header names the API: the host of its
// listen address, a loopback address or the name localhost, or one of
// Server.AllowHosts. The port is not compared: loopback is this machine.
func (s *Server) hostAllowed(hostport string) bool {
	host := hostOf(hostport)
	if host == "" {
		return false
	}
	if host == "localhost" || host == hostOf(s.Listen) {
		return true
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsLoopback() {
		return true
	}
	return slices.ContainsFunc(s.AllowHosts, func(h string) bool { return hostOf(h) == host })
}

// hostOf returns the host of a Host header or address, lower case,
// without port, brackets or a trailing dot; "" if it is malformed.
func hostOf(hostport string) string {
	host := hostport
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		host = h
	} else if strings.HasPrefix(hostport, "[") && strings.HasSuffix(hostport, "]") {
		host = hostport[1 : len(hostport)-1]
	}
	host = strings.TrimSuffix(strings.ToLower(host), ".")
	if strings.ContainsAny(host, "/ \\@[]") {
		return ""
	}
	return host
}
