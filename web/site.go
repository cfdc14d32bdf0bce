// Package web is the playground's page: the files a browser loads, besides the
// browser build of luasync (web/wasm) and the scripts, which the playground
// command adds.
package web

import "embed"

// Site is the page: index.html, its script and style, and the worker that runs
// the browser build.
//
//go:embed site
var Site embed.FS
