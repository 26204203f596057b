package runner

import (
	"context"
	"fmt"
	"net/http"
	"runtime"
	"runtime/debug"
	"strings"
	"testing"
	"time"

	"github.com/flashcart/flashcart/scenarios"
)

// BenchmarkBundledSuites runs every bundled suite in-process, one scenario
// at a time and then with the default --jobs, under Go's default GC target
// and under the one `flashcart run` sets (400), and reports steps/s.
// Compare with BenchmarkBareHandler, measured in the same run.
func BenchmarkBundledSuites(b *testing.B) {
	files, err := scenarios.Load("../suites")
	if err != nil {
		b.Fatal(err)
	}
	var list []*scenarios.Scenario
	for _, f := range files {
		list = append(list, f.Scenarios...)
	}
	for _, gc := range []int{100, 400} {
		for _, jobs := range []int{1, runtime.NumCPU()} {
			b.Run(fmt.Sprintf("gogc=%d/jobs=%d", gc, jobs), func(b *testing.B) {
				defer debug.SetGCPercent(debug.SetGCPercent(gc))
				benchSuites(b, list, jobs)
			})
		}
	}
}

func benchSuites(b *testing.B, list []*scenarios.Scenario, jobs int) {
	steps := 0
	start := time.Now()
	for b.Loop() {
		res, err := Run(context.Background(), list, Options{Seed: 1, Jobs: jobs})
		if err != nil {
			b.Fatal(err)
		}
		if n := res.Count(); n[Passed] != len(list) {
			b.Fatalf("the suites fail: %v", n)
		}
		steps += res.Steps()
	}
	b.ReportMetric(float64(steps)/time.Since(start).Seconds(), "steps/s")
}

// BenchmarkBareHandler is the baseline: a bare net/http handler answering a
// fixed JSON body, called the way the in-process runner calls the sandbox.
func BenchmarkBareHandler(b *testing.B) {
	bare := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, `{"buy_link":"https://cart.checkout.noventiq.com.demoslweb.ru/basket/flash/12345678","external_id":"12345678"}`)
	})
	c := inProcessClient(bare)
	body := `{"currency":"EUR","products":[{"id":111111,"name":"Base","price":"30.00","quantity":1}]}`
	start := time.Now()
	for b.Loop() {
		req, _ := http.NewRequest(http.MethodPost, InProcessBase+"/v1/generate_buy_link", strings.NewReader(body))
		resp, err := c.Do(req)
		if err != nil {
			b.Fatal(err)
		}
		resp.Body.Close()
	}
	b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "steps/s")
}
