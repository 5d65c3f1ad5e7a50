#!/usr/bin/env bash
# bench-fleet.sh: time `gwsync plan ROOT/...` on a generated fleet against
# `gwsync plan DIR` run on each of its gateways in turn, side by side in
# one run; the README quotes its table.
#
#   scripts/bench-fleet.sh [GATEWAYS [ROUTES [ROUNDS]]]   (defaults: 50 gateways, 200 routes, 3 rounds)
#
# It generates GATEWAYS local desired states of ROUTES routes each with
# internal/synth/cmd/gwsync-synth (seeds 1, 2, ...), applies them all
# (gwsync apply --auto-approve ROOT/...), so that every plan reads a
# gateway holding its routes, then runs ROUNDS rounds, alternating which
# goes first: every single-gateway plan, one after another, and the fleet
# plan, each under /usr/bin/time. It prints the medians over the rounds
# of: the sum of the single plans' wall times and the fleet's wall time,
# the median single plan's peak RSS and the fleet's, and the ratios
# fleet/singles (time) and fleet/one gateway (memory). FLEET_FLAGS adds
# flags to the fleet plan (e.g. --fleet-parallelism 2).
set -euo pipefail

gateways=${1:-50}
routes=${2:-200}
rounds=${3:-3}
cd "$(dirname "$0")/.."

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

die() { echo "bench-fleet: $*" >&2; exit 1; }

[[ -x /usr/bin/time ]] || die "/usr/bin/time (GNU time) is missing; on Debian: apt-get install time"
[[ $gateways =~ ^[1-9][0-9]*$ && $routes =~ ^[1-9][0-9]*$ && $rounds =~ ^[1-9][0-9]*$ ]] || die "usage: $0 [GATEWAYS [ROUTES [ROUNDS]]]"

# measure CMD...: runs CMD with its output discarded and prints
# "wall_seconds peak_rss_kib"; fails if CMD fails.
measure() {
	if ! /usr/bin/time -f '%e %M' -o "$tmp/time" "$@" >/dev/null 2>"$tmp/stderr"; then
		cat "$tmp/stderr" >&2
		die "failed: $*"
	fi
	tail -n1 "$tmp/time"
}

# median FILE COLUMN: the median of one column of FILE.
median() {
	sort -g -k"$2","$2" "$1" | awk -v c="$2" '{ v[NR] = $c }
		END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

go build -o "$tmp/gwsync" ./cmd/gwsync
go build -o "$tmp/gwsync-synth" ./internal/synth/cmd/gwsync-synth

fleet=$tmp/fleet
dirs=()
for ((i = 1; i <= gateways; i++)); do
	dir=$(printf 'gw-%03d' "$i")
	"$tmp/gwsync-synth" -routes "$routes" -seed "$i" -out "$fleet/$dir" >/dev/null
	dirs+=("$dir")
done
(cd "$fleet" && "$tmp/gwsync" apply --auto-approve ./... >/dev/null 2>&1) || die "applying the fleet failed"

# singles: one round of single-gateway plans; appends "sum_wall median_rss"
# to singles.times.
singles() (
	cd "$fleet"
	: >"$tmp/round"
	for d in "${dirs[@]}"; do measure "$tmp/gwsync" plan --detailed-exitcode "$d" >>"$tmp/round"; done
	awk '{ s += $1 } END { printf "%.2f ", s }' "$tmp/round" >>"$tmp/singles.times"
	median "$tmp/round" 2 >>"$tmp/singles.times"
)

# whole: one fleet plan; appends "wall rss" to fleet.times.
whole() (
	cd "$fleet"
	# shellcheck disable=SC2086 # FLEET_FLAGS is a list of flags
	measure "$tmp/gwsync" plan --detailed-exitcode ${FLEET_FLAGS:-} ./... >>"$tmp/fleet.times"
)

# One untimed run of each warms the page cache and checks both succeed.
singles
whole
: >"$tmp/singles.times"
: >"$tmp/fleet.times"
for ((r = 0; r < rounds; r++)); do
	if ((r % 2)); then whole; singles; else singles; whole; fi
done

echo "$gateways gateways of $routes routes (local, in step); $rounds rounds; $(go env GOVERSION); $(nproc) CPUs"
sum=$(median "$tmp/singles.times" 1)
one=$(median "$tmp/singles.times" 2)
wall=$(median "$tmp/fleet.times" 1)
rss=$(median "$tmp/fleet.times" 2)
awk -v s="$sum" -v o="$one" -v w="$wall" -v m="$rss" -v n="$gateways" 'BEGIN {
	printf "%-34s %10s %16s\n", "run", "wall (s)", "peak RSS (MiB)"
	printf "%-34s %10.2f %16.1f\n", n " single plans (sum; one gateway)", s, o / 1024
	printf "%-34s %10.2f %16.1f\n", "plan ./... (fleet)", w, m / 1024
	printf "%-34s %10.2f %16.2f\n", "fleet / singles", (s > 0 ? w / s : 0), (o > 0 ? m / o : 0)
}'
