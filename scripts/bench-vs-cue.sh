#!/usr/bin/env bash
# bench-vs-cue.sh: time `gwsync validate` against `cue export` on one
# synthetic desired state, side by side; the README quotes its table.
#
#   scripts/bench-vs-cue.sh [ROUTES [ROUNDS]]     (defaults: 10000 routes, 5 rounds)
#
# It generates ROUTES routes with internal/synth/cmd/gwsync-synth (seed 1,
# default sizes), then runs ROUNDS rounds of `cue export DIR` and
# `gwsync validate DIR`, alternating which goes first, each under
# /usr/bin/time, and prints the median wall time and peak RSS of each and
# the ratios gwsync/cue. The cue CLI is the version of cuelang.org/go in
# go.mod: the one on PATH if it matches, else installed into a temporary
# GOBIN. SKIP_GWSYNC=1 measures cue alone (for before cmd/gwsync exists).
set -euo pipefail

routes=${1:-10000}
rounds=${2:-5}
cd "$(dirname "$0")/.."

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

die() { echo "bench-vs-cue: $*" >&2; exit 1; }

[[ -x /usr/bin/time ]] || die "/usr/bin/time (GNU time) is missing; on Debian: apt-get install time"
[[ $routes =~ ^[0-9]+$ && $rounds =~ ^[1-9][0-9]*$ ]] || die "usage: $0 [ROUTES [ROUNDS]]"

# cue_bin prints the path of a cue CLI at version $1, installing one if needed.
cue_bin() {
	local want=$1
	if command -v cue >/dev/null && [[ $(cue version 2>/dev/null | head -n1) == "cue version $want" ]]; then
		command -v cue
		return
	fi
	echo "installing cue $want into $tmp/bin" >&2
	GOBIN="$tmp/bin" go install "cuelang.org/go/cmd/cue@$want" >&2
	echo "$tmp/bin/cue"
}

# measure FILE CMD...: runs CMD with stdout discarded and appends
# "wall_seconds peak_rss_kib" to FILE; fails if CMD fails.
measure() {
	local out=$1
	shift
	if ! /usr/bin/time -f '%e %M' -o "$tmp/time" "$@" >/dev/null 2>"$tmp/stderr"; then
		cat "$tmp/stderr" >&2
		die "failed: $*"
	fi
	tail -n1 "$tmp/time" >>"$out"
}

# median FILE COLUMN: the median of one column of FILE.
median() {
	sort -g -k"$2","$2" "$1" | awk -v c="$2" '{ v[NR] = $c }
		END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

cue_version=$(go list -m -f '{{.Version}}' cuelang.org/go)
cue=$(cue_bin "$cue_version")

go build -o "$tmp/gwsync-synth" ./internal/synth/cmd/gwsync-synth
tools=(cue)
if [[ ${SKIP_GWSYNC:-} != 1 ]]; then
	go build -o "$tmp/gwsync" ./cmd/gwsync
	tools+=(gwsync)
fi

state=$tmp/state
summary=$("$tmp/gwsync-synth" -routes "$routes" -seed 1 -out "$state")

# run TOOL: one timed run of TOOL on the state. Both run inside the state
# directory on "." (cue v0.17 takes an absolute directory outside the
# current module for a non-canonical import path and fails).
run() (
	cd "$state"
	case $1 in
	cue) measure "$tmp/$1.times" "$cue" export . ;;
	gwsync) measure "$tmp/$1.times" "$tmp/gwsync" validate . ;;
	esac
)

# One untimed run of each warms the page cache and checks both accept it.
for t in "${tools[@]}"; do
	run "$t"
	: >"$tmp/$t.times"
done
for ((r = 0; r < rounds; r++)); do
	order=("${tools[@]}")
	if ((r % 2)); then
		mapfile -t order < <(printf '%s\n' "${tools[@]}" | tac)
	fi
	for t in "${order[@]}"; do run "$t"; done
done

echo "$summary; $rounds rounds; cue $cue_version; $(go env GOVERSION); $(nproc) CPUs"
printf '%-12s %12s %16s\n' tool "wall (s)" "peak RSS (MiB)"
declare -A wall rss
for t in "${tools[@]}"; do
	wall[$t]=$(median "$tmp/$t.times" 1)
	rss[$t]=$(median "$tmp/$t.times" 2)
	awk -v t="$t" -v w="${wall[$t]}" -v m="${rss[$t]}" 'BEGIN { printf "%-12s %12.2f %16.1f\n", t, w, m / 1024 }'
done
if [[ -n ${wall[gwsync]:-} ]]; then
	awk -v wg="${wall[gwsync]}" -v wc="${wall[cue]}" -v mg="${rss[gwsync]}" -v mc="${rss[cue]}" \
		'BEGIN { printf "%-12s %12.2f %16.2f\n", "gwsync/cue", (wc > 0 ? wg / wc : 0), (mc > 0 ? mg / mc : 0) }'
fi
