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
	{netip.MustParsePrefix("fec0::/10"), "site-local"},
	{netip.MustParsePrefix("100::/64"), "discard-only"},
}

// embedding are the IPv6 ranges that carry an IPv4 address the packets end
// up at (or pass through), which must pass the same check: NAT64 (well-known
// and local-use prefixes) and 6to4 relays.
var embedding = []struct {
	prefix netip.Prefix
	at     int // byte offset of the IPv4 address in the IPv6 one
}{
	{netip.MustParsePrefix("64:ff9b::/96"), 12},
	{netip.MustParsePrefix("64:ff9b:1::/48"), 12},
	{netip.MustParsePrefix("2002::/16"), 2},
}

// v4Forms are refused whatever IPv4 address they carry: the IPv4-compatible
// (::a.b.c.d, deprecated) and IPv4-translated (::ffff:0:a.b.c.d) forms,
// which some stacks reach over IPv4 and no public host is addressed by.
// They are checked after the predicates, so that ::1 is named loopback.
var v4Forms = []struct {
	prefix netip.Prefix
	reason string
}{
	{netip.MustParsePrefix("::/96"), "IPv4-compatible"},
	{netip.MustParsePrefix("::ffff:0:0:0/96"), "IPv4-translated"},
}

// teredo is the Teredo prefix: bytes 4-7 are the server's IPv4 address,
// bytes 12-15 the client's, with every bit inverted.
var teredo = netip.MustParsePrefix("2001::/32")

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
	}
	return embeddedRefusal(a)
}

// embeddedRefusal checks the IPv4 addresses an IPv6 address carries, so
// that 6to4 of 10.0.0.1 is refused like 10.0.0.1 itself.
func embeddedRefusal(a netip.Addr) string {
	if !a.Is6() {
		return ""
	}
	for _, f := range v4Forms {
		if f.prefix.Contains(a) {
			return f.reason
		}
	}
	b := a.As16()
	for _, e := range embedding {
		if e.prefix.Contains(a) {
			return within(netip.AddrFrom4([4]byte(b[e.at:])))
		}
	}
	if teredo.Contains(a) {
		client := [4]byte{^b[12], ^b[13], ^b[14], ^b[15]}
		if why := within(netip.AddrFrom4([4]byte(b[4:8]))); why != "" {
			return why
		}
		return within(netip.AddrFrom4(client))
	}
	return ""
}

// within words the refusal of an embedded IPv4 address.
func within(v4 netip.Addr) string {
	if why := refusal(v4); why != "" {
		return why + " (" + v4.String() + " embedded)"
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
