package build

import (
	"bytes"
	"errors"
	"math"
	"slices"
	"strconv"
	"unicode/utf8"
)

// MaxGroupBytes caps a breakdown value; longer values are cut on a rune
// boundary.
const MaxGroupBytes = 200

// MaxSumValue bounds the magnitude of a value sum(p) adds: a larger one
// is skipped as out of range, so that sums stay finite (a sum of two
// values near the float64 maximum would be +Inf, which JSON cannot
// encode).
const MaxSumValue = 1e15

// roll adds the line l, an event in hour h, to one rollup: its group (the
// value at By, cleaned), and its measure, fed what its type reads. A
// value a measure cannot use (none, null, a sum's non-number) is counted
// in Stats.Skipped and adds nothing; a group folded
// by the cardinality cap is counted in Stats.Folded. Either counts once
// per line (see skip and fold), however many rollups share the measure or
// the breakdown.
func (f *Fold) roll(rl *roll, l Line, h Hour, dedupe bool) {
	h = rl.r.Floor(h) // a rollup of UTC days keeps its cells at each day's first hour
	var v Value
	if rl.input != NoInput {
		kind, t := l.Value(rl.prop, &f.val)
		if kind == NoValue || kind == NullValue {
			f.skip(rl.missing)
			return
		}
		if rl.input == NumberInput {
			var r numResult
			switch v.Num, r = number(kind, t); r {
			case notNumber:
				f.skip(rl.notNum)
				return
			case outOfRange:
				f.skip(rl.outOfRange)
				return
			}
		} else {
			v.Text = t
		}
	}
	g := rl.only
	if rl.by >= 0 {
		g = rl.group(f.groupOf(rl, l), h, f.limit)
	}
	c, in := f.cell(rl, g, h)
	if in != g && in == rl.other { // g nil too: a value the rollup did not keep
		f.fold(rl.foldKey)
	}
	c.Add(v)
	if dedupe && rl.dedupe { // an idempotent measure counts a repeated value once anyway
		f.adds = append(f.adds, Add{Rollup: &rl.r, Group: in.value, Num: v.Num})
	}
}

// skip counts the line's value under reason in Stats.Skipped, once per
// line: the rollups of one measure, without and with a breakdown, read the
// same value for the same reason.
func (f *Fold) skip(reason string) {
	if slices.Contains(f.skipped, reason) {
		return
	}
	f.skipped = append(f.skipped, reason)
	f.b.Stats.Skip(reason)
}

// fold counts in Stats.Folded that the line's value of the breakdown
// property by (a path index, or a combination's key) folded into
// OtherGroup, once per line and property: every measure broken down by it
// may fold the same value.
func (f *Fold) fold(by int) {
	if slices.Contains(f.folded, by) {
		return
	}
	f.folded = append(f.folded, by)
	f.b.Stats.Folded++
}

// groupOf returns the breakdown value of the line for rl: its text,
// cleaned, or NoneGroup when missing or null. A combination's value is
// its parts' values so made, joined by partSep: at most MaxWhere parts of
// MaxGroupBytes each, none holding a control character.
func (f *Fold) groupOf(rl *roll, l Line) []byte {
	if rl.parts != nil {
		return f.composite(rl, l)
	}
	kind, t := l.Value(rl.by, &f.grp)
	if kind == NoValue || kind == NullValue {
		return noneGroup
	}
	return cleanGroup(t, &f.cln)
}

var noneGroup = []byte(NoneGroup)

// composite returns the value of the combination rl is broken down by,
// in f.cmp.
func (f *Fold) composite(rl *roll, l Line) []byte {
	out := f.cmp[:0]
	for i, at := range rl.parts {
		if i > 0 {
			out = append(out, partSep...)
		}
		kind, t := l.Value(at, &f.grp)
		if kind == NoValue || kind == NullValue {
			out = append(out, NoneGroup...)
			continue
		}
		out = append(out, cleanGroup(t, &f.cln)...)
	}
	f.cmp = out
	return out
}

// cleanGroup makes s safe as a group value: control characters become
// U+FFFD and the text is cut to MaxGroupBytes on a rune boundary. It
// returns s itself when it is already clean, else the cleaned text in
// *buf.
func cleanGroup(s []byte, buf *[]byte) []byte {
	if len(s) <= MaxGroupBytes && printableASCII(s) {
		return s
	}
	out := (*buf)[:0]
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRune(s[i:])
		if controlRune(r) {
			r = utf8.RuneError
		}
		if len(out)+utf8.RuneLen(r) > MaxGroupBytes {
			break
		}
		out = utf8.AppendRune(out, r)
		i += n
	}
	*buf = out
	return out
}

func printableASCII(s []byte) bool {
	for _, c := range s {
		if c < 0x20 || c >= 0x7f {
			return false
		}
	}
	return true
}

// controlRune reports the runes a group value may not hold: C0 and C1
// controls, DEL, and the line and paragraph separators.
func controlRune(r rune) bool {
	return r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) || r == 0x2028 || r == 0x2029
}

// numResult is what number made of a sum's value.
type numResult uint8

const (
	isNumber   numResult = iota
	notNumber            // not a finite decimal number
	outOfRange           // a number of magnitude above MaxSumValue
)

// number reads a sum's value: a number, or a string that holds a decimal
// number exactly as strconv.ParseFloat reads it (no spaces, no hex, no
// underscores, no NaN or infinity), of magnitude at most MaxSumValue. A
// number too large even for a float64 (1e999) is out of range too.
func number(kind ValueKind, text []byte) (float64, numResult) {
	switch kind {
	case StringValue:
		if bytes.ContainsAny(text, "xX_") {
			return 0, notNumber
		}
		return decimal(text)
	case NumberValue:
		return decimal(text)
	}
	return 0, notNumber
}

func decimal(s []byte) (float64, numResult) {
	f, err := strconv.ParseFloat(string(s), 64)
	switch {
	case errors.Is(err, strconv.ErrRange) && math.IsInf(f, 0):
		return 0, outOfRange // well formed, beyond float64
	case err != nil || math.IsNaN(f) || math.IsInf(f, 0):
		return 0, notNumber // "NaN", "Inf" and the like are words, not numbers
	case math.Abs(f) > MaxSumValue:
		return 0, outOfRange
	}
	return f, isNumber
}
