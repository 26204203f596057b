package scenarios

import (
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/flashcart/flashcart/fixtures"
	"github.com/flashcart/flashcart/internal/yamlstrict"
	"github.com/flashcart/flashcart/sandbox/noventiq"
	"github.com/flashcart/flashcart/sandbox/solifyn"
	"github.com/flashcart/flashcart/scenarios/internal/jsonnode"
	"github.com/flashcart/flashcart/scenarios/internal/match"
	"github.com/flashcart/flashcart/scenarios/internal/vars"
	"go.yaml.in/yaml/v3"
)

// IsScenarioFile reports whether a file name is read as a scenario file.
func IsScenarioFile(name string) bool {
	ext := strings.ToLower(filepath.Ext(name))
	return ext == ".yaml" || ext == ".yml"
}

// Load reads the scenario files at paths on disk; a folder is searched for
// .yaml and .yml files, recursively, in name order. Every file is parsed;
// the error joins the problems of all of them. Paths are named in errors
// and results as they were given.
func Load(paths ...string) ([]*File, error) {
	var files []string
	var errs []error
	names := map[string]string{} // slash path in the root FS → path as given
	for _, p := range paths {
		abs, err := filepath.Abs(p)
		if err != nil {
			errs = append(errs, fmt.Errorf("scenario path: %w", err))
			continue
		}
		found, err := find(rootFS, fsPath(abs))
		var pathErr *fs.PathError
		if errors.As(err, &pathErr) {
			err = pathErr.Err // the path is named as given
		}
		if err != nil {
			errs = append(errs, fmt.Errorf("scenario path %s: %w", p, err))
		}
		for _, f := range found {
			rel, _ := filepath.Rel(abs, "/"+f)
			names[f] = filepath.Join(p, rel)
			if rel == "." {
				names[f] = p
			}
		}
		files = append(files, found...)
	}
	out, err := loadFiles(rootFS, files, func(f string) string { return names[f] })
	return out, errors.Join(append(errs, err)...)
}

// rootFS is the file system Load reads, rooted at "/".
var rootFS = os.DirFS("/")

// fsPath turns an absolute OS path into a path of rootFS.
func fsPath(abs string) string {
	return strings.TrimPrefix(filepath.ToSlash(abs), "/")
}

// LoadFS reads the scenario files at paths of fsys, as Load does on disk;
// the files they refer to (body_file, world) are read from fsys too.
func LoadFS(fsys fs.FS, paths ...string) ([]*File, error) {
	var files []string
	var errs []error
	for _, p := range paths {
		found, err := find(fsys, p)
		if err != nil {
			errs = append(errs, fmt.Errorf("scenario path %s: %w", p, err))
		}
		files = append(files, found...)
	}
	out, err := loadFiles(fsys, files, func(f string) string { return f })
	return out, errors.Join(append(errs, err)...)
}

// loadFiles parses the files of fsys, naming each in errors and results
// by display.
func loadFiles(fsys fs.FS, files []string, display func(string) string) ([]*File, error) {
	l := &loader{fsys: fsys, display: display, worlds: map[string]*fixtures.World{}}
	var out []*File
	var errs []error
	for _, f := range files {
		data, err := fs.ReadFile(fsys, f)
		if err != nil {
			errs = append(errs, fmt.Errorf("read scenario file %s: %w", display(f), err))
			continue
		}
		file, err := l.parse(f, data)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		out = append(out, file)
	}
	return out, errors.Join(errs...)
}

// find lists the scenario files at p: p itself, or the .yaml and .yml
// files under the folder p.
func find(fsys fs.FS, p string) ([]string, error) {
	info, err := fs.Stat(fsys, p)
	if err != nil {
		return nil, err
	}
	if !info.IsDir() {
		return []string{p}, nil
	}
	var files []string
	err = fs.WalkDir(fsys, p, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && IsScenarioFile(p) {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, errors.New("the folder holds no .yaml or .yml file")
	}
	return files, nil
}

// Parse reads one scenario file; path names it in errors and locates on
// disk the files it refers to (body_file, world).
func Parse(path string, data []byte) (*File, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	l := &loader{fsys: rootFS, display: func(f string) string {
		rel, err := filepath.Rel(filepath.Dir(abs), "/"+f)
		if err != nil {
			return f
		}
		return filepath.Join(filepath.Dir(path), rel)
	}, worlds: map[string]*fixtures.World{}}
	return l.parse(fsPath(abs), data)
}

// The file as written.
type (
	fileYAML struct {
		Version   int            `yaml:"version"`
		Scenarios []scenarioYAML `yaml:"scenarios"`
	}
	scenarioYAML struct {
		Name        string     `yaml:"name"`
		Description string     `yaml:"description"`
		Tags        []string   `yaml:"tags"`
		World       string     `yaml:"world"`
		Seed        *uint64    `yaml:"seed"`
		Start       string     `yaml:"start"`
		Steps       []stepYAML `yaml:"steps"`
	}
	stepYAML struct {
		ID           string          `yaml:"id"`
		Note         string          `yaml:"note"`
		Request      *requestYAML    `yaml:"request"`
		Login        *loginYAML      `yaml:"login"`
		Clock        *clockYAML      `yaml:"clock"`
		OpenLink     *string         `yaml:"open_link"`
		AcceptOffer  *offerYAML      `yaml:"accept_offer"`
		DeclineOffer *offerYAML      `yaml:"decline_offer"`
		ExitIntent   *string         `yaml:"exit_intent"`
		Customer     *customerYAML   `yaml:"customer"`
		Order        *orderYAML      `yaml:"order"`
		Webhooks     *webhooksYAML   `yaml:"webhooks"`
		RPC          *rpcYAML        `yaml:"rpc"`
		RPCLogin     *rpcLoginYAML   `yaml:"rpc_login"`
		PaySession   *paySessionYAML `yaml:"pay_session"`
		Expect       *expectYAML     `yaml:"expect"`
	}
	requestYAML struct {
		Method   string    `yaml:"method"`
		Path     string    `yaml:"path"`
		Query    yaml.Node `yaml:"query"`
		Headers  yaml.Node `yaml:"headers"`
		Auth     string    `yaml:"auth"`
		Body     yaml.Node `yaml:"body"`
		BodyFile string    `yaml:"body_file"`
		BodyRaw  *string   `yaml:"body_raw"`
	}
	loginYAML struct {
		Username *string `yaml:"username"`
		Password *string `yaml:"password"`
	}
	clockYAML struct {
		Advance string `yaml:"advance"`
		Set     string `yaml:"set"`
	}
	offerYAML struct {
		Link   string `yaml:"link"`
		Offer  string `yaml:"offer"`
		Choice *int   `yaml:"choice"`
	}
	customerYAML struct {
		Link        string    `yaml:"link"`
		Fields      yaml.Node `yaml:"fields"`
		AutoRenewal yaml.Node `yaml:"auto_renewal"`
	}
	orderYAML struct {
		Link string `yaml:"link"`
		Card string `yaml:"card"`
	}
	webhooksYAML struct {
		OrderID string `yaml:"order_id"`
		Event   string `yaml:"event"`
	}
	paySessionYAML struct {
		Session string `yaml:"session"`
		Card    string `yaml:"card"`
	}
	rpcYAML struct {
		Method  string    `yaml:"method"`
		Params  yaml.Node `yaml:"params"`
		ID      *int64    `yaml:"id"`
		Path    string    `yaml:"path"`
		Session string    `yaml:"session"`
	}
	rpcLoginYAML struct {
		Merchant *string `yaml:"merchant"`
		Secret   *string `yaml:"secret"`
		Algo     string  `yaml:"algo"`
		Skew     string  `yaml:"skew"`
		ID       *int64  `yaml:"id"`
		Path     string  `yaml:"path"`
	}
	expectYAML struct {
		Status     int             `yaml:"status"`
		Headers    yaml.Node       `yaml:"headers"`
		Body       yaml.Node       `yaml:"body"`
		Partial    bool            `yaml:"partial"`
		Signatures *signaturesYAML `yaml:"signatures"`
	}
	signaturesYAML struct {
		Scheme string `yaml:"scheme"`
		Secret string `yaml:"secret"`
	}
)

// loader reads the files of one load from fsys; display names a file of
// fsys in errors and results.
type loader struct {
	fsys    fs.FS
	display func(string) string
	worlds  map[string]*fixtures.World
}

// parser holds what the checks of one file need: file is the file's name
// in errors, at its path in the loader's fsys.
type parser struct {
	file string
	at   string
	doc  *yamlstrict.Doc
	errs []error
	l    *loader
	// rpcSession is set once the scenario being read has an rpc_login
	// step: the rpc steps after it send its session as params[0]; rpcID
	// counts its JSON-RPC requests.
	rpcSession bool
	rpcID      int64
}

func (p *parser) errorf(at, format string, args ...any) {
	p.errs = append(p.errs, p.doc.Errorf(at, format, args...))
}

func (p *parser) nodeErr(at string, err error) {
	var je *jsonnode.Error
	if errors.As(err, &je) {
		p.errs = append(p.errs, &yamlstrict.Error{File: p.file, Line: je.Line, Msg: at + ": " + je.Msg})
		return
	}
	p.errorf(at, "%v", err)
}

// parse reads the file at path of the loader's fsys.
func (l *loader) parse(path string, data []byte) (*File, error) {
	name := l.display(path)
	var raw fileYAML
	doc, err := yamlstrict.Decode(name, data, &raw)
	if err != nil {
		return nil, err
	}
	p := &parser{file: name, at: path, doc: doc, l: l}
	if err := jsonnode.Check(doc.Root()); err != nil {
		p.nodeErr("aliases", err)
		return nil, errors.Join(p.errs...)
	}
	if err := doc.CheckVersion(raw.Version, Version, ""); err != nil {
		return nil, err
	}
	if len(raw.Scenarios) == 0 {
		p.errorf("scenarios", "the file holds no scenario")
	}
	f := &File{Path: name}
	names := map[string]bool{}
	for i := range raw.Scenarios {
		at := fmt.Sprintf("scenarios[%d]", i)
		s := p.scenario(at, &raw.Scenarios[i])
		s.Index = i
		if names[s.Name] {
			p.errorf(at+".name", "another scenario of the file is named %q", s.Name)
		}
		names[s.Name] = true
		f.Scenarios = append(f.Scenarios, s)
	}
	if len(p.errs) > 0 {
		return nil, errors.Join(p.errs...)
	}
	return f, nil
}

var (
	idRE  = regexp.MustCompile(`^[A-Za-z0-9_-]+$`)
	tagRE = regexp.MustCompile(`^[A-Za-z0-9_.:-]+$`)
)

func (p *parser) scenario(at string, raw *scenarioYAML) *Scenario {
	s := &Scenario{
		File:        p.file,
		Line:        p.doc.Line(at),
		Name:        strings.TrimSpace(raw.Name),
		Description: raw.Description,
		Tags:        raw.Tags,
		Seed:        raw.Seed,
		Start:       DefaultStart,
		reads:       map[string]bool{},
	}
	if s.Name == "" {
		p.errorf(at+".name", "a scenario needs a name")
	}
	for i, t := range raw.Tags {
		if !tagRE.MatchString(t) {
			p.errorf(fmt.Sprintf("%s.tags[%d]", at, i), "a tag is letters, digits and _ . : -; got %q", t)
		}
	}
	if raw.Start != "" {
		t, err := time.Parse(time.RFC3339, raw.Start)
		if err != nil {
			p.errorf(at+".start", "start must be an RFC 3339 time such as 2026-01-01T09:00:00Z")
		}
		s.Start = t.UTC()
	}
	if raw.World != "" {
		s.WorldPath = filepath.Join(filepath.Dir(p.file), raw.World)
		w, err := p.l.world(path.Join(path.Dir(p.at), raw.World), s.WorldPath)
		if err != nil {
			p.errorf(at+".world", "%v", err)
		}
		s.World = w
	}
	if len(raw.Steps) == 0 {
		p.errorf(at+".steps", "a scenario needs at least one step")
	}
	seen := map[string]bool{}
	p.rpcSession, p.rpcID = false, 0
	for i := range raw.Steps {
		sat := fmt.Sprintf("%s.steps[%d]", at, i)
		st := p.step(sat, &raw.Steps[i], seen, s.reads)
		st.Index = i
		if st.ID != "" && seen[st.ID] {
			p.errorf(sat+".id", "another step of the scenario has the id %q", st.ID)
		}
		seen[st.ID] = true
		s.Steps = append(s.Steps, st)
	}
	return s
}

// world reads the world file at p of the loader's fsys, once per load;
// name names it in errors.
func (l *loader) world(p, name string) (*fixtures.World, error) {
	if w, ok := l.worlds[p]; ok {
		return w, nil
	}
	data, err := fs.ReadFile(l.fsys, p)
	if err != nil {
		return nil, fmt.Errorf("read world: %w", err)
	}
	w, err := fixtures.Parse(name, data)
	if err != nil {
		return nil, err
	}
	l.worlds[p] = w
	return w, nil
}

func (p *parser) step(at string, raw *stepYAML, earlier, reads map[string]bool) *Step {
	st := &Step{ID: raw.ID, Line: p.doc.Line(at)}
	if !idRE.MatchString(raw.ID) {
		p.errorf(at+".id", "a step needs an id of letters, digits, _ and -; got %q", raw.ID)
	}
	kinds := p.compile(at, raw, st)
	if len(kinds) != 1 {
		p.errorf(at, "a step does exactly one of request, login, clock, open_link, accept_offer, decline_offer, exit_intent, customer, order, webhooks, pay_session, rpc, rpc_login; found %d (%s)", len(kinds), strings.Join(kinds, ", "))
	}
	implicit := st.Kind != KindRequest && st.Kind != ""
	if raw.Expect != nil {
		st.Expect = p.expect(at+".expect", raw.Expect)
	} else if implicit {
		st.Expect = &Expect{}
	}
	// The actions other than request expect 200 unless the step writes a
	// status: an expectation on the body alone keeps that check.
	if implicit && st.Expect.Status == 0 {
		st.Expect.Status = http.StatusOK
	}
	p.checkRefs(at, st, raw.Expect, earlier, reads)
	return st
}

// compile turns the step's action into its Request; it returns the names
// of the actions the step holds.
func (p *parser) compile(at string, raw *stepYAML, st *Step) []string {
	var kinds []string
	set := func(k Kind, r Request) {
		kinds = append(kinds, string(k))
		st.Kind, st.Request = k, r
	}
	if raw.Request != nil {
		set(KindRequest, p.request(at+".request", raw.Request))
	}
	if raw.Login != nil {
		user, pass := "${"+vars.Username+"}", "${"+vars.Password+"}"
		if raw.Login.Username != nil {
			user = *raw.Login.Username
		}
		if raw.Login.Password != nil {
			pass = *raw.Login.Password
		}
		set(KindLogin, Request{Method: http.MethodPost, Path: noventiq.LoginPath,
			Body: object("username", jsonnode.String(user), "password", jsonnode.String(pass))})
		st.CapturesToken = true
	}
	if c := raw.Clock; c != nil {
		body := object("advance", jsonnode.String(c.Advance))
		switch {
		case c.Advance != "" && c.Set != "", c.Advance == "" && c.Set == "":
			p.errorf(at+".clock", "write exactly one of advance (such as 25h) or set (an RFC 3339 time)")
		case c.Advance != "":
			if _, err := time.ParseDuration(c.Advance); err != nil {
				p.errorf(at+".clock.advance", "advance must be a Go duration such as 25h or -90m")
			}
		default:
			if _, err := time.Parse(time.RFC3339, c.Set); err != nil {
				p.errorf(at+".clock.set", "set must be an RFC 3339 time such as 2026-01-01T09:00:00Z")
			}
			body = object("set", jsonnode.String(c.Set))
		}
		set(KindClock, Request{Method: http.MethodPost, Path: SandboxPrefix + "clock", Body: body})
	}
	if raw.OpenLink != nil {
		set(KindOpenLink, p.checkout(at+".open_link", http.MethodGet, *raw.OpenLink, "", nil))
	}
	if o := raw.AcceptOffer; o != nil {
		if o.Choice == nil || *o.Choice < 0 {
			p.errorf(at+".accept_offer.choice", "choice is the index of the offered product, from 0")
		}
		choice := 0
		if o.Choice != nil {
			choice = *o.Choice
		}
		set(KindAcceptOffer, p.offer(at+".accept_offer", o, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: fmt.Sprint(choice)}))
	}
	if o := raw.DeclineOffer; o != nil {
		if o.Choice != nil {
			p.errorf(at+".decline_offer.choice", "declining an offer takes no choice")
		}
		set(KindDeclineOffer, p.offer(at+".decline_offer", o, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null", Value: "null"}))
	}
	if raw.ExitIntent != nil {
		set(KindExitIntent, p.checkout(at+".exit_intent", http.MethodPost, *raw.ExitIntent, "/exit-intent", nil))
	}
	if c := raw.Customer; c != nil {
		set(KindCustomer, p.checkout(at+".customer.link", http.MethodPost, c.Link, "/customer", p.customerBody(at+".customer", c)))
	}
	if o := raw.Order; o != nil {
		if o.Card == "" {
			p.errorf(at+".order.card", "order needs the card number to pay with")
		}
		set(KindOrder, p.checkout(at+".order.link", http.MethodPost, o.Link, "/order", object("card", jsonnode.String(o.Card))))
	}
	if w := raw.Webhooks; w != nil {
		var q []Pair
		if w.OrderID != "" {
			q = append(q, Pair{"order_id", w.OrderID})
		}
		if w.Event != "" {
			q = append(q, Pair{"event", w.Event})
		}
		set(KindWebhooks, Request{Method: http.MethodGet, Path: SandboxPrefix + "webhooks", Query: q})
	}
	if ps := raw.PaySession; ps != nil {
		if strings.TrimSpace(ps.Session) == "" {
			p.errorf(at+".pay_session.session", "name the session: its id, session_id or checkout_url, such as ${steps.create.body.id}")
		}
		if ps.Card == "" {
			p.errorf(at+".pay_session.card", "pay_session needs the card number to pay with")
		}
		set(KindPaySession, Request{Method: http.MethodPost, Path: solifyn.CheckoutTwinPath + LinkPlaceholder + "/pay",
			Link: ps.Session, Body: object("card", jsonnode.String(ps.Card))})
	}
	if r := raw.RPC; r != nil {
		set(KindRPC, p.rpc(at+".rpc", r))
	}
	if l := raw.RPCLogin; l != nil {
		set(KindRPCLogin, p.rpcLogin(at+".rpc_login", l, st))
	}
	return kinds
}

// checkout is a request to the sandbox's checkout JSON API for a link.
func (p *parser) checkout(at, method, link, suffix string, body *yaml.Node) Request {
	if strings.TrimSpace(link) == "" {
		p.errorf(at, "name the checkout link: its buy_link or external_id, such as ${steps.link.body.external_id}")
	}
	return Request{Method: method, Path: SandboxPrefix + "checkout/" + LinkPlaceholder + suffix, Link: link, Body: body}
}

func (p *parser) offer(at string, o *offerYAML, choice *yaml.Node) Request {
	if o.Offer != "entry" && o.Offer != "exit" {
		p.errorf(at+".offer", `offer must be "entry" (upsell) or "exit" (upsell_exit)`)
	}
	return p.checkout(at+".link", http.MethodPost, o.Link, "/upsell", object("offer", jsonnode.String(o.Offer), "choice", choice))
}

func (p *parser) customerBody(at string, c *customerYAML) *yaml.Node {
	body := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
	if c.Fields.Kind != 0 {
		if fields := jsonnode.Resolve(&c.Fields); fields.Kind != yaml.MappingNode {
			p.errorf(at+".fields", "fields is a mapping of customer fields, such as email: a@b.example")
		} else {
			body.Content = append(body.Content, fields.Content...)
		}
	}
	if c.AutoRenewal.Kind != 0 {
		ar := jsonnode.Resolve(&c.AutoRenewal)
		if ar.Kind != yaml.MappingNode {
			p.errorf(at+".auto_renewal", `auto_renewal maps product ids to true or false, such as "111111": true`)
		}
		body.Content = append(body.Content, jsonnode.String("auto_renewal"), ar)
	}
	return body
}

// object builds a JSON object node from key, value pairs.
func object(kv ...any) *yaml.Node {
	n := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
	for i := 0; i+1 < len(kv); i += 2 {
		n.Content = append(n.Content, jsonnode.String(kv[i].(string)), kv[i+1].(*yaml.Node))
	}
	return n
}

var methods = []string{http.MethodGet, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete, http.MethodHead, http.MethodOptions}

func (p *parser) request(at string, raw *requestYAML) Request {
	r := Request{Method: strings.ToUpper(raw.Method), Path: raw.Path, Auth: true}
	if !slices.Contains(methods, r.Method) {
		p.errorf(at+".method", "method must be one of %s", strings.Join(methods, ", "))
	}
	if !strings.HasPrefix(raw.Path, "/") && !strings.HasPrefix(raw.Path, "${") {
		p.errorf(at+".path", "path starts with / and holds no scheme or host, such as /v1/generate_buy_link")
	}
	switch raw.Auth {
	case "", "token":
	case "none":
		r.Auth = false
	default:
		p.errorf(at+".auth", `auth is "token" (send the login's token, the default) or "none"`)
	}
	r.Query = p.pairs(at+".query", &raw.Query, false)
	r.Header = p.pairs(at+".headers", &raw.Headers, true)
	bodies := 0
	if raw.Body.Kind != 0 {
		bodies++
		body := raw.Body
		r.Body = &body
		if _, err := jsonnode.ToJSON(r.Body, nil); err != nil {
			p.nodeErr(at+".body", err)
		}
	}
	if raw.BodyFile != "" {
		bodies++
		r.Body = p.bodyFile(at+".body_file", raw.BodyFile)
	}
	if raw.BodyRaw != nil {
		bodies++
		r.RawBody = raw.BodyRaw
	}
	if bodies > 1 {
		p.errorf(at, "write at most one of body, body_file and body_raw")
	}
	return r
}

func (p *parser) bodyFile(at, name string) *yaml.Node {
	data, err := fs.ReadFile(p.l.fsys, path.Join(path.Dir(p.at), name))
	if err != nil {
		p.errorf(at, "read %s: %v", filepath.Join(filepath.Dir(p.file), name), errors.Unwrap(err))
		return nil
	}
	n, err := jsonnode.FromJSON(data)
	if err != nil {
		p.errorf(at, "%s is not JSON: %v", name, err)
		return nil
	}
	return n
}

// pairs reads a mapping of names to string values, in order.
func (p *parser) pairs(at string, n *yaml.Node, header bool) []Pair {
	if n.Kind == 0 {
		return nil
	}
	if n = jsonnode.Resolve(n); n.Kind != yaml.MappingNode {
		p.errorf(at, "write a mapping of names to values")
		return nil
	}
	kv, err := jsonnode.Pairs(n)
	if err != nil {
		p.nodeErr(at, err)
		return nil
	}
	var out []Pair
	for _, e := range kv {
		k, v := e.Key, e.Value
		val, err := jsonnode.Scalar(v)
		if err != nil || val == nil {
			p.errorf(at+"."+k.Value, "the value must be a string, a number or a boolean")
			continue
		}
		name := k.Value
		if header {
			name = http.CanonicalHeaderKey(name)
		}
		out = append(out, Pair{name, vars.Text(val)})
	}
	return out
}

func (p *parser) expect(at string, raw *expectYAML) *Expect {
	e := &Expect{Status: raw.Status, Partial: raw.Partial}
	if raw.Status != 0 && (raw.Status < 100 || raw.Status > 599) {
		p.errorf(at+".status", "status must be an HTTP status from 100 to 599")
	}
	if sig := raw.Signatures; sig != nil {
		if sig.Scheme != SchemeStandardWebhooks {
			p.errorf(at+".signatures.scheme", "scheme must be %q", SchemeStandardWebhooks)
		}
		if sig.Secret == "" {
			p.errorf(at+".signatures.secret", "name the secret the deliveries are signed with, such as whsec_…")
		}
		e.Signatures = &Signatures{Scheme: sig.Scheme, Secret: sig.Secret}
	}
	if raw.Headers.Kind != 0 {
		if headers := jsonnode.Resolve(&raw.Headers); headers.Kind != yaml.MappingNode {
			p.errorf(at+".headers", "write a mapping of header names to values or matchers")
		} else {
			h := *headers
			h.Content = slices.Clone(h.Content)
			for i := 0; i < len(h.Content); i += 2 {
				k := *h.Content[i]
				k.Value = http.CanonicalHeaderKey(k.Value)
				h.Content[i] = &k
			}
			m, err := match.Parse(&h)
			if err != nil {
				p.nodeErr(at+".headers", err)
			}
			e.Headers = m
		}
	}
	if raw.Body.Kind != 0 {
		m, err := match.Parse(&raw.Body)
		if err != nil {
			p.nodeErr(at+".body", err)
		}
		e.Body = m
	}
	return e
}

// checkRefs checks that the step's templates parse and read only earlier
// steps; its expectations may also read the step itself. The plain
// variables they read are added to reads.
func (p *parser) checkRefs(at string, st *Step, raw *expectYAML, earlier, reads map[string]bool) {
	check := func(line int, s string, self bool) {
		if line == 0 {
			line = st.Line
		}
		refs, err := vars.Refs(s)
		if err != nil {
			p.errs = append(p.errs, &yamlstrict.Error{File: p.file, Line: line, Msg: at + ": " + err.Error()})
			return
		}
		for _, r := range refs {
			if r.Step == "" {
				reads[r.Name] = true
			}
			if r.Step == "" || earlier[r.Step] || self && r.Step == st.ID {
				continue
			}
			p.errs = append(p.errs, &yamlstrict.Error{File: p.file, Line: line,
				Msg: fmt.Sprintf("%s: ${%s} reads step %q, which does not come before this step", at, r.Name, r.Step)})
		}
	}
	r := &st.Request
	for _, s := range []string{r.Path, r.Link} {
		check(st.Line, s, false)
	}
	for _, q := range append(slices.Clone(r.Query), r.Header...) {
		check(st.Line, q.Value, false)
	}
	if r.RawBody != nil {
		check(st.Line, *r.RawBody, false)
	}
	walkStrings(r.Body, func(n *yaml.Node) { check(n.Line, n.Value, false) })
	if raw != nil {
		walkStrings(&raw.Headers, func(n *yaml.Node) { check(n.Line, n.Value, true) })
		walkStrings(&raw.Body, func(n *yaml.Node) { check(n.Line, n.Value, true) })
		if raw.Signatures != nil {
			check(st.Line, raw.Signatures.Secret, true)
		}
	}
}

// walkStrings calls fn for every string scalar under n.
func walkStrings(n *yaml.Node, fn func(*yaml.Node)) {
	if n == nil {
		return
	}
	if n.Kind == yaml.ScalarNode && n.ShortTag() == "!!str" {
		fn(n)
	}
	for _, c := range n.Content {
		walkStrings(c, fn)
	}
}
