package scenarios_test

import (
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/flashcart/flashcart/scenarios"
	"github.com/flashcart/flashcart/scenarios/internal/jsonnode"
)

// flow is a behaviour the bundled suites must show. One scenario tagged
// tag must do it all: send a request matching every pattern of sent, expect
// every status of statuses, and expect bodies matching every pattern of
// expects. Requests read "METHOD PATH BODY", with checkout steps' paths
// holding {link} and bodies as compact JSON whose templates are left as
// written; expectations are the compact JSON of the expected bodies.
type flow struct {
	name, tag     string
	sent, expects []string
	statuses      []int
}

// requiredFlows are the flows the bundled suites must show (the checkout and the APIs after
// it), beyond the error codes that TestEveryCatalogueCodeIsExpectedBySomeScenario covers.
var requiredFlows = []flow{
	{name: "entry offer accepted", tag: "upsell-accept",
		sent:    []string{`/upsell \{"offer":"entry","choice":\d`, `/order \{"card"`},
		expects: []string{`"state":"accepted"`}, statuses: []int{409}},
	{name: "entry offer declined", tag: "upsell-decline",
		sent:    []string{`/upsell \{"offer":"entry","choice":null\}`, `/order \{"card"`},
		expects: []string{`"state":"declined"`}},
	{name: "exit offer shown on exit intent and accepted", tag: "exit-accept",
		sent:    []string{`/exit-intent`, `/upsell \{"offer":"exit","choice":\d`},
		expects: []string{`"pending_offer":"exit"`, `"state":"accepted"`}},
	{name: "exit offer declined, shown at most once", tag: "exit-decline",
		sent:    []string{`/exit-intent`, `/upsell \{"offer":"exit","choice":null\}`},
		expects: []string{`"state":"declined"`}, statuses: []int{409}},
	{name: "exit offer suppressed after a replacement", tag: "exit-suppressed",
		sent:    []string{`/upsell \{"offer":"entry","choice":\d`, `/exit-intent`},
		expects: []string{`"state":"suppressed"`}},
	{name: "one-time link: 409 then the page answers 410", tag: "one-time-link",
		sent:     []string{`/order \{"card"`, `^GET /basket/flash/`},
		expects:  []string{`"status":"ordered"`, `already used`},
		statuses: []int{409, 410}},
	{name: "additional_data merge when an up-sell product is chosen", tag: "additional_data",
		sent:    []string{`/upsell \{"offer":"entry","choice":\d`, `^GET /v1/order/\$`},
		expects: []string{`"additional_data":\{"referer7":"[^"]+","referer8":"upsell-8","referer9":"upsell-9"\}`}},
	{name: "country over currency", tag: "country-currency",
		sent:    []string{`/customer \{[^ ]*"country":"`},
		expects: []string{`"country":"GB"[^ ]*"currency":"GBP"|"currency":"GBP"[^ ]*"country":"GB"`}, statuses: []int{400}},
	{name: "declined card", tag: "declined-card",
		sent:    []string{`/order \{"card":"4000[ -]?0000[ -]?0000[ -]?0002"\}`, `^GET /_sandbox/webhooks`},
		expects: []string{`"status":"not paid"`, `order\.payment\.failed`}},
	{name: "orders search by every filter", tag: "orders-search",
		sent:    []string{`^POST /v1/order/search \{.*"status":.*"external_id":.*"create_date_from":.*"create_date_to":.*"pay_date_from":.*"pay_date_to":.*"currency":.*"email":`},
		expects: []string{`"ids":\[`}},
	{name: "orders search date bounds inclusive", tag: "orders-search",
		sent:    []string{`"create_date_from":"\$\{steps\.(\w|-)+\.body\.create_date\}","create_date_to":"\$\{steps\.`, `^POST /_sandbox/clock`},
		expects: []string{`"ids":\[\]`}},
	{name: "orders search 3010", tag: "orders-search",
		expects: []string{`Invalid field value: status\.`, `Invalid field value: create_date_from\.`, `Invalid field value: email\.`}, statuses: []int{400}},
	{name: "GET /v1/order/{id} of an unknown id", tag: "not-found",
		sent: []string{`^GET /v1/order/\d+ `}, expects: []string{`"code":404,"message":"Not Found"`}, statuses: []int{404}},
	{name: "webhooks per event", tag: "webhooks",
		sent:    []string{`^GET /_sandbox/webhooks`},
		expects: []string{`"order\.created"`, `"order\.payment\.succeeded"`, `"product\.delivered"`}},
	{name: "subscription modify calls and their rules", tag: "subscription-modify",
		sent:     []string{`/modify_next_billing_price `, `/modify_expiration_date `, `/modify_next_product_name `},
		expects:  []string{`Invalid field value: currency\.`, `Invalid field value: expiration_date\.`},
		statuses: []int{200, 400}},
	{name: "subscription cancelled and restored", tag: "subscription-cancel",
		sent:    []string{`/modify_activity \{[^ ]*"activity":false`, `/modify_activity \{[^ ]*"activity":true`, `^GET /_sandbox/webhooks`},
		expects: []string{`subscription\.cancelled`, `subscription\.restored`, `Invalid field value: id\.`}},
	{name: "renewal child order after the clock passes expiry", tag: "renewal",
		sent:    []string{`/modify_next_billing_price `, `/modify_next_product_name `, `^POST /_sandbox/clock`, `^GET /v1/order/\$\{steps\.\w+\.body\.renewal_orders`},
		expects: []string{`"parent_order_id":`, `"external_id":""`}},
	{name: "token expiry on the Orders API", tag: "token-expiry",
		sent: []string{`^POST /_sandbox/clock \{"advance":"2[5-9]h"\}`, `^GET /v1/order/`, `^POST /v1/order/search`}, expects: []string{`"error":1009`}},
	{name: "token expiry on the Subscriptions API", tag: "token-expiry",
		sent: []string{`^POST /_sandbox/clock \{"advance":"2[5-9]h"\}`, `^GET /v1/subscription/`, `^POST /v1/subscription/modify_`}, expects: []string{`"error":1009`}},
	{name: "expired link", tag: "expired-link",
		sent: []string{`^POST /_sandbox/clock`, `^GET /_sandbox/checkout/`}, expects: []string{`"status":"expired"`}, statuses: []int{410}},
}

// shown reports whether the scenario shows the flow; otherwise it says what
// the scenario lacks.
func (f flow) shown(s *scenarios.Scenario) (bool, string) {
	if !slices.Contains(s.Tags, f.tag) {
		return false, "not tagged " + f.tag
	}
	var sent, expected []string
	var statuses []int
	for _, st := range s.Steps {
		sent = append(sent, requestText(st))
		if e := st.Expect; e != nil {
			statuses = append(statuses, e.Status)
			if e.Body != nil {
				b, _ := json.Marshal(e.Body.Render())
				expected = append(expected, string(b))
			}
		}
	}
	for _, p := range f.sent {
		if !anyMatch(p, sent) {
			return false, "sends nothing matching " + p
		}
	}
	for _, p := range f.expects {
		if !anyMatch(p, expected) {
			return false, "expects no body matching " + p
		}
	}
	for _, code := range f.statuses {
		if !slices.Contains(statuses, code) {
			return false, fmt.Sprintf("expects no status %d", code)
		}
	}
	return true, ""
}

func requestText(st *scenarios.Step) string {
	r := st.Request
	body := ""
	if r.Body != nil {
		b, _ := jsonnode.ToJSON(r.Body, nil)
		body = string(b)
	} else if r.RawBody != nil {
		body = *r.RawBody
	}
	return r.Method + " " + r.Path + " " + body
}

func anyMatch(pattern string, texts []string) bool {
	re := regexp.MustCompile(pattern)
	return slices.ContainsFunc(texts, re.MatchString)
}

// missingFlows lists the flows no scenario shows, each with why the
// scenarios tagged for it fall short.
func missingFlows(list []*scenarios.Scenario, flows []flow) []string {
	var missing []string
	for _, f := range flows {
		var why []string
		found := false
		for _, s := range list {
			ok, reason := f.shown(s)
			if ok {
				found = true
				break
			}
			if slices.Contains(s.Tags, f.tag) {
				why = append(why, fmt.Sprintf("%q %s", s.Name, reason))
			}
		}
		if !found {
			missing = append(missing, fmt.Sprintf("%s (tag %s): %s", f.name, f.tag, strings.Join(why, "; ")))
		}
	}
	return missing
}

func TestSuitesShowEveryFlowOfTheIssue(t *testing.T) {
	for _, m := range missingFlows(load(t), requiredFlows) {
		t.Errorf("no bundled scenario shows %s", m)
	}
}

// The check notices a flow that is gone, and a scenario that keeps the tag
// but no longer does what the flow needs.
func TestMissingFlowsNoticesAGap(t *testing.T) {
	list := load(t)
	var withoutRenewal, renewal []*scenarios.Scenario
	for _, s := range list {
		if slices.Contains(s.Tags, "renewal") {
			renewal = append(renewal, s)
			continue
		}
		withoutRenewal = append(withoutRenewal, s)
	}
	if len(renewal) == 0 {
		t.Fatal("no renewal scenario to take away")
	}
	missing := missingFlows(withoutRenewal, requiredFlows)
	if len(missing) != 1 || !strings.HasPrefix(missing[0], "renewal child order") {
		t.Errorf("without the renewal scenarios, missing = %q", missing)
	}
	// The same scenario without its clock step no longer shows a renewal.
	noClock := *renewal[0]
	noClock.Steps = slices.DeleteFunc(slices.Clone(noClock.Steps), func(st *scenarios.Step) bool { return st.Kind == scenarios.KindClock })
	missing = missingFlows(append(withoutRenewal, &noClock), requiredFlows)
	if len(missing) != 1 || !strings.Contains(missing[0], "sends nothing matching ^POST /_sandbox/clock") {
		t.Errorf("a renewal scenario without its clock step: missing = %q", missing)
	}
}
