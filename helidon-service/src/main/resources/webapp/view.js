// DOM helpers shared by the views: element building, movie lines, status messages.

/** Creates an element: el('a', {href: '#'}, 'text', child). Attributes starting with "on" are listeners. */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else if (k === 'dataset') Object.assign(node.dataset, v);
    else node.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) {
    if (c !== undefined && c !== null && c !== false) node.append(c instanceof Node ? c : String(c));
  }
  return node;
}

/** "Matrix, The" -> "The Matrix" (MovieLens moves leading articles to the end). */
export function displayTitle(title) {
  if (!title) return 'untitled';
  const m = /^(.*), (The|A|An|Les|La|Le|L'|Il|Das|Der|Die|El)$/.exec(title);
  return m ? m[2] + ' ' + m[1] : title;
}

/** A link to a movie's detail view plus year and genres. */
export function movieLine(m) {
  const year = m.year ? ' (' + m.year + ')' : '';
  return [
    el('a', { href: '#/movie/' + m.movie_id, class: 'title', dataset: { movieId: m.movie_id } },
      displayTitle(m.title) + year),
    ' ',
    el('span', { class: 'meta' }, (m.genres || []).join(', ')),
  ];
}

/** A user-facing sentence for an ApiError (server down, rate limited, no model, bad input). */
export function errorText(err) {
  if (err.status === 0) return 'The server cannot be reached. Is it running? Retry in a moment.';
  if (err.status === 429) {
    return 'Too many requests: retry in ' + (err.retryAfter || 'a few') + ' s.';
  }
  if (err.code === 'model_not_loaded') return 'No model is loaded yet: run the pipeline, then reload the server.';
  return 'Error ' + err.status + ' (' + err.code + '): ' + err.message;
}

/** Sets a status line: kind "error", "ok" or "" (neutral). */
export function status(node, text, kind = '') {
  node.textContent = text;
  node.className = kind === 'error' ? 'error' : kind === 'ok' ? 'ok' : 'muted';
}

/** Replaces the children of node. */
export function fill(node, children) {
  node.replaceChildren(...children);
}
