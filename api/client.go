package api

import (
	"bytes"
	"net/netip"

	"github.com/gofiber/fiber/v2"
)

// trustedProxies are the reverse proxies in front of the server whose
// X-Forwarded-For is believed.
type trustedProxies []netip.Prefix

// clientAddress is the address a request comes from, as the login limiter
// counts it and the access log shows it.
//
// X-Forwarded-For is anyone's to write, so without trusted proxies the
// client is the socket peer, and a guesser cannot spread his failures over
// addresses he makes up. From a trusted proxy the header is read from the
// right: each proxy appends the address it got the request from, so the
// right-most address that is not itself a trusted proxy is the client.
// What lies left of it is the client's own word, which is why Fiber's
// ProxyHeader, taking the left-most address, is not used.
func (t trustedProxies) clientAddress(c *fiber.Ctx) string {
	addr, ok := netip.AddrFromSlice(c.Context().RemoteIP())
	if !ok {
		return c.IP()
	}
	addr = addr.Unmap()
	hops := forwardedFor(c)
	for i := len(hops) - 1; i >= 0 && t.trust(addr); i-- {
		hop, ok := parseHop(hops[i])
		if !ok {
			// A hop no proxy would write: the last trusted proxy is as
			// far as the chain can be followed.
			break
		}
		addr = hop
	}
	return addr.String()
}

func (t trustedProxies) trust(addr netip.Addr) bool {
	for _, p := range t {
		if p.Contains(addr) {
			return true
		}
	}
	return false
}

// forwardedFor lists the addresses of every X-Forwarded-For line, in
// order: a proxy may add its own line rather than extend the last.
func forwardedFor(c *fiber.Ctx) [][]byte {
	var hops [][]byte
	for _, line := range c.Request().Header.PeekAll(fiber.HeaderXForwardedFor) {
		hops = append(hops, bytes.Split(line, []byte(","))...)
	}
	return hops
}

// parseHop reads one X-Forwarded-For address, which some proxies write
// with the client's port.
func parseHop(raw []byte) (netip.Addr, bool) {
	s := string(bytes.TrimSpace(raw))
	if addr, err := netip.ParseAddr(s); err == nil {
		return addr.Unmap(), true
	}
	if ap, err := netip.ParseAddrPort(s); err == nil {
		return ap.Addr().Unmap(), true
	}
	return netip.Addr{}, false
}
