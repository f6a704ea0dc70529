package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"path/filepath"
	"strconv"
	"time"

	"github.com/dashsmith/dashsmith/build"
	"github.com/dashsmith/dashsmith/internal/config"
	"github.com/dashsmith/dashsmith/plugins/incremental"
	"github.com/dashsmith/dashsmith/plugins/serve"
)

func runServe(ctx context.Context, e *env, args []string) error {
	var sf siteFlags
	flags := newFlags(e, "serve")
	sf.register(flags, true)
	port := flags.Int("port", 1313, "`port` to listen on, on 127.0.0.1 (0 picks a free one)")
	now := flags.String("now", "", "build \"as of\" this RFC 3339 time (default: the current time, at each rebuild)")
	if err := parse(flags, args); err != nil {
		return err
	}
	if *port < 0 || *port > 65535 {
		return usageError{fmt.Sprintf("--port %d: use 0 to 65535", *port)}
	}
	clock := time.Now
	if *now != "" {
		t, err := time.Parse(time.RFC3339, *now)
		if err != nil {
			return usageError{fmt.Sprintf("--now %q: use RFC 3339, e.g. 2026-11-25T18:00:00Z", *now)}
		}
		clock = func() time.Time { return t }
	}
	if _, err := sf.load(); err != nil { // moves into the site folder
		return err
	}
	cfgFile := filepath.Base(sf.config)
	s := serve.New(serve.Options{
		Addr:   net.JoinHostPort("127.0.0.1", strconv.Itoa(*port)),
		Config: cfgFile,
		Also:   []string{config.AnnotationsFile},
		Load: func() (build.Config, error) {
			cfg, err := config.Load(cfgFile)
			if errors.Is(err, fs.ErrNotExist) && sf.config == "dashsmith.yaml" {
				return build.Config{}, nil
			}
			return cfg, err
		},
		StoreURL: sf.storeURL,
		Pipeline: pipeline,
		Reuse:    incremental.NewMemory(),
		Now:      clock,
		Log:      e.stderr,
	})
	return s.Run(ctx, func(addr string) {
		fmt.Fprintf(e.stdout, "serve: http://%s/ (watching content/, layouts/, static/ and %s; Ctrl-C stops)\n", addr, cfgFile)
	})
}
