// Search: suggestions as you type (GET /movies?q=, debounced, keyboard navigable combobox) and a
// result list with genre and year filters on submit.
import * as api from './api.js';
import { displayTitle, el, errorText, fill, movieLine, status } from './view.js';
import { likeButton } from './taste.js';

const DEBOUNCE_MS = 150;

/** Wires the search form; open(id) shows a movie's detail view. */
export function setup(open) {
  const form = document.getElementById('search-form');
  const input = document.getElementById('search-input');
  const list = document.getElementById('suggestions');
  const genre = document.getElementById('search-genre');
  const yearMin = document.getElementById('search-year-min');
  const yearMax = document.getElementById('search-year-max');
  const results = document.getElementById('search-results');
  const line = document.getElementById('search-status');
  let timer = null;
  let generation = 0;
  let active = -1;

  const params = (limit) => ({ q: input.value.trim(), genre: genre.value, yearMin: yearMin.value,
    yearMax: yearMax.value, limit });

  function close() {
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
  }

  function highlight(i) {
    const items = [...list.children];
    if (items.length === 0) return;
    active = (i + items.length) % items.length;
    items.forEach((li, j) => li.setAttribute('aria-selected', String(j === active)));
    input.setAttribute('aria-activedescendant', items[active].id);
  }

  async function suggest() {
    const mine = ++generation;
    if (!input.value.trim()) { close(); return; }
    try {
      const r = await api.searchMovies(params(8));
      if (mine !== generation) return;
      fill(list, r.movies.map((m, i) => el('li', { id: 'suggestion-' + i, role: 'option', 'aria-selected': 'false',
        dataset: { movieId: m.movie_id }, onmousedown: (e) => { e.preventDefault(); pick(m.movie_id); } },
      displayTitle(m.title) + (m.year ? ' (' + m.year + ')' : ''))));
      list.hidden = r.movies.length === 0;
      input.setAttribute('aria-expanded', String(!list.hidden));
      active = -1;
      status(line, r.movies.length === 0 ? 'No title matches "' + input.value.trim() + '".' : '');
    } catch (e) {
      if (mine !== generation) return;
      close();
      status(line, errorText(e), 'error');
    }
  }

  function pick(id) {
    close();
    open(id);
  }

  async function search() {
    close();
    const mine = ++generation;
    status(line, 'Searching…');
    try {
      const r = await api.searchMovies(params(20));
      if (mine !== generation) return;
      fill(results, r.movies.map((m) => el('li', { dataset: { movieId: m.movie_id } }, movieLine(m), likeButton(m))));
      status(line, r.total === 0 ? 'No movie matches.' : 'Showing ' + r.movies.length + ' of ' + r.total + ' movies.');
    } catch (e) {
      fill(results, []);
      status(line, errorText(e), 'error');
    }
  }

  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(suggest, DEBOUNCE_MS);
  });
  input.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      if (list.hidden) return;
      e.preventDefault();
      highlight(active + (e.key === 'ArrowDown' ? 1 : -1));
    } else if (e.key === 'Enter' && !list.hidden && active >= 0) {
      e.preventDefault();
      pick(Number(list.children[active].dataset.movieId));
    } else if (e.key === 'Escape') {
      close();
    }
  });
  input.addEventListener('blur', () => setTimeout(close, 100));
  form.addEventListener('submit', (e) => { e.preventDefault(); search(); });
}
