package runner

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/flashcart/flashcart/sandbox/twocheckout"
	"github.com/flashcart/flashcart/scenarios"
	"github.com/flashcart/flashcart/scenarios/internal/vars"
)

// Environment variables that hold the 2Checkout merchant rpc_login signs
// with on a target.
const (
	EnvTwoCheckoutMerchant = "FLASHCART_2CO_MERCHANT_CODE"
	EnvTwoCheckoutSecret   = "FLASHCART_2CO_SECRET_KEY"
)

// setTwoCheckout sets the merchant variables rpc_login reads by default.
func (x *exec) setTwoCheckout(code, secret string) {
	if code != "" {
		x.scope.Set(vars.TwoCheckoutMerchant, code)
	}
	if secret != "" {
		x.scope.Set(vars.TwoCheckoutSecret, secret)
	}
}

// signRPCLogin dates an rpc_login by the clock and signs it, leaving the
// date and hash for the step's templates. It answers why the step is
// skipped when the merchant is not known, as on a target without the
// environment variables.
func (x *exec) signRPCLogin(ctx context.Context, l *scenarios.RPCLogin) (skip string, err error) {
	for _, name := range []string{vars.TwoCheckoutMerchant, vars.TwoCheckoutSecret} {
		if _, set := x.scope.Get(name); !set && strings.Contains(l.Merchant+l.Secret, "${"+name+"}") {
			return fmt.Sprintf("${%s} is not set: run with %s and %s naming the target's 2Checkout merchant", name, EnvTwoCheckoutMerchant, EnvTwoCheckoutSecret), nil
		}
	}
	merchant, err := x.scope.ExpandString(l.Merchant)
	if err != nil {
		return "", err
	}
	secret, err := x.scope.ExpandString(l.Secret)
	if err != nil {
		return "", err
	}
	now, err := x.now(ctx)
	if err != nil {
		return "", fmt.Errorf("read the clock for rpc_login: %w", err)
	}
	date := now.Add(l.Skew).UTC().Format(twocheckout.LoginDateLayout)
	hash, err := twocheckout.LoginHash(l.Algo, secret, merchant, date)
	if err != nil {
		return "", err
	}
	x.scope.Set(vars.TwoCheckoutLoginDate, date)
	x.scope.Set(vars.TwoCheckoutLoginHash, hash)
	return "", nil
}

// captureSession makes the result of an rpc_login the scenario's session.
func (x *exec) captureSession(st *scenarios.Step, body any) {
	if st.RPCLogin == nil {
		return
	}
	if obj, ok := body.(map[string]any); ok {
		if sid, ok := obj["result"].(string); ok {
			x.scope.Set(vars.TwoCheckoutSession, sid)
		}
	}
}

// targetNow is the clock an rpc_login to the target is dated by: a
// flashcart target's sandbox clock (GET /_sandbox/clock), else the real
// clock, as the vendor's.
func (r *runner) targetNow(ctx context.Context) (time.Time, error) {
	if !r.flashcart {
		return time.Now(), nil
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, strings.TrimRight(r.opts.Target, "/")+scenarios.SandboxPrefix+"clock", nil)
	if err != nil {
		return time.Time{}, err
	}
	resp, err := r.client.Do(req)
	if err != nil {
		return time.Time{}, err
	}
	defer resp.Body.Close()
	var clock struct {
		Now time.Time `json:"now"`
	}
	raw, _ := io.ReadAll(io.LimitReader(resp.Body, 4096))
	if resp.StatusCode != http.StatusOK || json.Unmarshal(raw, &clock) != nil {
		return time.Time{}, fmt.Errorf("GET %sclock answered %d %s", scenarios.SandboxPrefix, resp.StatusCode, raw)
	}
	return clock.Now, nil
}
