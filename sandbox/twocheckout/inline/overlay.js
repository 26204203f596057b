// The overlay of flashcart's 2Checkout InLine cart, in the merchant page's
// iframe: it posts the page's message (cart:opened, cart:errors,
// payment:finalized) to the merchant's page, whose TwoCoInlineCart client
// turns it into events and console errors, and asks it to close the cart.
(function () {
  'use strict';
  var SOURCE = 'flashcart-twoco-inline';
  var body = document.body;
  var origin = body.getAttribute('data-origin') || '*';
  var message = {};
  try {
    message = JSON.parse(body.getAttribute('data-message') || '{}');
  } catch (e) {
    console.error('2Checkout InLine cart (flashcart sandbox): the page holds no readable message: ' + e);
  }

  function post(m) {
    m.source = SOURCE;
    if (window.parent !== window) {
      window.parent.postMessage(m, origin);
    }
  }

  if (message.type === 'cart:errors') {
    message.errors.forEach(function (e) {
      console.error('2Checkout InLine cart (flashcart sandbox): ' + e.error_code + ': ' + e.message + (e.hint ? ' (' + e.hint + ')' : ''));
    });
    var problems = document.getElementById('problems');
    if (problems) {
      problems.setAttribute('tabindex', '-1');
      problems.focus();
    }
  }
  if (message.type) {
    post(message);
  }
  Array.prototype.forEach.call(document.querySelectorAll('[data-close]'), function (button) {
    button.addEventListener('click', function () {
      post({ type: 'cart:close' });
    });
  });
  document.addEventListener('keydown', function (e) {
    if (e.key === 'Escape') {
      post({ type: 'cart:close' });
    }
  });
})();
