// "Sign in as a user id": POST /recommend for that user with explanations, and feedback buttons
// ("★ Loved it" = a 5-star rating, the 👍 of the issue, written as text because a machine
// without an emoji font shows a blank box; "Watched" = a watch event) that call POST /feedback and refresh the list,
// marking what changed (the server folds the positive event into the user's vector at once).
import * as api from './api.js';
import { displayTitle, el, errorText, fill, movieLine, status } from './view.js';
import { badges } from './taste.js';

const KEY = 'marquee.user';

/** Wires the account section; controls = {diversity, genre} shared with the taste view. */
export function setup(controls) {
  const form = document.getElementById('signin-form');
  const input = document.getElementById('user-id');
  const signout = document.getElementById('signout');
  const list = document.getElementById('user-recs');
  const line = document.getElementById('user-status');
  let userId = Number.parseInt(localStorage.getItem(KEY) || '', 10);
  let shown = [];
  let generation = 0;

  async function refresh(note) {
    const mine = ++generation;
    if (!Number.isInteger(userId)) {
      fill(list, []);
      status(line, 'Not signed in.');
      list.dataset.state = 'empty';
      return;
    }
    list.dataset.state = 'loading';
    try {
      const r = await api.recommendUser({ userId, k: 10, diversity: Number(controls.diversity.value),
        genre: controls.genre.value });
      if (mine !== generation) return;
      const before = new Set(shown);
      const fresh = note && shown.length > 0;
      fill(list, r.recommendations.map((m) => el('li', { dataset: { movieId: m.movie_id } },
        movieLine(m),
        el('button', { type: 'button', class: 'thumb', 'aria-label': 'Loved ' + displayTitle(m.title) + ' (5 stars)',
          onclick: () => send(m, 'rating', 5) }, '★ Loved it'),
        el('button', { type: 'button', class: 'watched', 'aria-label': 'Mark ' + displayTitle(m.title) + ' as watched',
          onclick: () => send(m, 'watch') }, 'Watched'),
        el('div', {}, fresh && !before.has(m.movie_id) ? el('span', { class: 'badge new' }, 'new') : null,
          badges(m, 'because you watched')))));
      shown = r.recommendations.map((m) => m.movie_id);
      const kind = r.is_fallback ? 'popular movies (user ' + userId + ' is unknown to the model: send feedback to '
        + 'personalize)' : 'personalized';
      status(line, (note ? note + ' ' : '') + 'User ' + userId + ': ' + r.recommendations.length + ' ' + kind + '.',
        note ? 'ok' : '');
      list.dataset.state = 'ready';
    } catch (e) {
      if (mine !== generation) return;
      fill(list, []);
      status(line, errorText(e), 'error');
      list.dataset.state = 'error';
    }
  }

  async function send(m, event, value) {
    try {
      await api.feedback({ userId, movieId: m.movie_id, event, value });
      await refresh('Feedback stored (' + (event === 'watch' ? 'watched' : '★ loved') + ' ' + displayTitle(m.title)
        + '); list updated.');
    } catch (e) {
      status(line, errorText(e), 'error');
    }
  }

  function signedIn(id) {
    userId = id;
    shown = [];
    if (Number.isInteger(id)) localStorage.setItem(KEY, String(id)); else localStorage.removeItem(KEY);
    input.value = Number.isInteger(id) ? String(id) : '';
    signout.hidden = !Number.isInteger(id);
    refresh();
  }

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const id = Number.parseInt(input.value, 10);
    if (!Number.isInteger(id) || id < 0) {
      status(line, 'A user id is a whole number ≥ 0.', 'error');
      return;
    }
    signedIn(id);
  });
  signout.addEventListener('click', () => signedIn(NaN));
  controls.diversity.addEventListener('change', () => refresh());
  controls.genre.addEventListener('change', () => refresh());
  signedIn(userId);
}
