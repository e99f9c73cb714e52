// Fourfold operator console: polls GET /api/v1/projections every 2 s with an admin's token and
// shows the table, the summary and a lag chart of the last 5 minutes. Plain DOM, no libraries:
// the console must work on a machine without network access beyond the gateway.
'use strict';

(() => {
  const POLL_MS = 2000;
  const REQUEST_TIMEOUT_MS = 5000;
  const WINDOW_MS = 5 * 60 * 1000;
  const GAP_MS = 3 * POLL_MS + REQUEST_TIMEOUT_MS;
  const TOKEN_KEY = 'fourfold.console.token';
  const SVG = 'http://www.w3.org/2000/svg';
  // Distinguishable on white and for the common colour-vision deficiencies (Okabe–Ito).
  const PALETTE = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000', '#8C6D31'];

  const $ = (id) => document.getElementById(id);
  // key "service/name" -> [{t, lagEvents, lagSeconds}], oldest first; only the last WINDOW_MS kept
  const history = new Map();
  const colours = new Map();
  let samples = 0;
  let timer = null;
  let latest = [];

  const token = () => sessionStorage.getItem(TOKEN_KEY);

  function show(view) {
    $('sign-in').hidden = view !== 'sign-in';
    $('forbidden').hidden = view !== 'forbidden';
    $('dashboard').hidden = view !== 'dashboard';
    $('sign-out').hidden = view === 'sign-in';
  }

  function status(text, state) {
    const el = $('status');
    el.textContent = text;
    el.dataset.state = state;
  }

  function stop() {
    clearTimeout(timer);
    timer = null;
  }

  function schedule() {
    stop();
    timer = setTimeout(poll, POLL_MS);
  }

  function signedOut(message) {
    stop();
    sessionStorage.removeItem(TOKEN_KEY);
    history.clear();
    samples = 0;
    $('sign-in-error').textContent = message || '';
    status('Not signed in', 'idle');
    show('sign-in');
    $('email').focus();
  }

  async function signIn(event) {
    event.preventDefault();
    $('sign-in-error').textContent = '';
    let answer;
    try {
      answer = await fetch('/api/v1/sessions', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({ email: $('email').value, password: $('password').value }),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
    } catch (e) {
      $('sign-in-error').textContent = 'The gateway does not answer; try again.';
      return;
    }
    if (answer.status === 201) {
      const session = await answer.json();
      sessionStorage.setItem(TOKEN_KEY, session.token);
      $('password').value = '';
      status('Loading…', 'idle');
      poll();
    } else if (answer.status === 401) {
      $('sign-in-error').textContent = 'Wrong email or password.';
    } else if (answer.status === 429) {
      $('sign-in-error').textContent =
        `Too many attempts; try again in ${answer.headers.get('Retry-After') || 'a few'} seconds.`;
    } else {
      $('sign-in-error').textContent = `Sign-in failed: the gateway answered ${answer.status}.`;
    }
  }

  async function signOut() {
    const current = token();
    if (current) {
      // Best effort: the session ends server-side too; the page forgets the token either way.
      fetch('/api/v1/sessions/current', {
        method: 'DELETE',
        headers: { Authorization: `Bearer ${current}` },
      }).catch(() => {});
    }
    signedOut('');
  }

  async function poll() {
    const current = token();
    if (!current) {
      signedOut('');
      return;
    }
    try {
      const answer = await fetch('/api/v1/projections', {
        headers: { Authorization: `Bearer ${current}`, Accept: 'application/json' },
        cache: 'no-store',
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      if (answer.status === 401) {
        signedOut('Your session has ended; sign in again.');
        return;
      }
      if (answer.status === 403) {
        stop();
        status('Signed in, not an admin', 'error');
        show('forbidden');
        return;
      }
      if (!answer.ok) {
        status(`The gateway answered ${answer.status}; retrying`, 'error');
      } else {
        render(await answer.json(), Date.now());
        status(`Live · updated ${new Date().toLocaleTimeString()}`, 'live');
        show('dashboard');
      }
    } catch (e) {
      status('The gateway does not answer; retrying', 'error');
    }
    schedule();
  }

  const keyOf = (r) => `${r.service}/${r.name}`;

  function render(reports, now) {
    latest = [...reports].sort((a, b) => keyOf(a).localeCompare(keyOf(b)));
    record(latest, now);
    renderTiles(latest);
    renderTable(latest);
    renderChart(now);
  }

  function record(reports, now) {
    for (const r of reports) {
      const key = keyOf(r);
      if (!history.has(key)) history.set(key, []);
      if (!colours.has(key)) colours.set(key, PALETTE[colours.size % PALETTE.length]);
      history.get(key).push({ t: now, lagEvents: r.lagEvents, lagSeconds: r.lagSeconds });
    }
    for (const [key, points] of history) {
      while (points.length && points[0].t < now - WINDOW_MS) points.shift();
      if (!points.length) history.delete(key);
    }
    samples += 1;
    $('chart').dataset.samples = String(samples);
  }

  function renderTiles(reports) {
    const heads = reports.map((r) => r.headPosition).filter((h) => h !== null && h !== undefined);
    $('head').textContent = heads.length ? Math.max(...heads).toLocaleString() : '–';

    const failing = reports.filter((r) => r.state === 'failing').length;
    const rebuilding = reports.filter((r) => r.state === 'rebuilding').length;
    const details = [failing && `${failing} failing`, rebuilding && `${rebuilding} rebuilding`].filter(Boolean);
    $('count').textContent = `${reports.length}${details.length ? ` (${details.join(', ')})` : ' live'}`;
    $('count').classList.toggle('alert', failing > 0);

    const worst = reports.reduce((w, r) => (!w || r.lagEvents > w.lagEvents ? r : w), null);
    $('max-lag').textContent = worst && worst.lagEvents > 0
      ? `${worst.lagEvents.toLocaleString()} events · ${worst.lagSeconds.toFixed(1)} s`
      : '0 events';
    $('max-lag').classList.toggle('alert', Boolean(worst && worst.lagSeconds > 5));

    const dead = reports.reduce((sum, r) => sum + (r.deadLetters || 0), 0);
    $('dead-letters').textContent = dead.toLocaleString();
    $('dead-letters').classList.toggle('alert', dead > 0);
  }

  function cell(row, text, className) {
    const td = document.createElement('td');
    td.textContent = text;
    if (className) td.className = className;
    row.appendChild(td);
    return td;
  }

  function renderTable(reports) {
    const body = $('projections').tBodies[0];
    const rows = reports.map((r) => {
      const tr = document.createElement('tr');
      tr.dataset.name = r.name;
      tr.dataset.state = r.state;
      cell(tr, r.service);
      cell(tr, r.name);
      cell(tr, r.store);
      cell(tr, String(r.generation));
      const state = cell(tr, r.state, `state state-${r.state}`);
      if (r.state === 'rebuilding' && r.headPosition > 0) {
        // Rebuild progress: how far the new generation has come towards the store's head.
        const progress = document.createElement('progress');
        progress.max = r.headPosition;
        progress.value = Math.min(r.position, r.headPosition);
        const percent = Math.floor((100 * progress.value) / r.headPosition);
        progress.setAttribute('aria-label', `rebuild ${percent}% done`);
        state.append(progress, ` ${percent}%`);
      }
      cell(tr, r.position.toLocaleString(), 'num');
      cell(tr, r.headPosition === null || r.headPosition === undefined ? '–' : r.headPosition.toLocaleString(), 'num');
      cell(tr, r.lagEvents.toLocaleString(), 'num');
      cell(tr, r.lagSeconds.toFixed(1), 'num');
      cell(tr, (r.deadLetters || 0).toLocaleString(), 'num');
      return tr;
    });
    body.replaceChildren(...rows);
  }

  function svgEl(name, attributes, text) {
    const el = document.createElementNS(SVG, name);
    for (const [k, v] of Object.entries(attributes)) el.setAttribute(k, String(v));
    if (text !== undefined) el.textContent = text;
    return el;
  }

  // Round upper bounds for the y axis (1, 2, 4, 5, 6, 8 times a power of ten), each with the number
  // of grid divisions that keeps its grid lines round.
  const STEPS = new Map([[1, 5], [2, 4], [4, 4], [5, 5], [6, 6], [8, 4]]);

  function niceMax(value) {
    if (value <= 1) return 1;
    const magnitude = 10 ** Math.floor(Math.log10(value));
    for (const step of STEPS.keys()) if (step * magnitude >= value) return step * magnitude;
    return 10 * magnitude;
  }

  // Grid lines at round values (whole events when counting events).
  function gridDivisions(top, whole) {
    if (whole && top <= 2) return top;
    const leading = Math.round(top / 10 ** Math.floor(Math.log10(top)));
    return STEPS.get(leading) || 5;
  }

  function renderChart(now) {
    const measure = $('measure').value;
    const unit = measure === 'lagEvents' ? 'events' : 's';
    const svg = $('chart-svg');
    const width = Math.max(320, Math.round(svg.getBoundingClientRect().width) || 800);
    const height = 240;
    const pad = { left: 52, right: 12, top: 12, bottom: 24 };
    const plotW = width - pad.left - pad.right;
    const plotH = height - pad.top - pad.bottom;
    svg.setAttribute('viewBox', `0 0 ${width} ${height}`);

    let max = 0;
    for (const points of history.values()) for (const p of points) max = Math.max(max, p[measure]);
    const top = niceMax(max);
    const x = (t) => pad.left + (plotW * (t - (now - WINDOW_MS))) / WINDOW_MS;
    const y = (v) => pad.top + plotH - (plotH * v) / top;

    const parts = [];
    const divisions = gridDivisions(top, measure === 'lagEvents');
    for (let i = 0; i <= divisions; i += 1) {
      const v = (top * i) / divisions;
      parts.push(svgEl('line', { class: 'grid', x1: pad.left, x2: width - pad.right, y1: y(v), y2: y(v) }));
      const label = Number.isInteger(v) ? v.toLocaleString() : v.toFixed(1);
      parts.push(svgEl('text', { class: 'axis-label', x: pad.left - 6, y: y(v) + 4, 'text-anchor': 'end' }, label));
    }
    for (let m = 5; m >= 0; m -= 1) {
      const t = now - m * 60 * 1000;
      parts.push(svgEl('text', { class: 'axis-label', x: x(t), y: height - 6, 'text-anchor': m === 5 ? 'start' : m === 0 ? 'end' : 'middle' },
        m === 0 ? 'now' : `−${m} min`));
    }
    let drawn = 0;
    for (const [key, points] of history) {
      // A new segment after a gap (the gateway or a service did not answer): never draw across it.
      const d = points.map((p, i) => {
        const move = i === 0 || p.t - points[i - 1].t > GAP_MS ? 'M' : 'L';
        return `${move}${x(p.t).toFixed(1)},${y(p[measure]).toFixed(1)}`;
      }).join(' ');
      parts.push(svgEl('path', { class: 'series', d, stroke: colours.get(key), 'data-key': key, 'data-points': points.length }));
      drawn += points.length;
    }
    svg.replaceChildren(...parts);
    $('chart').dataset.points = String(drawn);

    const legend = [...history.keys()].map((key) => {
      const li = document.createElement('li');
      const swatch = document.createElement('span');
      swatch.className = 'swatch';
      swatch.style.background = colours.get(key);
      const points = history.get(key);
      const last = points[points.length - 1][measure];
      li.append(swatch, `${key}: ${measure === 'lagEvents' ? last.toLocaleString() : last.toFixed(1)} ${unit}`);
      return li;
    });
    $('legend').replaceChildren(...legend);

    const oldest = Math.min(now, ...[...history.values()].map((p) => p[0].t));
    const span = Math.round((now - oldest) / 1000);
    $('chart-desc').textContent =
      `Lag in ${measure === 'lagEvents' ? 'events' : 'seconds'} of ${history.size} projections, ` +
      `${samples} samples over the last ${span} s; the largest lag in the window is ` +
      `${measure === 'lagEvents' ? max.toLocaleString() : max.toFixed(1)} ${unit}.`;
  }

  document.addEventListener('DOMContentLoaded', () => {
    $('sign-in-form').addEventListener('submit', signIn);
    $('sign-out').addEventListener('click', signOut);
    $('measure').addEventListener('change', () => latest.length && renderChart(Date.now()));
    if (token()) {
      status('Loading…', 'idle');
      poll();
    } else {
      signedOut('');
    }
  });
})();
