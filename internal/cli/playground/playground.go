// Package playground is luasync playground: the page that runs scripts in the
// browser, served, or written as a static folder.
package playground

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"github.com/urfave/cli/v2"

	base "luasync/internal/cli"
	"luasync/web"
)

// Command is luasync playground.
func Command(e *base.Env, status *int) *cli.Command {
	return &cli.Command{
		Name:  "playground",
		Usage: "serve the playground: luasync in the browser",
		Description: `Builds luasync for the browser (GOOS=js GOARCH=wasm, with the Go toolchain, into
the user's cache folder, again only when a source changed), then serves the page
at --listen until Ctrl-C. With --export DIR it writes the page as a static folder
instead, for any web host.`,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "listen", Value: "127.0.0.1:8080", Usage: "the address to serve the page at"},
			&cli.StringFlag{Name: "export", Usage: "write the page into `DIR` and exit, instead of serving it"},
			&cli.StringFlag{Name: "cache", Usage: "where the browser build goes (`DIR`; default: the user's cache folder, luasync/)"},
			&cli.StringFlag{Name: "source", Usage: "luasync's source folder (`DIR`), if the binary cannot find it"},
		},
		OnUsageError: base.UsageError,
		Action: func(c *cli.Context) error {
			if c.Args().Present() {
				return cli.Exit("playground: no arguments (luasync playground [--listen ADDR] [--export DIR])", base.ExitUsage)
			}
			site, err := NewSite(c.String("source"), c.String("cache"), e.Stderr)
			if err != nil {
				return cli.Exit("luasync: playground: "+err.Error(), base.ExitUsage)
			}
			if dir := c.String("export"); dir != "" {
				if err := site.Export(dir); err != nil {
					return cli.Exit("luasync: playground: "+err.Error(), base.ExitUsage)
				}
				fmt.Fprintf(e.Stdout, "luasync playground: wrote the page into %s\n", dir)
				return nil
			}
			ln, err := net.Listen("tcp", c.String("listen"))
			if err != nil {
				return cli.Exit("luasync: playground: "+err.Error(), base.ExitUsage)
			}
			srv := &http.Server{Handler: site.Handler(), ReadHeaderTimeout: 10 * time.Second}
			fmt.Fprintf(e.Stdout, "luasync playground: http://%s/ (Ctrl-C ends it)\n", ln.Addr())
			stop := e.OnInterrupts(func() { srv.Close() }, func() {})
			defer stop()
			if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
				return cli.Exit("luasync: playground: "+err.Error(), base.ExitFailed)
			}
			return nil
		},
	}
}

// A Site is the page and everything it loads: the files of web/site, the browser
// build, wasm_exec.js and the menus.
type Site struct {
	build   Build
	scripts []byte
}

// NewSite builds (or finds) the browser build of the module at src (found if
// empty) in cacheDir (the user's if empty), and reads its scripts.
func NewSite(src, cacheDir string, log io.Writer) (*Site, error) {
	src, err := SourceDir(src)
	if err != nil {
		return nil, err
	}
	b, err := BuildWasm(src, cacheDir, log)
	if err != nil {
		return nil, err
	}
	menus, err := scriptsJSON(src)
	if err != nil {
		return nil, fmt.Errorf("reading the scripts: %v", err)
	}
	return &Site{build: b, scripts: menus}, nil
}

// extra are the page's files besides those of web/site, by name.
func (s *Site) extra() map[string]func() ([]byte, error) {
	return map[string]func() ([]byte, error){
		"luasync.wasm": func() ([]byte, error) { return os.ReadFile(s.build.Wasm) },
		"wasm_exec.js": func() ([]byte, error) { return os.ReadFile(s.build.WasmExec) },
		"scripts.json": func() ([]byte, error) { return s.scripts, nil },
	}
}

// Handler serves the page.
func (s *Site) Handler() http.Handler {
	page, _ := fs.Sub(web.Site, "site")
	files := http.FileServer(http.FS(page))
	extra := s.extra()
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name := r.URL.Path[1:]
		if read, ok := extra[name]; ok {
			b, err := read()
			if err != nil {
				http.Error(w, err.Error(), http.StatusInternalServerError)
				return
			}
			if filepath.Ext(name) == ".wasm" {
				w.Header().Set("Content-Type", "application/wasm")
			}
			http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(b))
			return
		}
		files.ServeHTTP(w, r)
	})
}

// Export writes the page into dir, as a static folder.
func (s *Site) Export(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	page, _ := fs.Sub(web.Site, "site")
	err := fs.WalkDir(page, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(page, p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dir, p), b, 0o644)
	})
	if err != nil {
		return err
	}
	for name, read := range s.extra() {
		b, err := read()
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			return err
		}
	}
	return nil
}
