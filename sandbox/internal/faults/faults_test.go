package faults

import (
	"encoding/json"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"errors"
	"net/http"
)

func spec(t *testing.T, src string) Spec {
	t.Helper()
	var s Spec
	if err := json.Unmarshal([]byte(src), &s); err != nil {
		t.Fatalf("%s: %v", src, err)
	}
	return s
}

// forcedError stands for a vendor's forced error answer: it remembers the
// code text it was made for.
type forcedError string

func (forcedError) ServeHTTP(http.ResponseWriter, *http.Request) {}

// force makes a forcedError, refusing the code 9999 as a vendor would an
// undocumented one.
func force(_ Spec, code string) (http.Handler, error) {
	if code == "9999" {
		return nil, errors.New("9999 is not a documented error code")
	}
	return forcedError(code), nil
}

func TestAddRefusesBadSpecs(t *testing.T) {
	tests := []struct{ src, want string }{
		{`{"status":503}`, `"path" is required`},
		{`{"path":"[","status":503}`, "not a valid pattern"},
		{`{"path":"/v1/*"}`, `send "latency"`},
		{`{"path":"/v1/*","status":503,"drop":true}`, "at most one"},
		{`{"path":"/v1/*","status":200}`, "between 400 and 599"},
		{`{"path":"/v1/*","error":9999}`, "9999 is not a documented error code"},
		{`{"path":"/v1/*","field":"x","status":503}`, `"field" goes with "error"`},
		{`{"path":"/v1/*","error":true}`, `"error" is a vendor error code`},
		{`{"path":"/v1/*","status":503,"count":-1}`, `"count" must be 1 or more`},
		{`{"path":"/v1/*","status":503,"count":0}`, `"count" must be 1 or more`},
		{`{"path":"/v1/*","latency":{"distribution":"gamma"}}`, "latency distribution must be"},
		{`{"path":"/v1/*","latency":{"distribution":"uniform","min":"2s","max":"1s"}}`, "min <= max"},
		{`{"path":"/v1/*","latency":{"distribution":"normal","mean":"5s","stddev":"1s","max":"2s"}}`, "min <= mean <= max"},
		{`{"path":"/v1/*","latency":{"distribution":"fixed","value":"1s","max":"2s"}}`, `takes only "value"`},
	}
	for _, tt := range tests {
		var s Spec
		err := json.Unmarshal([]byte(tt.src), &s)
		if err == nil {
			_, err = New(nil).Add(s, force)
		}
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: err = %v, want %q", tt.src, err, tt.want)
		}
	}
}

func TestDurationRefusesBadValues(t *testing.T) {
	for _, src := range []string{`"soon"`, `"-1s"`, `"31s"`, `5`} {
		var d Duration
		if err := json.Unmarshal([]byte(src), &d); err == nil {
			t.Errorf("%s accepted as %v", src, time.Duration(d))
		}
	}
}

func TestDecide(t *testing.T) {
	s := New(rand.New(rand.NewPCG(1, 2)))
	mustAdd := func(src string) Rule {
		r, err := s.Add(spec(t, src), force)
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	mustAdd(`{"path":"/v1/login_check","drop":true,"count":1}`)
	mustAdd(`{"path":"/v1/*","error":3010,"field":"currency","count":2}`)
	if got := mustAdd(`{"path":"/rpc/*","error":"ORDER_PRODUCTS_EMPTY","count":1}`); got.Error != "ORDER_PRODUCTS_EMPTY" {
		t.Errorf("string code read as %q", got.Error)
	}
	forever := mustAdd(`{"path":"*","status":503,"latency":{"distribution":"fixed","value":"10ms"}}`)

	forced := forcedError("3010 currency")
	tests := []struct {
		path string
		want Decision
	}{
		{"/v1/login_check", Decision{Rule: "f1", Drop: true}},
		{"/v1/login_check", Decision{Rule: "f2", Forced: forced}},
		{"/v1/generate_buy_link", Decision{Rule: "f2", Forced: forced}},
		{"/rpc/6.0", Decision{Rule: "f3", Forced: forcedError("ORDER_PRODUCTS_EMPTY")}},
		{"/v1/generate_buy_link", Decision{Rule: "f4", Status: 503, Delay: 10 * time.Millisecond}},
		{"/basket/flash/1", Decision{Rule: "f4", Status: 503, Delay: 10 * time.Millisecond}},
	}
	for i, tt := range tests {
		got, ok := s.Decide(tt.path)
		if !ok || got.Rule != tt.want.Rule || got.Status != tt.want.Status || got.Drop != tt.want.Drop ||
			got.Delay != tt.want.Delay || got.Forced != tt.want.Forced {
			t.Errorf("request %d %s: %+v, want %+v", i, tt.path, got, tt.want)
		}
	}
	if list := s.List(); len(list) != 1 || list[0].ID != forever.ID || list[0].Hits != 2 {
		t.Errorf("after the counted faults ran out: %+v", list)
	}
	if !s.Remove(forever.ID) || s.Remove(forever.ID) {
		t.Error("Remove does not report what it removed")
	}
	if _, ok := s.Decide("/v1/login_check"); ok {
		t.Error("a removed fault still applies")
	}
}

func TestLatencyDistributions(t *testing.T) {
	ms := func(n int) Duration { return Duration(time.Duration(n) * time.Millisecond) }
	tests := []struct {
		latency  Latency
		min, max time.Duration
		mean     time.Duration // wanted sample mean, within 5%
	}{
		{Latency{Distribution: Uniform, Min: ms(100), Max: ms(300)}, 100 * time.Millisecond, 300 * time.Millisecond, 200 * time.Millisecond},
		{Latency{Distribution: Normal, Mean: ms(200), StdDev: ms(20), Max: ms(1000)}, 0, time.Second, 200 * time.Millisecond},
		{Latency{Distribution: Normal, Mean: ms(50), StdDev: ms(200), Min: ms(40), Max: ms(60)}, 40 * time.Millisecond, 60 * time.Millisecond, 50 * time.Millisecond},
	}
	for _, tt := range tests {
		rng := rand.New(rand.NewPCG(7, 7))
		var sum time.Duration
		const n = 10000
		distinct := map[time.Duration]bool{}
		for range n {
			d := tt.latency.draw(rng)
			if d < tt.min || d > tt.max {
				t.Fatalf("%+v drew %v outside [%v, %v]", tt.latency, d, tt.min, tt.max)
			}
			distinct[d] = true
			sum += d
		}
		if mean := sum / n; mean < tt.mean*95/100 || mean > tt.mean*105/100 {
			t.Errorf("%+v: sample mean %v, want about %v", tt.latency, mean, tt.mean)
		}
		if len(distinct) < 100 {
			t.Errorf("%+v: only %d distinct delays in %d draws", tt.latency, len(distinct), n)
		}
	}
}
