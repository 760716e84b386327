package feeds

import (
	"errors"
	"net/netip"
	"strings"
	"testing"
)

func TestRefusal(t *testing.T) {
	tests := []struct {
		addr, want string
	}{
		{"127.0.0.1", "loopback"},
		{"127.8.9.10", "loopback"},
		{"::1", "loopback"},
		{"::ffff:127.0.0.1", "loopback"},
		{"10.1.2.3", "private"},
		{"172.16.0.1", "private"},
		{"172.31.255.255", "private"},
		{"192.168.1.1", "private"},
		{"fc00::1", "private"},
		{"fd12:3456::1", "private"},
		{"169.254.1.1", "link-local"},
		{"fe80::1", "link-local"},
		{"169.254.169.254", "cloud metadata"},
		{"fd00:ec2::254", "cloud metadata"},
		{"100.64.0.1", "carrier-grade NAT"},
		{"100.127.255.254", "carrier-grade NAT"},
		{"0.0.0.0", "\"this network\""},
		{"::", "unspecified"},
		{"224.0.0.1", "multicast"},
		{"ff02::1", "multicast"},
		{"255.255.255.255", "reserved"},
		{"64:ff9b::a01:203", "private (10.1.2.3 embedded)"},                   // NAT64
		{"64:ff9b:1::a9fe:a9fe", "cloud metadata (169.254.169.254 embedded)"}, // local-use NAT64
		{"::127.0.0.1", "IPv4-compatible"},
		{"::8.8.8.8", "IPv4-compatible"},
		{"::ffff:0:7f00:1", "IPv4-translated"}, // of 127.0.0.1
		{"::ffff:0:808:808", "IPv4-translated"},
		{"2002:7f00:1::1", "loopback (127.0.0.1 embedded)"}, // 6to4
		{"2002:a00:1::", "private (10.0.0.1 embedded)"},
		{"2002:c0a8:101:1::1", "private (192.168.1.1 embedded)"},
		{"2002:a9fe:a9fe::", "cloud metadata (169.254.169.254 embedded)"},
		{"2001:0:4136:e378:8000:63bf:80ff:fffe", "loopback (127.0.0.1 embedded)"}, // Teredo client 127.0.0.1
		{"2001:0:4136:e378:8000:63bf:f5ff:fefe", "private (10.0.1.1 embedded)"},   // Teredo client 10.0.1.1
		{"2001:0:a00:1:8000:63bf:3fff:fdd2", "private (10.0.0.1 embedded)"},       // Teredo server 10.0.0.1
		{"fec0::1", "site-local"},
		{"feff:ffff::1", "site-local"},
		{"100::1", "discard-only"},
		{"100::ffff:ffff:ffff:ffff", "discard-only"},
		{"2002:808:808::1", ""},                      // 6to4 of 8.8.8.8
		{"2001:0:4136:e378:8000:63bf:3fff:fdd2", ""}, // Teredo client 192.0.2.45
		{"100:0:0:1::1", ""},
		{"fe80::1:2", "link-local"},
		{"8.8.8.8", ""},
		{"93.184.216.34", ""},
		{"100.63.255.255", ""},
		{"100.128.0.0", ""},
		{"172.32.0.1", ""},
		{"2606:4700::1111", ""},
		{"64:ff9b::808:808", ""}, // NAT64 of 8.8.8.8
	}
	for _, tt := range tests {
		if got := refusal(netip.MustParseAddr(tt.addr)); got != tt.want {
			t.Errorf("refusal(%s) = %q, want %q", tt.addr, got, tt.want)
		}
	}
}

func TestDialGuard(t *testing.T) {
	guard := dialGuard([]netip.Prefix{netip.MustParsePrefix("127.0.0.1/32")})
	tests := []struct {
		address string
		refused bool
	}{
		{"127.0.0.1:80", false}, // allowed by exception
		{"127.0.0.2:80", true},
		{"[::1]:443", true},
		{"10.0.0.1:443", true},
		{"8.8.8.8:443", false},
		{"[::127.0.0.1]:80", true},
		{"[::ffff:0:7f00:1]:80", true},
		{"[2002:7f00:1::1]:80", true},
		{"[2001:0:4136:e378:8000:63bf:80ff:fffe]:80", true},
		{"[fec0::1]:80", true},
		{"[100::1]:80", true},
		{"not an address", true},
	}
	for _, tt := range tests {
		err := guard("tcp", tt.address, nil)
		if refused := errors.Is(err, ErrRefusedAddress); refused != tt.refused {
			t.Errorf("guard(%s) = %v, refused want %v", tt.address, err, tt.refused)
		}
		if tt.refused && !strings.Contains(err.Error(), "refused address") {
			t.Errorf("guard(%s) error %q does not say the address is refused", tt.address, err)
		}
	}
}
