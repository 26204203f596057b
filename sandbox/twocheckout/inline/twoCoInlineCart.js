/*
 * twoCoInlineCart.js — flashcart's 2Checkout InLine cart client.
 *
 * The sandbox serves it where 2Checkout serves its own
 * (/checkout/client/twoCoInlineCart.js), so a merchant's page works offline:
 * point the vendor's loader at the sandbox. It offers the TwoCoInlineCart
 * calls flashcart emulates (docs/twocheckout.md, "InLine cart"); any other
 * call fails loudly, in the console and with an exception. cart.checkout()
 * opens the cart as an overlay: an iframe of the sandbox's own page, which
 * prices the cart from the merchant's catalogue and places the order.
 *
 * Plain ES2019, no dependency.
 */
(function (window, document) {
  'use strict';

  var NAME = 'TwoCoInlineCart';
  var PREFIX = '2Checkout InLine cart (flashcart sandbox): ';
  var SOURCE = 'flashcart-twoco-inline';
  var EVENTS = ['cart:opened', 'cart:closed', 'payment:finalized'];
  var MODES = ['CATALOG', 'DYNAMIC'];
  var TYPES = ['PRODUCT', 'SHIPPING', 'TAX', 'COUPON'];
  var BILLING = {
    name: 'name', email: 'email', phone: 'phone', country: 'country', state: 'state', city: 'city',
    zip: 'zip', address: 'address', address2: 'address2', company: 'company', 'company-name': 'company'
  };

  // The sandbox is where this script came from: the overlay opens there,
  // whatever the loader's cart.host says.
  var me = document.currentScript;
  var sandbox = me && me.src ? new URL(me.src, document.baseURI).origin : window.location.origin;

  function fail(message) {
    console.error(PREFIX + message);
    throw new Error(PREFIX + message);
  }

  function shown(v) {
    try {
      return JSON.stringify(v);
    } catch (e) {
      return String(v);
    }
  }

  function text(call, v, allowEmpty) {
    if (typeof v !== 'string' || (!allowEmpty && v === '')) {
      fail(call + ' takes a' + (allowEmpty ? '' : ' non-empty') + ' string, not ' + shown(v));
    }
    return v;
  }

  function object(call, v) {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) {
      fail(call + ' takes an object, not ' + shown(v));
    }
    return v;
  }

  function keys(call, v, allowed) {
    Object.keys(v).forEach(function (k) {
      if (allowed.indexOf(k) < 0) {
        fail(call + ': "' + k + '" is not supported; the keys are ' + allowed.join(', '));
      }
    });
  }

  // ---- the cart the page builds ----

  var state = {
    merchant: '', mode: 'CATALOG', currency: '', language: '', test: false, signature: '', expiration: null,
    products: [], additional_fields: [], coupons: [], billing: {},
    external_reference: '', customer_reference: '', source: ''
  };
  var listeners = {};
  EVENTS.forEach(function (name) { listeners[name] = []; });

  function product(call, p) {
    object(call, p);
    keys(call, p, ['code', 'quantity', 'price', 'name', 'type', 'tangible']);
    var out = {};
    if (state.mode === 'DYNAMIC') {
      out.name = text(call + ' name', p.name);
      if (p.code !== undefined) {
        fail(call + ': a DYNAMIC cart takes products by name and price, not code (setup.setMode(\'CATALOG\') sells catalogue products)');
      }
      if (p.type !== undefined) {
        out.type = text(call + ' type', p.type).toUpperCase();
        if (TYPES.indexOf(out.type) < 0) {
          fail(call + ' type must be one of ' + TYPES.join(', ') + ', not ' + shown(p.type));
        }
      }
      if (p.tangible !== undefined) {
        if (typeof p.tangible !== 'boolean') {
          fail(call + ' tangible takes true or false, not ' + shown(p.tangible));
        }
        out.tangible = p.tangible;
      }
    } else {
      out.code = text(call + ' code', p.code);
      if (p.name !== undefined || p.type !== undefined || p.tangible !== undefined) {
        fail(call + ': name, type and tangible describe DYNAMIC products: call setup.setMode(\'DYNAMIC\') first');
      }
    }
    if (p.quantity !== undefined) {
      var q = typeof p.quantity === 'string' ? Number(p.quantity) : p.quantity;
      if (!Number.isInteger(q)) {
        fail(call + ' quantity takes an integer, not ' + shown(p.quantity));
      }
      out.quantity = q;
    }
    if (p.price !== undefined) {
      var price = typeof p.price === 'string' ? Number(p.price) : p.price;
      if (typeof price !== 'number' || !isFinite(price)) {
        fail(call + ' price takes a number, not ' + shown(p.price));
      }
      out.price = price;
    }
    return out;
  }

  function field(call, f) {
    object(call, f);
    keys(call, f, ['code', 'value']);
    text(call + ' code', f.code);
    if (typeof f.value !== 'string' && typeof f.value !== 'boolean') {
      fail(call + ' value of ' + f.code + ' takes a string, or true or false for a checkbox, not ' + shown(f.value));
    }
    return { code: f.code, value: f.value };
  }

  function payload() {
    var out = JSON.parse(JSON.stringify(state));
    out.origin = window.location.origin;
    if (out.expiration === null) {
      delete out.expiration;
    }
    return out;
  }

  // ---- the overlay ----

  var overlay = null;
  var opened = 0;

  function emit(name, data) {
    listeners[name].forEach(function (fn) {
      try {
        fn(data);
      } catch (e) {
        console.error(PREFIX + 'a ' + name + ' subscriber threw: ' + e);
      }
    });
  }

  function close() {
    if (!overlay) {
      return;
    }
    var was = overlay;
    overlay = null;
    was.root.remove();
    if (!was.settled) {
      was.settled = true;
      was.reject(new Error(PREFIX + 'the cart was closed before it opened'));
    }
    emit('cart:closed', { cart: was.cart });
  }

  window.addEventListener('message', function (e) {
    var m = e.data;
    if (!overlay || e.origin !== sandbox || e.source !== overlay.frame.contentWindow || !m || m.source !== SOURCE) {
      return;
    }
    if (m.cart) {
      overlay.cart = m.cart;
    }
    switch (m.type) {
      case 'cart:opened':
        if (!overlay.settled) {
          overlay.settled = true;
          overlay.resolve({ cart: m.cart });
          emit('cart:opened', { cart: m.cart });
        }
        break;
      case 'cart:errors':
        var lines = (m.errors || []).map(function (x) {
          return x.error_code + ': ' + x.message + (x.hint ? ' (' + x.hint + ')' : '');
        });
        lines.forEach(function (line) { console.error(PREFIX + line); });
        if (!overlay.settled) {
          overlay.settled = true;
          overlay.reject(new Error(PREFIX + 'the cart was refused: ' + lines.join('; ')));
        }
        break;
      case 'payment:finalized':
        if (overlay.paid !== m.refNo) {
          overlay.paid = m.refNo;
          emit('payment:finalized', { cart: m.cart, refNo: m.refNo, total: m.total, currency: m.currency });
        }
        break;
      case 'cart:close':
        close();
        break;
    }
  });

  function checkout() {
    close();
    var name = 'twoco-inline-cart-' + (++opened);
    var root = document.createElement('div');
    root.className = 'twoco-inline-overlay';
    var s = root.style;
    s.position = 'fixed';
    s.top = s.right = s.bottom = s.left = '0';
    s.zIndex = '2147483647';
    s.background = 'rgba(20, 24, 31, 0.55)';
    s.display = 'flex';
    s.alignItems = 'center';
    s.justifyContent = 'center';
    var frame = document.createElement('iframe');
    frame.name = name;
    frame.title = '2Checkout InLine cart';
    var f = frame.style;
    f.border = '0';
    f.borderRadius = '8px';
    f.background = '#fff';
    f.width = 'min(560px, 100vw)';
    f.height = 'min(820px, 100vh)';
    f.boxShadow = '0 12px 48px rgba(0, 0, 0, 0.35)';
    root.appendChild(frame);
    document.body.appendChild(root);

    var form = document.createElement('form');
    form.method = 'POST';
    form.action = sandbox + '/checkout/client/carts';
    form.target = name;
    form.style.display = 'none';
    var input = document.createElement('input');
    input.type = 'hidden';
    input.name = 'cart';
    input.value = JSON.stringify(payload());
    form.appendChild(input);
    document.body.appendChild(form);
    return new Promise(function (resolve, reject) {
      overlay = { root: root, frame: frame, settled: false, resolve: resolve, reject: reject, cart: '', paid: '' };
      form.submit();
      form.remove();
    });
  }

  // ---- the API ----

  var setup = {
    setConfig: function (namespace, config) {
      text('setup.setConfig namespace', namespace);
      object('setup.setConfig', config);
      if (namespace === 'app') {
        if (config.merchant !== undefined) {
          state.merchant = text('setup.setConfig app.merchant', config.merchant);
        }
      } else if (namespace === 'cart') {
        if (config.host !== undefined && config.host !== sandbox) {
          console.warn(PREFIX + 'cart.host is ' + shown(config.host) + ', but this client came from the sandbox at ' +
            sandbox + ': the cart opens there (set the loader\'s host to it too)');
        }
      } else {
        console.warn(PREFIX + 'setup.setConfig(' + shown(namespace) + ', …) is ignored: the sandbox reads "app" and "cart"');
      }
    },
    setMerchant: function (code) { state.merchant = text('setup.setMerchant', code); },
    setMode: function (mode) {
      mode = text('setup.setMode', mode).toUpperCase();
      if (MODES.indexOf(mode) < 0) {
        fail('setup.setMode takes ' + MODES.join(' or ') + ', not ' + shown(mode));
      }
      if (state.products.length > 0 && mode !== state.mode) {
        fail('setup.setMode(' + shown(mode) + ') with products in the cart: call products.removeAll() first');
      }
      state.mode = mode;
    }
  };

  var cart = {
    setCurrency: function (code) {
      text('cart.setCurrency', code);
      if (!/^[A-Za-z]{3}$/.test(code)) {
        fail('cart.setCurrency takes an ISO 4217 code such as \'USD\', not ' + shown(code));
      }
      state.currency = code.toUpperCase();
    },
    setLanguage: function (code) {
      text('cart.setLanguage', code);
      if (!/^[A-Za-z]{2}$/.test(code)) {
        fail('cart.setLanguage takes an ISO 639-1 code such as \'en\', not ' + shown(code));
      }
      state.language = code.toLowerCase();
    },
    setAdditionalFields: function (fields) {
      if (!Array.isArray(fields)) {
        fail('cart.setAdditionalFields takes an array of {code, value}, not ' + shown(fields));
      }
      state.additional_fields = fields.map(function (f, i) { return field('cart.setAdditionalFields[' + i + ']', f); });
    },
    setSignature: function (signature) { state.signature = text('cart.setSignature', signature); },
    setExpiration: function (timestamp) {
      if (!Number.isInteger(timestamp) || timestamp < 0) {
        fail('cart.setExpiration takes a Unix time in seconds, not ' + shown(timestamp));
      }
      state.expiration = timestamp;
    },
    setTest: function (test) {
      if (typeof test !== 'boolean') {
        fail('cart.setTest takes true or false, not ' + shown(test));
      }
      state.test = test;
    },
    setOrderExternalRef: function (ref) { state.external_reference = text('cart.setOrderExternalRef', ref, true); },
    setExternalCustomerReference: function (ref) { state.customer_reference = text('cart.setExternalCustomerReference', ref, true); },
    setSource: function (source) { state.source = text('cart.setSource', source, true); },
    addCoupon: function (code) { state.coupons.push(text('cart.addCoupon', code)); },
    checkout: checkout
  };

  var products = {
    add: function (p) { state.products.push(product('products.add', p)); },
    addMany: function (list) {
      if (!Array.isArray(list)) {
        fail('products.addMany takes an array of products, not ' + shown(list));
      }
      var checked = list.map(function (p, i) { return product('products.addMany[' + i + ']', p); });
      state.products = state.products.concat(checked);
    },
    removeAll: function () { state.products = []; },
    getAll: function () { return JSON.parse(JSON.stringify(state.products)); }
  };

  var billing = {
    setData: function (data) {
      object('billing.setData', data);
      keys('billing.setData', data, Object.keys(BILLING));
      Object.keys(data).forEach(function (k) {
        state.billing[BILLING[k]] = text('billing.setData ' + k, data[k], true);
      });
    },
    setName: function (name) { state.billing.name = text('billing.setName', name, true); },
    setEmail: function (email) { state.billing.email = text('billing.setEmail', email, true); },
    setCompanyName: function (name) { state.billing.company = text('billing.setCompanyName', name, true); }
  };

  var events = {
    subscribe: function (name, fn) {
      if (EVENTS.indexOf(name) < 0) {
        fail('events.subscribe: ' + shown(name) + ' is not an event the sandbox sends; the events are ' + EVENTS.join(', '));
      }
      if (typeof fn !== 'function') {
        fail('events.subscribe(' + shown(name) + ', …) takes a function');
      }
      listeners[name].push(fn);
    }
  };

  // guard makes every call the sandbox does not offer fail loudly.
  function guard(target, path) {
    return new Proxy(target, {
      get: function (t, prop) {
        if (typeof prop !== 'string' || prop in t || prop === 'then' || prop === 'toJSON') {
          return t[prop];
        }
        var offered = Object.keys(t).map(function (k) { return path + '.' + k; }).join(', ');
        fail(path + '.' + prop + ' is not supported by the flashcart sandbox: it offers ' + offered +
          ' (see docs/twocheckout.md, "InLine cart")');
      },
      set: function (t, prop) {
        fail(path + '.' + String(prop) + ' cannot be set');
      }
    });
  }

  window[NAME] = guard({
    setup: guard(setup, NAME + '.setup'),
    cart: guard(cart, NAME + '.cart'),
    products: guard(products, NAME + '.products'),
    billing: guard(billing, NAME + '.billing'),
    events: guard(events, NAME + '.events'),
    register: function () {}
  }, NAME);
})(window, document);
