package eventgen

import (
	"fmt"
	"math"
	"math/rand/v2"
	"time"
)

// The demo product is Acme, a developer tool sold on a free, pro and team
// plan: a website (page views, sign-ups, identify calls), an iOS app
// (screens), server-side billing (orders), and CocoaPods-style install
// statistics of Acme's open-source pods' neighbours.

// hour generates the messages received in one hour.
type hour struct {
	r     *rand.Rand
	seed  uint64
	from  time.Time // start of the range: no event happened before it
	frac  float64   // how far through the range the hour is, 0..1
	scale float64
}

// message returns a random message received at received.
func (h *hour) message(received time.Time) *message {
	roll := h.r.IntN(1000)
	switch {
	case roll < 180:
		return h.page(received, "Home", "/", "Acme")
	case roll < 260:
		return h.page(received, "Pricing", "/pricing", "Pricing - Acme")
	case roll < 320:
		return h.page(received, "Docs", pick(h.r, "/docs", "/docs/install", "/docs/api", "/docs/ci"), "Docs - Acme")
	case roll < 380:
		return h.page(received, "", pick(h.r, "/blog/launch-week", "/blog/ci-caching", "/changelog", "/about"), "Acme")
	case roll < 430:
		return h.screen(received)
	case roll < 470:
		return h.signedUp(received)
	case roll < 495:
		return h.orderCompleted(received)
	case roll < 550:
		return h.identify(received)
	}
	return h.install(received)
}

// user returns a known user: its number, userId and anonymousId. The pool
// of active users grows over the range; early users are the most active.
func (h *hour) user() (int, string, string) {
	pool := int(300*h.scale*(0.4+h.frac)) + 20
	n := skewed(h.r, pool)
	return n, fmt.Sprintf("u_%05d", n+1), stableUUID(h.seed, 1, uint64(n))
}

// planOf is the plan a known user is on.
func (h *hour) planOf(n int) string {
	switch mix(h.seed^uint64(n)) % 20 {
	case 19:
		return "team"
	case 15, 16, 17, 18:
		return "pro"
	}
	return "free"
}

func (h *hour) page(received time.Time, name, path, title string) *message {
	m := &message{Type: "page", Name: name}
	if h.r.IntN(100) < 40 {
		_, m.UserID, m.AnonymousID = h.user()
	} else {
		m.AnonymousID = randomUUID(h.r) // a visitor who has not signed up
	}
	h.web(m, received, path, title)
	page := m.Context["page"].(map[string]any)
	m.Properties = map[string]any{"path": path, "referrer": page["referrer"], "title": title, "url": page["url"]}
	return m
}

func (h *hour) screen(received time.Time) *message {
	_, userID, anonID := h.user()
	m := &message{Type: "screen", Name: pick(h.r, "Home", "Home", "Cart", "Settings"), UserID: userID, AnonymousID: anonID}
	m.MessageID = "ios-" + hex16(h.r)
	m.Channel, m.Version = "mobile", 2
	m.Properties = map[string]any{"items": h.r.IntN(4)}
	m.Context = map[string]any{
		"app":     map[string]any{"name": "Acme", "version": "5.2.1", "build": "5210"},
		"device":  map[string]any{"manufacturer": "Apple", "model": pick(h.r, "iPhone16,1", "iPhone17,1", "iPad14,3"), "type": "ios"},
		"library": map[string]any{"name": "analytics-ios", "version": "4.1.8"},
		"os":      map[string]any{"name": "iOS", "version": pick(h.r, "18.6", "19.0", "19.1")},
	}
	skew := ms(h.r, -5_000, 5_000)
	h.late(m, received, 0.04, 30, skew)
	return m
}

func (h *hour) signedUp(received time.Time) *message {
	plan := "free"
	if roll := h.r.IntN(100); roll >= 95 {
		plan = "team"
	} else if roll >= 80 {
		plan = "pro"
	}
	m := &message{Type: "track", Event: "Signed Up", UserID: fmt.Sprintf("u_%06d", 100000+h.r.IntN(900000))}
	m.Properties = map[string]any{"plan": plan, "referrer": pick(h.r, "newsletter", "search", "github", "direct")}
	h.server(m, received, "srv-", "analytics-go", "3.3.0")
	return m
}

func (h *hour) orderCompleted(received time.Time) *message {
	n, userID, _ := h.user()
	plan := h.planOf(n)
	if plan == "free" {
		plan = pick(h.r, "pro", "pro", "team") // an upgrade
	}
	var revenue float64
	switch {
	case plan == "team":
		revenue = 49 * float64(2+h.r.IntN(11))
	case h.r.IntN(5) == 0:
		revenue = 290 // pro, yearly
	default:
		revenue = 29
	}
	if h.r.IntN(30) == 0 {
		revenue = math.Round(revenue*80) / 100 // a 20% coupon
	}
	var rev any = revenue
	if h.r.IntN(8) == 0 {
		rev = fmt.Sprintf("%.2f", revenue) // some back ends send strings
	}
	m := &message{Type: "track", Event: "Order Completed", UserID: userID}
	id := hex16(h.r)[:10]
	m.Properties = map[string]any{"order_id": "o_" + id, "revenue": rev, "currency": "USD", "plan": plan,
		"platform": platformOf(id)}
	h.server(m, received, "srv-", "analytics-go", "3.3.0")
	return m
}

// platformOf is where an order was placed: half on the web, the rest on
// the apps. It is read from the order's ID rather than drawn, so that
// adding it left every other event of the demo as it was.
func platformOf(orderID string) string {
	switch orderID[0] {
	case '0', '1', '2', '3':
		return "ios"
	case '4', '5', '6':
		return "android"
	}
	return "web"
}

func (h *hour) identify(received time.Time) *message {
	n, userID, anonID := h.user()
	m := &message{Type: "identify", UserID: userID, AnonymousID: anonID}
	m.Traits = map[string]any{"email": userID + "@example.com", "plan": h.planOf(n)}
	h.web(m, received, "/account", "Account - Acme")
	return m
}

// pods are the dependencies installs name, most popular first.
var pods = []struct{ name, version string }{
	{"Alamofire", "5.10.2"}, {"SnapKit", "5.7.1"}, {"Kingfisher", "8.1.3"}, {"SwiftyJSON", "5.0.2"},
	{"Firebase", "11.6.0"}, {"RxSwift", "6.8.0"}, {"Quick", "7.6.2"}, {"Nimble", "13.7.1"},
	{"Realm", "20.0.1"}, {"SDWebImage", "5.20.0"}, {"Lottie", "4.5.0"}, {"Moya", "15.0.3"},
}

func (h *hour) install(received time.Time) *message {
	projects := int(800*h.scale*(0.5+h.frac)) + 10
	pod := pods[skewed(h.r, len(pods))]
	productType := "com.apple.product-type.application"
	if h.r.IntN(4) == 0 {
		productType = "com.apple.product-type.bundle.unit-test"
	}
	m := &message{Type: "track", Event: "install", UserID: sha(h.seed, 2, uint64(skewed(h.r, projects)))}
	m.Properties = map[string]any{
		"dependency":   map[string]any{"name": pod.name, "version": pod.version},
		"platform":     pick(h.r, "ios", "ios", "ios", "osx", "tvos"),
		"pod_try":      h.r.IntN(50) == 0,
		"product_type": productType,
	}
	h.server(m, received, "cp-", "cocoapods-stats", "1.3.0")
	return m
}
