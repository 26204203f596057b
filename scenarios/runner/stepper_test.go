package runner

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

// TestStepperRunsOneStepAtATime checks that stepping gives what Run gives,
// one step per call, and stops as Run stops after a failure.
func TestStepperRunsOneStepAtATime(t *testing.T) {
	list := parse(t, failing)
	ctx := context.Background()
	s, err := NewStepper(ctx, list[0], Options{Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if s.Done() || len(s.Result().Steps) != 0 {
		t.Fatal("a step ran before Next")
	}
	login := s.Next(ctx)
	if login == nil || login.Step.ID != "login" || login.Status != Passed || s.Done() || len(s.Result().Steps) != 1 {
		t.Fatalf("first step: %+v, done %v", login, s.Done())
	}
	link := s.Next(ctx)
	if link == nil || link.Step.ID != "link" || link.Status != Failed || !s.Done() {
		t.Fatalf("second step: %+v, done %v", link, s.Done())
	}
	res := s.Result()
	if res.Status != Failed || len(res.Steps) != 3 || res.Steps[2].Status != Skipped || res.Steps[2].Reason != "not run: step link failed" {
		t.Fatalf("result %s, %d steps", res.Status, len(res.Steps))
	}
	if s.Next(ctx) != nil {
		t.Error("Next after the end ran a step")
	}

	whole, err := Run(ctx, list[:1], Options{Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	for i, st := range whole.Scenarios[0].Steps {
		got := res.Steps[i]
		if got.Status != st.Status || got.Curl != st.Curl || got.Diff != st.Diff {
			t.Errorf("step %d: stepped %s %q, run %s %q", i, got.Status, got.Curl, st.Status, st.Curl)
		}
		if (got.Response == nil) != (st.Response == nil) || got.Response != nil && !bytes.Equal(got.Response.Body, st.Response.Body) {
			t.Errorf("step %d: the responses differ", i)
		}
	}
	s.Close() // twice is fine
}

func TestStepperKeepGoingAndUnreachableTarget(t *testing.T) {
	ctx := context.Background()
	s, err := NewStepper(ctx, parse(t, failing)[0], Options{Seed: 3, KeepGoing: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	n := 0
	for !s.Done() {
		s.Next(ctx)
		n++
	}
	if n != 3 || s.Result().Steps[2].Status != Passed {
		t.Errorf("KeepGoing: %d steps run, the last %s", n, s.Result().Steps[2].Status)
	}

	srv := httptest.NewServer(http.NotFoundHandler())
	url := srv.URL
	srv.Close()
	if _, err := NewStepper(ctx, parse(t, failing)[0], Options{Target: url, Timeout: 2 * time.Second}); !errors.Is(err, ErrUnreachable) {
		t.Errorf("unreachable target: %v", err)
	}
}
