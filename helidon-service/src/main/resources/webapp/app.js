// Entry module of the web app served at /: wires the views and a hash router (#/ = discover,
// #/movie/ID = detail). Plain ES modules, no build step, nothing loaded from other origins.
import * as api from './api.js';
import { el, errorText, status } from './view.js';
import * as search from './search.js';
import * as taste from './taste.js';
import * as account from './account.js';
import * as detail from './detail.js';

const discover = document.getElementById('discover');
const detailSection = document.getElementById('detail');

function route() {
  const m = /^#\/movie\/(\d+)$/.exec(location.hash);
  discover.hidden = Boolean(m);
  detailSection.hidden = !m;
  if (m) detail.show(Number(m[1]));
}

async function loadGenres() {
  try {
    const r = await api.genres();
    for (const id of ['search-genre', 'recs-genre']) {
      document.getElementById(id).append(...r.genres.map((g) => el('option', { value: g }, g)));
    }
  } catch { /* the status line reports the server state */ }
}

async function serverStatus() {
  const line = document.getElementById('server-status');
  try {
    const h = await api.health();
    status(line, h.model_version ? 'Model ' + h.model_version : 'No model loaded yet', h.model_version ? '' : 'error');
  } catch (e) {
    status(line, errorText(e), 'error');
  }
}

const controls = { diversity: document.getElementById('diversity'), genre: document.getElementById('recs-genre') };
controls.diversity.addEventListener('input', () => {
  document.getElementById('diversity-value').textContent = controls.diversity.value;
});

search.setup((id) => { location.hash = '#/movie/' + id; });
window.addEventListener('hashchange', route);
await Promise.all([serverStatus(), loadGenres()]);
taste.setup(controls);
account.setup(controls);
route();
document.body.dataset.ready = 'true';
