package noventiq

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/flashcart/flashcart/sandbox/internal/kit"

	"github.com/flashcart/flashcart/fixtures"
	"github.com/flashcart/flashcart/sandbox/internal/store"
	"github.com/shopspring/decimal"
)

var t0 = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

func demo(t testing.TB) *fixtures.Account {
	t.Helper()
	a, ok := fixtures.Default().Account("demo")
	if !ok {
		t.Fatal("no demo account")
	}
	return a
}

// newLink validates a generate_buy_link body and resolves it for demo.
func newLink(t testing.TB, body string) *storedLink {
	t.Helper()
	raw, derr := DecodeBuyLink([]byte(body))
	if derr != nil {
		t.Fatalf("decode: %v", derr)
	}
	acct := demo(t)
	req, errs := ValidateBuyLink(acct, raw)
	if errs != nil {
		t.Fatalf("validate: %v", errs)
	}
	link, err := newStoredLink(req, acct, t0, 0)
	if err != nil {
		t.Fatal(err)
	}
	link.ExternalID = "12345678"
	return link
}

const upsellBody = `{"currency":"EUR","products":[
  {"id":111111,"name":"Base 1y","price":"100.00","quantity":1,"subscription":{"period":"P1Y"}},
  {"id":555555,"name":"Box","price":"20.00","quantity":2}],
 "customer":{"email":"a@b.io","first_name":"Ann","last_name":"Lee","type":"physical","country":"FR"},
 "additional_data":{"referer7":"req7","referer8":"req8"},
 "upsell":{"product_id":111111,"name":"Go Pro","description":"More","products":[
   {"id":333333,"name":"Pro 1y","name_for_upsell":"Pro","price":"150.00","quantity":1,"benefit":"30.00",
    "additional_data":{"referer8":"up8","referer9":"up9"}},
   {"id":111111,"name":"Base 3y","name_for_upsell":"Base x3","price":"250.00","quantity":1}]},
 "upsell_exit":{"product_id":555555,"name":"Wait!","products":[
   {"id":222222,"name":"Perpetual","name_for_upsell":"Forever","price":"35.00","quantity":1}]}}`

func TestLineTotals(t *testing.T) {
	tests := []struct {
		price, pct string
		qty        int
		subtotal   string
		discount   string
		total      string
	}{
		{"30.00", "0", 10, "300.00", "0.00", "300.00"},
		{"100.00", "10", 1, "100.00", "10.00", "90.00"},
		{"19.99", "33.333333", 3, "59.97", "19.99", "39.98"},
		{"0.10", "15", 1, "0.10", "0.02", "0.08"},
		{"50.00", "100", 2, "100.00", "100.00", "0.00"},
	}
	for _, tt := range tests {
		l := cartLine{Price: decimal.RequireFromString(tt.price), DiscountPercent: decimal.RequireFromString(tt.pct), Quantity: tt.qty}
		got := []string{l.Subtotal().StringFixed(2), l.Discount().StringFixed(2), l.Total().StringFixed(2)}
		want := []string{tt.subtotal, tt.discount, tt.total}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%s × %d − %s%% = %v, want %v", tt.price, tt.qty, tt.pct, got, want)
		}
	}
}

func TestCartTotal(t *testing.T) {
	link := newLink(t, `{"currency":"EUR","products":[
	  {"id":111111,"name":"A","price":"100.00","quantity":1,"discount_percent":10},
	  {"id":222222,"name":"B","price":"0.10","quantity":3}]}`)
	st := link.State(t0)
	if st.Total.String() != "90.30" || st.Lines[0].Total.String() != "90.00" || st.Lines[1].Subtotal.String() != "0.30" {
		t.Errorf("totals: %s, %s, %s", st.Total, st.Lines[0].Total, st.Lines[1].Subtotal)
	}
}

func TestNewCart(t *testing.T) {
	link := newLink(t, upsellBody)
	if link.Cart.Step != StepCart || link.Cart.Entry.State != Pending || link.Cart.Exit.State != Waiting {
		t.Errorf("initial cart %+v", link.Cart)
	}
	if !link.Cart.AutoRenewal[111111] || len(link.Cart.AutoRenewal) != 1 {
		t.Errorf("auto-renewal consents %v, want only 111111 consented", link.Cart.AutoRenewal)
	}
	st := link.State(t0)
	if st.Lines[0].Subscription == nil || st.Lines[1].Subscription != nil {
		t.Error("the subscription shows on the wrong lines")
	}
	if st.Lines[0].Description == "" || st.Lines[0].PictureURL != "/assets/products/111111.svg" || st.Lines[0].Name != "Base 1y" {
		t.Errorf("line 0 = %+v: name from the request, picture and description from the original product", st.Lines[0])
	}
}

func TestCountryRuleAtOpening(t *testing.T) {
	tests := []struct {
		country, currency, wantCountry, wantCurrency string
	}{
		{"FR", "EUR", "FR", "EUR"},
		{"GB", "EUR", "GB", "GBP"},
		{"FR", "GBP", "FR", "EUR"},
		{"US", "EUR", "", "EUR"}, // page 1 does not sell to the US
	}
	for _, tt := range tests {
		link := newLink(t, fmt.Sprintf(`{"currency":%q,"products":[{"id":111111,"name":"A","price":"10.00","quantity":1,"subscription":{"period":"P1Y"}}],"customer":{"country":%q}}`, tt.currency, tt.country))
		if link.Cart.Customer.Country != tt.wantCountry || link.Currency != tt.wantCurrency {
			t.Errorf("%s/%s opened as %s/%s, want %s/%s", tt.country, tt.currency, link.Cart.Customer.Country, link.Currency, tt.wantCountry, tt.wantCurrency)
		}
		if wantRenewal := map[string]string{"EUR": "30.00", "GBP": "26.00"}[tt.wantCurrency]; link.Lines[0].Subscription.RenewalPrice.StringFixed(2) != wantRenewal {
			t.Errorf("%s/%s: renewal price %s, want the original product's %s price %s", tt.country, tt.currency, link.Lines[0].Subscription.RenewalPrice, tt.wantCurrency, wantRenewal)
		}
	}
}

func ip(i int) *int { return &i }

// step is one action on a cart in a state-machine table.
type step struct {
	do      string // entry:N, entry:decline, exit:N, exit:decline, leave
	wantErr error
}

func apply(l *storedLink, acct *fixtures.Account, s string) error {
	if s == "leave" {
		l.ExitIntent()
		return nil
	}
	kind, arg, _ := strings.Cut(s, ":")
	var choice *int
	if arg != "decline" {
		var n int
		fmt.Sscan(arg, &n)
		choice = &n
	}
	return l.Choose(OfferKind(kind), choice, acct)
}

func TestOfferStateMachine(t *testing.T) {
	tests := []struct {
		name       string
		steps      []step
		entry      OfferState
		exit       OfferState
		productIDs string
		names      string
	}{
		{"nothing done", nil, Pending, Waiting, "[111111 555555]", "Base 1y,Box"},
		{"leaving while the entry offer shows does nothing", []step{{"leave", nil}}, Pending, Waiting, "[111111 555555]", "Base 1y,Box"},
		{"accept entry, then leave: no exit offer", []step{{"entry:0", nil}, {"leave", nil}}, Accepted, Suppressed, "[333333 555555]", "Pro 1y,Box"},
		{"accept the same original product", []step{{"entry:1", nil}}, Accepted, Suppressed, "[111111 555555]", "Base 3y,Box"},
		{"decline entry, leave: exit offer", []step{{"entry:decline", nil}, {"leave", nil}}, Declined, Pending, "[111111 555555]", "Base 1y,Box"},
		{"exit offer shows at most once", []step{{"entry:decline", nil}, {"leave", nil}, {"exit:decline", nil}, {"leave", nil}}, Declined, Declined, "[111111 555555]", "Base 1y,Box"},
		{"accept exit", []step{{"entry:decline", nil}, {"leave", nil}, {"exit:0", nil}}, Declined, Accepted, "[111111 222222]", "Base 1y,Perpetual"},
		{"exit not pending", []step{{"exit:0", errConflict}}, Pending, Waiting, "[111111 555555]", "Base 1y,Box"},
		{"entry answered twice", []step{{"entry:decline", nil}, {"entry:0", errConflict}}, Declined, Waiting, "[111111 555555]", "Base 1y,Box"},
		{"choice out of range", []step{{"entry:3", errBadRequest}}, Pending, Waiting, "[111111 555555]", "Base 1y,Box"},
		{"negative choice", []step{{"entry:-1", errBadRequest}}, Pending, Waiting, "[111111 555555]", "Base 1y,Box"},
		{"unknown kind", []step{{"middle:0", errBadRequest}}, Pending, Waiting, "[111111 555555]", "Base 1y,Box"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			link, acct := newLink(t, upsellBody), demo(t)
			for _, s := range tt.steps {
				if err := apply(link, acct, s.do); !errors.Is(err, s.wantErr) {
					t.Fatalf("%s: error %v, want %v", s.do, err, s.wantErr)
				}
			}
			var ids []int64
			var names []string
			for _, l := range link.Lines {
				ids, names = append(ids, l.ProductID), append(names, l.Name)
			}
			if link.Cart.Entry.State != tt.entry || link.Cart.Exit.State != tt.exit ||
				fmt.Sprint(ids) != tt.productIDs || strings.Join(names, ",") != tt.names {
				t.Errorf("entry %s exit %s lines %v %v; want %s %s %s %s",
					link.Cart.Entry.State, link.Cart.Exit.State, ids, names, tt.entry, tt.exit, tt.productIDs, tt.names)
			}
		})
	}
}

func TestAcceptMergesAdditionalDataAndConsents(t *testing.T) {
	link, acct := newLink(t, upsellBody), demo(t)
	if err := link.Choose(EntryOffer, ip(0), acct); err != nil {
		t.Fatal(err)
	}
	want := "map[referer7:req7 referer8:up8 referer9:up9]"
	if got := fmt.Sprint(link.Cart.AdditionalData); got != want {
		t.Errorf("merged additional_data = %s, want %s", got, want)
	}
	if len(link.Cart.AutoRenewal) != 0 {
		t.Errorf("consents %v: the replaced product's consent must go, the up-sell product has no subscription", link.Cart.AutoRenewal)
	}
	if got := link.State(t0); got.Total.String() != "190.00" || *got.Offers[EntryOffer].Choice != 0 {
		t.Errorf("after accepting: total %s, choice %v", got.Total, got.Offers[EntryOffer].Choice)
	}
	// The exit offer's up-sell product has no additional_data: the cart's stays.
	link2 := newLink(t, upsellBody)
	for _, s := range []string{"entry:decline", "leave", "exit:0"} {
		if err := apply(link2, acct, s); err != nil {
			t.Fatal(err)
		}
	}
	if got := fmt.Sprint(link2.Cart.AdditionalData); got != "map[referer7:req7 referer8:req8]" {
		t.Errorf("additional_data after an up-sell without any = %s", got)
	}
}

func customerInput(country string) CustomerInput {
	return CustomerInput{Customer: Customer{Type: "physical", Email: "a@b.io", FirstName: "A", LastName: "B", Country: country}}
}

func TestSetCustomer(t *testing.T) {
	long := strings.Repeat("é", 256)
	tests := []struct {
		name     string
		edit     func(*CustomerInput)
		bad      string // sorted field names
		currency string
	}{
		{"valid", func(*CustomerInput) {}, "", "EUR"},
		{"country switches the currency", func(c *CustomerInput) { c.Country = "GB" }, "", "GBP"},
		{"empty form", func(c *CustomerInput) { c.Customer = Customer{} }, "[country email first_name last_name type]", "EUR"},
		{"bad email", func(c *CustomerInput) { c.Email = "a@b" }, "[email]", "EUR"},
		{"long name", func(c *CustomerInput) { c.FirstName = long }, "[first_name]", "EUR"},
		{"unknown type", func(c *CustomerInput) { c.Type = "robot" }, "[type]", "EUR"},
		{"juridical needs a company", func(c *CustomerInput) { c.Type = "juridical" }, "[company_name]", "EUR"},
		{"country not sold", func(c *CustomerInput) { c.Country = "US" }, "[country]", "EUR"},
		{"consent for a product without subscription", func(c *CustomerInput) { c.AutoRenewal = map[int64]bool{555555: true} }, "[auto_renewal.555555]", "EUR"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			link, acct := newLink(t, `{"currency":"EUR","products":[{"id":111111,"name":"A","price":"10.00","quantity":1,"subscription":{"period":"P1Y"}},{"id":555555,"name":"B","price":"5.00","quantity":1}]}`), demo(t)
			page, _ := acct.Page(1)
			in := customerInput("FR")
			in.AutoRenewal = map[int64]bool{111111: false}
			tt.edit(&in)
			err := link.SetCustomer(in, page, acct)
			var fe FieldErrors
			errors.As(err, &fe)
			if got := fmt.Sprint(keys(fe)); tt.bad == "" && err != nil || tt.bad != "" && got != tt.bad {
				t.Fatalf("error %v, want fields %s", err, tt.bad)
			}
			if link.Currency != tt.currency {
				t.Errorf("currency %s, want %s", link.Currency, tt.currency)
			}
			if tt.bad == "" && (link.Cart.Step != StepCustomer || link.Cart.AutoRenewal[111111] || link.Cart.Customer.Email != "a@b.io") {
				t.Errorf("accepted form not applied: %+v", link.Cart)
			}
			if tt.bad != "" && (link.Cart.Step != StepCart || !link.Cart.AutoRenewal[111111]) {
				t.Errorf("refused form changed the cart: %+v", link.Cart)
			}
		})
	}
}

func keys(f FieldErrors) []string { return slices.Sorted(maps.Keys(f)) }

// countingPlacer counts orders and gives each a distinct id.
type countingPlacer struct{ n atomic.Int64 }

func (p *countingPlacer) Place(_ store.Tx, _ *storedLink, paid kit.PaymentResult) (OrderRef, error) {
	id := p.n.Add(1)
	status := "paid"
	if !paid.Paid {
		status = "not paid"
	}
	return OrderRef{ID: id, Name: fmt.Sprint(id), Status: status}, nil
}

func newService(t *testing.T, body string, now *time.Time) (*checkoutService, *countingPlacer, string) {
	t.Helper()
	link := newLink(t, body)
	st := store.NewMemory()
	if _, err := saveLink(st, nil, link, func() string { return "87654321" }, func(id string) string { return "http://x" + CheckoutPagePath(id) }); err != nil {
		t.Fatal(err)
	}
	p := &countingPlacer{}
	world := fixtures.Default()
	return &checkoutService{Store: st, Now: func() time.Time { return *now }, World: func() *fixtures.World { return world }, Placer: p}, p, link.ExternalID
}

func TestOneLinkOneOrderUnderConcurrency(t *testing.T) {
	now := t0
	svc, placer, id := newService(t, `{"currency":"EUR","products":[{"id":111111,"name":"A","price":"10.00","quantity":1}],
	  "customer":{"email":"a@b.io","first_name":"A","last_name":"B","type":"physical","country":"FR"}}`, &now)
	const attempts = 32
	var wins, used atomic.Int64
	var wg sync.WaitGroup
	start := make(chan struct{})
	for range attempts {
		wg.Go(func() {
			<-start
			_, err := svc.Order(id, nil, "4242 4242 4242 4242")
			switch {
			case err == nil:
				wins.Add(1)
			case errors.Is(err, errUsed):
				used.Add(1)
			default:
				t.Errorf("unexpected error %v", err)
			}
		})
	}
	close(start)
	wg.Wait()
	if wins.Load() != 1 || used.Load() != attempts-1 || placer.n.Load() != 1 {
		t.Errorf("%d wins, %d refused as used, %d orders placed; want 1, %d, 1", wins.Load(), used.Load(), placer.n.Load(), attempts-1)
	}
	link, err := svc.Get(id)
	if err != nil || link.Status(now) != "ordered" || link.Cart.Step != StepDone || link.Cart.Order.Status != "paid" {
		t.Errorf("link after the order: %+v %v", link, err)
	}
}

func TestServiceRefusals(t *testing.T) {
	now := t0
	svc, placer, id := newService(t, upsellBody, &now)
	if _, err := svc.Get("nope"); !errors.Is(err, errNotFound) {
		t.Errorf("unknown link: %v", err)
	}
	if _, err := svc.Order(id, nil, "4242424242424242"); !errors.Is(err, errConflict) {
		t.Errorf("order with the entry offer pending: %v, want a conflict", err)
	}
	if _, err := svc.Continue(id, nil); !errors.Is(err, errConflict) {
		t.Errorf("continue with the entry offer pending: %v, want a conflict", err)
	}
	if _, err := svc.Choose(id, EntryOffer, nil); err != nil {
		t.Fatal(err)
	}
	var fe FieldErrors
	if _, err := svc.Order(id, nil, "1234"); !errors.As(err, &fe) || fe["card"] == "" {
		t.Errorf("unknown card: %v, want a card field error", err)
	}
	link, err := svc.Order(id, nil, "4000 0000 0000 0002")
	if err != nil || link.Cart.Order.Status != "not paid" || link.Cart.Exit.State != Suppressed {
		t.Fatalf("declined card: %+v %v", link, err)
	}
	if _, err := svc.ExitIntent(id); !errors.Is(err, errUsed) {
		t.Errorf("exit intent on a used link: %v", err)
	}
	if placer.n.Load() != 1 {
		t.Errorf("%d orders placed, want 1", placer.n.Load())
	}
}

func TestExpiredLink(t *testing.T) {
	now := t0
	svc, _, id := newService(t, upsellBody, &now)
	err := svc.Store.Update(func(tx store.Tx) error {
		var l storedLink
		if _, err := store.GetJSON(tx, linksBucket, id, &l); err != nil {
			return err
		}
		exp := t0.Add(time.Hour)
		l.ExpiresAt = &exp
		return store.PutJSON(tx, linksBucket, id, &l)
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Choose(id, EntryOffer, nil); err != nil {
		t.Fatalf("before expiry: %v", err)
	}
	now = t0.Add(time.Hour)
	if _, err := svc.ExitIntent(id); !errors.Is(err, errExpired) {
		t.Errorf("after expiry: %v, want ErrExpired", err)
	}
	link, _ := svc.Get(id)
	if link.State(now).Status != "expired" {
		t.Errorf("status %s, want expired", link.State(now).Status)
	}
}
