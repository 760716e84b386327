package feeds

import (
	"fmt"
	"net/netip"
	"syscall"
)

// refusedPrefixes lists the ranges refused besides those the netip predicates
// recognise (loopback, private, link-local, multicast, unspecified).
var refusedPrefixes = []struct {
	prefix netip.Prefix
	reason string
}{
	{netip.MustParsePrefix("0.0.0.0/8"), "\"this network\""},
	{netip.MustParsePrefix("100.64.0.0/10"), "carrier-grade NAT"},
	{netip.MustParsePrefix("192.0.0.0/24"), "IETF protocol assignments"},
	{netip.MustParsePrefix("198.18.0.0/15"), "benchmarking"},
	{netip.MustParsePrefix("240.0.0.0/4"), "reserved"},
	{netip.MustParsePrefix("169.254.169.254/32"), "cloud metadata"},
	{netip.MustParsePrefix("fd00:ec2::254/128"), "cloud metadata"},
}

// nat64 is the well-known NAT64 prefix, whose last 32 bits are an IPv4
// address that must pass the same check.
var nat64 = netip.MustParsePrefix("64:ff9b::/96")

// refusal says why a is refused, or returns "" if it may be dialled.
func refusal(a netip.Addr) string {
	a = a.Unmap()
	for _, p := range refusedPrefixes {
		if p.prefix.Contains(a) {
			return p.reason
		}
	}
	switch {
	case a.IsLoopback():
		return "loopback"
	case a.IsPrivate():
		return "private"
	case a.IsLinkLocalUnicast():
		return "link-local"
	case a.IsMulticast():
		return "multicast"
	case a.IsUnspecified():
		return "unspecified"
	case nat64.Contains(a):
		b := a.As16()
		return refusal(netip.AddrFrom4([4]byte(b[12:])))
	}
	return ""
}

// dialGuard returns a net.Dialer.Control function that refuses the addresses
// refusal names, except those in allow. It sees the resolved address of every
// connection, redirects included.
func dialGuard(allow []netip.Prefix) func(network, address string, _ syscall.RawConn) error {
	return func(network, address string, _ syscall.RawConn) error {
		ap, err := netip.ParseAddrPort(address)
		if err != nil {
			return fmt.Errorf("%w: cannot parse %q", ErrRefusedAddress, address)
		}
		if allowed(ap.Addr(), allow) {
			return nil
		}
		if why := refusal(ap.Addr()); why != "" {
			return fmt.Errorf("%w: %s is %s", ErrRefusedAddress, ap.Addr(), why)
		}
		return nil
	}
}

// allowed reports whether a lies in one of the prefixes.
func allowed(a netip.Addr, allow []netip.Prefix) bool {
	for _, p := range allow {
		if p.Contains(a.Unmap()) {
			return true
		}
	}
	return false
}
