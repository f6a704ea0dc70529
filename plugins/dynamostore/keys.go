package dynamostore

import (
	"fmt"
	"hash/fnv"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/dashsmith/dashsmith/build"
)

// The attributes of the table's items; see the package documentation.
const (
	attrPK      = "pk"
	attrSK      = "sk"
	attrN       = "n"
	attrSum     = "sum"
	attrHLL     = "hll"
	attrVersion = "v"
	attrKeep    = "keep"
	attrKeptN   = "kn"
	attrName    = "name"
	attrTotal   = "total"
	attrProps   = "props"
	attrDone    = "done"
	attrParts   = "parts"
	attrDecided = "dd"
	attrIDs     = "ids"
	attrHour    = "h"
	attrFile    = "f"
	attrTTL     = "ttl"
	attrRollups = "rollups"
	attrRejPfx  = "rej:"
)

// The partition keys of the items that are not series.
const (
	pkEvents  = "e" // one item per base event name
	pkHealth  = "h" // one item per arrival day
	pkRollups = "r" // the declared rollups
)

// maxKeyBytes is the longest partition key DynamoDB takes.
const maxKeyBytes = 2048

// key is an item's primary key.
type key struct {
	pk string
	sk int64
}

func (k key) av() map[string]types.AttributeValue {
	return map[string]types.AttributeValue{attrPK: str(k.pk), attrSK: num(k.sk)}
}

func seriesKey(series string, h build.Hour) key { return key{"s#" + esc(series), int64(h)} }
func eventKey(event string) key                 { return key{pkEvents, hash(event)} }
func groupKey(r build.Rollup, g string) key     { return key{groupPK(r), hash(g)} }
func groupPK(r build.Rollup) string             { return "g#" + esc(r.SeriesPrefix()) }
func keptKey(r build.Rollup, h int64) key       { return key{"k#" + esc(r.SeriesPrefix()), h} }
func markerKey(file string) key                 { return key{"f#" + esc(file), 0} }
func dupsKey(file string, chunk int) key        { return key{"f#" + esc(file), int64(chunk)} }
func msgKey(id uint64) key                      { return key{fmt.Sprintf("m#%016x", id), 0} }
func healthKey(day int64) key                   { return key{pkHealth, day} }
func rollupsKey() key                           { return key{pkRollups, 0} }

// hash is a name's sort key within a partition of names (events, groups).
func hash(s string) int64 {
	h := fnv.New64a()
	h.Write([]byte(s))
	return int64(h.Sum64())
}

// esc writes s as valid UTF-8 without NUL, reversibly: '%', NUL and each
// byte of invalid UTF-8 become %XX. Names without them are kept as is.
func esc(s string) string {
	clean := true
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == '%' || r == 0 || r == utf8.RuneError && n == 1 {
			clean = false
			break
		}
		i += n
	}
	if clean {
		return s
	}
	out := make([]byte, 0, len(s)+8)
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == '%' || r == 0 || r == utf8.RuneError && n == 1 {
			out = fmt.Appendf(out, "%%%02X", s[i])
			i++
			continue
		}
		out = append(out, s[i:i+n]...)
		i += n
	}
	return string(out)
}

// unesc is the inverse of esc.
func unesc(s string) string {
	out := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if s[i] == '%' && i+2 < len(s) {
			if v, err := strconv.ParseUint(s[i+1:i+3], 16, 8); err == nil {
				out = append(out, byte(v))
				i += 2
				continue
			}
		}
		out = append(out, s[i])
	}
	return string(out)
}

func str(s string) types.AttributeValue { return &types.AttributeValueMemberS{Value: s} }
func num(n int64) types.AttributeValue {
	return &types.AttributeValueMemberN{Value: strconv.FormatInt(n, 10)}
}

// numf writes a float to 12 decimal places: the sum of any such numbers
// below maxNumber in magnitude stays within the 38 significant digits a
// DynamoDB number holds, where ADD of arbitrary floats (1e20 + 1e-20)
// would be refused.
func numf(f float64) types.AttributeValue {
	s := strconv.FormatFloat(f, 'f', 12, 64)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	if s == "-0" || s == "" {
		s = "0"
	}
	return &types.AttributeValueMemberN{Value: s}
}
func strSet(v []string) types.AttributeValue { return &types.AttributeValueMemberSS{Value: v} }
func numSet(v []string) types.AttributeValue { return &types.AttributeValueMemberNS{Value: v} }

// getS, getN, getF, getB, getSS and getNS read an attribute, or the zero value.
func getS(m map[string]types.AttributeValue, name string) string {
	if v, ok := m[name].(*types.AttributeValueMemberS); ok {
		return v.Value
	}
	return ""
}

func getN(m map[string]types.AttributeValue, name string) (int64, bool) {
	v, ok := m[name].(*types.AttributeValueMemberN)
	if !ok {
		return 0, false
	}
	n, err := strconv.ParseInt(v.Value, 10, 64)
	if err != nil { // written as a decimal by someone else: read it as one
		f, _ := strconv.ParseFloat(v.Value, 64)
		return int64(f), true
	}
	return n, true
}

func getF(m map[string]types.AttributeValue, name string) float64 {
	if v, ok := m[name].(*types.AttributeValueMemberN); ok {
		f, _ := strconv.ParseFloat(v.Value, 64)
		return f
	}
	return 0
}

func getB(m map[string]types.AttributeValue, name string) []byte {
	if v, ok := m[name].(*types.AttributeValueMemberB); ok {
		return v.Value
	}
	return nil
}

func getSS(m map[string]types.AttributeValue, name string) []string {
	if v, ok := m[name].(*types.AttributeValueMemberSS); ok {
		return v.Value
	}
	return nil
}

func getNS(m map[string]types.AttributeValue, name string) []string {
	if v, ok := m[name].(*types.AttributeValueMemberNS); ok {
		return v.Value
	}
	return nil
}
