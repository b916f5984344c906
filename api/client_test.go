package api

import (
	"io"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"testing"

	"github.com/gofiber/fiber/v2"
)

func TestClientAddress(t *testing.T) {
	// app.Test's requests come from 0.0.0.0.
	peer := netip.MustParsePrefix("0.0.0.0/32")
	proxies := netip.MustParsePrefix("10.0.0.0/8")
	tests := []struct {
		name         string
		trusted      trustedProxies
		forwardedFor []string // one header line each
		want         string
	}{
		{"PeerWithoutTrustedProxies", nil, []string{"203.0.113.7"}, "0.0.0.0"},
		{"PeerThatIsNotTrusted", trustedProxies{proxies}, []string{"203.0.113.7"}, "0.0.0.0"},
		{"TrustedPeerWithoutHeader", trustedProxies{peer}, nil, "0.0.0.0"},
		{"ClientOfATrustedPeer", trustedProxies{peer}, []string{"203.0.113.7"}, "203.0.113.7"},
		{"AddressTheClientWroteHimself", trustedProxies{peer}, []string{"198.51.100.1, 203.0.113.7"}, "203.0.113.7"},
		{"ChainOfTrustedProxies", trustedProxies{peer, proxies}, []string{"198.51.100.1, 203.0.113.7, 10.0.0.2"}, "203.0.113.7"},
		{"HopThatIsNotTrusted", trustedProxies{peer}, []string{"203.0.113.7, 10.0.0.2"}, "10.0.0.2"},
		{"HeaderOnTwoLines", trustedProxies{peer}, []string{"198.51.100.1", "203.0.113.7"}, "203.0.113.7"},
		{"HopWithAPort", trustedProxies{peer}, []string{"203.0.113.7:5123"}, "203.0.113.7"},
		{"IPv6HopWithAPort", trustedProxies{peer}, []string{"[2001:db8::1]:443"}, "2001:db8::1"},
		{"IPv4MappedHop", trustedProxies{peer}, []string{"::ffff:203.0.113.7"}, "203.0.113.7"},
		{"HopThatIsNoAddress", trustedProxies{peer}, []string{"203.0.113.7, unknown"}, "0.0.0.0"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			app := fiber.New()
			app.Get("/", func(c *fiber.Ctx) error { return c.SendString(tc.trusted.clientAddress(c)) })
			req := httptest.NewRequest(http.MethodGet, "/", nil)
			for _, line := range tc.forwardedFor {
				req.Header.Add(fiber.HeaderXForwardedFor, line)
			}
			resp, err := app.Test(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			got, err := io.ReadAll(resp.Body)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tc.want {
				t.Errorf("client address: got %q, want %q", got, tc.want)
			}
		})
	}
}
