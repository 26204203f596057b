package scenarios

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/flashcart/flashcart/scenarios/internal/jsonnode"
)

const allKinds = `version: 1
scenarios:
  - name: every kind of step
    tags: [a, b]
    seed: 7
    start: 2027-03-04T05:06:07Z
    steps:
      - id: login
        login: {}
      - id: link
        request:
          method: post
          path: /v1/generate_buy_link
          query: {dry: true}
          headers: {content-type: text/plain, X-Count: 3}
          body: {currency: EUR, id: "${steps.login.body.token}"}
        expect:
          status: 200
          headers: {content-type: application/json}
          body: {buy_link: "x/${steps.link.body.external_id}"}
      - id: open
        open_link: ${steps.link.body.buy_link}
      - id: accept
        accept_offer: {link: "${steps.link.body.external_id}", offer: entry, choice: 1}
      - id: decline
        decline_offer: {link: "${steps.link.body.external_id}", offer: exit}
      - id: leave
        exit_intent: ${steps.link.body.external_id}
      - id: who
        customer:
          link: ${steps.link.body.external_id}
          fields: {email: a@b.example, country: FR}
          auto_renewal: {"111111": true}
      - id: pay
        order: {link: "${steps.link.body.external_id}", card: "4242424242424242"}
      - id: hooks
        webhooks: {order_id: "${steps.pay.body.order.order_id}", event: order.created}
        expect: {body: {deliveries: []}}
      - id: later
        clock: {advance: 1h}
        expect: {status: 400}
      - id: later2
        clock: {advance: 25h}
      - id: reset
        clock: {set: 2027-01-01T00:00:00Z}
      - id: raw
        request: {method: GET, path: /x, auth: none, body_raw: "a ${token}"}
`

func TestParseCompilesEveryKind(t *testing.T) {
	f, err := Parse("all.yaml", []byte(allKinds))
	if err != nil {
		t.Fatal(err)
	}
	s := f.Scenarios[0]
	if *s.Seed != 7 || s.Start.Format("2006-01-02T15:04:05Z07:00") != "2027-03-04T05:06:07Z" || !s.HasTag([]string{"B"}) || s.HasTag([]string{"c"}) || !s.ChangesClock() {
		t.Errorf("scenario settings: seed %v start %v tags %v", *s.Seed, s.Start, s.Tags)
	}
	want := []struct {
		kind         Kind
		method, path string
		body         string
		status       int
	}{
		{KindLogin, "POST", "/v1/login_check", `{"username":"${username}","password":"${password}"}`, 200},
		{KindRequest, "POST", "/v1/generate_buy_link", `{"currency":"EUR","id":"${steps.login.body.token}"}`, 200},
		{KindOpenLink, "GET", "/_sandbox/checkout/{link}", ``, 200},
		{KindAcceptOffer, "POST", "/_sandbox/checkout/{link}/upsell", `{"offer":"entry","choice":1}`, 200},
		{KindDeclineOffer, "POST", "/_sandbox/checkout/{link}/upsell", `{"offer":"exit","choice":null}`, 200},
		{KindExitIntent, "POST", "/_sandbox/checkout/{link}/exit-intent", ``, 200},
		{KindCustomer, "POST", "/_sandbox/checkout/{link}/customer", `{"email":"a@b.example","country":"FR","auto_renewal":{"111111":true}}`, 200},
		{KindOrder, "POST", "/_sandbox/checkout/{link}/order", `{"card":"4242424242424242"}`, 200},
		{KindWebhooks, "GET", "/_sandbox/webhooks", ``, 200},
		{KindClock, "POST", "/_sandbox/clock", `{"advance":"1h"}`, 400},
		{KindClock, "POST", "/_sandbox/clock", `{"advance":"25h"}`, 200},
		{KindClock, "POST", "/_sandbox/clock", `{"set":"2027-01-01T00:00:00Z"}`, 200},
		{KindRequest, "GET", "/x", ``, 0},
	}
	if len(s.Steps) != len(want) {
		t.Fatalf("%d steps, want %d", len(s.Steps), len(want))
	}
	for i, w := range want {
		st := s.Steps[i]
		body := ""
		if st.Request.Body != nil {
			b, err := jsonnode.ToJSON(st.Request.Body, nil)
			if err != nil {
				t.Fatal(err)
			}
			body = string(b)
		}
		status := 0
		if st.Expect != nil {
			status = st.Expect.Status
		}
		if st.Kind != w.kind || st.Request.Method != w.method || st.Request.Path != w.path || body != w.body || status != w.status || st.Index != i {
			t.Errorf("step %d (%s): %s %s %s %s expect %d; want %s %s %s %s expect %d", i, st.ID, st.Kind, st.Request.Method, st.Request.Path, body, status,
				w.kind, w.method, w.path, w.body, w.status)
		}
		if sandboxOnly := strings.HasPrefix(w.path, "/_sandbox/"); st.SandboxOnly() != sandboxOnly {
			t.Errorf("step %s: SandboxOnly = %v", st.ID, st.SandboxOnly())
		}
	}
	link := s.Steps[1].Request
	if link.Query[0] != (Pair{"dry", "true"}) || link.Header[0] != (Pair{"Content-Type", "text/plain"}) || link.Header[1] != (Pair{"X-Count", "3"}) || !link.Auth {
		t.Errorf("request: query %v headers %v auth %v", link.Query, link.Header, link.Auth)
	}
	if s.Steps[2].Request.Link != "${steps.link.body.buy_link}" || !s.Steps[0].CapturesToken || s.Steps[1].CapturesToken {
		t.Errorf("link %q, captures token %v", s.Steps[2].Request.Link, s.Steps[0].CapturesToken)
	}
	raw := s.Steps[12].Request
	if raw.Auth || raw.RawBody == nil || *raw.RawBody != "a ${token}" || raw.Body != nil {
		t.Errorf("raw request: %+v", raw)
	}
	if s.Steps[0].Request.Body == nil || s.Steps[0].Request.Auth {
		t.Error("login must send credentials and no token")
	}
	if hdr := s.Steps[1].Expect.Headers; hdr == nil {
		t.Error("header expectation lost")
	} else if _, p := hdr.Match(map[string]any{"Content-Type": "application/json"}, nil, true, ""); len(p) > 0 {
		t.Errorf("header names are not canonical: %v", p)
	}
}

func TestParseErrorsNameFileAndLine(t *testing.T) {
	head := "version: 1\nscenarios:\n  - name: s\n    steps:\n"
	tests := []struct{ name, src, want string }{
		{"unknown key", head + "      - id: a\n        login: {}\n        colour: red\n", `bad.yaml:7: scenarios[0].steps[0]: unknown key "colour"`},
		{"wrong type", head + "      - id: a\n        login: {}\n        expect: {status: ok}\n", `bad.yaml:7: scenarios[0].steps[0].expect.status: expected an integer, got "ok"`},
		{"version", "version: 3\nscenarios: []\n", "bad.yaml:1: version: this file format is version 1, got 3"},
		{"missing version", "scenarios:\n  - name: s\n    steps: [{id: a, login: {}}]\n", "bad.yaml:1: version: missing; this file format is version 1"},
		{"misspelled key", head + "      - id: a\n        request: {method: POST, path: /v1/x, bdy: {}}\n", `bad.yaml:6: scenarios[0].steps[0].request: unknown key "bdy" (did you mean "body"?)`},
		{"no scenario", "version: 1\nscenarios: []\n", "the file holds no scenario"},
		{"no steps", "version: 1\nscenarios:\n  - name: s\n", "a scenario needs at least one step"},
		{"no name", "version: 1\nscenarios:\n  - steps: [{id: a, login: {}}]\n", "a scenario needs a name"},
		{"same names", "version: 1\nscenarios:\n  - {name: s, steps: [{id: a, login: {}}]}\n  - {name: s, steps: [{id: a, login: {}}]}\n", `bad.yaml:4: scenarios[1].name: another scenario of the file is named "s"`},
		{"bad tag", "version: 1\nscenarios:\n  - {name: s, tags: [a b], steps: [{id: a, login: {}}]}\n", "a tag is letters"},
		{"bad start", "version: 1\nscenarios:\n  - {name: s, start: tomorrow, steps: [{id: a, login: {}}]}\n", "start must be an RFC 3339 time"},
		{"missing world", "version: 1\nscenarios:\n  - {name: s, world: nowhere.yaml, steps: [{id: a, login: {}}]}\n", "read world"},
		{"two actions", head + "      - id: a\n        login: {}\n        clock: {advance: 1h}\n", "bad.yaml:5: scenarios[0].steps[0]: a step does exactly one of"},
		{"no action", head + "      - id: a\n", "found 0"},
		{"bad id", head + "      - id: a b\n        login: {}\n", "a step needs an id"},
		{"same ids", head + "      - {id: a, login: {}}\n      - {id: a, login: {}}\n", `another step of the scenario has the id "a"`},
		{"bad method", head + "      - id: a\n        request: {method: FETCH, path: /x}\n", "method must be one of"},
		{"bad path", head + "      - id: a\n        request: {method: GET, path: 'http://x/y'}\n", "path starts with /"},
		{"bad auth", head + "      - id: a\n        request: {method: GET, path: /x, auth: basic}\n", `auth is "token"`},
		{"two bodies", head + "      - id: a\n        request: {method: GET, path: /x, body: {}, body_raw: x}\n", "at most one of body"},
		{"missing body file", head + "      - id: a\n        request: {method: GET, path: /x, body_file: none.json}\n", "none.json"},
		{"header not a scalar", head + "      - id: a\n        request: {method: GET, path: /x, headers: {A: [1]}}\n", "the value must be a string"},
		{"headers not a mapping", head + "      - id: a\n        request: {method: GET, path: /x, headers: [a]}\n", "write a mapping of names"},
		{"body key not a string", head + "      - id: a\n        request:\n          method: GET\n          path: /x\n          body: {[1]: 2}\n", "bad.yaml:9: scenarios[0].steps[0].request.body: object keys must be strings"},
		{"bad clock", head + "      - id: a\n        clock: {advance: soon}\n", "advance must be a Go duration"},
		{"clock needs one", head + "      - id: a\n        clock: {}\n", "write exactly one of advance"},
		{"bad clock set", head + "      - id: a\n        clock: {set: noon}\n", "set must be an RFC 3339 time"},
		{"accept without choice", head + "      - id: a\n        accept_offer: {link: x, offer: entry}\n", "choice is the index"},
		{"decline with choice", head + "      - id: a\n        decline_offer: {link: x, offer: exit, choice: 1}\n", "declining an offer takes no choice"},
		{"bad offer", head + "      - id: a\n        decline_offer: {link: x, offer: middle}\n", `offer must be "entry"`},
		{"no link", head + "      - id: a\n        order: {card: '4242'}\n", "name the checkout link"},
		{"no card", head + "      - id: a\n        order: {link: x}\n", "order needs the card number"},
		{"fields not a mapping", head + "      - id: a\n        customer: {link: x, fields: [a]}\n", "fields is a mapping"},
		{"auto_renewal not a mapping", head + "      - id: a\n        customer: {link: x, auto_renewal: yes}\n", "auto_renewal maps product ids"},
		{"bad status", head + "      - id: a\n        login: {}\n        expect: {status: 1000}\n", "status must be an HTTP status"},
		{"bad matcher", head + "      - id: a\n        login: {}\n        expect:\n          body: {token: {$like: x}}\n", "bad.yaml:8: scenarios[0].steps[0].expect.body: $like: unknown matcher"},
		{"bad header matcher", head + "      - id: a\n        login: {}\n        expect:\n          headers: {Date: {$type: date}}\n", "the type must be one of"},
		{"headers expectation not a mapping", head + "      - id: a\n        login: {}\n        expect: {headers: [a]}\n", "write a mapping of header names"},
		{"reference to a later step", head + "      - id: a\n        request: {method: GET, path: '/x/${steps.b.body.id}'}\n      - {id: b, login: {}}\n", `${steps.b.body.id} reads step "b", which does not come before this step`},
		{"reference to itself in the request", head + "      - id: a\n        request: {method: GET, path: '/x/${steps.a.body.id}'}\n", `reads step "a"`},
		{"unknown variable in a body", head + "      - id: a\n        request:\n          method: POST\n          path: /x\n          body: {a: '${who}'}\n", "bad.yaml:9: scenarios[0].steps[0]: unknown variable ${who}"},
		{"reference in an expectation", head + "      - id: a\n        login: {}\n        expect:\n          body: {a: '${steps.z.status}'}\n", `bad.yaml:8: scenarios[0].steps[0]: ${steps.z.status} reads step "z"`},
		{"an alias inside itself", head + "      - id: a\n        request: {method: POST, path: /x, body: &b {x: *b}}\n", "bad.yaml:6: aliases: the alias *b is inside the value it names"},
		{"an alias inside itself in an expectation", head + "      - id: a\n        login: {}\n        expect: {body: &b {x: [*b]}}\n", "the alias *b is inside the value it names"},
		{"aliases that expand too far", head + "      - id: a\n        request:\n          method: POST\n          path: /x\n          body:\n" +
			"            a: &a [1,1,1,1,1,1,1,1,1,1]\n            b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\n            c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\n" +
			"            d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\n            e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]\n            f: [*e,*e,*e,*e,*e,*e,*e,*e,*e,*e]\n",
			"aliases: the aliases expand to more than 100000 values"},
		{"two documents", "version: 1\n---\nversion: 1\n", "only one YAML document"},
		{"syntax", "version: [1\n", "bad.yaml:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("bad.yaml", []byte(tt.src))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v\nwant it to contain %q", err, tt.want)
			}
		})
	}
}

// Anchors written once and used as whole mappings (fields: *ann) or
// merged (<<: *q) work in every mapping a step holds.
func TestAliasesInStepMappings(t *testing.T) {
	src := `version: 1
scenarios:
  - name: s
    steps:
      - id: a
        request: {method: GET, path: /x, query: &q {page: 1}, headers: &h {X-A: b}}
        expect: {headers: *h}
      - id: b
        request: {method: GET, path: /x, query: {<<: *q, size: 2}, headers: *h}
      - id: c
        customer: {link: x, fields: &ann {email: a@b.example, country: FR}, auto_renewal: &ar {"111111": false}}
      - id: d
        customer: {link: x, fields: *ann, auto_renewal: *ar}
      - id: e
        customer: {link: x, fields: {<<: *ann, country: GB}}
`
	f, err := Parse("alias.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	steps := f.Scenarios[0].Steps
	if q, h := steps[1].Request.Query, steps[1].Request.Header; len(q) != 2 || q[0] != (Pair{"page", "1"}) || q[1] != (Pair{"size", "2"}) || len(h) != 1 || h[0] != (Pair{"X-A", "b"}) {
		t.Errorf("query %v, headers %v", q, h)
	}
	if steps[0].Expect.Headers == nil {
		t.Error("the aliased header expectation is lost")
	}
	for i, want := range map[int]string{
		2: `{"email":"a@b.example","country":"FR","auto_renewal":{"111111":false}}`,
		3: `{"email":"a@b.example","country":"FR","auto_renewal":{"111111":false}}`,
		4: `{"email":"a@b.example","country":"GB"}`,
	} {
		body, err := jsonnode.ToJSON(steps[i].Request.Body, nil)
		if err != nil || string(body) != want {
			t.Errorf("step %s body %s (%v), want %s", steps[i].ID, body, err, want)
		}
	}
}

func TestSelfReferenceInExpectations(t *testing.T) {
	src := "version: 1\nscenarios:\n  - name: s\n    steps:\n      - id: a\n        login: {}\n        expect: {body: {t: '${steps.a.body.token}'}}\n"
	if _, err := Parse("ok.yaml", []byte(src)); err != nil {
		t.Fatal(err)
	}
}

func TestLoadFoldersAndFiles(t *testing.T) {
	dir := t.TempDir()
	write := func(name, data string) {
		t.Helper()
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	ok := "version: 1\nscenarios:\n  - name: %s\n    steps: [{id: a, request: {method: POST, path: /x, body_file: body.json}}]\n"
	write("b.yaml", strings.Replace(ok, "%s", "second", 1))
	write("sub/a.yml", strings.Replace(ok, "%s", "nested", 1))
	write("sub/body.json", `{"z":1,"a":2}`)
	write("body.json", `{"k":true}`)
	write("notes.txt", "not a scenario")
	files, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 2 || files[0].Scenarios[0].Name != "second" || files[1].Scenarios[0].Name != "nested" {
		t.Fatalf("files: %d", len(files))
	}
	body, _ := jsonnode.ToJSON(files[1].Scenarios[0].Steps[0].Request.Body, nil)
	if string(body) != `{"z":1,"a":2}` {
		t.Errorf("body_file is read relative to its scenario file: %s", body)
	}
	write("broken.yaml", "version: 1\nscenarios: {}\n")
	write("other.yaml", "version: 2\n")
	_, err = Load(dir, filepath.Join(dir, "missing.yaml"))
	for _, want := range []string{"broken.yaml:2", "other.yaml:1", "missing.yaml"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Load error lacks %q: %v", want, err)
		}
	}
	if _, err := Load(t.TempDir()); err == nil || !strings.Contains(err.Error(), "holds no .yaml") {
		t.Errorf("an empty folder: %v", err)
	}
}

func TestWorldIsLoadedRelativeToTheFile(t *testing.T) {
	f, err := Load("testdata/world.yaml")
	if err != nil {
		t.Fatal(err)
	}
	s := f[0].Scenarios[0]
	if s.World == nil || s.WorldPath != filepath.Join("testdata", "worlds", "tiny.yaml") {
		t.Fatalf("world %v at %q", s.World, s.WorldPath)
	}
	if _, ok := s.World.Account("tiny"); !ok {
		t.Error("the scenario's world is not the one named")
	}
}

// FuzzParse feeds the loader mangled scenario files: it must answer with
// a file or an error, never crash.
func FuzzParse(f *testing.F) {
	seeds, _ := filepath.Glob("suites/*.yaml")
	for _, p := range seeds {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte(allKinds))
	f.Fuzz(func(t *testing.T, data []byte) {
		file, err := Parse("suites/fuzz.yaml", data)
		if err == nil && len(file.Scenarios) == 0 {
			t.Fatal("a file without scenarios parsed")
		}
	})
}
