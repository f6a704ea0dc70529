package build

import (
	"errors"
	"fmt"
)

// StoreOptions say how OpenStore opens a store. A setting the store URL
// writes itself wins over its option: bolt:rollup.db?mode=rw opens to
// write though ReadOnly is set, and dynamodb://t?create=0 creates no
// table though Create is. An option fills in what the URL leaves unsaid.
type StoreOptions struct {
	// ReadOnly opens the store only to read. A store kept in a local file
	// then shares the file with other readers, and one that is not there is
	// an error that wraps ErrNotFound rather than a new empty store; writes
	// fail. A store whose access is set elsewhere (a DynamoDB table, by
	// the credentials' policy) may open as it would to write.
	ReadOnly bool
	// Create creates what the store needs when it is missing (a DynamoDB
	// table) before it opens. A store that makes its file whenever it is
	// opened to write needs no such option and ignores it.
	Create bool
}

// StoreStamper is implemented by drivers whose stores have a cheap stamp
// of their state, read without opening the store (so without the lock an
// open may take): a stamp differs after every change of the store's data.
// Two equal stamps mean the store did not change between them; a stamp
// may also change when the data did not (a file touched).
type StoreStamper interface {
	Stamp(url string) (string, error)
}

// StoreStamp returns the stamp of the store that url names. The error
// wraps errors.ErrUnsupported when the driver has no stamp (see
// StoreStamper) or the scheme is unknown; any other error is the driver's,
// for a stamp it cannot read now (a file that is not there yet).
func StoreStamp(url string) (string, error) {
	d, err := storeDriver(url)
	if err != nil {
		return "", fmt.Errorf("%w: %w", errors.ErrUnsupported, err)
	}
	st, ok := d.(StoreStamper)
	if !ok {
		return "", fmt.Errorf("store %q: %w: no stamp", url, errors.ErrUnsupported)
	}
	return st.Stamp(url)
}

// StoreFiler is implemented by drivers of stores kept in local files.
type StoreFiler interface {
	// Files returns the paths of the files the store url names keeps
	// (whether they exist yet or not), as the URL gives them.
	Files(url string) ([]string, error)
}

// StoreFiles returns the local files of the store that url names: none
// for a store kept elsewhere or an unknown scheme (which OpenStore then
// reports), and the driver's error for a URL it cannot read.
func StoreFiles(url string) ([]string, error) {
	d, err := storeDriver(url)
	if err != nil {
		return nil, nil
	}
	if f, ok := d.(StoreFiler); ok {
		return f.Files(url)
	}
	return nil, nil
}
