// The calendar of scheduled publications, drawn in the browser's own time zone: a week (Monday first) or a month,
// previous / next / today, today marked. The view and the day shown stay in the address (?view=month&date=…), so a
// reload or a shared link shows the same. Entries come from /api/calendar for the days on screen.
(function () {
  'use strict';
  const root = document.getElementById('calendar');
  if (!root) { return; }
  const title = document.getElementById('cal-title');
  const problem = document.getElementById('cal-problem');
  const weekButton = document.getElementById('view-week');
  const monthButton = document.getElementById('view-month');
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  document.getElementById('cal-zone').textContent = zone;
  const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
  const dayFormat = new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'short' });
  const longDay = new Intl.DateTimeFormat(undefined, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
  const monthFormat = new Intl.DateTimeFormat(undefined, { month: 'long', year: 'numeric' });
  const weekdays = [];
  for (let i = 0; i < 7; i++) { weekdays.push(new Intl.DateTimeFormat(undefined, { weekday: 'short' }).format(new Date(2024, 0, 1 + i))); }

  const params = new URLSearchParams(window.location.search);
  let view = params.get('view') === 'month' ? 'month' : 'week';
  let anchor = parseDay(params.get('date')) || startOfDay(new Date());

  function parseDay(value) {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value || '');
    return m ? new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : null;
  }
  function startOfDay(d) { return new Date(d.getFullYear(), d.getMonth(), d.getDate()); }
  function addDays(d, n) { return new Date(d.getFullYear(), d.getMonth(), d.getDate() + n); }
  function key(d) {
    return d.getFullYear() + '-' + String(d.getMonth() + 1).padStart(2, '0') + '-' + String(d.getDate()).padStart(2, '0');
  }
  function mondayOf(d) { return addDays(d, -((d.getDay() + 6) % 7)); }

  /** The days on screen: a week, or the whole weeks covering the month. */
  function range() {
    if (view === 'week') {
      const start = mondayOf(anchor);
      return { start: start, end: addDays(start, 7) };
    }
    const first = new Date(anchor.getFullYear(), anchor.getMonth(), 1);
    const next = new Date(anchor.getFullYear(), anchor.getMonth() + 1, 1);
    const start = mondayOf(first);
    const end = addDays(mondayOf(addDays(next, -1)), 7);
    return { start: start, end: end };
  }

  function words(text) {
    const flat = (text || '').replace(/\s+/g, ' ').trim();
    return flat.length > 60 ? flat.slice(0, 59) + '…' : flat;
  }

  function entryElement(e) {
    const a = document.createElement('a');
    a.className = 'cal-entry';
    a.href = e.href;
    const at = new Date(e.at);
    const time = document.createElement('time');
    time.dateTime = at.toISOString();
    time.textContent = timeFormat.format(at);
    a.appendChild(time);
    const text = document.createElement('span');
    text.className = 'cal-text';
    text.textContent = ' ' + (words(e.text) || '(no text)');
    a.appendChild(text);
    const platforms = document.createElement('span');
    platforms.className = 'cal-platforms';
    platforms.textContent = e.platforms.join(' · ') + (e.posts > 1 ? ' · thread of ' + e.posts : '');
    a.appendChild(platforms);
    a.title = longDay.format(at) + ', ' + timeFormat.format(at) + ' (' + zone + ') to ' + e.accounts.join(', ');
    return a;
  }

  function draw(entries) {
    const r = range();
    const today = key(new Date());
    const byDay = {};
    entries.forEach(function (e) { const k = key(new Date(e.at)); (byDay[k] = byDay[k] || []).push(e); });
    root.dataset.view = view;
    root.textContent = '';
    const head = document.createElement('div');
    head.className = 'cal-weekdays';
    head.setAttribute('aria-hidden', 'true');
    weekdays.forEach(function (w) { const s = document.createElement('span'); s.textContent = w; head.appendChild(s); });
    root.appendChild(head);
    const grid = document.createElement('ol');
    grid.className = 'cal-grid ' + view;
    for (let d = r.start; d < r.end; d = addDays(d, 1)) {
      const k = key(d);
      const li = document.createElement('li');
      li.className = 'cal-day';
      li.dataset.date = k;
      if (view === 'month' && d.getMonth() !== anchor.getMonth()) { li.classList.add('other-month'); }
      const h = document.createElement('h3');
      h.className = 'cal-date';
      h.textContent = view === 'week' ? dayFormat.format(d) : String(d.getDate());
      h.title = longDay.format(d);
      const label = document.createElement('span');
      label.className = 'sr-only';
      label.textContent = ' ' + longDay.format(d);
      if (view === 'month') { h.appendChild(label); }
      if (k === today) {
        li.classList.add('today');
        li.setAttribute('aria-current', 'date');
        const mark = document.createElement('span');
        mark.className = 'today-mark';
        mark.textContent = 'today';
        h.appendChild(mark);
      }
      li.appendChild(h);
      const list = byDay[k] || [];
      if (list.length) {
        const ul = document.createElement('ul');
        ul.className = 'cal-entries';
        list.forEach(function (e) { const item = document.createElement('li'); item.appendChild(entryElement(e)); ul.appendChild(item); });
        li.appendChild(ul);
      }
      grid.appendChild(li);
    }
    root.appendChild(grid);
    root.dataset.loaded = key(r.start) + '/' + entries.length;
  }

  async function show() {
    const r = range();
    title.textContent = view === 'week'
      ? dayFormat.format(r.start) + ' – ' + dayFormat.format(addDays(r.end, -1)) + ', ' + r.start.getFullYear()
      : monthFormat.format(anchor);
    weekButton.setAttribute('aria-pressed', String(view === 'week'));
    monthButton.setAttribute('aria-pressed', String(view === 'month'));
    const url = new URL(window.location.href);
    url.searchParams.set('view', view);
    url.searchParams.set('date', key(anchor));
    window.history.replaceState(null, '', url);
    problem.textContent = '';
    try {
      const res = await fetch('/api/calendar?from=' + encodeURIComponent(r.start.toISOString()) + '&to='
        + encodeURIComponent(r.end.toISOString()), { headers: { Accept: 'application/json' } });
      const body = await res.json();
      if (!res.ok) { throw new Error(body.message || res.status); }
      draw(body.entries);
    } catch (e) {
      draw([]);
      problem.textContent = 'Could not load the scheduled posts: ' + e.message;
    }
  }

  function move(step) {
    anchor = view === 'week' ? addDays(anchor, 7 * step)
      : new Date(anchor.getFullYear(), anchor.getMonth() + step, 1);
    show();
  }
  document.getElementById('cal-prev').addEventListener('click', function () { move(-1); });
  document.getElementById('cal-next').addEventListener('click', function () { move(1); });
  document.getElementById('cal-today').addEventListener('click', function () { anchor = startOfDay(new Date()); show(); });
  weekButton.addEventListener('click', function () { view = 'week'; show(); });
  monthButton.addEventListener('click', function () { view = 'month'; show(); });
  show();
}());
