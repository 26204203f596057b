package sandboxtest_test

import (
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/flashcart/flashcart/sandbox/sandboxtest"
)

// An integrator's client calls the vendor's real test host; the sandbox
// answers in-process. In a test, sandboxtest.New(t, client) does the same
// and undoes it when the test ends.
func Example() {
	sb, err := sandboxtest.Start()
	if err != nil {
		panic(err)
	}
	defer sb.Close()
	client := &http.Client{}
	restore, _ := sb.Intercept(client)
	defer restore()

	resp, _ := client.Post(sandboxtest.TestAPI+"/v1/login_check", "application/json",
		strings.NewReader(`{"username":"demo","password":"demo"}`))
	resp.Body.Close()
	fmt.Println("login:", resp.StatusCode)

	req, _ := http.NewRequest("POST", sandboxtest.TestAPI+"/v1/generate_buy_link",
		strings.NewReader(`{"currency":"JPY","products":[]}`))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("AuthorizationJWT", "Bearer not-a-token")
	resp, _ = client.Do(req)
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	fmt.Println(resp.StatusCode, string(body))
	fmt.Println("calls answered:", len(sb.Calls("", "")))
	// Output:
	// login: 200
	// 401 {"errors":[{"error":1007,"message":"Your token is invalid."}]}
	// calls answered: 2
}

// For a client that cannot take a custom http.Client, the sandbox listens
// on loopback; sandboxtest.NewServer(t) does this in a test.
func ExampleSandbox_Serve() {
	sb, _ := sandboxtest.Start()
	defer sb.Close()
	base := sb.Serve()

	tok, _ := sb.Login(sb.Username(), sb.Password())
	req, _ := http.NewRequest("POST", base+"/v1/generate_buy_link",
		strings.NewReader(`{"currency":"EUR","products":[{"id":111111,"name":"Base version for 3 year","price":"30.00","quantity":10}]}`))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("AuthorizationJWT", "Bearer "+tok)
	resp, _ := http.DefaultClient.Do(req)
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	fmt.Println(resp.StatusCode, string(body))
	// Output:
	// 200 {"buy_link":"https://cart.checkout.noventiq.com.demoslweb.ru/basket/flash/74334950","external_id":"74334950"}
}
