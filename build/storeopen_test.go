package build

import (
	"context"
	"errors"
	"os"
	"strconv"
	"testing"
)

// fileDriver keeps "stores" in local files: it stamps a store by the size
// of its file and tells the file.
type fileDriver struct{ opened *StoreOptions }

func (d fileDriver) Open(_ context.Context, _ string, opts StoreOptions) (Store, error) {
	*d.opened = opts
	return nil, ErrNotFound
}

func (fileDriver) Stamp(url string) (string, error) {
	fi, err := os.Stat(TrimScheme(url))
	if err != nil {
		return "", err
	}
	return strconv.FormatInt(fi.Size(), 10), nil
}

func (fileDriver) Files(url string) ([]string, error) { return []string{TrimScheme(url)}, nil }

func TestStoreCapabilities(t *testing.T) {
	var opened StoreOptions
	RegisterStore("filetest", fileDriver{&opened})
	RegisterStore("plaintest", StoreOpener(func(context.Context, string, StoreOptions) (Store, error) { return nil, ErrNotFound }))
	ctx := context.Background()

	if _, err := OpenStore(ctx, "filetest:x.db", StoreOptions{ReadOnly: true}); !errors.Is(err, ErrNotFound) || !opened.ReadOnly || opened.Create {
		t.Errorf("OpenStore gave the driver %+v (%v), want the options as given", opened, err)
	}

	path := t.TempDir() + "/s.db"
	if _, err := StoreStamp("filetest:" + path); err == nil || errors.Is(err, errors.ErrUnsupported) {
		t.Errorf("the stamp of a file not there: %v, want the driver's error", err)
	}
	if err := os.WriteFile(path, []byte("abc"), 0o644); err != nil {
		t.Fatal(err)
	}
	if stamp, err := StoreStamp("filetest:" + path); err != nil || stamp != "3" {
		t.Errorf("StoreStamp = %q, %v; want the driver's", stamp, err)
	}
	for _, url := range []string{"plaintest:x", "nosuch:x"} {
		if _, err := StoreStamp(url); !errors.Is(err, errors.ErrUnsupported) {
			t.Errorf("StoreStamp(%s) = %v, want errors.ErrUnsupported", url, err)
		}
		if files, err := StoreFiles(url); files != nil || err != nil {
			t.Errorf("StoreFiles(%s) = %v, %v; want none", url, files, err)
		}
	}
	if files, err := StoreFiles("filetest:a/b.db"); err != nil || len(files) != 1 || files[0] != "a/b.db" {
		t.Errorf("StoreFiles = %v, %v", files, err)
	}
}
