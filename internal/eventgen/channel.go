package eventgen

import (
	"fmt"
	"time"
)

// How messages reach Segment: from a browser, from a back end. Each stamps a
// messageId, a channel, a context and the four times.

// web stamps m as sent by analytics.js from a browser, on page path.
func (h *hour) web(m *message, received time.Time, path, title string) {
	m.MessageID = "ajs-" + hex16(h.r)
	m.Channel, m.Version = "client", 2
	url := "https://acme.example.com" + path
	m.Context = map[string]any{
		"ip":        fmt.Sprintf("198.51.100.%d", 1+h.r.IntN(254)),
		"library":   map[string]any{"name": "analytics.js", "version": "4.1.0"},
		"locale":    pick(h.r, "en-US", "en-US", "en-GB", "de-DE", "fr-FR", "ja-JP"),
		"page":      map[string]any{"path": path, "referrer": pick(h.r, "", "https://www.example.org/", "https://news.example.net/"), "title": title, "url": url},
		"userAgent": pick(h.r, "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 Safari/605.1.15", "Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/131.0 Safari/537.36", "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0"),
	}
	skew := time.Duration(0)
	if h.r.IntN(5) == 0 {
		skew = ms(h.r, -90_000, 90_000) // a browser whose clock is off
	}
	h.late(m, received, 0.005, 3, skew)
}

// late sets m's times; with probability p the event happened 1 to maxHours
// hours before it was sent (a sleeping tab, an offline phone).
func (h *hour) late(m *message, received time.Time, p float64, maxHours int, skew time.Duration) {
	latency, delay := ms(h.r, 30, 800), ms(h.r, 0, 2000)
	if h.r.Float64() < p {
		late := ms(h.r, 3_600_000, maxHours*3_600_000)
		if received.Add(-latency - late).After(h.from) {
			delay = late
		}
	}
	m.clock(received, latency, delay, skew)
}

// server stamps m as sent by a back end with a correct clock.
func (h *hour) server(m *message, received time.Time, prefix, library, version string) {
	m.MessageID = prefix + hex16(h.r)
	m.Channel, m.Version = "server", 2
	m.Context = map[string]any{"library": map[string]any{"name": library, "version": version}}
	m.clock(received, ms(h.r, 5, 120), ms(h.r, 0, 500), 0)
}
