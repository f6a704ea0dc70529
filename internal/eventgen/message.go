package eventgen

import (
	"encoding/json"
	"math/rand/v2"
	"time"
)

// message is one Segment message as Segment's S3 destination stores it.
// Field order follows Segment's; maps marshal with sorted keys, so a
// message always encodes to the same bytes.
type message struct {
	Type              string         `json:"type"`
	Event             string         `json:"event,omitempty"`
	Name              string         `json:"name,omitempty"`
	MessageID         string         `json:"messageId"`
	UserID            string         `json:"userId,omitempty"`
	AnonymousID       string         `json:"anonymousId,omitempty"`
	Properties        map[string]any `json:"properties,omitempty"`
	Traits            map[string]any `json:"traits,omitempty"`
	Context           map[string]any `json:"context,omitempty"`
	Integrations      struct{}       `json:"integrations"`
	Channel           string         `json:"channel"`
	Version           int            `json:"version"`
	OriginalTimestamp string         `json:"originalTimestamp,omitempty"`
	SentAt            string         `json:"sentAt,omitempty"`
	ReceivedAt        string         `json:"receivedAt,omitempty"`
	Timestamp         string         `json:"timestamp,omitempty"`

	received time.Time // for ordering lines within a file
}

// segmentTime is how Segment writes times: UTC, milliseconds, "Z".
const segmentTime = "2006-01-02T15:04:05.000Z"

// clock sets the four times of a message received at received.
//
// The device sends the event latency after it happened, delayed by delay
// (batching, or hours when a phone was offline); its clock is off by skew.
// Segment computes timestamp = receivedAt - (sentAt - originalTimestamp),
// which removes the skew: that corrected time is the event time.
func (m *message) clock(received time.Time, latency, delay, skew time.Duration) {
	sent := received.Add(-latency)
	happened := sent.Add(-delay)
	original := happened.Add(skew)
	sentClient := sent.Add(skew)
	m.received = received
	m.ReceivedAt = received.UTC().Format(segmentTime)
	m.SentAt = sentClient.UTC().Format(segmentTime)
	m.OriginalTimestamp = original.UTC().Format(segmentTime)
	m.Timestamp = received.Add(-sentClient.Sub(original)).UTC().Format(segmentTime)
}

// line encodes m as one line, without the newline.
func (m *message) line() []byte {
	b, err := json.Marshal(m)
	if err != nil {
		panic("eventgen: cannot encode a message: " + err.Error()) // only plain values are used
	}
	return b
}

// ms is a random duration of lo to hi milliseconds.
func ms(r *rand.Rand, lo, hi int) time.Duration {
	return time.Duration(lo+r.IntN(hi-lo+1)) * time.Millisecond
}

// pick returns one of xs at random.
func pick[T any](r *rand.Rand, xs ...T) T { return xs[r.IntN(len(xs))] }

// skewed returns an index in [0, n) that favours small indexes: the popular
// pod, the most active user.
func skewed(r *rand.Rand, n int) int {
	u := r.Float64()
	return int(float64(n) * u * u * u)
}
