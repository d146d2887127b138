// One publication, live: the event stream's snapshot sets the state; progress events move the bars.
(function () {
  'use strict';
  const root = document.getElementById('publication');
  if (!root) { return; }
  const id = root.dataset.id;
  const stateEl = document.getElementById('state');
  const result = document.getElementById('result');
  const failure = document.getElementById('failure');
  const failureSummary = document.getElementById('failure-summary');
  const failureAdvice = document.getElementById('failure-advice');
  const failureMore = document.getElementById('failure-more');
  const failureDetails = document.getElementById('failure-details');
  const unconfirmed = document.getElementById('unconfirmed');
  const retryForm = document.getElementById('retry-form');
  const cancelForm = document.getElementById('cancel-form');
  const log = document.getElementById('log');
  const FINAL = ['published', 'failed', 'cancelled'];
  const BADGE = { published: 'ok', failed: 'bad', cancelled: 'bad', unconfirmed: 'warn' };

  function item(i) { return root.querySelector('.media-item[data-index="' + i + '"]'); }
  function bar(i) { const el = item(i); return el && el.querySelector('progress.upload'); }
  function status(i, textValue) { const el = item(i); if (el) { el.querySelector('.upload-status').textContent = textValue; } }
  function human(bytes) {
    if (bytes >= 1048576) { return (bytes / 1048576).toFixed(1) + ' MiB'; }
    if (bytes >= 1024) { return Math.round(bytes / 1024) + ' KiB'; }
    return bytes + ' bytes';
  }
  // Each event says when it happened (a page opened late catches up with the right times).
  function note(message, at) {
    const li = document.createElement('li');
    const time = document.createElement('time');
    const when = at ? new Date(at) : new Date();
    time.dateTime = when.toISOString();
    time.textContent = when.toLocaleTimeString();
    li.appendChild(time);
    li.appendChild(document.createTextNode(' ' + message));
    log.appendChild(li);
    while (log.children.length > 30) { log.removeChild(log.firstChild); }
  }
  function setState(state) {
    stateEl.textContent = state;
    stateEl.className = 'badge ' + (BADGE[state] || 'busy');
    root.dataset.state = state;
    unconfirmed.hidden = state !== 'unconfirmed';
    retryForm.hidden = state !== 'failed';
    if (cancelForm && state !== 'queued') { cancelForm.hidden = true; }
  }
  function showLink(url) {
    if (document.getElementById('post-link')) { return; }
    const p = document.createElement('p');
    p.textContent = 'Published: ';
    const a = document.createElement('a');
    a.id = 'post-link';
    a.href = url;
    a.rel = 'noopener noreferrer';
    a.target = '_blank';
    a.textContent = url;
    p.appendChild(a);
    result.appendChild(p);
  }
  // What happened and what to do; the platform's own words behind the Details toggle.
  function showFailure(p) {
    const explained = p.failureExplained;
    const summary = explained ? explained.summary : p.failure;
    failure.hidden = !summary;
    failureSummary.textContent = summary || '';
    failureAdvice.textContent = explained ? explained.advice : '';
    failureAdvice.hidden = !(explained && explained.advice);
    failureDetails.textContent = explained && explained.details ? explained.details : '';
    failureMore.hidden = !(explained && explained.details);
  }
  function on(type, handler) {
    source.addEventListener(type, function (e) { handler(JSON.parse(e.data)); });
  }

  const source = new EventSource('/api/publications/' + encodeURIComponent(id) + '/events');
  on('snapshot', function (p) {
    setState(p.state);
    if (p.postUrl) { showLink(p.postUrl); }
    if (p.state === 'published') {
      root.querySelectorAll('progress.upload').forEach(function (b) { b.value = 100; });
      root.querySelectorAll('.upload-status').forEach(function (s) { s.textContent = 'uploaded'; });
    }
    showFailure(p);
    if (FINAL.indexOf(p.state) >= 0) { source.close(); }
  });
  on('state-changed', function (e) { setState(e.state); note('now ' + e.state, e.at); });
  on('upload-started', function (e) {
    status(e.mediaIndex, (e.alreadySent > 0 ? 'resuming at ' + human(e.alreadySent) : 'uploading') + ' of '
      + human(e.totalBytes) + (e.parts > 1 ? ' in ' + e.parts + ' parts' : ''));
  });
  on('bytes-sent', function (e) {
    const b = bar(e.mediaIndex);
    if (b) { b.value = Math.floor(100 * e.sentBytes / Math.max(1, e.totalBytes)); }
    status(e.mediaIndex, human(e.sentBytes) + ' of ' + human(e.totalBytes) + ' sent'
      + (e.parts > 1 ? ' · part ' + e.partsDone + ' of ' + e.parts : ''));
  });
  on('processing', function (e) {
    const b = bar(e.mediaIndex);
    if (b) { b.value = 100; b.classList.add('done'); }
    status(e.mediaIndex, 'processing' + (e.percent >= 0 ? ' ' + e.percent + '%' : ''));
    const el = item(e.mediaIndex);
    if (el) { el.dataset.processed = String(e.percent); }
  });
  on('media-ready', function (e) {
    const b = bar(e.mediaIndex);
    if (b) { b.value = 100; }
    status(e.mediaIndex, 'uploaded and ready');
  });
  on('retrying', function (e) {
    note('retrying ' + e.operation + ' (attempt ' + e.attempt + ') in ' + Math.round(e.delayMillis / 1000) + ' s: ' + e.reason, e.at);
  });
  on('published', function (e) { setState('published'); if (e.url) { showLink(e.url); } note('published', e.at); });
  on('unconfirmed', function (e) { setState('unconfirmed'); note(e.reason, e.at); });
  // The reason in the user's words comes with the snapshot that follows; here the unfinished uploads stop.
  on('failed', function (e) {
    setState('failed');
    root.querySelectorAll('.media-item').forEach(function (el) {
      const s = el.querySelector('.upload-status');
      if (s && s.textContent !== 'uploaded and ready' && s.textContent.indexOf('stopped') !== 0) { s.textContent = 'stopped (' + s.textContent + ')'; }
    });
    note('failed', e.at);
  });
}());
