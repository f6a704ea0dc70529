package main

import (
	"html"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// firstLoadBudget is the most a demo page may weigh on its first load:
// its HTML and every stylesheet and script it loads, each gzipped at the
// default level as a host that compresses on the fly sends it. The
// heaviest demo page (sales/orders, three charts and range presets)
// weighs 211,560 bytes, 192,299 of them ECharts 5.4.3 built with only
// what dashsmith draws with; with ECharts' full build (331,290 bytes) it
// weighed about 350,000.
const firstLoadBudget = 215 << 10

// TestWeight_Budget builds the demo site and fails when one of its pages
// weighs more than firstLoadBudget on its first load. The files a page
// loads are read off its own <link rel=stylesheet> and <script src> tags,
// so that a new script counts without a change here.
func TestWeight_Budget(t *testing.T) {
	dir, pages := buildDemo(t, nil)
	heaviest, heaviestPage := 0, ""
	for _, page := range pages {
		total, parts := firstLoad(t, page)
		rel, _ := filepath.Rel(filepath.Join(dir, "public"), page)
		if total > firstLoadBudget {
			t.Errorf("%s weighs %d bytes gzipped on its first load, over the budget of %d: %s", rel, total, firstLoadBudget, describeLoad(parts))
		}
		if total > heaviest {
			heaviest, heaviestPage = total, rel
		}
	}
	t.Logf("heaviest first load: %s, %d bytes gzipped (budget %d)", heaviestPage, heaviest, firstLoadBudget)
}

// TestFirstLoad: the files a page loads are those of its stylesheet links
// and scripts, each counted once, wherever the attributes sit.
func TestFirstLoad(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"a/index.html": `<html><head><link href="../assets/s.css" rel="stylesheet"><link rel="icon" href="../x.png">` +
			`<script defer src='../assets/t.js'></script></head><body><script type="application/json" id="o">{"src":"no.js"}</script>` +
			`<script src="../assets/t.js"></script><script src="../assets/a&amp;b.js?v=1"></script></body></html>`,
		"assets/s.css":     strings.Repeat("body{color:red}", 10),
		"assets/t.js":      strings.Repeat("var x=1;", 10),
		"assets/a&b.js":    "var y=2;",
		"x.png":            "not counted",
		"a/no.js":          "not counted",
		"assets/unused.js": "not counted",
	}
	for name, content := range files {
		writeFile(t, filepath.Join(dir, name), content)
	}
	total, parts := firstLoad(t, filepath.Join(dir, "a", "index.html"))
	var names []string
	sum := 0
	for name, n := range parts {
		names = append(names, name)
		sum += n
	}
	sort.Strings(names)
	if got := strings.Join(names, " "); got != "../assets/a&b.js?v=1 ../assets/s.css ../assets/t.js index.html" {
		t.Fatalf("counted %s", got)
	}
	if sum != total || parts["../assets/t.js"] != gzipSize(t, []byte(files["assets/t.js"])) {
		t.Fatalf("total %d, parts %v", total, parts)
	}
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

var (
	tagRE  = regexp.MustCompile(`(?is)<(script|link)\b([^>]*)>`)
	attrRE = regexp.MustCompile(`(?is)\b([a-z-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))`)
)

// firstLoad returns what the page at path weighs on a first load, gzipped
// at the default level as a host that compresses on the fly sends it:
// the page itself plus every stylesheet (<link rel=stylesheet href>) and
// script (<script src>) it loads, each once, in total and by the address
// it is loaded from ("index.html" for the page). Addresses are relative
// to the page, as dashsmith writes them; one on another host fails t, as
// its weight cannot be read here.
func firstLoad(t testing.TB, path string) (int, map[string]int) {
	t.Helper()
	page, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	parts := map[string]int{"index.html": gzipSize(t, page)}
	total := parts["index.html"]
	for _, tag := range tagRE.FindAllSubmatch(page, -1) {
		attrs := map[string]string{}
		for _, a := range attrRE.FindAllSubmatch(tag[2], -1) {
			attrs[strings.ToLower(string(a[1]))] = html.UnescapeString(string(a[2]) + string(a[3]) + string(a[4]))
		}
		ref := attrs["src"]
		if strings.EqualFold(string(tag[1]), "link") {
			ref = ""
			if strings.Contains(" "+strings.ToLower(attrs["rel"])+" ", " stylesheet ") {
				ref = attrs["href"]
			}
		}
		if ref == "" {
			continue
		}
		if _, seen := parts[ref]; seen {
			continue
		}
		if strings.Contains(ref, "//") || strings.Contains(ref, ":") {
			t.Fatalf("%s loads %s from another host: its weight cannot be counted here", path, ref)
		}
		file, _, _ := strings.Cut(ref, "?")
		data, err := os.ReadFile(filepath.Join(filepath.Dir(path), filepath.FromSlash(file)))
		if err != nil {
			t.Fatalf("%s loads %s: %v", path, ref, err)
		}
		parts[ref] = gzipSize(t, data)
		total += parts[ref]
	}
	return total, parts
}

// describeLoad lists a first load's parts, heaviest first.
func describeLoad(parts map[string]int) string {
	names := make([]string, 0, len(parts))
	for name := range parts {
		names = append(names, name)
	}
	sort.Slice(names, func(i, j int) bool {
		return parts[names[i]] > parts[names[j]] || parts[names[i]] == parts[names[j]] && names[i] < names[j]
	})
	out := make([]string, len(names))
	for i, name := range names {
		out[i] = name + " " + strconv.Itoa(parts[name])
	}
	return strings.Join(out, ", ")
}
