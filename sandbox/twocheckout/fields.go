package twocheckout

import (
	"regexp"
	"slices"

	"github.com/flashcart/flashcart/sandbox/schema"
)

var (
	fieldTypes   = []string{"LISTBOX", "CHECKBOX", "TEXT", "HIDDEN"}
	fieldTargets = []string{"ORDER", "PRODUCT"}
	// codeRE is the syntax of additional field and coupon codes.
	codeRE     = regexp.MustCompile(`^[A-Za-z0-9_\-]{1,100}$`)
	languageRE = regexp.MustCompile(`^[a-z]{2}$`)
)

// fieldParam is the AdditionalField parameter of add and update.
func fieldParam() *schema.Field {
	return objectParam[AdditionalField]("AdditionalField", true, "The additional field.", map[string]rule{
		"Label":                   {required: true, doc: "The field's label in the cart."},
		"Code":                    {required: true, maxLength: 100, doc: "Letters, digits, _ and -."},
		"Type":                    {required: true, enum: fieldTypes},
		"ApplyTo":                 {required: true, enum: fieldTargets},
		"Values":                  {doc: "The choices of a LISTBOX."},
		"ValidationRule":          {doc: "A regular expression a TEXT value must match, or null."},
		"Translations[].Language": {doc: "ISO 639-1 two-letter code."},
	})
}

var fieldCodes = vendorCodes{
	"AdditionalField.":     named(ErrAdditionalFieldInvalid),
	"AdditionalField.Code": fixed(ErrAdditionalFieldCodeInvalid),
}

var fieldMethods = []*method{
	{
		body:  session(MethodAddAdditionalField, "Creates an additional field; answers true.", fieldParam()),
		codes: fieldCodes, write: true, session: true,
		run: func(c *call) (any, error) { return saveField(c, false) },
	},
	{
		body:  session(MethodUpdateAdditionalField, "Replaces an additional field, found by its Code; answers true.", fieldParam()),
		codes: fieldCodes, write: true, session: true,
		run: func(c *call) (any, error) { return saveField(c, true) },
	},
	{
		body:    session(MethodGetAdditionalField, "Answers one additional field.", param("fieldCode", schema.String, true, "The field's code.")),
		session: true,
		run: func(c *call) (any, error) {
			f, err := c.field(c.str(1))
			return f, err
		},
	},
	{
		// The order of the answer is not documented: the sandbox sorts by code.
		body:    session(MethodGetAdditionalFields, "Answers every additional field of the account, by code."),
		session: true,
		run: func(c *call) (any, error) {
			return list[AdditionalField](c.tx, bucketFields, c.merchant.Code)
		},
	},
	{
		body: session(MethodAssignAdditionalField, "Assigns a PRODUCT field to a product, or changes whether it is required; answers true.",
			param("FieldCode", schema.String, true, "The field's code."),
			param("Required", schema.Boolean, true, "Whether the shopper must fill it."),
			param("ProductCode", schema.String, true, "The product's code.")),
		write: true, session: true,
		run: assignField,
	},
	{
		body: session(MethodUnassignAdditionalField, "Removes a field from a product; answers true.",
			param("FieldCode", schema.String, true, "The field's code."),
			param("ProductCode", schema.String, true, "The product's code.")),
		write: true, session: true,
		run: unassignField,
	},
	{
		// The reference does not name this method; getAssignedAdditionalFields
		// is its probable name.
		body:    session(MethodGetAssignedAdditionalFields, "Answers the fields assigned to a product.", param("ProductCode", schema.String, true, "The product's code.")),
		session: true,
		run: func(c *call) (any, error) {
			p, err := c.product(c.str(1))
			if err != nil {
				return nil, err
			}
			return p.AdditionalFields, nil
		},
	},
}

// saveField validates and stores the AdditionalField parameter.
func saveField(c *call, update bool) (any, error) {
	var f AdditionalField
	if err := c.decode(1, &f); err != nil {
		return nil, err
	}
	if !codeRE.MatchString(f.Code) {
		return nil, fail(ErrAdditionalFieldCodeInvalid).hint("Code %q", f.Code)
	}
	if err := checkField(&f); err != nil {
		return nil, err
	}
	_, found, err := get[AdditionalField](c, bucketFields, f.Code)
	switch {
	case err != nil:
		return nil, err
	case update && !found:
		return nil, fail(ErrAdditionalFieldNotFound, f.Code)
	case !update && found:
		return nil, fail(ErrAdditionalFieldExists, f.Code)
	}
	if f.Values == nil {
		f.Values = []string{}
	}
	f.Translations = orEmpty(f.Translations)
	if err := put(c, bucketFields, f.Code, f); err != nil {
		return nil, err
	}
	if update {
		if err := relabel(c, f); err != nil {
			return nil, err
		}
	}
	return true, nil
}

// checkField checks what the table cannot: non-empty label, LISTBOX values,
// the rule's syntax, translation languages.
func checkField(f *AdditionalField) error {
	switch {
	case f.Label == "":
		return fail(ErrAdditionalFieldInvalid, "Label").hint("Label is empty")
	case f.Type == "LISTBOX" && len(f.Values) == 0:
		return fail(ErrAdditionalFieldInvalid, "Values").hint("a LISTBOX needs at least one value")
	}
	if f.ValidationRule != nil && *f.ValidationRule != "" {
		// The vendor's rules are PCRE; the sandbox reads them as Go
		// (RE2) expressions.
		if _, err := regexp.Compile(*f.ValidationRule); err != nil {
			return fail(ErrAdditionalFieldInvalid, "ValidationRule").hint("not a regular expression: %v", err)
		}
	}
	for _, t := range f.Translations {
		if !languageRE.MatchString(t.Language) {
			return fail(ErrAdditionalFieldInvalid, "Language").hint("translation language %q is not an ISO 639-1 code", t.Language)
		}
	}
	return nil
}

// relabel carries an updated field's label into its product assignments.
func relabel(c *call, f AdditionalField) error {
	products, err := list[Product](c.tx, bucketProducts, c.merchant.Code)
	if err != nil {
		return err
	}
	for _, p := range products {
		i := slices.IndexFunc(p.AdditionalFields, func(a AdditionalFieldAssigned) bool { return a.Code == f.Code })
		if i < 0 {
			continue
		}
		p.AdditionalFields[i].Label = f.Label
		if err := put(c, bucketProducts, p.ProductCode, p); err != nil {
			return err
		}
	}
	return nil
}

func assignField(c *call) (any, error) {
	f, err := c.field(c.str(1))
	if err != nil {
		return nil, err
	}
	if f.ApplyTo != "PRODUCT" {
		return nil, fail(ErrAdditionalFieldInvalid, "ApplyTo").hint("field %q applies to %s; only PRODUCT fields are assigned to products", f.Code, f.ApplyTo)
	}
	p, err := c.product(c.str(3))
	if err != nil {
		return nil, err
	}
	required, _ := c.args[2].(bool)
	a := assigned(f.Label, f.Code, required)
	if i := slices.IndexFunc(p.AdditionalFields, func(a AdditionalFieldAssigned) bool { return a.Code == f.Code }); i >= 0 {
		p.AdditionalFields[i] = a
	} else {
		p.AdditionalFields = append(p.AdditionalFields, a)
	}
	return true, put(c, bucketProducts, p.ProductCode, p)
}

func unassignField(c *call) (any, error) {
	code := c.str(1)
	p, err := c.product(c.str(2))
	if err != nil {
		return nil, err
	}
	i := slices.IndexFunc(p.AdditionalFields, func(a AdditionalFieldAssigned) bool { return a.Code == code })
	if i < 0 {
		return nil, fail(ErrAdditionalFieldNotFound, code).hint("field %q is not assigned to product %q", code, p.ProductCode)
	}
	p.AdditionalFields = slices.Delete(p.AdditionalFields, i, i+1)
	return true, put(c, bucketProducts, p.ProductCode, p)
}

// field returns an additional field of the merchant, or its not-found error.
func (c *call) field(code string) (AdditionalField, error) {
	f, ok, err := get[AdditionalField](c, bucketFields, code)
	if err == nil && !ok {
		err = fail(ErrAdditionalFieldNotFound, code)
	}
	return f, err
}

// product returns a product of the merchant, or its not-found error.
func (c *call) product(code string) (Product, error) {
	p, ok, err := get[Product](c, bucketProducts, code)
	if err == nil && !ok {
		err = fail(ErrProductNotFound, code)
	}
	return p, err
}
