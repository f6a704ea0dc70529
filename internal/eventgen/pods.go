package eventgen

import (
	"math"
	"math/rand/v2"
	"strconv"
	"time"
)

// The pods corpus (Options.Pods) is CocoaPods Stats at scale: install
// events alone, of many pods whose popularity follows Zipf's law, spread
// over the range with the demo's daily rhythm, one file an hour. It is
// what dashsmith's scale benchmarks (make bench-scale) and the tests of
// one page per pod read.

// zipfS is the exponent of the pods' popularity: the most installed pod
// gets about a tenth of the installs, and most pods a handful.
const zipfS = 1.1

// podInstalls generates the install events received in one hour of a
// pods corpus, mean of them on average, of pods numbered 0 to pods-1.
func (h *hour) podInstalls(start time.Time, mean float64, pods int) []*message {
	n := int(math.Round(mean + math.Sqrt(mean)*h.r.NormFloat64()))
	z := rand.NewZipf(h.r, zipfS, 1, uint64(pods-1))
	msgs := make([]*message, 0, max(n, 0))
	for range n {
		received := start.Add(ms(h.r, 0, 3_599_999))
		pod := int(z.Uint64())
		m := &message{Type: "track", Event: "install", UserID: sha(h.seed, 3, uint64(pod)<<20|uint64(h.r.IntN(1<<20)))}
		m.Properties = map[string]any{
			"dependency": map[string]any{"name": podName(pod), "version": podVersion(pod)},
			"platform":   pick(h.r, "ios", "ios", "ios", "osx", "tvos"),
			"pod_try":    h.r.IntN(50) == 0,
			"product_type": pick(h.r, "com.apple.product-type.application", "com.apple.product-type.application",
				"com.apple.product-type.application", "com.apple.product-type.bundle.unit-test"),
		}
		h.server(m, received, "cp-", "cocoapods-stats", "1.3.0")
		msgs = append(msgs, m)
	}
	return msgs
}

// podMean is the mean number of installs received in the UTC hour t when
// events installs are spread over hours hours with the daily rhythm.
func podMean(t time.Time, events int64, hours int) float64 {
	return float64(events) / float64(hours) * daily(t.Hour()) / meanDaily
}

// meanDaily is daily's mean over a day, so that podMean adds up to the
// events asked for.
var meanDaily = func() float64 {
	s := 0.0
	for h := range 24 {
		s += daily(h)
	}
	return s / 24
}()

// podSyllables make pod names that read like pods' ("KiroLumaKit").
var podSyllables = []string{"Ka", "Lu", "Mo", "Ri", "Sen", "Ta", "Vo", "Zel", "Nim", "Pax", "Quo", "Bri", "Dex", "Fyn", "Gal", "Hol"}

// podSuffixes end the names.
var podSuffixes = []string{"Kit", "Swift", "UI", "Core", "JSON", "Net", "Log", "DB"}

// podName is the name of the pod ranked i (0 the most installed): unique
// for every i, the same for the same i.
func podName(i int) string {
	x := mix(uint64(i) + 0x9e37)
	name := podSyllables[x%16] + podSyllables[(x>>4)%16] + podSuffixes[(x>>8)%8]
	return name + strconv.Itoa(i)
}

// podVersion is the version the pod ranked i is installed at.
func podVersion(i int) string {
	x := mix(uint64(i) + 7)
	return strconv.Itoa(int(x%9)) + "." + strconv.Itoa(int(x>>8%20)) + "." + strconv.Itoa(int(x>>16%10))
}
