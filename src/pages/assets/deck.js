// The deck, one card at a time: ← → or a swipe to move, space or a tap to flip from the claim to
// the explanation. The place in each deck (filter and page) and the cards seen today are kept in
// localStorage. Without this script the page is a plain list of the same cards.
(function () {
  'use strict';
  var deck = document.querySelector('[data-deck]');
  if (!deck) return;
  var cards = Array.prototype.slice.call(deck.querySelectorAll('.deck-card'));
  if (!cards.length) return;
  var controls = deck.querySelector('.deck-controls');
  var progress = deck.querySelector('.deck-progress');
  var bar = progress.querySelector('progress');
  var count = progress.querySelector('.deck-count');
  var flipButton = controls.querySelector('[data-deck-action="flip"]');
  var storeKey = 'mlbrief.deck';
  var deckKey = deck.getAttribute('data-deck');
  var today = new Date().toISOString().slice(0, 10);

  function read() {
    try {
      var saved = JSON.parse(window.localStorage.getItem(storeKey) || '{}');
      return saved && typeof saved === 'object' ? saved : {};
    } catch (e) {
      return {};
    }
  }
  function write(state) {
    try {
      window.localStorage.setItem(storeKey, JSON.stringify(state));
    } catch (e) {
      // Storage may be full or off (private browsing): the deck still works, it just forgets.
    }
  }

  var state = read();
  if (!state.places || typeof state.places !== 'object') state.places = {};
  if (!state.seen || state.seen.day !== today || !Array.isArray(state.seen.slugs)) state.seen = { day: today, slugs: [] };

  var index = 0;
  var fromHash = location.hash ? cards.findIndex(function (c) { return '#' + c.id === location.hash; }) : -1;
  if (fromHash >= 0) index = fromHash;
  else if (typeof state.places[deckKey] === 'number') index = Math.max(0, Math.min(cards.length - 1, state.places[deckKey]));

  function show(next) {
    cards[index].classList.remove('is-current', 'is-flipped');
    index = Math.max(0, Math.min(cards.length - 1, next));
    var card = cards[index];
    card.classList.add('is-current');
    flipButton.setAttribute('aria-pressed', 'false');
    var slug = card.getAttribute('data-slug');
    if (state.seen.slugs.indexOf(slug) === -1) state.seen.slugs.push(slug);
    state.places[deckKey] = index;
    write(state);
    bar.value = index + 1;
    count.textContent = 'Card ' + (index + 1) + ' of ' + cards.length + ' · ' + state.seen.slugs.length + ' seen today';
  }
  function flip() {
    var flipped = cards[index].classList.toggle('is-flipped');
    flipButton.setAttribute('aria-pressed', flipped ? 'true' : 'false');
  }

  deck.classList.add('deck--live');
  controls.hidden = false;
  progress.hidden = false;
  show(index);

  controls.addEventListener('click', function (event) {
    var action = event.target.closest('[data-deck-action]');
    if (!action) return;
    var what = action.getAttribute('data-deck-action');
    if (what === 'prev') show(index - 1);
    else if (what === 'next') show(index + 1);
    else flip();
  });

  document.addEventListener('keydown', function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    var tag = event.target && event.target.tagName;
    if (tag === 'INPUT' || tag === 'SELECT' || tag === 'TEXTAREA') return;
    if (event.key === 'ArrowRight') show(index + 1);
    else if (event.key === 'ArrowLeft') show(index - 1);
    // On a focused button or link, space is that control's own.
    else if (event.key === ' ' && tag !== 'BUTTON' && tag !== 'A') flip();
    else return;
    event.preventDefault();
  });

  var list = deck.querySelector('.deck-cards');
  list.addEventListener('click', function (event) {
    if (event.target.closest('a, button')) return;
    if (event.target.closest('.deck-card') === cards[index]) flip();
  });

  var touch = null;
  list.addEventListener('touchstart', function (event) {
    touch = event.touches.length === 1 ? { x: event.touches[0].clientX, y: event.touches[0].clientY } : null;
  }, { passive: true });
  list.addEventListener('touchend', function (event) {
    if (!touch) return;
    var end = event.changedTouches[0];
    var dx = end.clientX - touch.x;
    var dy = end.clientY - touch.y;
    touch = null;
    // A swipe is mostly sideways and long enough not to be a shaky tap.
    if (Math.abs(dx) < 40 || Math.abs(dx) < 1.5 * Math.abs(dy)) return;
    show(index + (dx < 0 ? 1 : -1));
    // No tap-to-flip from the same gesture (a touch that has scrolled cannot be cancelled: no need).
    if (event.cancelable) event.preventDefault();
  });
})();
