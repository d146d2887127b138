// A group's page, live: one event stream for all its posts. Each snapshot (a post's state as stored, with its id)
// updates that post: its state, its link once published, its problem in the user's words, Retry when it failed; the
// group summary updates the overall state and what may still be done (edit, reschedule, cancel). When an edit
// replaced the group's posts, the page loads again.
(function () {
  'use strict';
  const root = document.getElementById('group');
  if (!root) { return; }
  const BADGE = { published: 'ok', failed: 'bad', cancelled: 'bad', unconfirmed: 'warn' };
  const FINAL = ['published', 'failed', 'cancelled'];

  // The reschedule field works in the browser's zone, from now to a year ahead, and starts at the current time.
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  const field = document.getElementById('reschedule-at');
  function local(date) {
    const shifted = new Date(date.getTime() - date.getTimezoneOffset() * 60000);
    return shifted.toISOString().slice(0, 16);
  }
  if (field) {
    document.getElementById('reschedule-zone').textContent = zone;
    document.getElementById('reschedule-time-zone').value = zone;
    const now = new Date();
    field.min = local(now);
    field.max = local(new Date(now.getTime() + 364 * 86400000));
    const scheduled = document.getElementById('scheduled');
    if (scheduled && scheduled.dateTime) { field.value = local(new Date(scheduled.dateTime)); }
  }

  function item(id) { return root.querySelector('.item[data-publication="' + CSS.escape(id) + '"]'); }

  function update(p) {
    const li = item(p.id);
    if (!li) { return; }
    li.dataset.state = p.state;
    const badge = li.querySelector('.state');
    badge.textContent = p.state;
    badge.className = 'badge ' + (BADGE[p.state] || 'busy') + ' state';
    const linkLine = li.querySelector('.item-link');
    if (p.postUrl) {
      const a = linkLine.querySelector('a');
      a.href = p.postUrl;
      a.textContent = p.postUrl;
      linkLine.hidden = false;
    }
    const explained = p.failureExplained;
    let problem = explained ? explained.summary + (explained.advice ? ' ' + explained.advice : '') : (p.failure || '');
    if (p.state === 'unconfirmed') { problem = 'Unconfirmed: Outpost is finding out whether the platform made the post.'; }
    if (p.state === 'published' || p.state === 'queued' && !p.failure) { problem = ''; }
    li.querySelector('.item-problem').textContent = problem;
    li.querySelector('.retry-form').hidden = p.state !== 'failed';
  }

  function summary(g) {
    const badge = document.getElementById('group-state');
    badge.textContent = g.words;
    badge.className = 'badge ' + g.badge;
    root.dataset.state = g.state;
    document.getElementById('edit').hidden = !g.editable;
    const reschedule = document.getElementById('reschedule-form');
    if (reschedule) { reschedule.hidden = !g.editable; }
    document.getElementById('cancel-group-form').hidden = !g.cancellable;
  }

  const source = new EventSource('/api/groups/' + encodeURIComponent(root.dataset.id) + '/events');
  function on(type, handler) {
    source.addEventListener(type, function (e) { handler(JSON.parse(e.data)); });
  }
  on('snapshot', update);
  on('group', summary);
  on('group-replaced', function () { source.close(); window.location.reload(); });
  // Leaving through one of the page's forms (retry, cancel, reschedule): the stream stops first, so its news (an
  // edit replacing the posts) cannot reload this page over the form's answer.
  root.querySelectorAll('form').forEach(function (form) {
    form.addEventListener('submit', function () { source.close(); });
  });
  on('state-changed', function (e) {
    const li = item(e.publication);
    if (li && FINAL.indexOf(li.dataset.state) < 0) { update({ id: e.publication, state: e.state }); }
  });
  on('published', function (e) { update({ id: e.publication, state: 'published', postUrl: e.url }); });
}());
