package build

import "slices"

// AnyEvent is the Event of a rollup pattern: a rollup kept for every
// event name, declared as `event: "*"` under rollups: (or asked for by a
// template's queries of event $each). Its ID is the ID of a rollup of the
// event named "*" (`"*" unique(userId)`), and it is declared, listed
// (Declared) and recorded among a file's applied rollups under that ID.
//
// A pattern keeps no series of its own: ingest folds every event of a
// file that it reads for the pattern into the concrete rollup of that
// event (Rollup.For), as if each had been declared, and adds those to the
// batch's Rollups (see Fold). So an event name first seen in a later file
// gets the rollup from that file on, with no new declaration; a query of
// a concrete event reads its concrete rollup, which the store answers
// when it or its pattern is declared (see Covers). The event-name cap
// (MaxEventNames) bounds how many concrete rollups a pattern makes. The
// one event really named "*" is kept by the pattern itself.
const AnyEvent = "*"

// IsPattern reports whether r is a rollup pattern (see AnyEvent).
func (r Rollup) IsPattern() bool { return r.Event == AnyEvent }

// Pattern returns the pattern that keeps r for every event: r with
// AnyEvent as its event. The base rollup's is the base rollup.
func (r Rollup) Pattern() Rollup {
	if r.IsBase() {
		return r
	}
	r.Event = AnyEvent
	return r
}

// For returns the rollup of event name that the pattern r keeps: r with
// event as its event.
func (r Rollup) For(event string) Rollup {
	r.Event = event
	return r
}

// Covers reports whether a store whose declared rollup IDs are in has
// (has reports whether an ID is) answers the rollup r: r is declared, or
// its pattern is.
func Covers(has func(id string) bool, r Rollup) bool {
	return has(r.ID()) || !r.IsBase() && has(r.Pattern().ID())
}

// WithConcrete returns rs and, for each pattern among them, the rollup it
// keeps for each of events, unless that rollup is in declared on its own:
// a pattern keeps no cells of its own (see AnyEvent), so dropping it drops
// those.
func WithConcrete(rs []Rollup, events []EventInfo, declared []string) []Rollup {
	out := slices.Clone(rs)
	for _, r := range rs {
		if !r.IsPattern() {
			continue
		}
		for _, ev := range events {
			if c := r.For(ev.Event); c.ID() != r.ID() && !slices.Contains(declared, c.ID()) {
				out = append(out, c)
			}
		}
	}
	return out
}
