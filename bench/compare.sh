#!/usr/bin/env bash
# Runs each benchmark workload under luasync and under CPython asyncio, side by side,
# and prints a table: median wall-clock seconds of each, the median of the per-run
# ratios luasync/asyncio, and each one's peak memory (max RSS). pingpong also runs as
# plain Go (bench/gopingpong, unbuffered and buffered channels): the limit a
# goroutine hand-off sets. A workload with an interpreter floor, bench/floor/NAME.lua
# (the same work in one task, without task switches), also runs it: what gopher-lua
# alone takes. sleepers and spawn_alive also show peak memory per task.
#
#   bench/compare.sh [-n RUNS] [-s SIZE] [WORKLOAD...]
#
#   -n RUNS   measured runs of each program per workload (default 5, or $RUNS)
#   -s SIZE   pass SIZE to every workload instead of its default size (a quick try)
#   WORKLOAD  pingpong lock_contention queue_throughput spawn_join spawn_alive sleepers
#             startup (default: all of them)
#
# The runs are interleaved (luasync, python, python, luasync, ...: the first of each
# pair alternates) so that the machine's drift hits both. Before measuring, each
# workload runs once at a small size as a warm-up. Every run's result line must be
# the same for luasync, asyncio and plain Go: if not, the script stops and says so.
# luasync runs with $LUASYNC_FLAGS (default "--clock real": the default limits, as
# a user gets them; the 1 GiB memory limit also makes the collector work harder past
# 80% of it, which is what keeps 100k parked tasks under 900 MB).
# The table goes to stdout, progress and notes to stderr.
set -euo pipefail
export LC_ALL=C # a decimal point in EPOCHREALTIME and awk, whatever the locale
cd "$(dirname "$0")/.."
export PATH="$PATH:/usr/local/go/bin"

ALL_WORKLOADS=(pingpong lock_contention queue_throughput spawn_join spawn_alive sleepers startup)
RUNS=${RUNS:-5}
SIZE=""
LUASYNC_FLAGS=${LUASYNC_FLAGS:-"--clock real"}
WARMUP_SIZE=1000

usage() {
	sed -n '/^#   bench/,/(default: all of them)/p' "$0" | sed 's/^# \{0,1\}//' >&2
	exit 2
}
die() {
	echo "compare.sh: $*" >&2
	exit 1
}

while getopts "n:s:h" opt; do
	case $opt in
	n) RUNS=$OPTARG ;;
	s) SIZE=$OPTARG ;;
	*) usage ;;
	esac
done
shift $((OPTIND - 1))
[[ $RUNS =~ ^[1-9][0-9]*$ ]] || die "RUNS must be a positive whole number, not '$RUNS'"
[[ -z $SIZE || $SIZE =~ ^[0-9]+$ ]] || die "SIZE must be a whole number, not '$SIZE'"
WORKLOADS=("$@")
[[ ${#WORKLOADS[@]} -gt 0 ]] || WORKLOADS=("${ALL_WORKLOADS[@]}")
for w in "${WORKLOADS[@]}"; do
	[[ -f bench/$w.lua && -f bench/$w.py ]] || die "no workload '$w' (bench/$w.lua and bench/$w.py)"
done

command -v go >/dev/null || die "go not found (Go 1.26 is needed to build luasync)"
command -v python3 >/dev/null || die "python3 not found"
# The interpreter itself, not a version manager's shim (a shell script that would add
# its own start-up time to every Python run).
PY=$(python3 -c 'import sys; print(sys.executable)') || die "python3 does not run"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

echo "building luasync and gopingpong..." >&2
go build -o "$tmp/luasync" . || die "go build failed"
go build -o "$tmp/gopingpong" ./bench/gopingpong || die "go build ./bench/gopingpong failed"

# Peak memory: GNU time's %M (max RSS in KiB). If it is missing, install it (package
# "time") when running as root with apt-get; else fall back to a Python wrapper that
# reads the child's ru_maxrss (KiB on Linux) and times the child itself. The wrapper
# overstates small programs: Linux counts the wrapper's own pages, which the child
# has until it execs, in the child's peak (the baseline line shows that floor).
gnu_time() { [[ -x /usr/bin/time ]] && /usr/bin/time -f %M -o "$tmp/probe" true 2>/dev/null && [[ -s $tmp/probe ]]; }
if ! gnu_time && [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
	echo "note: GNU time is missing; installing it: apt-get install -y time" >&2
	{ apt-get install -y -q time || { apt-get update -q && apt-get install -y -q time; }; } >"$tmp/apt.log" 2>&1 ||
		echo "note: apt-get install time failed; using the Python wrapper" >&2
fi
if gnu_time; then
	MEMTOOL="GNU time (/usr/bin/time -f %M)"
else
	MEMTOOL="python3's resource module (no GNU time; apt-get install time for it)"
	echo "note: GNU time not found at /usr/bin/time; peak memory comes from a Python wrapper instead" >&2
	cat >"$tmp/rusage.py" <<'EOF'
import resource, subprocess, sys, time
out = sys.argv[1]
start = time.perf_counter()
status = subprocess.call(sys.argv[2:])
took = time.perf_counter() - start
with open(out, "w") as f:
    f.write(f"{took:.6f} {resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}\n")
sys.exit(status)
EOF
fi

# The clock: bash 5's EPOCHREALTIME costs nothing to read; date(1) is the fallback.
if [[ -z ${EPOCHREALTIME:-} ]]; then
	EPOCHREALTIME_MISSING=1
fi

# measure NAME CMD...: runs CMD with stdout in $tmp/NAME.out and stderr in
# $tmp/NAME.err; sets SECS (wall clock), KB (max RSS) and LINE (stdout). It stops
# the script if CMD fails or prints other than one line.
measure() {
	local name=$1 status=0
	shift
	if [[ $MEMTOOL == GNU* ]]; then
		local start end
		if [[ -n ${EPOCHREALTIME_MISSING:-} ]]; then start=$(date +%s.%N); else start=$EPOCHREALTIME; fi
		/usr/bin/time -f %M -o "$tmp/$name.mem" "$@" >"$tmp/$name.out" 2>"$tmp/$name.err" || status=$?
		if [[ -n ${EPOCHREALTIME_MISSING:-} ]]; then end=$(date +%s.%N); else end=$EPOCHREALTIME; fi
		SECS=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.6f", b - a }')
		KB=$(tail -n 1 "$tmp/$name.mem")
	else
		"$PY" "$tmp/rusage.py" "$tmp/$name.mem" "$@" >"$tmp/$name.out" 2>"$tmp/$name.err" || status=$?
		SECS=0 KB=0
		[[ -s $tmp/$name.mem ]] && read -r SECS KB <"$tmp/$name.mem"
	fi
	if [[ $status -ne 0 ]]; then
		echo "compare.sh: FAILED: '$*' exited with status $status; its stderr:" >&2
		tail -n 20 "$tmp/$name.err" >&2
		exit 1
	fi
	if [[ $(wc -l <"$tmp/$name.out") -ne 1 ]]; then
		echo "compare.sh: FAILED: '$*' should print one result line; it printed:" >&2
		head -n 5 "$tmp/$name.out" >&2
		exit 1
	fi
	LINE=$(cat "$tmp/$name.out")
	if [[ -s $tmp/$name.err && $name != go-* && $name != floor-* ]]; then
		echo "$name: $(head -n 1 "$tmp/$name.err")" >>"$tmp/notes"
	fi
}

# agree WORKLOAD WANT GOT WHO: stops the script loudly if two result lines differ.
agree() {
	if [[ $2 != "$3" ]]; then
		{
			echo
			echo "compare.sh: MISMATCH in $1: the result lines differ"
			echo "  luasync:  $2"
			echo "  $4: $3"
			echo "A wrong result cannot be compared: fix the implementation (or the twin) first."
		} >&2
		exit 1
	fi
}

median() { # the median of the numbers on stdin
	sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) exit 1; if (NR % 2) printf "%.6f", v[(NR + 1) / 2]; else printf "%.6f", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.6f\n", (b > 0 ? a / b : 0) }'; }

LUA=("$tmp/luasync" run $LUASYNC_FLAGS)
declare -A MED_LUA MED_PY MED_RATIO MEM_LUA MEM_PY RESULT
GO_KINDS=(unbuffered buffered)
declare -A MED_GO MED_GORATIO MED_FLOOR

# What the measuring itself costs: a run of /bin/echo the same way.
: >"$tmp/t.base"
: >"$tmp/m.base"
for ((run = 1; run <= RUNS; run++)); do
	measure baseline /bin/echo baseline
	echo "$SECS" >>"$tmp/t.base"
	echo "$KB" >>"$tmp/m.base"
done
MED_BASE=$(median <"$tmp/t.base")
MEM_BASE=$(median <"$tmp/m.base")

for w in "${WORKLOADS[@]}"; do
	size=()
	[[ -n $SIZE ]] && size=("$SIZE")

	# Warm-up at a small size: page cache, and an early check of the result lines.
	measure warm-lua "${LUA[@]}" "bench/$w.lua" "$WARMUP_SIZE"
	lua_line=$LINE
	measure warm-py "$PY" "bench/$w.py" "$WARMUP_SIZE"
	agree "$w (warm-up, size $WARMUP_SIZE)" "$lua_line" "$LINE" "asyncio"

	: >"$tmp/t.lua"
	: >"$tmp/t.py"
	: >"$tmp/r"
	: >"$tmp/m.lua"
	: >"$tmp/m.py"
	for kind in "${GO_KINDS[@]}"; do : >"$tmp/t.go.$kind" && : >"$tmp/r.go.$kind"; done
	: >"$tmp/t.floor"
	want=""
	for ((run = 1; run <= RUNS; run++)); do
		echo "$w: run $run of $RUNS" >&2
		order=(lua py)
		((run % 2 == 0)) && order=(py lua)
		for who in "${order[@]}"; do
			if [[ $who == lua ]]; then
				measure "$w.lua" "${LUA[@]}" "bench/$w.lua" "${size[@]}"
				lua_secs=$SECS lua_line=$LINE
				echo "$KB" >>"$tmp/m.lua"
			else
				measure "$w.py" "$PY" "bench/$w.py" "${size[@]}"
				py_secs=$SECS py_line=$LINE
				echo "$KB" >>"$tmp/m.py"
			fi
		done
		agree "$w" "$lua_line" "$py_line" "asyncio"
		[[ -z $want ]] && want=$lua_line
		agree "$w (run $run against run 1)" "$want" "$lua_line" "run 1"
		echo "$lua_secs" >>"$tmp/t.lua"
		echo "$py_secs" >>"$tmp/t.py"
		ratio "$lua_secs" "$py_secs" >>"$tmp/r"
		if [[ -f bench/floor/$w.lua ]]; then
			measure "floor-$w" "${LUA[@]}" "bench/floor/$w.lua" "${size[@]}"
			agree "$w (its interpreter floor, bench/floor/$w.lua)" "$lua_line" "$LINE" "the floor"
			echo "$SECS" >>"$tmp/t.floor"
		fi
		if [[ $w == pingpong ]]; then
			for kind in "${GO_KINDS[@]}"; do
				measure "go-$kind" "$tmp/gopingpong" -chan "$kind" "${size[@]}"
				agree "pingpong (plain Go, $kind channels)" "$lua_line" "$LINE" "plain Go"
				echo "$SECS" >>"$tmp/t.go.$kind"
				ratio "$lua_secs" "$SECS" >>"$tmp/r.go.$kind"
			done
		fi
	done
	RESULT[$w]=$want
	MED_LUA[$w]=$(median <"$tmp/t.lua")
	MED_PY[$w]=$(median <"$tmp/t.py")
	MED_RATIO[$w]=$(median <"$tmp/r")
	MEM_LUA[$w]=$(median <"$tmp/m.lua")
	MEM_PY[$w]=$(median <"$tmp/m.py")
	[[ -s $tmp/t.floor ]] && MED_FLOOR[$w]=$(median <"$tmp/t.floor")
	if [[ $w == pingpong ]]; then
		for kind in "${GO_KINDS[@]}"; do
			MED_GO[$kind]=$(median <"$tmp/t.go.$kind")
			MED_GORATIO[$kind]=$(median <"$tmp/r.go.$kind")
		done
	fi
done

cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || true)
echo
echo "luasync vs CPython asyncio, $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "machine: $(uname -sm), ${cpu:-unknown CPU}, $(nproc) cores, $(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo 2>/dev/null)"
echo "luasync $(git describe --always --dirty 2>/dev/null || echo '(not a git checkout)'), $(go version | awk '{ print $3 }'), flags: $LUASYNC_FLAGS"
echo "asyncio: $("$PY" -c 'import sys; print("Python", sys.version.split()[0])') ($PY)"
echo "$RUNS runs each, interleaved; medians; ratio = median of per-run luasync/asyncio; memory = max RSS by $MEMTOOL"
printf 'baseline (the cost of measuring): /bin/echo, run the same way, takes %.4f s and %.1f MiB\n' "$MED_BASE" \
	"$(awk -v k="$MEM_BASE" 'BEGIN { print k / 1024 }')"
echo
printf '%-17s %11s %11s %9s %12s %12s\n' workload "luasync s" "asyncio s" "lua/py" "luasync MiB" "asyncio MiB"
for w in "${WORKLOADS[@]}"; do
	printf '%-17s %11.4f %11.4f %8.2fx %12.1f %12.1f\n' "$w" "${MED_LUA[$w]}" "${MED_PY[$w]}" "${MED_RATIO[$w]}" \
		"$(awk -v k="${MEM_LUA[$w]}" 'BEGIN { print k / 1024 }')" "$(awk -v k="${MEM_PY[$w]}" 'BEGIN { print k / 1024 }')"
done
[[ -n ${RESULT[pingpong]:-}${RESULT[sleepers]:-}${RESULT[spawn_alive]:-}${!MED_FLOOR[*]} ]] && echo
for w in "${WORKLOADS[@]}"; do
	[[ -n ${MED_FLOOR[$w]:-} ]] || continue
	printf '%s, interpreter floor (bench/floor/%s.lua: the same work in one task, no switch): %.4f s, %.0f%% of the workload\n' \
		"$w" "$w" "${MED_FLOOR[$w]}" "$(awk -v f="${MED_FLOOR[$w]}" -v l="${MED_LUA[$w]}" 'BEGIN { print (l > 0 ? 100 * f / l : 0) }')"
done
if [[ -n ${RESULT[pingpong]:-} ]]; then
	for kind in "${GO_KINDS[@]}"; do
		printf 'pingpong, plain Go (%s channels): %.4f s; luasync/Go %.1fx\n' "$kind" "${MED_GO[$kind]}" "${MED_GORATIO[$kind]}"
	done
fi
for w in sleepers spawn_alive; do
	[[ -n ${RESULT[$w]:-} ]] || continue
	parked=$(sed -n 's/.*tasks=\([0-9]*\).*/\1/p' <<<"${RESULT[$w]}")
	if [[ ${parked:-0} -gt 0 ]]; then
		printf '%s, peak memory per task alive at once (%d tasks): luasync %.1f KiB, asyncio %.1f KiB\n' "$w" "$parked" \
			"$(awk -v k="${MEM_LUA[$w]}" -v n="$parked" 'BEGIN { print k / n }')" \
			"$(awk -v k="${MEM_PY[$w]}" -v n="$parked" 'BEGIN { print k / n }')"
	fi
done
echo
echo "result lines (the same for every run of every program):"
for w in "${WORKLOADS[@]}"; do echo "  ${RESULT[$w]}"; done
if [[ -s $tmp/notes ]]; then
	echo
	echo "stderr output seen (first line of each, once per program and workload):"
	sort -u "$tmp/notes" | sed 's/^/  /'
fi
