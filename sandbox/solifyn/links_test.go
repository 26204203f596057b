package solifyn

import (
	"net/http"
	"testing"
	"time"
)

func TestCheckoutLinks(t *testing.T) {
	h := newHarness(t)
	status, got := h.call(http.MethodGet, PathCheckoutLinks, "", demoKey)
	expect(t, "empty list", status, got, http.StatusOK, `[]`)

	var first CheckoutLink
	h.must(http.MethodPost, PathCheckoutLinks, `{"productId":"`+starterID+`","title":"Winter <Sale>","country":"US","unknown":1}`,
		demoKey, http.StatusCreated, &first)
	if !uuid7RE.MatchString(first.ID) {
		t.Errorf("link id %q", first.ID)
	}
	at := `"2026-05-23T10:00:00.000Z"`
	firstJSON := `{"id":"` + first.ID + `","title":"Winter <Sale>","productId":"` + starterID + `","collectionId":null,` +
		`"customerName":null,"customerEmail":null,"addressLine1":null,"city":null,"state":null,"postalCode":null,` +
		`"country":"US","quantity":1,"redirectUrl":null,"cancelUrl":null,"showDiscounts":true,"createdAt":` + at + `,"updatedAt":` + at + `}`
	status, got = h.call(http.MethodGet, Path(PathCheckoutLink, first.ID), "", demoKey)
	expect(t, "get", status, got, http.StatusOK, firstJSON)

	h.advance(time.Second)
	var second CheckoutLink
	h.must(http.MethodPost, PathCheckoutLinks, `{"productId":"`+starterID+`","collectionId":"col_teamPack","quantity":3,"showDiscounts":false}`,
		demoKey, http.StatusCreated, &second)
	if second.Quantity != 3 || second.ShowDiscounts || second.CollectionID == nil || *second.CollectionID != "col_teamPack" {
		t.Errorf("second %+v", second)
	}
	var list []CheckoutLink
	h.must(http.MethodGet, PathCheckoutLinks, "", demoKey, http.StatusOK, &list)
	if len(list) != 2 || list[0].ID != second.ID || list[1].ID != first.ID {
		t.Errorf("list %+v", list)
	}
	h.must(http.MethodGet, PathCheckoutLinks, "", otherKey, http.StatusOK, &list)
	if len(list) != 0 {
		t.Errorf("another business sees %d links", len(list))
	}

	status, got = h.call(http.MethodPatch, Path(PathCheckoutLink, first.ID), `{"title":null,"city":"Paris","quantity":2}`, demoKey)
	expect(t, "update", status, got, http.StatusOK, `{"message":"Checkout link updated successfully"}`)
	var updated CheckoutLink
	h.must(http.MethodGet, Path(PathCheckoutLink, first.ID), "", demoKey, http.StatusOK, &updated)
	if updated.Title != nil || *updated.City != "Paris" || updated.Quantity != 2 || *updated.Country != "US" || updated.CreatedAt != first.CreatedAt {
		t.Errorf("updated %+v", updated)
	}

	for _, tc := range []struct{ name, method, path, body, key, want string }{
		{"create, unknown product", http.MethodPost, PathCheckoutLinks, `{"productId":"prod_nowhere000000"}`, demoKey, notFound("Product not found")},
		{"create, another business's collection", http.MethodPost, PathCheckoutLinks, `{"productId":"` + starterID + `","collectionId":"col_otherShop"}`, demoKey, notFound("Collection not found")},
		{"update, unknown product", http.MethodPatch, Path(PathCheckoutLink, first.ID), `{"productId":"prod_nowhere000000"}`, demoKey, notFound("Product not found")},
		{"get, unknown", http.MethodGet, Path(PathCheckoutLink, "chk_123"), "", demoKey, notFound("Checkout link not found")},
		{"get, another business's", http.MethodGet, Path(PathCheckoutLink, first.ID), "", otherKey, notFound("Checkout link not found")},
		{"update, another business's", http.MethodPatch, Path(PathCheckoutLink, first.ID), `{}`, otherKey, notFound("Checkout link not found")},
		{"delete, another business's", http.MethodDelete, Path(PathCheckoutLink, first.ID), "", otherKey, notFound("Checkout link not found")},
	} {
		status, got := h.call(tc.method, tc.path, tc.body, tc.key)
		expect(t, tc.name, status, got, http.StatusNotFound, tc.want)
	}

	status, got = h.call(http.MethodDelete, Path(PathCheckoutLink, first.ID), "", demoKey)
	expect(t, "delete", status, got, http.StatusOK, `{"message":"Checkout link deleted successfully"}`)
	status, got = h.call(http.MethodDelete, Path(PathCheckoutLink, first.ID), "", demoKey)
	expect(t, "delete again", status, got, http.StatusNotFound, notFound("Checkout link not found"))
}
