package build

import (
	"fmt"
	"strconv"
	"strings"
)

// Seen is what a store has seen: its event names, each with the property
// paths ingest recorded for it (EventInfo.Props). It tells a misspelt
// name in a dashboard from one the store has data for, before a rollup is
// declared for it for good.
type Seen struct {
	events map[string]*EventInfo
	names  []string
}

// NewSeen indexes the events a store listed (Store.Events).
func NewSeen(infos []EventInfo) Seen {
	s := Seen{events: make(map[string]*EventInfo, len(infos)), names: make([]string, len(infos))}
	for i := range infos {
		s.events[infos[i].Event] = &infos[i]
		s.names[i] = infos[i].Event
	}
	return s
}

// Empty reports whether the store has seen no event at all.
func (s Seen) Empty() bool { return len(s.names) == 0 }

// Has reports whether the store has seen event.
func (s Seen) Has(event string) bool { _, ok := s.events[event]; return ok }

// Event returns what the store has seen of event, or nil.
func (s Seen) Event(event string) *EventInfo { return s.events[event] }

// Path is a property path that a dashboard reads, and the key that names
// it (measure, by, where, each).
type Path struct{ Key, Path string }

// Paths returns the property paths q reads: its measure's property, its
// breakdown, and its where properties in order.
func (q Query) Paths() []Path {
	var out []Path
	if q.Measure.Prop != "" {
		out = append(out, Path{"measure", q.Measure.Prop})
	}
	if q.By != "" {
		for _, p := range strings.Split(q.By, ",") { // each part of a combination
			out = append(out, Path{"by", p})
		}
	}
	for _, c := range q.Where {
		out = append(out, Path{"where", c.Prop})
	}
	return out
}

// Unseen returns what the store never saw of event and paths, one line a
// name, each starting with the key that names it: `event: no "Order
// Complted" event was ever seen (did you mean "Order Completed"?)`, or
// `by: no "Order Completed" event was ever seen with property "plna" (did
// you mean "plan"?)`. The event is key eventKey. An unseen event hides
// its paths. Empty when every name was seen, or cannot be told apart from
// one (see PathProblem).
func (s Seen) Unseen(eventKey, event string, paths []Path) []string {
	e, ok := s.events[event]
	if !ok {
		msg := fmt.Sprintf("%s: no %q event was ever seen", eventKey, event)
		switch sg := Suggest(event, s.names); {
		case s.Empty():
			msg += " (the store holds no events yet)"
		case sg != "":
			msg += " (did you mean " + sg + "?)"
		default:
			msg += " (dashsmith events lists the names the store has)"
		}
		return []string{msg}
	}
	var out []string
	said := map[string]bool{}
	for _, p := range paths {
		if said[p.Path] {
			continue
		}
		said[p.Path] = true
		if sg, unseen := pathUnseen(e, p.Path); unseen {
			msg := fmt.Sprintf("%s: no %q event was ever seen with property %q", p.Key, event, p.Path)
			if sg != "" {
				msg += " (did you mean " + sg + "?)"
			} else {
				msg += " (dashsmith events lists the properties it has)"
			}
			out = append(out, msg)
		}
	}
	return out
}

// PathProblem says why the event e (nil when unknown) was never seen with
// the property path, as `event "Buy" has no property "revenu" (did you
// mean "revenue"?)`, or returns "" when it was or cannot be told (see
// pathUnseen).
func PathProblem(e *EventInfo, path string) string {
	if e == nil {
		return ""
	}
	sg, unseen := pathUnseen(e, path)
	if !unseen {
		return ""
	}
	msg := fmt.Sprintf("event %q has no property %q", e.Event, path)
	if sg != "" {
		msg += " (did you mean " + sg + "?)"
	}
	return msg
}

// pathUnseen reports whether the event e was never seen with the property
// path, and the paths it has that are close to it, quoted for a "did you
// mean" (or ""). Ingest records the leaf paths of properties (bare, or
// from the top when a bare name would mean something else:
// "properties.type"), traits and context (with their root: "traits.email",
// "context.os.name"), three levels deep. Not told: the message's own
// fields (userId, anonymousId, messageId, type), which ingest does not
// record; a context.* or traits.* path on an event with no path under that
// root, as in stores ingested before ingest recorded them; and any path of
// an event with MaxProps paths, which may have more.
func pathUnseen(e *EventInfo, path string) (suggest string, unseen bool) {
	if len(e.Props) == 0 || len(e.Props) >= MaxProps {
		return "", false
	}
	// The forms the path may be recorded in, and the paths to suggest from.
	forms := []string{path}
	var from []string
	root, _, _ := strings.Cut(path, ".")
	bare, isProp := strings.CutPrefix(path, "properties.")
	switch {
	case isProp || !topLevel(path):
		if isProp {
			forms = []string{bare, path} // older stores list it bare
		}
		for _, p := range e.Props {
			if !underRoot(p) {
				from = append(from, p)
			}
		}
	case root == "context" || root == "traits":
		for _, p := range e.Props {
			if strings.HasPrefix(p, root+".") {
				from = append(from, p)
			}
		}
		if len(from) == 0 {
			return "", false // not recorded for this event's files
		}
	default:
		return "", false // userId, anonymousId, messageId, type
	}
	for _, p := range e.Props {
		for _, f := range forms {
			if p == f || strings.HasPrefix(p, f+".") {
				return "", false
			}
		}
	}
	if s := Suggest(forms[0], from); s != "" {
		return s, true
	}
	if s := underRootAs(path, e.Props); s != "" && !isProp && !topLevel(path) {
		return strconv.Quote(s), true
	}
	return "", true
}

// topLevel reports whether path addresses the event itself rather than
// its properties ("userId", "context.os.name"), as the decoder of the
// default event format reads it (Decoder.TopLevel). Without a registered
// decoder every path is a property's.
func topLevel(path string) bool {
	d, err := LookupDecoder(DefaultFormat)
	return err == nil && d.TopLevel(path)
}

// underRootAs returns "traits.<bare>" or "context.<bare>" when a recorded
// path is, or is under, it: a bare name on an identify call usually means
// a trait.
func underRootAs(bare string, props []string) string {
	for _, root := range []string{"traits.", "context."} {
		want := root + bare
		for _, p := range props {
			if p == want || strings.HasPrefix(p, want+".") {
				return want
			}
		}
	}
	return ""
}

// underRoot reports whether a recorded path is under traits or context.
func underRoot(p string) bool {
	return strings.HasPrefix(p, "traits.") || strings.HasPrefix(p, "context.")
}
