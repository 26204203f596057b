// Package openapi holds the OpenAPI 3.1 document model the vendors' served
// documents are written in, and the builder that turns a vendor's field
// tables (package schema) and wire types (by reflection) into JSON Schemas.
// It knows no vendor: each vendor package builds its own document with it.
package openapi

import (
	"bytes"
	"encoding/json"
	"maps"
	"regexp"
	"slices"
)

// Version is the OpenAPI version of every document.
const Version = "3.1.0"

// Document is an OpenAPI 3.1 document.
type Document struct {
	OpenAPI    string               `json:"openapi"`
	Info       Info                 `json:"info"`
	Servers    []Server             `json:"servers,omitempty"`
	Tags       []Tag                `json:"tags,omitempty"`
	Paths      map[string]*PathItem `json:"paths"`
	Components *Components          `json:"components,omitempty"`
}

// Add puts an operation under a path and an upper-case HTTP method,
// making the path's item on first use; it reports false for a method the
// model does not hold.
func (d *Document) Add(path, method string, op *Operation) bool {
	if d.Paths == nil {
		d.Paths = map[string]*PathItem{}
	}
	item := d.Paths[path]
	if item == nil {
		item = &PathItem{}
	}
	if !item.Set(method, op) {
		return false
	}
	d.Paths[path] = item
	return true
}

// TagsNamed lists tags by name, in order.
func TagsNamed(names ...string) []Tag {
	out := make([]Tag, len(names))
	for i, n := range names {
		out[i] = Tag{Name: n}
	}
	return out
}

// Info is the document's title, version and description.
type Info struct {
	Title       string `json:"title"`
	Version     string `json:"version"`
	Description string `json:"description,omitempty"`
}

// Server is a base URL the API is served on.
type Server struct {
	URL         string `json:"url"`
	Description string `json:"description,omitempty"`
}

// Tag groups operations.
type Tag struct {
	Name        string `json:"name"`
	Description string `json:"description,omitempty"`
}

// PathItem holds the operations of one path, by HTTP method.
type PathItem struct {
	Get    *Operation `json:"get,omitempty"`
	Post   *Operation `json:"post,omitempty"`
	Put    *Operation `json:"put,omitempty"`
	Patch  *Operation `json:"patch,omitempty"`
	Delete *Operation `json:"delete,omitempty"`
}

// Operations returns the path's operations by upper-case HTTP method.
func (p *PathItem) Operations() map[string]*Operation {
	out := map[string]*Operation{}
	for m, op := range map[string]*Operation{"GET": p.Get, "POST": p.Post, "PUT": p.Put, "PATCH": p.Patch, "DELETE": p.Delete} {
		if op != nil {
			out[m] = op
		}
	}
	return out
}

// Set puts an operation under an upper-case HTTP method; it reports false
// for a method the model does not hold.
func (p *PathItem) Set(method string, op *Operation) bool {
	switch method {
	case "GET":
		p.Get = op
	case "POST":
		p.Post = op
	case "PUT":
		p.Put = op
	case "PATCH":
		p.Patch = op
	case "DELETE":
		p.Delete = op
	default:
		return false
	}
	return true
}

// Operation is one method of a path.
type Operation struct {
	OperationID string       `json:"operationId"`
	Summary     string       `json:"summary,omitempty"`
	Description string       `json:"description,omitempty"`
	Tags        []string     `json:"tags,omitempty"`
	Parameters  []*Parameter `json:"parameters,omitempty"`
	RequestBody *RequestBody `json:"requestBody,omitempty"`
	// Responses are keyed by HTTP status ("200").
	Responses map[string]*Response `json:"responses"`
	// Security nil inherits the document's; an empty list means none.
	Security *[]map[string][]string `json:"security,omitempty"`
}

// Parameter is a path, query or header parameter.
type Parameter struct {
	Name        string  `json:"name"`
	In          string  `json:"in"`
	Required    bool    `json:"required,omitempty"`
	Description string  `json:"description,omitempty"`
	Schema      *Schema `json:"schema"`
}

// RequestBody is an operation's body.
type RequestBody struct {
	Ref         string               `json:"$ref,omitempty"`
	Description string               `json:"description,omitempty"`
	Required    bool                 `json:"required,omitempty"`
	Content     map[string]MediaType `json:"content,omitempty"`
}

// Response is one status of an operation.
type Response struct {
	Ref         string               `json:"$ref,omitempty"`
	Description string               `json:"description,omitempty"`
	Content     map[string]MediaType `json:"content,omitempty"`
}

// MediaType is a body of one media type.
type MediaType struct {
	Schema *Schema `json:"schema"`
}

// Components are the document's named schemas, bodies, responses and
// security schemes.
type Components struct {
	Schemas         map[string]*Schema         `json:"schemas,omitempty"`
	RequestBodies   map[string]*RequestBody    `json:"requestBodies,omitempty"`
	Responses       map[string]*Response       `json:"responses,omitempty"`
	SecuritySchemes map[string]*SecurityScheme `json:"securitySchemes,omitempty"`
}

// SecurityScheme is how a client authenticates.
type SecurityScheme struct {
	Type string `json:"type"`
	// Scheme is the HTTP scheme of a type "http" scheme: "bearer".
	Scheme      string `json:"scheme,omitempty"`
	In          string `json:"in,omitempty"`
	Name        string `json:"name,omitempty"`
	Description string `json:"description,omitempty"`
}

// JSON is the media type of every body of the vendors' APIs.
const JSON = "application/json"

// JSONBody is a required application/json request body.
func JSONBody(description string, s *Schema) *RequestBody {
	return &RequestBody{Description: description, Required: true, Content: map[string]MediaType{JSON: {Schema: s}}}
}

// JSONResponse is a response with an application/json body.
func JSONResponse(description string, s *Schema) *Response {
	return &Response{Description: description, Content: map[string]MediaType{JSON: {Schema: s}}}
}

// NoSecurity is the Security of an operation that needs no credentials.
func NoSecurity() *[]map[string][]string { return &[]map[string][]string{} }

// Requires is the Security of an operation that needs one scheme.
func Requires(scheme string) *[]map[string][]string {
	return &[]map[string][]string{{scheme: {}}}
}

// WithServer returns a copy of the document whose servers start with s;
// the rest of the document is shared, not copied.
func (d *Document) WithServer(s Server) *Document {
	c := *d
	c.Servers = append([]Server{s}, d.Servers...)
	return &c
}

// Marshal writes the document as indented JSON, with <, > and & as they
// are (descriptions say "Bearer <token>").
func (d *Document) Marshal() ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(d); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// PathNames lists the document's paths, sorted.
func (d *Document) PathNames() []string { return slices.Sorted(maps.Keys(d.Paths)) }

// pathVarRE matches a variable of a route template: {id} or {id:pattern}.
var pathVarRE = regexp.MustCompile(`\{([^}:]+)(:[^}]*)?\}`)

// PathVars lists the variables of a route template, in order.
func PathVars(path string) []string {
	var out []string
	for _, m := range pathVarRE.FindAllStringSubmatch(path, -1) {
		out = append(out, m[1])
	}
	return out
}
