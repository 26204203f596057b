package twocheckout

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"

	"github.com/shopspring/decimal"
)

// The hosts the vendor answers on: the API and its legacy Avangate name.
const (
	Host       = "api.2checkout.com"
	LegacyHost = "api.avangate.com"
)

// Hosts lists every real host of the API.
var Hosts = []string{Host, LegacyHost}

// The JSON-RPC paths. The docs post to PathRPC; the Workflow page writes it
// without the final slash; the seed's installments sample posts to PathRPC31.
const (
	PathRPC        = "/rpc/6.0/"
	PathRPCNoSlash = "/rpc/6.0"
	PathRPC31      = "/rpc/3.1/"
)

// Paths lists every path the dispatcher is served on.
var Paths = []string{PathRPC, PathRPCNoSlash, PathRPC31}

// JSONRPCVersion is the "jsonrpc" member of every answer.
const JSONRPCVersion = "2.0"

// The method names, as clients send them in "method".
const (
	MethodLogin                        = "login"
	MethodAddAdditionalField           = "addAdditionalField"
	MethodUpdateAdditionalField        = "updateAdditionalField"
	MethodGetAdditionalField           = "getAdditionalField"
	MethodGetAdditionalFields          = "getAdditionalFields"
	MethodAssignAdditionalField        = "assignAdditionalField"
	MethodUnassignAdditionalField      = "unassignAdditionalField"
	MethodGetAssignedAdditionalFields  = "getAssignedAdditionalFields"
	MethodSetCustomRenewalPrice        = "setCustomRenewalPrice"
	MethodGetNextRenewalPrice          = "getNextRenewalPrice"
	MethodGetCrossSellCampaign         = "getCrossSellCampaign"
	MethodGetProductCrossSellCampaigns = "getProductCrossSellCampaigns"
	MethodSearchCrossSellCampaigns     = "searchCrossSellCampaigns"
	MethodCreateCrossSellCampaign      = "createCrossSellCampaign"
	MethodUpdateCrossSellCampaign      = "updateCrossSellCampaign"
	MethodGetInstallments              = "getInstallments"
	MethodPlaceOrder                   = "placeOrder"
	MethodGetOrder                     = "getOrder"
	MethodAddPromotion                 = "addPromotion"
	MethodGetPromotion                 = "getPromotion"
	MethodUpdatePromotion              = "updatePromotion"
	MethodSearchPromotions             = "searchPromotions"
	MethodAddPromotionCoupon           = "addPromotionCoupon"
	MethodSetPromotionDiscount         = "setPromotionDiscount"
	MethodAddProduct                   = "addProduct"
	MethodGetProductByCode             = "getProductByCode"
	MethodSearchProducts               = "searchProducts"
)

// Request is a JSON-RPC request as clients send it: positional params, an
// integer id.
type Request struct {
	JSONRPC string            `json:"jsonrpc"`
	Method  string            `json:"method"`
	Params  []json.RawMessage `json:"params"`
	ID      int64             `json:"id"`
}

// Response is the answer to every request: HTTP 200 with either Result or
// Error. ID is null when the request's id could not be read.
type Response struct {
	JSONRPC string          `json:"jsonrpc"`
	ID      *int64          `json:"id"`
	Result  json.RawMessage `json:"result,omitempty"`
	Error   *ErrorObject    `json:"error,omitempty"`
}

// ErrorObject is the "error" member of an answer: the numeric code, the
// vendor's text and, in data, its string code.
type ErrorObject struct {
	Code    int       `json:"code"`
	Message string    `json:"message"`
	Data    ErrorData `json:"data"`
}

// ErrorData carries the vendor's string error code.
type ErrorData struct {
	ErrorCode string `json:"error_code"`
}

// Amount is a money amount, a rate or a percentage: a decimal inside, a JSON
// number on the wire (never a float in between).
type Amount struct{ decimal.Decimal }

// A returns the Amount of a decimal.
func A(d decimal.Decimal) Amount { return Amount{d} }

// MarshalJSON writes the amount as a JSON number, with no trailing zeros.
func (a Amount) MarshalJSON() ([]byte, error) { return []byte(a.Decimal.String()), nil }

// errNotNumber is what Amount.UnmarshalJSON answers for a value that is not a
// JSON number.
var errNotNumber = errors.New("not a JSON number")

// UnmarshalJSON reads a JSON number exactly; a string is refused.
func (a *Amount) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) == 0 || b[0] == '"' || b[0] == 't' || b[0] == 'f' || b[0] == '[' || b[0] == '{' {
		return errNotNumber
	}
	if string(b) == "null" {
		return nil
	}
	d, err := decimal.NewFromString(string(b))
	if err != nil {
		return fmt.Errorf("amount %s: %w", b, err)
	}
	a.Decimal = d
	return nil
}

// Code is a product code sent where the reference types it as an integer
// (Promotion.Products[].Code): a JSON string or a JSON number, kept as text.
type Code string

// UnmarshalJSON accepts a string or a number.
func (c *Code) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err == nil {
		*c = Code(s)
		return nil
	}
	var n json.Number
	if err := json.Unmarshal(b, &n); err != nil {
		return &json.UnmarshalTypeError{Value: "value", Type: reflect.TypeFor[Code]()}
	}
	*c = Code(n.String())
	return nil
}

// AdditionalField is an additional order or product field of the account.
type AdditionalField struct {
	Label string `json:"Label"`
	// Code holds letters, digits, "_" and "-".
	Code string `json:"Code"`
	// Type is LISTBOX, CHECKBOX, TEXT or HIDDEN.
	Type string `json:"Type"`
	// ApplyTo is ORDER or PRODUCT.
	ApplyTo        string                       `json:"ApplyTo"`
	Values         []string                     `json:"Values"`
	ValidationRule *string                      `json:"ValidationRule"`
	Translations   []AdditionalFieldTranslation `json:"Translations"`
}

// AdditionalFieldTranslation is a field's label and values in one language.
type AdditionalFieldTranslation struct {
	Label  string   `json:"Label"`
	Values []string `json:"Values"`
	// Language is an ISO 639-1 code.
	Language string `json:"Language"`
}

// AdditionalFieldAssigned is an additional field as assigned to a product
// (Product.AdditionalFields, getAssignedAdditionalFields).
type AdditionalFieldAssigned struct {
	Label        string `json:"Label"`
	Code         string `json:"Code"`
	Enabled      bool   `json:"Enabled"`
	Required     bool   `json:"Required"`
	URLParameter string `json:"URLParameter"`
}

// Product is a catalogue product, as the seed's Product object shows it.
type Product struct {
	AvangateID            string                    `json:"AvangateId"`
	ProductCode           string                    `json:"ProductCode"`
	ExternalReference     string                    `json:"ExternalReference"`
	ProductType           string                    `json:"ProductType"`
	ProductName           string                    `json:"ProductName"`
	ProductVersion        string                    `json:"ProductVersion"`
	GroupName             string                    `json:"GroupName"`
	ProductGroupCode      string                    `json:"ProductGroupCode"`
	PurchaseMultipleUnits bool                      `json:"PurchaseMultipleUnits"`
	Tangible              bool                      `json:"Tangible"`
	TangibleDetails       *TangibleDetails          `json:"TangibleDetails"`
	ProductGroup          *ProductGroup             `json:"ProductGroup"`
	ShippingClass         *ShippingClass            `json:"ShippingClass"`
	GiftOption            bool                      `json:"GiftOption"`
	ShortDescription      string                    `json:"ShortDescription"`
	LongDescription       string                    `json:"LongDescription"`
	SystemRequirements    string                    `json:"SystemRequirements"`
	ProductCategory       string                    `json:"ProductCategory"`
	Platforms             []Platform                `json:"Platforms"`
	ProductImages         []ProductImage            `json:"ProductImages"`
	TrialURL              string                    `json:"TrialUrl"`
	TrialDescription      string                    `json:"TrialDescription"`
	Enabled               bool                      `json:"Enabled"`
	AdditionalFields      []AdditionalFieldAssigned `json:"AdditionalFields"`
	Translations          []ProductTranslation      `json:"Translations"`
	PricingConfigurations []PricingConfiguration    `json:"PricingConfigurations"`
	BundleProducts        []BundleProduct           `json:"BundleProducts"`
	Fulfillment           string                    `json:"Fulfillment"`
	Prices                []Price                   `json:"Prices"`
	// GeneratesSubscription is null for bundles that use their products'
	// subscription settings.
	GeneratesSubscription   *bool                    `json:"GeneratesSubscription"`
	SubscriptionInformation *SubscriptionInformation `json:"SubscriptionInformation"`
	FulfillmentInformation  *FulfillmentInformation  `json:"FulfillmentInformation"`
}

// TangibleDetails is a physical product's setup.
type TangibleDetails struct {
	UnitDetails []TangibleUnit `json:"UnitDetails"`
	Fee         []TangibleFee  `json:"Fee"`
}

// TangibleUnit is one physical setting, such as {"Type":"WEIGHT","Amount":"5"}.
type TangibleUnit struct {
	Type   string `json:"Type"`
	Amount string `json:"Amount"`
}

// TangibleFee is a handling fee of a tangible product.
type TangibleFee struct {
	Currency string `json:"Currency"`
	Amount   string `json:"Amount"`
}

// ProductGroup is the group a product belongs to.
type ProductGroup struct {
	Name         string `json:"Name"`
	Code         string `json:"Code"`
	TemplateName string `json:"TemplateName"`
	Description  string `json:"Description"`
}

// ShippingClass is a product's shipping class.
type ShippingClass struct {
	Name     string  `json:"Name"`
	Amount   *Amount `json:"Amount"`
	Currency string  `json:"Currency"`
	// ApplyTo is PRODUCT or ORDER; Type is FIXED or PERCENT.
	ApplyTo string `json:"ApplyTo"`
	Type    string `json:"Type"`
}

// Platform is a platform a product supports.
type Platform struct {
	PlatformName string `json:"PlatformName"`
	Category     string `json:"Category"`
}

// ProductImage is a product image (read-only).
type ProductImage struct {
	Default bool   `json:"Default"`
	URL     string `json:"URL"`
}

// ProductTranslation is a product's texts in one language.
type ProductTranslation struct {
	LongDescription    string `json:"LongDescription"`
	TrialURL           string `json:"TrialUrl"`
	TrialDescription   string `json:"TrialDescription"`
	SystemRequirements string `json:"SystemRequirements"`
	Name               string `json:"Name"`
	Description        string `json:"Description"`
	Language           string `json:"Language"`
}

// PricingConfiguration is one pricing configuration of a product.
type PricingConfiguration struct {
	Name             string   `json:"Name"`
	Code             string   `json:"Code"`
	Default          bool     `json:"Default"`
	BillingCountries []string `json:"BillingCountries"`
	// PricingSchema is DYNAMIC (with a base price) or FLAT.
	PricingSchema string `json:"PricingSchema"`
	// PriceType is NET or GROSS.
	PriceType       string                `json:"PriceType"`
	DefaultCurrency string                `json:"DefaultCurrency"`
	Prices          PricingPrices         `json:"Prices"`
	PriceOptions    []AssignedPriceOption `json:"PriceOptions"`
}

// PricingPrices are a configuration's regular and renewal prices.
type PricingPrices struct {
	Regular []Price `json:"Regular"`
	Renewal []Price `json:"Renewal"`
}

// Price is one price of a product in one currency and quantity range.
type Price struct {
	Amount      Amount            `json:"Amount"`
	Currency    string            `json:"Currency"`
	MinQuantity int               `json:"MinQuantity"`
	MaxQuantity int               `json:"MaxQuantity"`
	OptionCodes []PriceOptionCode `json:"OptionCodes"`
}

// PriceOptionCode selects price options for a price.
type PriceOptionCode struct {
	Code    string   `json:"Code"`
	Options []string `json:"Options"`
}

// AssignedPriceOption is a price options group assigned to a configuration.
type AssignedPriceOption struct {
	Code     string `json:"Code"`
	Required bool   `json:"Required"`
}

// BundleProduct is a product inside a bundle.
type BundleProduct struct {
	ProductID   string `json:"ProductId"`
	ProductCode string `json:"ProductCode"`
}

// SubscriptionInformation is a product's subscription setup.
type SubscriptionInformation struct {
	DeprecatedProducts      []string        `json:"DeprecatedProducts"`
	BundleRenewalManagement *string         `json:"BundleRenewalManagement"`
	BillingCycle            string          `json:"BillingCycle"`
	BillingCycleUnits       string          `json:"BillingCycleUnits"`
	IsOneTimeFee            bool            `json:"IsOneTimeFee"`
	ContractPeriod          *ContractPeriod `json:"ContractPeriod"`
	UsageBilling            *int            `json:"UsageBilling"`
	GracePeriod             *GracePeriod    `json:"GracePeriod"`
	RenewalEmails           *RenewalEmails  `json:"RenewalEmails"`
}

// ContractPeriod is a subscription's contract.
type ContractPeriod struct {
	Period               int    `json:"Period"`
	PeriodUnits          string `json:"PeriodUnits"`
	IsUnlimited          bool   `json:"IsUnlimited"`
	Action               string `json:"Action"`
	EmailsDuringContract bool   `json:"EmailsDuringContract"`
}

// GracePeriod is a subscription's grace period.
type GracePeriod struct {
	Type        string `json:"Type"`
	Period      string `json:"Period"`
	PeriodUnits string `json:"PeriodUnits"`
	IsUnlimited bool   `json:"IsUnlimited"`
}

// RenewalEmails are a product's renewal notification settings.
type RenewalEmails struct {
	Type     string                 `json:"Type"`
	Settings *RenewalEmailsSettings `json:"Settings"`
}

// RenewalEmailsSettings are the notification days, manual and automatic.
type RenewalEmailsSettings struct {
	ManualRenewal    *RenewalEmailDays `json:"ManualRenewal"`
	AutomaticRenewal *RenewalEmailDays `json:"AutomaticRenewal"`
}

// RenewalEmailDays says on which days a renewal e-mail goes out.
type RenewalEmailDays struct {
	Before30Days     bool `json:"Before30Days"`
	Before15Days     bool `json:"Before15Days"`
	Before7Days      bool `json:"Before7Days"`
	Before1Day       bool `json:"Before1Day"`
	OnExpirationDate bool `json:"OnExpirationDate"`
	After5Days       bool `json:"After5Days"`
	After15Days      bool `json:"After15Days"`
}

// FulfillmentInformation is a product's delivery setup.
type FulfillmentInformation struct {
	IsStartAfterFulfillment                bool              `json:"IsStartAfterFulfillment"`
	IsElectronicCode                       bool              `json:"IsElectronicCode"`
	IsDownloadLink                         bool              `json:"IsDownloadLink"`
	IsBackupMedia                          bool              `json:"IsBackupMedia"`
	IsDownloadInsuranceService             bool              `json:"IsDownloadInsuranceService"`
	IsInstantDeliveryThankYouPage          bool              `json:"IsInstantDeliveryThankYouPage"`
	IsDisplayInPartnersCPanel              bool              `json:"IsDisplayInPartnersCPanel"`
	ReturnMethod                           *ReturnMethod     `json:"ReturnMethod"`
	CodeList                               *FulfillmentAsset `json:"CodeList"`
	BackupMedia                            *FulfillmentAsset `json:"BackupMedia"`
	ProductFile                            *ProductFile      `json:"ProductFile"`
	AdditionalInformationByEmail           *string           `json:"AdditionalInformationByEmail"`
	AdditionalInformationEmailTranslations []Translation     `json:"AdditionalInformationEmailTranslations"`
	AdditionalThankYouPage                 *string           `json:"AdditionalThankYouPage"`
	AdditionalThankYouPageTranslations     []Translation     `json:"AdditionalThankYouPageTranslations"`
}

// ReturnMethod is where customers go after a purchase.
type ReturnMethod struct {
	Type string `json:"Type"`
	URL  string `json:"URL"`
}

// FulfillmentAsset is a code list or a backup medium.
type FulfillmentAsset struct {
	Code string `json:"Code"`
	Name string `json:"Name"`
	Type string `json:"Type"`
}

// ProductFile is a product's downloadable file.
type ProductFile struct {
	Code       string `json:"Code"`
	Name       string `json:"Name"`
	File       string `json:"File"`
	Version    string `json:"Version"`
	Size       string `json:"Size"`
	Type       string `json:"Type"`
	LastUpdate string `json:"LastUpdate"`
}

// Translation is a localized text.
type Translation struct {
	Text     string `json:"Text"`
	Language string `json:"Language"`
}

// ProductSearch are searchProducts' options.
type ProductSearch struct {
	Name      string   `json:"Name"`
	Codes     []string `json:"Codes"`
	Types     []string `json:"Types"`
	Enabled   *bool    `json:"Enabled"`
	GroupName string   `json:"GroupName"`
	Limit     *int     `json:"Limit"`
	Page      *int     `json:"Page"`
	OrderBy   *OrderBy `json:"OrderBy"`
}

// OrderBy sorts a search.
type OrderBy struct {
	// Field is ProductStatus, ProductName, ProductCode, UpdateDatetime or
	// AvangateId; Direction asc or desc.
	Field     string `json:"Field"`
	Direction string `json:"Direction"`
}

// Page is one page of search results.
type Page[T any] struct {
	Items      []T        `json:"Items"`
	Pagination Pagination `json:"Pagination"`
}

// Pagination says which page a search answered and how many items matched.
type Pagination struct {
	Page  int `json:"Page"`
	Limit int `json:"Limit"`
	Count int `json:"Count"`
}

// Promotion is a discount of the account, with its coupons.
type Promotion struct {
	// Code is system-generated, such as AB3WMME0UA.
	Code        string `json:"Code"`
	Name        string `json:"Name"`
	Description string `json:"Description"`
	// StartDate and EndDate are Y-m-d; null means now and open-ended.
	StartDate *string `json:"StartDate"`
	EndDate   *string `json:"EndDate"`
	// MaximumOrdersNumber and MaximumQuantity: null or 0 means unlimited.
	MaximumOrdersNumber *int `json:"MaximumOrdersNumber"`
	MaximumQuantity     *int `json:"MaximumQuantity"`
	// InstantDiscount applies the discount without a coupon.
	InstantDiscount bool             `json:"InstantDiscount"`
	Coupon          *PromotionCoupon `json:"Coupon"`
	// Enabled absent is false, as for products ("When empty, 2Checkout
	// marks the product as disabled").
	Enabled        bool               `json:"Enabled"`
	ChannelType    string             `json:"ChannelType"`
	Type           string             `json:"Type"`
	Discount       *PromotionDiscount `json:"Discount"`
	Products       []PromotionProduct `json:"Products"`
	PriceThreshold *PriceThreshold    `json:"PriceThreshold"`
	Translations   []PromotionName    `json:"Translations"`
	Sources        []string           `json:"Sources"`
	// PublishToAffiliatesNetwork is 0 or 1.
	PublishToAffiliatesNetwork int `json:"PublishToAffiliatesNetwork"`
	// ApplyRecurring is NONE, ALL or CUSTOM.
	ApplyRecurring         string `json:"ApplyRecurring"`
	RecurringChargesNumber *int   `json:"RecurringChargesNumber"`
}

// PromotionCoupon is a promotion's coupon: SINGLE with one Code shared by
// every shopper, or MULTIPLE with single-use Codes.
type PromotionCoupon struct {
	Type  string   `json:"Type"`
	Code  *string  `json:"Code,omitempty"`
	Codes []string `json:"Codes,omitempty"`
}

// PromotionDiscount is PERCENT with a Value, or FIXED with one amount per
// currency in Values.
type PromotionDiscount struct {
	Type            string           `json:"Type"`
	Value           *Amount          `json:"Value,omitempty"`
	Values          []CurrencyAmount `json:"Values,omitempty"`
	DefaultCurrency string           `json:"DefaultCurrency,omitempty"`
}

// CurrencyAmount is an amount in a currency.
type CurrencyAmount struct {
	Currency string `json:"Currency"`
	Amount   Amount `json:"Amount"`
}

// PromotionProduct is a product a promotion applies to.
type PromotionProduct struct {
	Code                     Code     `json:"Code"`
	PricingConfigurationCode string   `json:"PricingConfigurationCode"`
	PricingOptionCodes       []string `json:"PricingOptionCodes"`
}

// PriceThreshold is the order total (taxes included) above which a
// promotion applies.
type PriceThreshold struct {
	Amount   Amount `json:"Amount"`
	Currency string `json:"Currency"`
}

// PromotionName is a promotion's name in one language.
type PromotionName struct {
	Name     string `json:"Name"`
	Language string `json:"Language"`
}

// PromotionSearch are searchPromotions' options.
type PromotionSearch struct {
	Types       []string `json:"Types"`
	Channel     string   `json:"Channel"`
	ProductCode string   `json:"ProductCode"`
	Enabled     *bool    `json:"Enabled"`
	// Coupons is a comma-separated list of coupon codes.
	Coupons string `json:"Coupons"`
	Page    *int   `json:"Page"`
	Limit   *int   `json:"Limit"`
}

// CrossSellCampaign recommends products, at a discount, next to master
// products.
type CrossSellCampaign struct {
	MasterProducts []string `json:"MasterProducts"`
	// DisplayType is cart, review or finish.
	DisplayType    string             `json:"DisplayType"`
	DisplayInEmail bool               `json:"DisplayInEmail"`
	Products       []CrossSellProduct `json:"Products"`
	// CampaignCode is system-generated and looks like base64.
	CampaignCode string  `json:"CampaignCode"`
	Name         string  `json:"Name"`
	StartDate    *string `json:"StartDate"`
	EndDate      *string `json:"EndDate"`
	// CampaignStatus is ACTIVE or INACTIVE; CampaignOwnerType MERCH or AFF.
	CampaignStatus    string `json:"CampaignStatus"`
	CampaignOwnerType string `json:"CampaignOwnerType"`
}

// CrossSellProduct is a recommended product of a campaign.
type CrossSellProduct struct {
	ProductCode string `json:"ProductCode"`
	Discount    Amount `json:"Discount"`
	// DiscountType is PERCENT.
	DiscountType    string          `json:"DiscountType"`
	Type            string          `json:"Type"`
	AutoAdded       bool            `json:"AutoAdded"`
	DiscountedPrice []CurrencyPrice `json:"DiscountedPrice"`
	BasePrice       []CurrencyPrice `json:"BasePrice"`
}

// CurrencyPrice is a price in a currency.
type CurrencyPrice struct {
	Currency string `json:"Currency"`
	Price    Amount `json:"Price"`
}

// CrossSellSearch are searchCrossSellCampaigns' options.
type CrossSellSearch struct {
	CampaignName        string            `json:"CampaignName"`
	Status              string            `json:"Status"`
	Products            []string          `json:"Products"`
	RecommendedProducts []string          `json:"RecommendedProducts"`
	StartDate           string            `json:"StartDate"`
	EndDate             string            `json:"EndDate"`
	Type                string            `json:"Type"`
	Pagination          *SearchPagination `json:"Pagination"`
}

// SearchPagination asks for one page of a search.
type SearchPagination struct {
	Page  *int `json:"Page"`
	Limit *int `json:"Limit"`
}

// NextRenewalPrice is getNextRenewalPrice's answer.
type NextRenewalPrice struct {
	NetPrice      Amount `json:"NetPrice"`
	NetCurrency   string `json:"NetCurrency"`
	FinalPrice    Amount `json:"FinalPrice"`
	FinalCurrency string `json:"FinalCurrency"`
}

// InstallmentsOption is one installments plan getInstallments offers.
type InstallmentsOption struct {
	Number   int    `json:"Number"`
	Amount   Amount `json:"Amount"`
	Currency string `json:"Currency"`
}

// OrderInput is the Order object placeOrder and getInstallments take.
type OrderInput struct {
	RefNo             *string                `json:"RefNo"`
	Currency          string                 `json:"Currency"`
	Country           string                 `json:"Country"`
	Language          string                 `json:"Language"`
	CustomerIP        string                 `json:"CustomerIP"`
	ExternalReference string                 `json:"ExternalReference"`
	Source            string                 `json:"Source"`
	Affiliate         *Affiliate             `json:"Affiliate"`
	CustomerReference string                 `json:"CustomerReference"`
	Items             []ItemInput            `json:"Items"`
	BillingDetails    *BillingDetails        `json:"BillingDetails"`
	DeliveryDetails   *BillingDetails        `json:"DeliveryDetails"`
	PaymentDetails    *PaymentDetails        `json:"PaymentDetails"`
	Promotions        []string               `json:"Promotions"`
	AdditionalFields  []AdditionalFieldValue `json:"AdditionalFields"`
	LocalTime         string                 `json:"LocalTime"`
	GiftDetails       json.RawMessage        `json:"GiftDetails"`
}

// ItemInput is one item of an order: a catalogue product by Code, or a
// dynamic product (IsDynamic, Name, Price).
type ItemInput struct {
	Code         *string     `json:"Code"`
	Quantity     int         `json:"Quantity"`
	PriceOptions []string    `json:"PriceOptions"`
	SKU          string      `json:"SKU"`
	Price        *PriceInput `json:"Price"`
	// CrossSell names the campaign that recommended the item.
	CrossSell *ItemCrossSell `json:"CrossSell"`
	// Trial is false or null in the seed; trials are not emulated.
	Trial              json.RawMessage        `json:"Trial"`
	AdditionalFields   []AdditionalFieldValue `json:"AdditionalFields"`
	Promotion          json.RawMessage        `json:"Promotion"`
	RenewalInformation *RenewalInformation    `json:"RenewalInformation"`
	// SubscriptionStartDate is echoed.
	SubscriptionStartDate string `json:"SubscriptionStartDate"`
	IsDynamic             bool   `json:"IsDynamic"`
	Name                  string `json:"Name"`
	Description           string `json:"Description"`
	// PurchaseType is PRODUCT, SHIPPING, TAX or COUPON.
	PurchaseType string `json:"PurchaseType"`
	Tangible     bool   `json:"Tangible"`
	// PriceType is GROSS (the default) or NET.
	PriceType         string `json:"PriceType"`
	ExternalReference string `json:"ExternalReference"`
}

// PriceInput is an item's price: Type BASE or DEFAULT takes the catalogue
// price (no Amount), CUSTOM sets Amount.
type PriceInput struct {
	Amount *Amount `json:"Amount"`
	Type   string  `json:"Type"`
}

// ItemCrossSell ties an item to the cross-sell campaign that offered it and
// to the master product in the cart.
type ItemCrossSell struct {
	CampaignCode string `json:"CampaignCode"`
	ParentCode   string `json:"ParentCode"`
}

// RenewalInformation makes an item the renewal of a subscription.
type RenewalInformation struct {
	SubscriptionReference string `json:"SubscriptionReference"`
}

// AdditionalFieldValue is the value of an additional field on an order or an
// item. Value is a string, or a boolean for a CHECKBOX; Text is the field's
// label on the way out.
type AdditionalFieldValue struct {
	Code  string `json:"Code"`
	Text  string `json:"Text"`
	Value any    `json:"Value"`
}

// Affiliate is the affiliate an order came through.
type Affiliate struct {
	AffiliateCode   string `json:"AffiliateCode"`
	AffiliateSource string `json:"AffiliateSource"`
}

// BillingDetails are the buyer's billing (or delivery) details.
type BillingDetails struct {
	FirstName   string `json:"FirstName"`
	LastName    string `json:"LastName"`
	CountryCode string `json:"CountryCode"`
	State       string `json:"State"`
	City        string `json:"City"`
	Address1    string `json:"Address1"`
	Address2    string `json:"Address2"`
	Zip         string `json:"Zip"`
	Email       string `json:"Email"`
	Phone       string `json:"Phone"`
	// FiscalCode is the CPF/CNPJ in Brazil.
	FiscalCode string `json:"FiscalCode"`
	Company    string `json:"Company"`
}

// PaymentDetails are how an order is paid.
type PaymentDetails struct {
	// Type is TEST or CC in the sandbox.
	Type          string         `json:"Type"`
	Currency      string         `json:"Currency"`
	CustomerIP    string         `json:"CustomerIP"`
	PaymentMethod *PaymentMethod `json:"PaymentMethod"`
}

// PaymentMethod is the card of a TEST or CC order.
type PaymentMethod struct {
	RecurringEnabled bool   `json:"RecurringEnabled"`
	CardNumber       string `json:"CardNumber"`
	CardType         string `json:"CardType"`
	ExpirationYear   string `json:"ExpirationYear"`
	ExpirationMonth  string `json:"ExpirationMonth"`
	HolderName       string `json:"HolderName"`
	CCID             string `json:"CCID"`
	// InstallmentsNumber picks one of getInstallments' options.
	InstallmentsNumber *int `json:"InstallmentsNumber"`
	// Vendor3DSReturnURL and Vendor3DSCancelURL are required for cards in
	// API 6.0.
	Vendor3DSReturnURL string `json:"Vendor3DSReturnURL"`
	Vendor3DSCancelURL string `json:"Vendor3DSCancelURL"`
}

// Order is an order as placeOrder and getOrder answer it.
type Order struct {
	// RefNo is a string, as the 6.0 docs type it (older answers show a
	// number); OrderNo counts the merchant's orders.
	RefNo             string                 `json:"RefNo"`
	OrderNo           int                    `json:"OrderNo"`
	ExternalReference string                 `json:"ExternalReference"`
	ShopperRefNo      *string                `json:"ShopperRefNo"`
	Status            string                 `json:"Status"`
	ApproveStatus     string                 `json:"ApproveStatus"`
	OrderDate         string                 `json:"OrderDate"`
	FinishDate        *string                `json:"FinishDate"`
	Currency          string                 `json:"Currency"`
	Country           string                 `json:"Country"`
	Language          string                 `json:"Language"`
	CustomerIP        string                 `json:"CustomerIP"`
	LocalTime         string                 `json:"LocalTime"`
	Source            string                 `json:"Source"`
	Affiliate         *Affiliate             `json:"Affiliate"`
	CustomerReference string                 `json:"CustomerReference"`
	Items             []OrderItem            `json:"Items"`
	Promotions        []string               `json:"Promotions"`
	AdditionalFields  []AdditionalFieldValue `json:"AdditionalFields"`
	BillingDetails    *BillingDetails        `json:"BillingDetails"`
	DeliveryDetails   *BillingDetails        `json:"DeliveryDetails"`
	PaymentDetails    *OrderPayment          `json:"PaymentDetails"`
	HasShipping       bool                   `json:"HasShipping"`
	RecurringEnabled  bool                   `json:"RecurringEnabled"`
	// Totals, in Currency.
	NetPrice             Amount `json:"NetPrice"`
	GrossPrice           Amount `json:"GrossPrice"`
	VAT                  Amount `json:"VAT"`
	Discount             Amount `json:"Discount"`
	NetDiscountedPrice   Amount `json:"NetDiscountedPrice"`
	GrossDiscountedPrice Amount `json:"GrossDiscountedPrice"`
	AvangateCommission   Amount `json:"AvangateCommission"`
	// Errors is false on success.
	Errors bool `json:"Errors"`
}

// OrderItem is one item of an Order.
type OrderItem struct {
	AvangateID     string          `json:"AvangateId"`
	Code           *string         `json:"Code"`
	Name           string          `json:"Name"`
	PurchaseType   string          `json:"PurchaseType"`
	IsDynamic      bool            `json:"IsDynamic"`
	Tangible       bool            `json:"Tangible"`
	ProductDetails *ProductDetails `json:"ProductDetails"`
	// Quantity is a string on the way out, as in the vendor's answers.
	Quantity              string                 `json:"Quantity"`
	PriceOptions          []string               `json:"PriceOptions"`
	SKU                   string                 `json:"SKU"`
	Price                 ItemPrice              `json:"Price"`
	CrossSell             *ItemCrossSell         `json:"CrossSell"`
	Trial                 json.RawMessage        `json:"Trial"`
	AdditionalFields      []AdditionalFieldValue `json:"AdditionalFields"`
	Promotion             *ItemPromotion         `json:"Promotion"`
	RenewalInformation    *RenewalInformation    `json:"RenewalInformation"`
	SubscriptionStartDate string                 `json:"SubscriptionStartDate"`
	AdditionalInfo        *string                `json:"AdditionalInfo"`
}

// ProductDetails names an item's product and the subscriptions it made.
type ProductDetails struct {
	Name          string             `json:"Name"`
	ExtraInfo     *string            `json:"ExtraInfo"`
	RenewalStatus bool               `json:"RenewalStatus"`
	Subscriptions []ItemSubscription `json:"Subscriptions"`
}

// ItemSubscription is a subscription an item generated.
type ItemSubscription struct {
	SubscriptionReference string `json:"SubscriptionReference"`
	PurchaseDate          string `json:"PurchaseDate"`
	SubscriptionStartDate string `json:"SubscriptionStartDate"`
	ExpirationDate        string `json:"ExpirationDate"`
	Lifetime              bool   `json:"Lifetime"`
	Trial                 bool   `json:"Trial"`
	Enabled               bool   `json:"Enabled"`
	RenewalStatus         bool   `json:"RenewalStatus"`
}

// ItemPrice is an item's computed price.
type ItemPrice struct {
	NetPrice                 Amount `json:"NetPrice"`
	GrossPrice               Amount `json:"GrossPrice"`
	VAT                      Amount `json:"VAT"`
	Discount                 Amount `json:"Discount"`
	UnitNetPrice             Amount `json:"UnitNetPrice"`
	UnitGrossPrice           Amount `json:"UnitGrossPrice"`
	UnitVAT                  Amount `json:"UnitVAT"`
	UnitDiscount             Amount `json:"UnitDiscount"`
	UnitNetDiscountedPrice   Amount `json:"UnitNetDiscountedPrice"`
	UnitGrossDiscountedPrice Amount `json:"UnitGrossDiscountedPrice"`
	NetDiscountedPrice       Amount `json:"NetDiscountedPrice"`
	GrossDiscountedPrice     Amount `json:"GrossDiscountedPrice"`
	UnitAffiliateCommission  Amount `json:"UnitAffiliateCommission"`
}

// ItemPromotion is the promotion or cross-sell discount applied to an item.
type ItemPromotion struct {
	Code          string `json:"Code"`
	Name          string `json:"Name"`
	Coupon        string `json:"Coupon"`
	DiscountLabel string `json:"DiscountLabel"`
}

// OrderPayment is an order's payment as answered: the card masked.
type OrderPayment struct {
	Type          string      `json:"Type"`
	Currency      string      `json:"Currency"`
	CustomerIP    string      `json:"CustomerIP"`
	PaymentMethod *MaskedCard `json:"PaymentMethod"`
}

// MaskedCard is a card as answered: never the number or the CCID.
type MaskedCard struct {
	CardNumber         *string `json:"CardNumber"`
	CardType           string  `json:"CardType"`
	ExpirationYear     string  `json:"ExpirationYear"`
	ExpirationMonth    string  `json:"ExpirationMonth"`
	CCID               *string `json:"CCID"`
	HolderName         string  `json:"HolderName"`
	RecurringEnabled   bool    `json:"RecurringEnabled"`
	InstallmentsNumber *int    `json:"InstallmentsNumber"`
	FirstDigits        int     `json:"FirstDigits"`
	LastDigits         int     `json:"LastDigits"`
}
