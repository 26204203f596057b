package traffic

import (
	"net/http"
	"slices"
	"sync"
	"time"
)

// Recorder counts and times every request a client sends, through its
// transport. It is safe for concurrent use.
type Recorder struct {
	mu        sync.Mutex
	latencies []time.Duration
	byStatus  map[int]int
	failed    int // no response at all
	surprises map[string]int
}

// NewRecorder returns an empty recorder.
func NewRecorder() *Recorder {
	return &Recorder{byStatus: map[int]int{}, surprises: map[string]int{}}
}

// Transport wraps next so that every round trip is recorded.
func (r *Recorder) Transport(next http.RoundTripper) http.RoundTripper {
	return roundTripFunc(func(req *http.Request) (*http.Response, error) {
		start := time.Now()
		resp, err := next.RoundTrip(req)
		if err != nil && req.Context().Err() != nil {
			return nil, err // the run ended, not the server
		}
		r.mu.Lock()
		defer r.mu.Unlock()
		r.latencies = append(r.latencies, time.Since(start))
		if err != nil {
			r.failed++
			return nil, err
		}
		r.byStatus[resp.StatusCode]++
		return resp, nil
	})
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(req *http.Request) (*http.Response, error) { return f(req) }

// Surprise records a step whose answer was not the one expected.
func (r *Recorder) Surprise(step string) {
	r.mu.Lock()
	r.surprises[step]++
	r.mu.Unlock()
}

// Summary is what a run measured.
type Summary struct {
	Requests  int            `json:"requests"`
	PerSecond float64        `json:"requests_per_second"`
	P50       time.Duration  `json:"p50_ns"`
	P99       time.Duration  `json:"p99_ns"`
	Max       time.Duration  `json:"max_ns"`
	ByStatus  map[int]int    `json:"by_status"`
	Status5xx int            `json:"status_5xx"`
	Failed    int            `json:"failed"`
	Surprises map[string]int `json:"surprises"`
}

// Summary sums up what was recorded over elapsed.
func (r *Recorder) Summary(elapsed time.Duration) Summary {
	r.mu.Lock()
	defer r.mu.Unlock()
	lat := slices.Clone(r.latencies)
	slices.Sort(lat)
	s := Summary{
		Requests:  len(lat),
		ByStatus:  map[int]int{},
		Failed:    r.failed,
		Surprises: map[string]int{},
	}
	for code, n := range r.byStatus {
		s.ByStatus[code] = n
		if code >= 500 {
			s.Status5xx += n
		}
	}
	for step, n := range r.surprises {
		s.Surprises[step] = n
	}
	if len(lat) > 0 {
		s.PerSecond = float64(len(lat)) / elapsed.Seconds()
		s.P50 = Percentile(lat, 50)
		s.P99 = Percentile(lat, 99)
		s.Max = lat[len(lat)-1]
	}
	return s
}

// Percentile returns the p-th percentile (nearest rank) of sorted values.
func Percentile(sorted []time.Duration, p int) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	rank := (p*len(sorted) + 99) / 100 // ceil(p/100 × n)
	return sorted[max(rank, 1)-1]
}
