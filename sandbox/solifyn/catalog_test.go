package solifyn

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestProductsList(t *testing.T) {
	h := newHarness(t)
	const (
		euro, api, community, poster = "prod_EuroTicket001", "prod_UsageBasedAP1", "prod_CustomF1eldsX", "prod_Lim1tedEd1t10"
		tip, pro, starter, legacy    = "prod_lBrPxQcGN8dBM", "prod_NG0mkkz0Awitk", starterID, "prod_Arch1vedProd1"
	)
	for _, tc := range []struct {
		query string
		want  []string
		total int
		max   int
	}{
		{"", []string{euro, api, community, poster, tip, pro, starter, legacy}, 8, 1},
		{"?limit=3&page=2", []string{poster, tip, pro}, 8, 3},
		{"?limit=3&page=4", []string{}, 8, 3},
		{"?sorting=created_at&limit=2", []string{legacy, starter}, 8, 4},
		{"?sorting=name", []string{api, euro, community, legacy, poster, pro, starter, tip}, 8, 1},
		{"?sorting=-price_amount", []string{euro, community, starter, legacy, poster, pro, tip, api}, 8, 1},
		{"?pricingType=renewal", []string{pro}, 1, 1},
		{"?is_recurring=true", []string{api, pro}, 2, 1},
		{"?is_recurring=false&is_archived=false", []string{euro, community, poster, tip, starter}, 5, 1},
		{"?is_archived=true", []string{legacy}, 1, 1},
		{"?query=PLAN", []string{pro}, 1, 1},
		{"?id=" + starter, []string{starter}, 1, 1},
		{"?query=nothing", []string{}, 0, 0},
	} {
		var list ProductList
		h.must(http.MethodGet, PathProducts+tc.query, "", demoKey, http.StatusOK, &list)
		got := []string{}
		for _, p := range list.Items {
			got = append(got, p.ID)
		}
		if strings.Join(got, " ") != strings.Join(tc.want, " ") || list.Pagination != (Pagination{tc.total, tc.max}) {
			t.Errorf("%q: %v %+v, want %v {%d %d}", tc.query, got, list.Pagination, tc.want, tc.total, tc.max)
		}
	}
	status, got := h.call(http.MethodGet, PathProducts+"?query=nothing", "", demoKey)
	expect(t, "empty list", status, got, http.StatusOK, `{"items":[],"pagination":{"total_count":0,"max_page":0}}`)
	status, got = h.call(http.MethodGet, PathProducts+"?id="+starter, "", demoKey)
	expect(t, "one", status, got, http.StatusOK, `{"items":[`+starterJSON+`],"pagination":{"total_count":1,"max_page":1}}`)
	var other ProductList
	h.must(http.MethodGet, PathProducts, "", otherKey, http.StatusOK, &other)
	if len(other.Items) != 1 || other.Items[0].ID != "prod_OtherShopItem" {
		t.Errorf("another business's products: %+v", other.Items)
	}
}

func TestProductsListValidation(t *testing.T) {
	h := newHarness(t)
	sortings := "sorting must be one of the following values: created_at, -created_at, name, -name, price_amount, -price_amount"
	for query, want := range map[string]string{
		"?limit=0":       bad("limit must not be less than 1"),
		"?limit=101":     bad("limit must not be greater than 100"),
		"?limit=abc":     bad("limit must not be greater than 100", "limit must not be less than 1", "limit must be an integer number"),
		"?limit=":        bad("limit must not be less than 1"),
		"?page=1.5":      bad("page must be an integer number"),
		"?page=-1":       bad("page must not be less than 1"),
		"?sorting=price": bad(sortings),
		"?is_archived=1": bad("is_archived must be a boolean value"),
		"?is_archived=yes&is_recurring=no&page=0&limit=500&sorting=x": bad(sortings, "limit must not be greater than 100",
			"page must not be less than 1", "is_recurring must be a boolean value", "is_archived must be a boolean value"),
	} {
		status, got := h.call(http.MethodGet, PathProducts+query, "", demoKey)
		expect(t, query, status, got, http.StatusBadRequest, want)
	}
	var list ProductList
	h.must(http.MethodGet, PathProducts+"?limit=100&page=99999999999999999999", "", demoKey, http.StatusOK, &list)
	if len(list.Items) != 0 {
		t.Errorf("a page far beyond: %d items", len(list.Items))
	}
}

func TestProductGet(t *testing.T) {
	h := newHarness(t)
	status, got := h.call(http.MethodGet, Path(PathProduct, starterID), "", demoKey)
	expect(t, "starter", status, got, http.StatusOK, starterJSON)
	status, got = h.call(http.MethodGet, Path(PathProduct, "prod_OtherShopItem"), "", demoKey)
	expect(t, "another business's", status, got, http.StatusNotFound, notFound("Product not found"))
	var p Product
	h.must(http.MethodGet, Path(PathProduct, "prod_CustomF1eldsX"), "", demoKey, http.StatusOK, &p)
	want := []ProductCustomField{
		{ID: "57aa2241-eae4-43dc-b9ae-36069b84b2da", Name: "Discord Username", Order: 0, Required: true, FieldType: "text", Placeholder: "e.g. your_discord#1234"},
		{ID: "c86da32a-a967-457c-815b-c3440294d70b", Name: "Company Name", Order: 1, FieldType: "text", Placeholder: "e.g. Acme Corp (Optional)"},
	}
	if len(p.CustomFields) != 2 || p.CustomFields[0] != want[0] || p.CustomFields[1] != want[1] {
		t.Errorf("custom fields %+v", p.CustomFields)
	}
	h.must(http.MethodGet, Path(PathProduct, "prod_NG0mkkz0Awitk"), "", demoKey, http.StatusOK, &p)
	if p.BillingPeriod == nil || *p.BillingPeriod != 30 || *p.TrialPeriodDays != 7 || p.TaxCategory != "saas" {
		t.Errorf("renewal product %+v", p)
	}
	h.must(http.MethodGet, Path(PathProduct, "prod_Lim1tedEd1t10"), "", demoKey, http.StatusOK, &p)
	if p.Stock == nil || *p.Stock != 3 {
		t.Errorf("stock %v", p.Stock)
	}
}

func TestCollections(t *testing.T) {
	h := newHarness(t)
	status, got := h.call(http.MethodGet, PathCollections, "", demoKey)
	expect(t, "list", status, got, http.StatusOK, `[`+
		`{"id":"col_starterBundle","name":"Starter Bundle","description":"The Starter Kit with a signed poster.","imageUrl":null,`+
		`"status":"ACTIVE","businessId":"biz_4r5t6y7u8i9o","isPermanentlyDeleted":false,"createdAt":"2026-02-01T00:00:00.000Z",`+
		`"updatedAt":"2026-02-01T00:00:00.000Z","products":[{"id":"prod_z2o92kEl6cYYX","quantity":1},{"id":"prod_Lim1tedEd1t10","quantity":1}]},`+
		`{"id":"col_teamPack","name":"Team Pack","description":"Five Starter Kits and a Pro Plan seat for a team.","imageUrl":null,`+
		`"status":"ACTIVE","businessId":"biz_4r5t6y7u8i9o","isPermanentlyDeleted":false,"createdAt":"2026-02-02T00:00:00.000Z",`+
		`"updatedAt":"2026-02-02T00:00:00.000Z","products":[{"id":"prod_z2o92kEl6cYYX","quantity":5},{"id":"prod_NG0mkkz0Awitk","quantity":1}]}]`)
	status, got = h.call(http.MethodGet, Path(PathCollection, "col_teamPack"), "", demoKey)
	var detail struct {
		Products []json.RawMessage `json:"products"`
	}
	if status != http.StatusOK || json.Unmarshal([]byte(got), &detail) != nil || len(detail.Products) != 2 {
		t.Fatalf("detail: %d %s", status, got)
	}
	if want := strings.TrimSuffix(starterJSON, "}") + `,"quantity":5}`; string(detail.Products[0]) != want {
		t.Errorf("a collection product:\n got %s\nwant %s", detail.Products[0], want)
	}
	if !strings.HasPrefix(got, `{"id":"col_teamPack","name":"Team Pack",`) {
		t.Errorf("detail %s", got)
	}
	var retired CollectionDetail
	h.must(http.MethodGet, Path(PathCollection, "col_retired"), "", demoKey, http.StatusOK, &retired)
	if retired.Status != "ARCHIVED" {
		t.Errorf("archived collection: %+v", retired)
	}
	status, got = h.call(http.MethodGet, Path(PathCollection, "col_otherShop"), "", demoKey)
	expect(t, "another business's", status, got, http.StatusNotFound, notFound("Collection not found"))
}

const promo10JSON = `{"id":"disc_promo10percent","discount_id":"disc_promo10percent","code":"PROMO10","name":"Ten percent off",` +
	`"type":"percentage","amount":1000,"usageLimit":1000,"timesUsed":3,"expiresAt":null,"status":"active",` +
	`"businessId":"biz_4r5t6y7u8i9o","createdAt":"2026-03-01T00:00:00.000Z","updatedAt":"2026-03-01T00:00:00.000Z"}`

func TestDiscounts(t *testing.T) {
	h := newHarness(t)
	status, got := h.call(http.MethodGet, Path(PathDiscount, "disc_promo10percent"), "", demoKey)
	expect(t, "percentage", status, got, http.StatusOK, promo10JSON)
	for id, want := range map[string]string{
		"disc_fiveoff00fixed": `"type":"fixed_amount","amount":500,"usageLimit":null,"timesUsed":0,"expiresAt":null,"status":"active"`,
		"disc_summer2025gone": `"amount":2000,"usageLimit":null,"timesUsed":0,"expiresAt":"2025-09-01T00:00:00.000Z","status":"expired"`,
		"disc_launch50used":   `"amount":5000,"usageLimit":100,"timesUsed":100,"expiresAt":null,"status":"expired"`,
	} {
		status, got := h.call(http.MethodGet, Path(PathDiscount, id), "", demoKey)
		if status != http.StatusOK || !strings.Contains(got, want) {
			t.Errorf("%s: %d %s, want it to contain %s", id, status, got, want)
		}
	}
	status, got = h.call(http.MethodGet, Path(PathDiscount, "disc_other"), "", demoKey)
	expect(t, "another business's", status, got, http.StatusNotFound, notFound("Discount not found"))

	var list DiscountList
	h.must(http.MethodGet, PathDiscounts, "", demoKey, http.StatusOK, &list)
	var codes []string
	for _, d := range list.Items {
		codes = append(codes, d.Code)
	}
	if strings.Join(codes, " ") != "PROONLY BUNDLE20 FIVEOFF PROMO10 LAUNCH50 SUMMER2025" ||
		list.Total != 6 || list.TotalCount != 6 || list.Pagination != (DiscountPagination{6, 6, 1}) {
		t.Errorf("list %v %+v", codes, list)
	}
	status, got = h.call(http.MethodGet, PathDiscounts+"?query=promo&sorting=created_at", "", demoKey)
	expect(t, "query", status, got, http.StatusOK, `{"items":[`+promo10JSON+`],"total":1,"total_count":1,"pagination":{"total":1,"total_count":1,"max_page":1}}`)
	status, got = h.call(http.MethodGet, PathDiscounts+"?sorting=name&limit=0", "", demoKey)
	expect(t, "list validation", status, got, http.StatusBadRequest, bad("sorting must be one of the following values: created_at, -created_at", "limit must not be less than 1"))

	h.advance(time.Date(2036, 1, 1, 0, 0, 0, 0, time.UTC).Sub(start))
	var d Discount
	h.must(http.MethodGet, Path(PathDiscount, "disc_proonly25pct"), "", demoKey, http.StatusOK, &d)
	if d.Status != "expired" {
		t.Errorf("at its expiry: %s", d.Status)
	}
}

func TestDiscountValidate(t *testing.T) {
	h := newHarness(t)
	biz := "&businessId=" + demoBiz
	for _, tc := range []struct {
		query  string
		status int
		want   string
	}{
		{"?code=PROMO10" + biz, 200, promo10JSON},
		{"?code=promo10" + biz, 200, promo10JSON},
		{"", 400, bad("code should not be empty", "code must be a string", "businessId should not be empty", "businessId must be a string")},
		{"?code=" + biz, 400, bad("code should not be empty")},
		{"?code=PROMO10", 400, bad("businessId should not be empty", "businessId must be a string")},
		{"?code=NOPE" + biz, 404, notFound("Discount not found")},
		{"?code=PROMO10&businessId=biz_other", 404, notFound("Discount not found")},
		{"?code=SUMMER2025" + biz, 400, badOne("Invalid discount code")},
		{"?code=LAUNCH50" + biz, 400, badOne("Invalid discount code")},
	} {
		status, got := h.call(http.MethodGet, PathDiscountValidate+tc.query, "", demoKey)
		expect(t, tc.query, status, got, tc.status, tc.want)
	}
}
