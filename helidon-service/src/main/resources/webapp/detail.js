// The movie detail view: GET /movies/{id} with popularity, similar movies and "people who liked
// this also liked", each linking to its own detail view.
import * as api from './api.js';
import { displayTitle, el, errorText, fill, movieLine, status } from './view.js';
import { likeButton, isLiked, toggleLike } from './taste.js';

/** Shows movie id in the detail section. */
export async function show(id) {
  const title = document.getElementById('detail-title');
  const meta = document.getElementById('detail-meta');
  const pop = document.getElementById('detail-popularity');
  const like = document.getElementById('detail-like');
  const external = document.getElementById('detail-external');
  const similar = document.getElementById('detail-similar');
  const also = document.getElementById('detail-also');
  const line = document.getElementById('detail-status');
  const section = document.getElementById('detail');
  section.dataset.state = 'loading';
  title.textContent = 'Movie ' + id;
  status(line, 'Loading…');
  try {
    const m = await api.movie(id);
    title.textContent = displayTitle(m.title) + (m.year ? ' (' + m.year + ')' : '');
    meta.textContent = m.genres.length ? m.genres.join(' · ') : 'no genres listed';
    pop.textContent = m.popularity_rank
      ? 'Popularity: #' + m.popularity_rank + ' (' + m.popularity_count + ' positive ratings, score '
        + m.popularity_score.toFixed(2) + ')'
      : 'Popularity: not ranked (no positive ratings in the data).';
    const sync = () => {
      like.setAttribute('aria-pressed', String(isLiked(m.movie_id)));
      like.textContent = isLiked(m.movie_id) ? '♥ Liked' : '♡ Like';
    };
    like.dataset.like = m.movie_id;
    like.onclick = () => toggleLike(m);
    sync();
    external.href = 'https://movielens.org/movies/' + m.movie_id;
    fill(similar, m.similar.map((s) => el('li', { dataset: { movieId: s.movie_id } }, movieLine(s), likeButton(s),
      el('span', { class: 'meta' }, ' ' + m.similarity.replace('_', ' ') + ' ' + s.score.toFixed(2)))));
    fill(also, m.also_liked.map((s) => el('li', { dataset: { movieId: s.movie_id } }, movieLine(s), likeButton(s),
      el('span', { class: 'meta' }, ' ' + s.shared_users + ' people liked both'))));
    status(line, m.in_model ? '' : 'The model has no embedding for this movie (too few ratings in training): '
      + 'no similar movies.');
    section.dataset.state = 'ready';
  } catch (e) {
    fill(similar, []);
    fill(also, []);
    status(line, e.status === 404 ? 'No movie with id ' + id + '.' : errorText(e), 'error');
    section.dataset.state = 'error';
  }
  title.focus();
}
