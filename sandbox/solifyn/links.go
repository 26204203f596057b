package solifyn

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/flashcart/flashcart/fixtures"
	"github.com/flashcart/flashcart/sandbox/internal/store"
)

// The messages of a checkout link's update and delete.
const (
	MsgLinkUpdated = "Checkout link updated successfully"
	MsgLinkDeleted = "Checkout link deleted successfully"
)

// linkRecord is a checkout link as stored.
type linkRecord struct {
	Account string `json:"account"`
	CheckoutLink
}

// linkStrings are a link's nullable string fields by their JSON names.
func linkStrings(l *CheckoutLink) map[string]**string {
	return map[string]**string{
		"title": &l.Title, "productId": &l.ProductID, "collectionId": &l.CollectionID,
		"customerName": &l.CustomerName, "customerEmail": &l.CustomerEmail, "addressLine1": &l.AddressLine1,
		"city": &l.City, "state": &l.State, "postalCode": &l.PostalCode, "country": &l.Country,
		"redirectUrl": &l.RedirectURL, "cancelUrl": &l.CancelURL,
	}
}

// applyLink copies the members of a validated body onto a link: a string
// sent as null clears it; quantity and showDiscounts sent as null are
// ignored (they are not nullable). Absent members are left alone.
func applyLink(l *CheckoutLink, p *parsed) {
	for name, field := range linkStrings(l) {
		if raw, ok := p.fields[name]; ok {
			*field = nil
			if raw[0] != 'n' {
				s := stringOf(p, name)
				*field = &s
			}
		}
	}
	if q, ok := decimalOf(p, "quantity"); ok {
		l.Quantity = q.IntPart()
	}
	if raw := optional(p, "showDiscounts"); raw != nil {
		l.ShowDiscounts = raw[0] == 't'
	}
}

// checkLinkItems checks that a link's product and collection are the
// business's.
func checkLinkItems(biz *fixtures.SolifynBusiness, l *CheckoutLink) error {
	if l.ProductID != nil {
		if _, ok := biz.Product(*l.ProductID); !ok {
			return ErrProductNotFound
		}
	}
	if l.CollectionID != nil {
		if _, ok := biz.Collection(*l.CollectionID); !ok {
			return ErrCollectionNotFound
		}
	}
	return nil
}

// newLink makes a checkout link from a body that passed LinkCreateBody.
// Its id is a UUIDv7: the spec declares format uuid (its example chk_123
// contradicts it).
func (v *Vendor) newLink(tx store.Tx, biz *fixtures.SolifynBusiness, p *parsed) (*CheckoutLink, error) {
	now := v.env.Now().UTC()
	l := CheckoutLink{Quantity: 1, ShowDiscounts: true, CreatedAt: At(now), UpdatedAt: At(now)}
	applyLink(&l, p)
	if err := checkLinkItems(biz, &l); err != nil {
		return nil, err
	}
	l.ID = v.uuid7(kindLink, now)
	return &l, saveLink(tx, biz.ID, &l)
}

// changeLink changes a link of the business with a body that passed
// LinkUpdateBody.
func (v *Vendor) changeLink(tx store.Tx, biz *fixtures.SolifynBusiness, id string, p *parsed) error {
	l, err := loadLink(tx, biz, id)
	if err != nil {
		return err
	}
	applyLink(l, p)
	if err := checkLinkItems(biz, l); err != nil {
		return err
	}
	l.UpdatedAt = At(v.env.Now())
	return saveLink(tx, biz.ID, l)
}

// deleteLink removes a link of the business.
func deleteLink(tx store.Tx, biz *fixtures.SolifynBusiness, id string) error {
	if _, err := loadLink(tx, biz, id); err != nil {
		return err
	}
	if err := tx.Delete(bucketLinks, id); err != nil {
		return fmt.Errorf("solifyn: delete link: %w", err)
	}
	return nil
}

// loadLink returns a link of the business, or ErrLinkNotFound.
func loadLink(tx store.Tx, biz *fixtures.SolifynBusiness, id string) (*CheckoutLink, error) {
	var rec linkRecord
	ok, err := store.GetJSON(tx, bucketLinks, id, &rec)
	switch {
	case err != nil:
		return nil, err
	case !ok || rec.Account != biz.ID:
		return nil, ErrLinkNotFound
	}
	return &rec.CheckoutLink, nil
}

func saveLink(tx store.Tx, account string, l *CheckoutLink) error {
	if err := store.PutJSON(tx, bucketLinks, l.ID, linkRecord{Account: account, CheckoutLink: *l}); err != nil {
		return fmt.Errorf("solifyn: save link: %w", err)
	}
	return nil
}

// listLinks returns the business's links, newest first; links made in the
// same millisecond are ordered by id, descending. (The vendor's order is
// not documented.)
func listLinks(tx store.Tx, biz *fixtures.SolifynBusiness) ([]CheckoutLink, error) {
	out := []CheckoutLink{}
	err := store.EachJSON(tx, bucketLinks, func(_ string, rec *linkRecord) error {
		if rec.Account == biz.ID {
			out = append(out, rec.CheckoutLink)
		}
		return nil
	})
	slices.SortFunc(out, func(a, b CheckoutLink) int {
		return cmp.Or(b.CreatedAt.Compare(a.CreatedAt.Time), cmp.Compare(b.ID, a.ID))
	})
	return out, err
}
