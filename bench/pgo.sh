#!/usr/bin/env bash
# Remakes default.pgo, the CPU profile the go command builds luasync with
# (profile-guided optimization: it inlines the hot calls, gopher-lua's included, and
# turns the VM's per-instruction ctx.Done() into a direct call). The profile is of the
# switch-heavy workloads at a few times their default size, run by a luasync built
# without it, merged into one.
#
#   bench/pgo.sh        then compare with bench/compare.sh, and commit default.pgo
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PATH:/usr/local/go/bin"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

go build -pgo=off -o "$work/luasync" .
profile() { # NAME SIZE
	echo "pgo.sh: profiling $1 $2" >&2
	LUASYNC_CPUPROFILE="$work/$1.prof" "$work/luasync" run --clock real "bench/$1.lua" "$2" >/dev/null 2>&1
}
profile pingpong 2000000
profile queue_throughput 3000000
profile lock_contention 1000000
profile spawn_join 300000
go tool pprof -proto "$work"/*.prof >default.pgo 2>/dev/null
echo "pgo.sh: wrote default.pgo ($(wc -c <default.pgo) bytes)" >&2
