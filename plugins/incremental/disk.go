package incremental

import (
	"encoding/json"
	"os"
	"path/filepath"

	"github.com/dashsmith/dashsmith/build"
)

// ManifestName is the manifest's file name in the output folder.
const ManifestName = ".dashsmith-manifest.json"

// version is the manifest file's format.
const version = 1

// manifestFile is the manifest as it is written: per page URL, the
// digest of its inputs and the files it wrote.
type manifestFile struct {
	Version int              `json:"version"`
	Pages   map[string]Entry `json:"pages"`
}

// disk is the manifest kept in an output folder (see Disk).
type disk struct{ out string }

// Disk returns the manifest of the output folder out: the last build's
// record is out's .dashsmith-manifest.json, and a page's files stay in
// out, for the writer to link (Keeper), or are read from there. A build records its own by adding the manifest to the site's
// files, so it is written, atomically, with the output it describes.
func Disk(out string) Manifest { return disk{out} }

// Entries implements Manifest: the pages of the manifest in the output
// folder, none when it is missing, unreadable or of another version.
func (d disk) Entries() map[string]Entry {
	var m manifestFile
	data, err := os.ReadFile(filepath.Join(d.out, ManifestName))
	if err != nil || json.Unmarshal(data, &m) != nil || m.Version != version {
		return nil
	}
	return m.Pages
}

// Files implements Manifest: it reads the page's files from the output
// folder.
func (d disk) Files(p *build.Page, e Entry) map[string][]byte {
	out := make(map[string][]byte, 1+len(e.Files))
	for _, name := range append([]string{p.OutputPath()}, e.Files...) {
		data, err := os.ReadFile(filepath.Join(d.out, filepath.FromSlash(name)))
		if err != nil {
			return nil
		}
		out[name] = data
	}
	return out
}

// Keeps implements Keeper: whether the page's HTML and files are all
// regular files in the output folder, for the writer to link from there.
func (d disk) Keeps(p *build.Page, e Entry) bool {
	for _, name := range append([]string{p.OutputPath()}, e.Files...) {
		fi, err := os.Lstat(filepath.Join(d.out, filepath.FromSlash(name)))
		if err != nil || !fi.Mode().IsRegular() {
			return false
		}
	}
	return true
}

// Record implements Manifest: it adds the manifest to the site's files.
func (disk) Record(s *build.Site, pages map[string]Entry) error {
	data, err := json.MarshalIndent(manifestFile{Version: version, Pages: pages}, "", " ")
	if err != nil {
		return err
	}
	s.Files[ManifestName] = append(data, '\n')
	return nil
}
