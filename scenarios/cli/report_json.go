package cli

import (
	"encoding/json"
	"io"

	"github.com/flashcart/flashcart/scenarios/internal/match"
	"github.com/flashcart/flashcart/scenarios/runner"
)

type jsonReport struct {
	Seed      uint64         `json:"seed"`
	Target    string         `json:"target,omitempty"`
	Flashcart bool           `json:"flashcart"`
	Counts    map[string]int `json:"counts"`
	Steps     int            `json:"steps"`
	Scenarios []jsonScenario `json:"scenarios"`
}

type jsonScenario struct {
	File   string     `json:"file"`
	Line   int        `json:"line"`
	Name   string     `json:"name"`
	Tags   []string   `json:"tags,omitempty"`
	Status string     `json:"status"`
	Reason string     `json:"reason,omitempty"`
	Steps  []jsonStep `json:"steps"`
}

type jsonStep struct {
	ID         string          `json:"id"`
	Line       int             `json:"line"`
	Kind       string          `json:"kind"`
	Status     string          `json:"status"`
	Reason     string          `json:"reason,omitempty"`
	Method     string          `json:"method,omitempty"`
	URL        string          `json:"url,omitempty"`
	StatusCode int             `json:"status_code,omitempty"`
	Problems   []match.Problem `json:"problems,omitempty"`
	Diff       string          `json:"diff,omitempty"`
	Hints      []string        `json:"hints,omitempty"`
	Curl       string          `json:"curl,omitempty"`
}

// JSON writes the whole run as one JSON document.
func JSON(w io.Writer, res *runner.Result) error {
	out := jsonReport{Seed: res.Seed, Target: res.Target, Flashcart: res.Flashcart, Counts: map[string]int{}, Steps: res.Steps()}
	for _, st := range []runner.Status{runner.Passed, runner.Failed, runner.Skipped, runner.Errored} {
		out.Counts[string(st)] = res.Count()[st]
	}
	for _, s := range res.Scenarios {
		js := jsonScenario{File: s.Scenario.File, Line: s.Scenario.Line, Name: s.Scenario.Name, Tags: s.Scenario.Tags,
			Status: string(s.Status), Reason: s.Reason, Steps: []jsonStep{}}
		for _, st := range s.Steps {
			step := jsonStep{ID: st.Step.ID, Line: st.Step.Line, Kind: string(st.Step.Kind), Status: string(st.Status),
				Reason: st.Reason, Method: st.Method, URL: st.URL, Problems: st.Problems, Diff: st.Diff, Hints: st.Hints}
			if st.Response != nil {
				step.StatusCode = st.Response.Status
			}
			if st.Status == runner.Failed || st.Status == runner.Errored {
				step.Curl = st.Curl
			}
			js.Steps = append(js.Steps, step)
		}
		out.Scenarios = append(out.Scenarios, js)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
