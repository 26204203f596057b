package sandboxtest_test

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/flashcart/flashcart/sandbox/sandboxtest"
)

// rpc posts one JSON-RPC 6.0 request, as 2Checkout's clients do, and
// decodes its result; it answers the error object otherwise.
func rpc(client *http.Client, id int, method string, result any, params ...any) (errorObject string) {
	body, _ := json.Marshal(map[string]any{"jsonrpc": "2.0", "id": id, "method": method, "params": params})
	req, _ := http.NewRequest("POST", sandboxtest.TwoCheckoutAPI, bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/json")
	resp, err := client.Do(req)
	if err != nil {
		return err.Error()
	}
	defer resp.Body.Close()
	var answer struct {
		Result json.RawMessage `json:"result"`
		Error  json.RawMessage `json:"error"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&answer); err != nil {
		return err.Error()
	}
	if answer.Error != nil {
		return string(answer.Error)
	}
	_ = json.Unmarshal(answer.Result, result)
	return ""
}

// A client logs in to 2Checkout's JSON-RPC API with HMAC-SHA256 and places
// a test order, all answered in-process by the sandbox: the HMAC is keyed
// with the merchant's secret key over len(code) code len(date) date, the
// date in GMT by the sandbox's clock.
func Example_twoCheckout() {
	sb, err := sandboxtest.Start()
	if err != nil {
		panic(err)
	}
	defer sb.Close()
	client := &http.Client{}
	restore, _ := sb.Intercept(client)
	defer restore()

	code, secret := sb.TwoCheckoutMerchant()
	date := sb.Now().UTC().Format(time.DateTime)
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write([]byte(strconv.Itoa(len(code)) + code + strconv.Itoa(len(date)) + date))
	var session string
	if e := rpc(client, 1, "login", &session, code, date, hex.EncodeToString(mac.Sum(nil)), "sha256"); e != "" {
		panic(e)
	}
	fmt.Println("login:", code, len(session), "characters of session")

	order := map[string]any{
		"Currency": "USD",
		"Items":    []any{map[string]any{"Code": "FLASH_ANTIVIRUS", "Quantity": 2}},
		"BillingDetails": map[string]any{"FirstName": "John", "LastName": "Doe", "Email": "john.doe@example.com",
			"CountryCode": "US", "City": "San Francisco", "Address1": "1 Market St", "Zip": "94105"},
		"PaymentDetails": map[string]any{"Type": "TEST", "Currency": "USD", "PaymentMethod": map[string]any{
			"CardNumber": "4111111111111111", "CardType": "VISA", "ExpirationYear": "2030", "ExpirationMonth": "12",
			"HolderName": "John Doe", "CCID": "123",
			"Vendor3DSReturnURL": "https://shop.example/3ds/ok", "Vendor3DSCancelURL": "https://shop.example/3ds/cancel"}},
	}
	var placed struct {
		RefNo, Status, ApproveStatus string
		GrossPrice                   json.Number
	}
	if e := rpc(client, 2, "placeOrder", &placed, session, order); e != "" {
		panic(e)
	}
	fmt.Println("order:", placed.RefNo, placed.Status, placed.ApproveStatus, placed.GrossPrice)

	fmt.Println(rpc(client, 3, "placeOrder", nil, session, map[string]any{"Currency": "USD"}))
	fmt.Println("calls answered:", len(sb.Calls("POST", "/rpc/6.0/")))
	// Output:
	// login: MERCHANT_CODE 32 characters of session
	// order: 109159055 AUTHRECEIVED WAITING 58
	// {"code":55201,"message":"No products have been provided.","data":{"error_code":"ORDER_PRODUCTS_EMPTY"}}
	// calls answered: 3
}
