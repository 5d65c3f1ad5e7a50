#!/usr/bin/env bash
# bench-overlap-blowup.sh: time `gwsync validate` on the overlap blow-up
# of issue 17.5 and print its wall time, peak RSS and summary line; the
# README quotes the figures.
#
#   scripts/bench-overlap-blowup.sh [ROUTES] [GWSYNC]   (defaults: 1000, a fresh build)
#
# It writes ROUTES Regex routes "/.*x0.*", "/.*x1.*", ... on one domain,
# environment and method set (every pair overlaps, and each pair takes a
# search), one route per line (about 85 bytes a route, the shared fields in
# a hidden definition), and runs GWSYNC
# validate on them under /usr/bin/time. GWSYNC lets a build of another
# commit be measured the same way.
set -euo pipefail

routes=${1:-1000}
cd "$(dirname "$0")/.."

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

die() { echo "bench-overlap-blowup: $*" >&2; exit 1; }

[[ -x /usr/bin/time ]] || die "/usr/bin/time (GNU time) is missing; on Debian: apt-get install time"
[[ $routes =~ ^[1-9][0-9]*$ ]] || die "usage: $0 [ROUTES] [GWSYNC]"
gwsync=${2:-}
if [[ -z $gwsync ]]; then
	go build -o "$tmp/gwsync" ./cmd/gwsync
	gwsync=$tmp/gwsync
fi

{
	echo 'package gateway'
	echo 'gateway: provider: "local"'
	echo 'environments: prod: {}'
	echo 'services: s: {sourceType: "DNS", addresses: ["s.internal:80"]}'
	echo 'domains: "api.example.com": protocol: "HTTP"'
	echo '_r: {environment: "prod", domains: ["api.example.com"], backend: {scene: "SingleService", services: [{service: "s"}]}}'
	for ((i = 0; i < routes; i++)); do
		echo "httpApis: a: routes: r$i: _r & {match: path: {type: \"Regex\", value: \"/.*x$i.*\"}}"
	done
} >"$tmp/state.cue"

echo "input: $routes routes, $(wc -c <"$tmp/state.cue") bytes"
status=0
/usr/bin/time -f '%e %M' -o "$tmp/time" "$gwsync" validate "$tmp/state.cue" >"$tmp/out" || status=$?
read -r wall rss <"$tmp/time"
echo "exit $status, wall ${wall} s, peak RSS $((rss / 1024)) MiB"
grep -o 'stopped at its budget of [^:]*: it decided [0-9,]* pairs\? of routes and left [0-9,]* undecided' "$tmp/out" || true
tail -n1 "$tmp/out"
