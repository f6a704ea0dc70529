package main

import (
	"encoding/csv"
	"io"
	"strings"
)

// writeCSV writes a header and n rows. Text cells that a spreadsheet would
// run as a formula (=, +, -, @, tab, CR) get a leading apostrophe: event
// names and property values are untrusted.
func writeCSV(w io.Writer, header []string, n int, row func(i int) []string) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(header); err != nil {
		return err
	}
	for i := 0; i < n; i++ {
		if err := cw.Write(row(i)); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// csvText neutralises a text cell for spreadsheets.
func csvText(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
