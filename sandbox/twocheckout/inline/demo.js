// The demo merchant page of flashcart's 2Checkout InLine cart: the vendor's
// loader pointed at this sandbox (the page's own address), then the seed's
// example ("Assign values for the additional order fields") as it is.
(function (document, src, libName, config) {
    var script             = document.createElement('script');
    script.src             = src;
    script.async           = true;
    var firstScriptElement = document.getElementsByTagName('script')[0];
    script.onload          = function () {
        for (var namespace in config) {
            if (config.hasOwnProperty(namespace)) {
                window[libName].setup.setConfig(namespace, config[namespace]);
            }
        }
        window[libName].register();
        showEvents(window[libName]);
    };

    firstScriptElement.parentNode.insertBefore(script, firstScriptElement);
})(document, window.location.origin + '/checkout/client/twoCoInlineCart.js', 'TwoCoInlineCart',
   {"app":{"merchant":"MERCHANT_CODE"},"cart":{"host":window.location.origin}});

// showEvents writes the cart's events under the button (not part of the
// seed's example).
function showEvents(cart) {
    var out = document.getElementById('events');
    function show(text) { out.textContent = text; }
    cart.events.subscribe('cart:opened', function () { show('cart:opened'); });
    cart.events.subscribe('cart:closed', function () { show(out.textContent + ' · cart:closed'); });
    cart.events.subscribe('payment:finalized', function (e) {
        show('payment:finalized: order ' + e.refNo + ', ' + e.total + ' ' + e.currency);
    });
}

window.document.getElementById('buy-button').addEventListener('click', function() {
TwoCoInlineCart.cart.setCurrency('USD');
TwoCoInlineCart.cart.setAdditionalFields([
// textbox type example
{
code : 'TextInIPNCustom123',
value : 'Some text value'
},
// listbox type example
{
code : 'SourceOrder',
value : 'The WWW'
},
// hidden type example
{
code : 'cart2cotestorderhidden',
value : 'Some text for the hidden field'
},
// checkbox type example
{
code : 'cart2cotestordercheckbox',
value : true
}
]);
TwoCoInlineCart.products.add({
code: '2CO3MONTHS',
quantity: 1
});
TwoCoInlineCart.cart.checkout();
});
