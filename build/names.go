package build

// DefaultMaxEventNames caps the distinct event names a store keeps when
// the config sets no max_event_names: far more than a site sends (a
// tracking plan names tens or hundreds), far fewer than a client that
// makes names up can send with the site's public write key.
const DefaultMaxEventNames = 10000

// RejectTooManyNames is the reason a line is rejected when its event name
// is new and the store holds as many names as the cap allows.
const RejectTooManyNames = "too many event names"

// Names is the event-name cap of one ingest: which names a store admits.
// A name the store holds is always admitted, and so is a name a rollup
// asks for; a new name takes a place while the store holds fewer than the
// cap. Files are admitted in the order they are applied, the names of one
// file the most frequent first, ties by name, so that the same files
// against the same store admit the same names.
//
// Known and Room read what the store held when the ingest started, and
// may be called by parsers at once; Admit is called in apply order.
type Names struct {
	limit int
	known map[string]bool // held by the store when the ingest started, or asked for by a rollup
	held  int             // names the store holds, with those admitted since
	added map[string]bool // admitted since the start
	room  int             // new names a file may bring, as of the start
}

// NewNames returns the cap of limit names (DefaultMaxEventNames when not
// positive) over a store that holds the names stored; the events of
// rollups are admitted whatever the cap.
func NewNames(limit int, stored []string, rollups []Rollup) *Names {
	if limit <= 0 {
		limit = DefaultMaxEventNames
	}
	n := &Names{limit: limit, known: make(map[string]bool, len(stored)+len(rollups)), added: map[string]bool{}}
	for _, s := range stored {
		n.known[s] = true
	}
	n.held = len(n.known)
	n.room = max(limit-n.held, 0)
	for _, r := range rollups {
		if !r.IsBase() && !r.IsPattern() { // a pattern asks for no name
			n.known[r.Event] = true
		}
	}
	return n
}

// Known reports whether name is admitted whatever the files hold: the
// store held it when the ingest started, or a rollup asks for it.
func (n *Names) Known(name string) bool { return n.known[name] }

// Room is how many new names one file may bring at most: what the cap
// left when the ingest started. A parser may reject the lines of the
// further new names of a file as it reads them, to hold no more.
func (n *Names) Room() int { return n.room }

// Admit takes out of b the events whose names the cap refuses, and
// counts their lines in b.Stats.Rejected under RejectTooManyNames. Only a
// batch with the base counts brings names; the others are left as they
// are (their cells are of rollups, whose names are admitted).
func (n *Names) Admit(b *Batch) {
	if !b.HasBase() {
		return
	}
	lines := map[string]int64{}
	for eh, c := range b.Counts {
		if !n.known[eh.Event] && !n.added[eh.Event] {
			lines[eh.Event] += c
		}
	}
	if len(lines) == 0 {
		return
	}
	cands := make([]Candidate, 0, len(lines))
	for name, c := range lines {
		cands = append(cands, Candidate{Group: name, Weight: float64(c)})
	}
	keep := Admit(n.limit-n.held, cands)
	for name := range keep {
		n.added[name] = true
		n.held++
		delete(lines, name)
	}
	if len(lines) == 0 {
		return
	}
	for eh := range b.Counts {
		if _, out := lines[eh.Event]; out {
			delete(b.Counts, eh)
		}
	}
	for ep := range b.Props {
		if _, out := lines[ep.Event]; out {
			delete(b.Props, ep)
		}
	}
	msgs := b.Msgs[:0]
	for _, m := range b.Msgs {
		if len(m.Adds) > 0 && m.Adds[0].Event != "" {
			if _, out := lines[m.Adds[0].Event]; out {
				continue
			}
		}
		msgs = append(msgs, m)
	}
	clear(b.Msgs[len(msgs):])
	b.Msgs = msgs
	for _, c := range lines {
		b.Stats.Accepted -= c
		if b.Stats.Rejected == nil {
			b.Stats.Rejected = map[string]int64{}
		}
		b.Stats.Rejected[RejectTooManyNames] += c
	}
}
