// The history follows the queue: every few seconds its rows are read again (same filters) and replaced when they
// changed, so new publications appear and states move without reloading the page.
(function () {
  'use strict';
  const rows = document.getElementById('history-rows');
  if (!rows) { return; }
  const table = document.getElementById('history');
  const empty = document.getElementById('no-publications');
  const url = '/publications/rows' + window.location.search;
  let last = rows.innerHTML;
  async function refresh() {
    try {
      const res = await fetch(url, { headers: { Accept: 'text/html' } });
      if (!res.ok) { return; }
      const html = (await res.text()).trim();
      if (html === last) { return; }
      last = html;
      rows.innerHTML = html;
      table.hidden = html === '';
      empty.hidden = html !== '';
      if (window.OutpostTimes) { window.OutpostTimes.localize(rows); }
    } catch (e) {
      // offline for a moment: the next look tries again
    } finally {
      setTimeout(refresh, 3000);
    }
  }
  last = last.trim();
  setTimeout(refresh, 3000);
}());
