package synth

// rng is a SplitMix64 generator. It is written out here, rather than taken
// from math/rand, so that a seed gives the same desired state on every Go
// release and platform.
type rng struct{ state uint64 }

// newRNG returns the generator for item i of a state built from seed, so
// each route's choices depend only on the seed and the route's index.
func newRNG(seed int64, i int) *rng {
	r := &rng{state: uint64(seed)}
	r.state = r.next() ^ uint64(i)*0xd1342543de82ef95
	return r
}

func (r *rng) next() uint64 {
	r.state += 0x9e3779b97f4a7c15
	z := r.state
	z = (z ^ z>>30) * 0xbf58476d1ce4e5b9
	z = (z ^ z>>27) * 0x94d049bb133111eb
	return z ^ z>>31
}

// intn returns a number in [0, n); n must be positive. The modulo bias is
// negligible for the small n used here.
func (r *rng) intn(n int) int { return int(r.next() % uint64(n)) }

// chance reports true with probability num/den.
func (r *rng) chance(num, den int) bool { return r.intn(den) < num }
