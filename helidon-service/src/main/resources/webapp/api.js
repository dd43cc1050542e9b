// The Marquee JSON API as used by the page: one fetch wrapper and one function per call. Every
// request body holds only keys documented in /openapi (the server rejects others).

/** An answer that is not 2xx, or no answer at all (status 0). */
export class ApiError extends Error {
  constructor(status, code, message, retryAfter) {
    super(message);
    this.status = status;
    this.code = code;
    this.retryAfter = retryAfter;
  }
}

async function call(method, path, body) {
  let res;
  try {
    res = await fetch(path, {
      method,
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (e) {
    throw new ApiError(0, 'network', 'cannot reach the server (' + e.message + ')');
  }
  const text = await res.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch { /* not JSON: handled below */ }
  if (!res.ok) {
    throw new ApiError(res.status, json && json.error || 'http_' + res.status,
      json && json.message || text.slice(0, 200) || res.statusText, res.headers.get('Retry-After'));
  }
  return json;
}

function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  }
  const s = q.toString();
  return s ? '?' + s : '';
}

/** GET /movies: {movies: [{movie_id, title, year, genres, popularity_rank}], total}. */
export const searchMovies = ({ q, genre, yearMin, yearMax, limit = 20, offset = 0 }) =>
  call('GET', '/movies' + query({ q, genre, year_min: yearMin, year_max: yearMax, limit, offset }));

/** GET /movies/{id}: details, similar and also_liked. */
export const movie = (id) => call('GET', '/movies/' + encodeURIComponent(id));

/** GET /genres: {genres: [...]}. */
export const genres = () => call('GET', '/genres');

/** GET /health. */
export const health = () => call('GET', '/health');

function filters(genre) {
  return genre ? { filters: { genres: [genre] } } : {};
}

/** POST /recommend/anonymous with because-badges. */
export const recommendAnonymous = ({ items, k = 10, diversity = 0, genre }) =>
  call('POST', '/recommend/anonymous', { items, k, diversity, explain: true, ...filters(genre) });

/** POST /recommend for a user id with because-badges. */
export const recommendUser = ({ userId, k = 10, diversity = 0, genre }) =>
  call('POST', '/recommend', { user_id: userId, k, diversity, explain: true, ...filters(genre) });

/** POST /feedback: event "watch", or "rating" with value. */
export const feedback = ({ userId, movieId, event, value }) =>
  call('POST', '/feedback', { user_id: userId, movie_id: movieId, event, ...(value === undefined ? {} : { value }) });
