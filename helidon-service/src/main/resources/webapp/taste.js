// "My taste": liked movies kept in localStorage, and live recommendations for them from
// POST /recommend/anonymous (fold-in) with "because you liked X" badges, a diversity slider and a
// genre filter.
import * as api from './api.js';
import { displayTitle, el, errorText, fill, movieLine, status } from './view.js';

const KEY = 'marquee.likes';
const listeners = [];
let likes = load();

function load() {
  try {
    const v = JSON.parse(localStorage.getItem(KEY) || '[]');
    return Array.isArray(v) ? v.filter((m) => Number.isInteger(m.movie_id)) : [];
  } catch {
    return [];
  }
}

function save() {
  localStorage.setItem(KEY, JSON.stringify(likes));
  listeners.forEach((f) => f());
}

/** The liked movies, oldest first: [{movie_id, title, year}]. */
export const liked = () => likes.slice();

export const isLiked = (id) => likes.some((m) => m.movie_id === id);

/** Likes or un-likes a movie ({movie_id, title, year}). */
export function toggleLike(m) {
  likes = isLiked(m.movie_id) ? likes.filter((x) => x.movie_id !== m.movie_id)
    : [...likes, { movie_id: m.movie_id, title: m.title, year: m.year }];
  save();
}

/** Calls f after every change of the likes. */
export const onChange = (f) => listeners.push(f);

function syncButton(b) {
  const on = isLiked(Number(b.dataset.like));
  b.setAttribute('aria-pressed', String(on));
  b.textContent = on ? '♥ Liked' : '♡ Like';
}

/** A Like toggle button for movie m; every such button on the page follows the likes. */
export function likeButton(m) {
  const b = el('button', { type: 'button', class: 'like', dataset: { like: m.movie_id },
    'aria-label': 'Like ' + displayTitle(m.title), onclick: () => toggleLike(m) });
  syncButton(b);
  return b;
}

onChange(() => document.querySelectorAll('button[data-like]').forEach(syncButton));

/** "because you liked X" badges of a recommended item. */
export function badges(item, prefix) {
  return (item.because || []).map((b) => el('span', { class: 'badge' }, prefix + ' ' + displayTitle(b.title)));
}

/** Wires the taste section; controls = {diversity, genre} elements shared with the account view. */
export function setup(controls) {
  const chips = document.getElementById('likes');
  const empty = document.getElementById('likes-empty');
  const recs = document.getElementById('recs');
  const line = document.getElementById('recs-status');
  let generation = 0;

  function renderChips() {
    fill(chips, likes.map((m) => el('li', {},
      el('a', { href: '#/movie/' + m.movie_id }, displayTitle(m.title)),
      el('button', { type: 'button', 'aria-label': 'Remove ' + displayTitle(m.title), onclick: () => toggleLike(m) },
        '✕'))));
    empty.hidden = likes.length > 0;
  }

  async function renderRecs() {
    const mine = ++generation;
    if (likes.length === 0) {
      fill(recs, []);
      status(line, 'Like a few movies to see recommendations here.');
      recs.dataset.state = 'empty';
      return;
    }
    status(line, 'Loading recommendations…');
    recs.dataset.state = 'loading';
    try {
      const r = await api.recommendAnonymous({ items: likes.map((m) => m.movie_id), k: 10,
        diversity: Number(controls.diversity.value), genre: controls.genre.value });
      if (mine !== generation) return;
      fill(recs, r.recommendations.map((m) => el('li', { dataset: { movieId: m.movie_id } },
        movieLine(m), likeButton(m), el('div', {}, badges(m, 'because you liked')))));
      const why = r.is_fallback ? ' (popular movies: the model knows none of your likes)' : '';
      status(line, r.recommendations.length === 0 ? 'No movie matches these filters.'
        : r.recommendations.length + ' recommendations' + why + ', model ' + r.model_version + '.');
      recs.dataset.state = 'ready';
    } catch (e) {
      if (mine !== generation) return;
      fill(recs, []);
      status(line, errorText(e), 'error');
      recs.dataset.state = 'error';
    }
  }

  onChange(() => { renderChips(); renderRecs(); });
  controls.diversity.addEventListener('change', renderRecs);
  controls.genre.addEventListener('change', renderRecs);
  renderChips();
  renderRecs();
}
