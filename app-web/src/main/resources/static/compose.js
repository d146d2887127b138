// Compose for one or several accounts, one post or a thread. The accounts to post to are checkboxes; each post of
// the thread has its text, media with alt text, a live count per chosen account (that platform's own measure,
// server-side, against that account's limits) and, per account, a text of its own ("customise"). A preview per
// chosen account shows the post(s) as that platform would: links as it shows them, the image grid, alt badges, a
// video's first frame, and the part past the limit marked where the platform would cut. One post for one account
// goes as before (POST /api/publications with "account"); anything more goes as a group (targets[k], items[i].…),
// which the core checks whole, every account × post, before anything is sent. The draft is saved on the server as
// it is typed (POST /api/drafts). An attached file goes up at once (POST /api/uploads, its progress on its card): the
// draft then names it by its upload id, with its alt text and focal point, and publishing names it by that id instead
// of sending it again. Problems land beside the account, post or field they name.
(function () {
  'use strict';
  const form = document.getElementById('compose');
  if (!form) { return; }
  const csrf = document.querySelector('meta[name="csrf-token"]').content;
  const data = JSON.parse(document.getElementById('compose-data').textContent);
  const accounts = {};
  data.accounts.forEach(function (a, n) { a.n = n; accounts[a.id] = a; });
  const itemsBox = document.getElementById('items');
  const previews = document.getElementById('previews');
  const optionsBox = document.getElementById('post-options');
  const addItem = document.getElementById('add-item');
  const replyTo = document.getElementById('replyTo');
  const scheduledAt = document.getElementById('scheduledAt');
  const sending = document.getElementById('sending');
  const sendProgress = document.getElementById('send-progress');
  const sendStatus = document.getElementById('send-status');
  const publish = document.getElementById('publish');
  const draftStatus = document.getElementById('draft-status');
  const MAX_ITEMS = 25;
  let keys = 0;
  const state = { items: [], options: {}, draftId: data.draftId || null };

  function newItem(text) { return { key: ++keys, text: text || '', media: [], overrides: {} }; }

  // ---- targets -----------------------------------------------------------------------------------------------
  function boxes() { return Array.prototype.slice.call(form.querySelectorAll('.target-box')); }
  function chosen() { return boxes().filter(function (b) { return b.checked; }).map(function (b) { return accounts[b.value]; }); }
  boxes().forEach(function (box) {
    box.addEventListener('change', function () { structureChanged(); });
  });

  // ---- problem slots -----------------------------------------------------------------------------------------
  // Item 0 keeps the single post's field names (text, media, media[0], media[0].alt); later posts are items[i].….
  function slot(i, field) { return i === 0 ? field : 'items[' + i + '].' + field; }
  function overrideSlot(i, account) { return 'override[' + i + '][' + account + ']'; }
  function idFor(i, base) { return i === 0 ? base : base + '-' + i; }
  function altId(i, j) { return i === 0 ? 'alt-' + j : 'alt-' + i + '-' + j; }
  function focusId(axis, i, j) { return i === 0 ? 'focus-' + axis + '-' + j : 'focus-' + axis + '-' + i + '-' + j; }

  function problemEl(field, control) {
    const p = document.createElement('p');
    p.className = 'problem';
    p.hidden = true;
    p.dataset.problemFor = field;
    if (control) { p.dataset.control = control; }
    return p;
  }

  function problemFor(field) { return form.querySelector('[data-problem-for="' + CSS.escape(field) + '"]'); }

  function controlFor(field) {
    const el = problemFor(field);
    if (el && el.dataset.control) { return document.getElementById(el.dataset.control); }
    const ids = { replyTo: 'replyTo', scheduledAt: 'scheduledAt' };
    let m = /^options\.(.+)$/.exec(field);
    if (m) { return document.getElementById('option-' + m[1]); }
    return ids[field] ? document.getElementById(ids[field]) : null;
  }

  // The server's field names, as the slots of this page: the core's targets[<account>].items[<i>].<field> lands
  // beside that post's field (or that account's own text for the post, when customised).
  function slotOf(field) {
    let m = /^targets\[(.+?)\]\.items\[(\d+)\]\.(.+)$/.exec(field);
    if (m) {
      const i = Number(m[2]);
      const item = state.items[i];
      if (!item) { return 'targets'; }
      if (m[3] === 'text' && item.overrides[m[1]] !== undefined) { return overrideSlot(i, m[1]); }
      const s = slot(i, m[3]);
      if (problemFor(s)) { return s; }
      const media = /^media(\[\d+\])?/.exec(m[3]);
      return media ? slot(i, 'media') : slot(i, 'text');
    }
    m = /^targets\[(.+?)\]/.exec(field);
    if (m) { return problemFor('targets[' + m[1] + ']') ? 'targets[' + m[1] + ']' : 'targets'; }
    if (field === 'account' || field === 'accounts' || field === 'targets') { return 'targets'; }
    m = /^items\[(\d+)\]\.(.+)$/.exec(field);
    if (m) { return problemFor(slot(Number(m[1]), m[2])) ? slot(Number(m[1]), m[2]) : slot(Number(m[1]), 'text'); }
    return field;
  }

  function show(problems, focus) {
    // What the live count already says beside a field is not said twice.
    const shown = problems.map(function (p) { return { field: slotOf(p.field), message: p.message }; })
      .filter(function (p) { return !live[p.field] || live[p.field].indexOf(p.message) < 0; });
    // Each account with a problem says so at its checkbox too: fix it, or untick it to publish without it.
    const named = [];
    problems.forEach(function (p) {
      const m = /^targets\[(.+?)\]\.items\[/.exec(p.field);
      if (m && named.indexOf(m[1]) < 0 && accounts[m[1]]) { named.push(m[1]); }
    });
    named.forEach(function (id) {
      shown.push({ field: 'targets[' + id + ']', message: 'This account has a problem (see below): fix it, or untick'
        + ' the account to publish without it.' });
    });
    window.OutpostProblems.show(form, shown, controlFor, focus);
  }

  // Past a limit, the problem shows beside the text as it is typed, in the core's words; kept apart from the
  // problems a submit brought, so either can change alone.
  let live = {};
  function setLive(field, message) {
    const el = problemFor(field);
    if (!el) { return; }
    const old = live[field] || '';
    if (old) { el.textContent = el.textContent.replace(old, '').trim(); }
    // Already said there by the server in the same words: once is enough.
    if (message && el.textContent.indexOf(message) >= 0) { message = ''; }
    live[field] = message || '';
    if (message) { el.textContent = el.textContent ? message + ' ' + el.textContent : message; }
    el.hidden = !el.textContent;
    const control = el.dataset.control ? document.getElementById(el.dataset.control) : null;
    if (!control) { return; }
    el.id = el.id || 'problem-' + field.replace(/[^A-Za-z0-9_-]/g, '-');
    if (el.textContent) {
      control.setAttribute('aria-invalid', 'true');
      const ids = (control.getAttribute('aria-describedby') || '').split(/\s+/).filter(Boolean);
      if (ids.indexOf(el.id) < 0) { ids.push(el.id); control.setAttribute('aria-describedby', ids.join(' ')); }
    } else {
      control.removeAttribute('aria-invalid');
    }
  }

  function clearProblems() {
    window.OutpostProblems.clear(form);
    live = {};
    showCounts();
  }

  // ---- measuring ---------------------------------------------------------------------------------------------
  const measured = {};
  const pending = {};
  function textFor(item, account) {
    return item.overrides[account.id] !== undefined ? item.overrides[account.id] : item.text;
  }
  // The chosen options the account's platform declares: a platform may count one (a content warning) with the text.
  function optionsFor(account) {
    const values = {};
    account.rules.options.forEach(function (option) {
      if (state.options[option.key]) { values[option.key] = state.options[option.key]; }
    });
    return values;
  }
  function measureKey(account, text) {
    return account.id + '\u0000' + text + '\u0000' + JSON.stringify(optionsFor(account));
  }

  function measure(account, text) {
    const key = measureKey(account, text);
    if (measured[key] || pending[key]) { return pending[key] || Promise.resolve(measured[key]); }
    pending[key] = fetch('/api/measure', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf },
      body: JSON.stringify({ text: text, account: account.id, options: optionsFor(account) })
    }).then(function (res) { return res.ok ? res.json() : null; }).then(function (m) {
      delete pending[key];
      if (m) { measured[key] = m; }
      return m;
    }, function () { delete pending[key]; return null; });
    return pending[key];
  }

  let measureTimer = null;
  function remeasure() {
    clearTimeout(measureTimer);
    measureTimer = setTimeout(function () {
      const all = [];
      state.items.forEach(function (item) {
        chosen().forEach(function (a) { all.push(measure(a, textFor(item, a))); });
      });
      Promise.all(all).then(function () { showCounts(); renderPreviews(); });
    }, 120);
  }

  function countOf(item, account) { return measured[measureKey(account, textFor(item, account))] || null; }

  function anyOver() {
    return state.items.some(function (item) {
      return chosen().some(function (a) { const m = countOf(item, a); return m && m.over; });
    });
  }

  function showCounts() {
    const many = chosen().length > 1;
    state.items.forEach(function (item, i) {
      const textLive = [];
      chosen().forEach(function (a) {
        const m = countOf(item, a);
        const el = itemsBox.querySelector('.counter[data-item="' + i + '"][data-account="' + CSS.escape(a.id) + '"]');
        if (el && m) {
          el.querySelector('.count').textContent = m.length;
          el.querySelector('.count-max').textContent = m.max;
          el.querySelector('.count-unit').textContent = m.unit;
          el.classList.toggle('over', m.over);
        }
        // With several accounts, the account as the core names it ("X @alice: the text counts …").
        const message = m && m.over && m.problem ? (many ? a.label + ': ' + m.problem.replace(a.rules.platform + ': ', '')
          : m.problem) : '';
        if (item.overrides[a.id] !== undefined) {
          setLive(overrideSlot(i, a.id), message);
        } else if (message) {
          textLive.push(message);
        }
      });
      setLive(slot(i, 'text'), textLive.join(' '));
    });
  }

  // ---- items -------------------------------------------------------------------------------------------------
  function kindOf(file) {
    if (file.type === 'image/gif') { return 'gif'; }
    if (file.type.indexOf('video/') === 0) { return 'video'; }
    return 'image';
  }

  function human(bytes) {
    if (bytes >= 1048576) { return (bytes / 1048576).toFixed(1).replace(/\.0$/, '') + ' MiB'; }
    if (bytes >= 1024) { return Math.round(bytes / 1024) + ' KiB'; }
    return bytes + ' bytes';
  }

  function el(tag, className, text) {
    const e = document.createElement(tag);
    if (className) { e.className = className; }
    if (text !== undefined) { e.textContent = text; }
    return e;
  }

  function button(text, className, label, onClick) {
    const b = el('button', className, text);
    b.type = 'button';
    if (label) { b.setAttribute('aria-label', label); }
    b.addEventListener('click', onClick);
    return b;
  }

  function renderItems(focusId) {
    itemsBox.textContent = '';
    const thread = state.items.length > 1;
    const targets = chosen();
    state.items.forEach(function (item, i) {
      const li = el('li', 'item');
      li.dataset.item = String(i);
      const head = el('div', 'item-head');
      const title = el('h2', 'item-title', thread ? 'Post ' + (i + 1) + ' of ' + state.items.length : 'Post');
      title.id = 'item-title-' + i;
      head.appendChild(title);
      if (thread) {
        const tools = el('div', 'item-tools');
        const up = button('↑ Up', 'secondary small move-up', 'Move post ' + (i + 1) + ' up', function () { move(i, -1); });
        up.id = 'move-up-' + i;
        up.disabled = i === 0;
        const down = button('↓ Down', 'secondary small move-down', 'Move post ' + (i + 1) + ' down', function () { move(i, 1); });
        down.id = 'move-down-' + i;
        down.disabled = i === state.items.length - 1;
        const remove = button('Remove', 'secondary small remove-item', 'Remove post ' + (i + 1), function () { removeItem(i); });
        remove.id = 'remove-item-' + i;
        tools.appendChild(up);
        tools.appendChild(down);
        tools.appendChild(remove);
        head.appendChild(tools);
      }
      li.appendChild(head);

      const label = el('label', '', thread ? 'Text of post ' + (i + 1) : 'Text');
      label.htmlFor = idFor(i, 'text');
      li.appendChild(label);
      const text = el('textarea', 'item-text');
      text.id = idFor(i, 'text');
      text.name = i === 0 ? 'text' : 'items[' + i + '].text';
      text.rows = 5;
      text.placeholder = i === 0 ? 'Write your post' : 'Write post ' + (i + 1);
      text.value = item.text;
      text.addEventListener('input', function () { item.text = text.value; changed(); });
      li.appendChild(text);

      const counts = el('div', 'counts');
      counts.setAttribute('aria-live', 'polite');
      if (i === 0) { counts.id = 'counts'; }
      targets.forEach(function (a, k) {
        const c = el('div', 'counter');
        c.dataset.item = String(i);
        c.dataset.account = a.id;
        if (i === 0 && k === 0) {
          c.id = 'counter';
          c.setAttribute('aria-live', 'polite');
          c.setAttribute('aria-atomic', 'true');
        }
        const who = el('span', 'who', a.platform + ' @' + a.handle + (item.overrides[a.id] !== undefined ? ' (own text)' : '') + ': ');
        const count = el('span', 'count', '0');
        const max = el('span', 'count-max', String(a.rules.maxText));
        const unit = el('span', 'count-unit muted', a.rules.textUnit);
        if (i === 0 && k === 0) { count.id = 'count'; max.id = 'count-max'; unit.id = 'count-unit'; }
        c.appendChild(who);
        c.appendChild(count);
        c.appendChild(document.createTextNode(' / '));
        c.appendChild(max);
        c.appendChild(document.createTextNode(' '));
        c.appendChild(unit);
        counts.appendChild(c);
      });
      li.appendChild(counts);
      li.appendChild(problemEl(slot(i, 'text'), text.id));

      // Customise per account: a text of its own for this post.
      if (targets.length > 1 || targets.some(function (a) { return item.overrides[a.id] !== undefined; })) {
        targets.forEach(function (a) {
          const wrap = el('div', 'override');
          const toggleId = 'customise-' + i + '-' + a.n;
          const areaId = 'override-' + i + '-' + a.n;
          const toggle = document.createElement('input');
          toggle.type = 'checkbox';
          toggle.id = toggleId;
          toggle.className = 'customise';
          toggle.dataset.account = a.id;
          toggle.checked = item.overrides[a.id] !== undefined;
          toggle.setAttribute('aria-controls', areaId);
          const tl = el('label', 'choice', 'Customise for ' + a.platform + ' @' + a.handle);
          tl.htmlFor = toggleId;
          tl.insertBefore(toggle, tl.firstChild);
          wrap.appendChild(tl);
          const area = el('textarea', 'override-text');
          area.id = areaId;
          area.rows = 3;
          area.dataset.account = a.id;
          area.setAttribute('aria-label', 'Text for ' + a.platform + ' @' + a.handle + (thread ? ', post ' + (i + 1) : ''));
          area.hidden = !toggle.checked;
          area.value = toggle.checked ? item.overrides[a.id] : '';
          toggle.addEventListener('change', function () {
            if (toggle.checked) {
              item.overrides[a.id] = item.text;
              area.value = item.text;
            } else {
              delete item.overrides[a.id];
            }
            renderItems(toggle.checked ? areaId : toggleId);
            changed();
          });
          area.addEventListener('input', function () { item.overrides[a.id] = area.value; changed(); });
          wrap.appendChild(area);
          wrap.appendChild(problemEl(overrideSlot(i, a.id), areaId));
          li.appendChild(wrap);
        });
      }

      renderMedia(li, item, i);
      itemsBox.appendChild(li);
    });
    addItem.disabled = state.items.length >= MAX_ITEMS;
    renderSummary();
    if (focusId) {
      const f = document.getElementById(focusId);
      if (f) { f.focus(); }
    }
  }

  function renderMedia(li, item, i) {
    const mediaLabel = el('label', '', 'Media ');
    mediaLabel.htmlFor = idFor(i, 'file-input');
    const summary = el('span', 'muted');
    summary.appendChild(document.createTextNode('('));
    const s = el('span', 'media-summary');
    if (i === 0) { s.id = 'media-summary'; }
    summary.appendChild(s);
    summary.appendChild(document.createTextNode(')'));
    mediaLabel.appendChild(summary);
    li.appendChild(mediaLabel);
    const drop = el('div', 'dropzone');
    drop.id = idFor(i, 'dropzone');
    const p = el('p', '', 'Drop files here, or choose files: ');
    drop.appendChild(p);
    const input = document.createElement('input');
    input.type = 'file';
    input.multiple = true;
    input.id = idFor(i, 'file-input');
    input.className = 'file-input';
    input.addEventListener('change', function () { addFiles(i, input.files); input.value = ''; });
    drop.appendChild(input);
    ['dragenter', 'dragover'].forEach(function (type) {
      drop.addEventListener(type, function (e) { e.preventDefault(); drop.classList.add('dragging'); });
    });
    ['dragleave', 'drop'].forEach(function (type) {
      drop.addEventListener(type, function (e) { e.preventDefault(); drop.classList.remove('dragging'); });
    });
    drop.addEventListener('drop', function (e) { addFiles(i, e.dataTransfer.files); });
    li.appendChild(drop);
    li.appendChild(problemEl(slot(i, 'media'), input.id));
    const list = el('ol', 'media-list');
    list.id = idFor(i, 'media-list');
    const maxAlt = Math.min.apply(null, chosen().map(function (a) { return a.rules.maxAlt; }).concat([1500]));
    item.media.forEach(function (m, j) {
      const row = el('li', 'media-item');
      row.dataset.index = String(j);
      const preview = m.url ? document.createElement(m.kind === 'video' ? 'video' : 'img') : el('div', 'kept', m.kind);
      if (m.url) {
        preview.src = m.url;
        if (m.kind === 'video') { preview.muted = true; } else { preview.alt = 'preview of ' + m.name; }
      }
      preview.classList.add('preview');
      row.appendChild(preview);
      row.dataset.media = String(m.key);
      const info = el('div', 'media-info');
      info.appendChild(el('div', 'file-name', m.name + (m.size ? ' · ' + human(m.size) : ' · kept from the scheduled post')));
      if (m.file || m.upload) { info.appendChild(uploadStatus(m, i, j)); }
      if (maxAlt > 0) {
        const al = el('label', '', 'Alt text');
        al.htmlFor = altId(i, j);
        const alt = el('textarea', 'alt');
        alt.id = altId(i, j);
        alt.rows = 2;
        alt.placeholder = 'Describe it for people who cannot see it';
        alt.value = m.alt;
        alt.addEventListener('input', function () { m.alt = alt.value; changed(); });
        info.appendChild(al);
        info.appendChild(alt);
        info.appendChild(problemEl(slot(i, 'media[' + j + '].alt'), alt.id));
      }
      // The focal point: what a platform that crops previews keeps in view (-1..1 each; empty for the centre).
      const focus = el('div', 'focus');
      [['x', 'Focal point x (-1 left, 1 right)', 'focusX'], ['y', 'Focal point y (-1 bottom, 1 top)', 'focusY']]
        .forEach(function (axis) {
          const fl = el('label', '', axis[1]);
          fl.htmlFor = focusId(axis[0], i, j);
          const input = document.createElement('input');
          input.type = 'number';
          input.id = focusId(axis[0], i, j);
          input.className = 'focus-' + axis[0];
          input.min = '-1';
          input.max = '1';
          input.step = '0.01';
          input.placeholder = '0';
          input.value = m[axis[2]] || '';
          input.addEventListener('input', function () { m[axis[2]] = input.value; changed(); });
          fl.appendChild(input);
          focus.appendChild(fl);
        });
      info.appendChild(focus);
      info.appendChild(problemEl(slot(i, 'media[' + j + '].focus'), focusId('x', i, j)));
      const remove = button('Remove', 'secondary remove', 'Remove ' + m.name, function () {
        if (m.xhr) { m.xhr.abort(); }
        if (m.url && m.url.indexOf('blob:') === 0) { URL.revokeObjectURL(m.url); }
        item.media.splice(j, 1);
        structureChanged(idFor(i, 'file-input'));
      });
      remove.id = 'remove-media-' + i + '-' + j;
      info.appendChild(problemEl(slot(i, 'media[' + j + ']'), remove.id));
      info.appendChild(remove);
      row.appendChild(info);
      list.appendChild(row);
    });
    li.appendChild(list);
  }

  // What the chosen accounts take, beside each post's media.
  function renderSummary() {
    const targets = chosen();
    const text = targets.length === 1 ? targets[0].rules.mediaSummary : targets.map(function (a) {
      return a.platform + ' @' + a.handle + ': ' + a.rules.mediaSummary;
    }).filter(function (v, k, all) { return all.indexOf(v) === k; }).join('; ');
    const accept = [];
    targets.forEach(function (a) {
      a.rules.accept.split(',').forEach(function (t) { if (t && accept.indexOf(t) < 0) { accept.push(t); } });
    });
    itemsBox.querySelectorAll('.media-summary').forEach(function (s) { s.textContent = text || 'choose an account'; });
    itemsBox.querySelectorAll('.file-input').forEach(function (f) { f.accept = accept.join(','); });
    form.dataset.platform = targets.length ? targets[0].platform : '';
  }

  function addFiles(i, files) {
    const added = [];
    Array.prototype.forEach.call(files, function (file) {
      const m = { key: ++mediaKeys, file: file, url: URL.createObjectURL(file), alt: '', focusX: '', focusY: '',
        name: file.name, kind: kindOf(file), size: file.size };
      state.items[i].media.push(m);
      added.push(m);
    });
    structureChanged();
    show(precheck(false));
    added.forEach(startUpload);
  }

  // ---- uploads as files are attached -------------------------------------------------------------------------
  // Each file goes up on its own (XMLHttpRequest: only it reports progress). Done, it has its upload id, which the
  // draft keeps; refused (not an image or video, over the size cap), its card says why and the draft leaves it out;
  // failed on the way (the connection), it goes with the post as before when publishing, but no draft keeps it.
  let mediaKeys = 0;
  function startUpload(m) {
    if (m.upload || m.uploading || !m.file || m.size === 0) { return m.uploaded || Promise.resolve(); }
    m.uploading = true;
    m.sent = 0;
    m.uploaded = new Promise(function (resolve) {
      const body = new FormData();
      body.append('file', m.file, m.name);
      const xhr = new XMLHttpRequest();
      m.xhr = xhr;
      xhr.open('POST', '/api/uploads');
      xhr.setRequestHeader('X-CSRF-Token', csrf);
      xhr.setRequestHeader('Accept', 'application/json');
      xhr.upload.addEventListener('progress', function (e) {
        if (e.lengthComputable && e.total > 0) { m.sent = e.loaded / e.total; showUpload(m); }
      });
      function done(outcome) {
        m.uploading = false;
        m.xhr = null;
        outcome();
        showUpload(m);
        changed();
        resolve();
      }
      xhr.addEventListener('load', function () {
        let answer;
        try { answer = JSON.parse(xhr.responseText); } catch (err) { answer = null; }
        done(function () {
          if (xhr.status === 201 && answer && answer.uploads && answer.uploads.length === 1) {
            m.upload = answer.uploads[0].id;
          } else if (xhr.status === 413 || xhr.status === 415 || xhr.status === 422) {
            const problem = answer && answer.problems && answer.problems.length ? answer.problems[0].message
              : answer && answer.message;
            m.refused = problem || m.name + ' was refused by the server';
          } else {
            m.failed = m.name + ' could not be uploaded (the server answered ' + xhr.status + ')';
          }
        });
      });
      xhr.addEventListener('error', function () {
        done(function () { m.failed = m.name + ' could not be uploaded (the connection failed)'; });
      });
      xhr.addEventListener('abort', function () { m.uploading = false; m.xhr = null; resolve(); });
      xhr.send(body);
    });
    return m.uploaded;
  }

  // The card's line about its upload: a progress bar while it goes up, then kept, refused or not kept.
  function uploadStatus(m, i, j) {
    const box = el('div', 'attach-status');
    const text = el('span', 'attach-text');
    text.id = 'attach-status-' + i + '-' + j;
    text.setAttribute('role', 'status');
    const bar = document.createElement('progress');
    bar.max = 100;
    bar.className = 'attach-progress';
    bar.setAttribute('aria-labelledby', text.id);
    box.appendChild(bar);
    box.appendChild(text);
    fillUploadStatus(box, m);
    return box;
  }

  function fillUploadStatus(box, m) {
    const bar = box.querySelector('.attach-progress');
    const text = box.querySelector('.attach-text');
    bar.hidden = !m.uploading;
    bar.value = Math.floor(100 * (m.sent || 0));
    box.classList.toggle('attach-bad', Boolean(m.refused || m.failed));
    // The bar says how far; the words change only when the outcome does, so a screen reader is not flooded.
    const said = m.uploading ? 'Uploading…'
      : m.refused ? 'Refused: ' + m.refused + '; it is not kept in the draft: remove it.'
        : m.failed ? m.failed + '; it is sent with the post when you publish, but not kept in the draft.'
          : m.upload ? (data.edit ? 'Uploaded.' : 'Uploaded; kept in the draft.') : '';
    if (text.textContent !== said) { text.textContent = said; }
  }

  function showUpload(m) {
    const box = itemsBox.querySelector('.media-item[data-media="' + m.key + '"] .attach-status');
    if (box) { fillUploadStatus(box, m); }
  }

  function move(i, by) {
    const j = i + by;
    if (j < 0 || j >= state.items.length) { return; }
    const moved = state.items.splice(i, 1)[0];
    state.items.splice(j, 0, moved);
    const focus = (by < 0 ? 'move-up-' : 'move-down-') + j;
    const fallback = (by < 0 ? 'move-down-' : 'move-up-') + j;
    structureChanged(document.getElementById(focus) && !isEdge(j, by) ? focus : fallback);
    announce('Post moved to position ' + (j + 1) + ' of ' + state.items.length);
  }
  function isEdge(j, by) { return (by < 0 && j === 0) || (by > 0 && j === state.items.length - 1); }

  function removeItem(i) {
    state.items.splice(i, 1);
    structureChanged(state.items.length > 1 ? 'remove-item-' + Math.min(i, state.items.length - 1) : 'text');
    announce('Post ' + (i + 1) + ' removed; ' + state.items.length + (state.items.length === 1 ? ' post' : ' posts') + ' left');
  }

  addItem.addEventListener('click', function () {
    if (state.items.length >= MAX_ITEMS) { return; }
    state.items.push(newItem(''));
    structureChanged('text-' + (state.items.length - 1));
    announce('Post ' + state.items.length + ' added');
  });

  function announce(message) { document.getElementById('thread-status').textContent = message; }

  // ---- options -----------------------------------------------------------------------------------------------
  // Each option key once, for the chosen accounts whose platform declares it.
  function renderOptions() {
    optionsBox.textContent = '';
    const seen = {};
    chosen().forEach(function (a) {
      a.rules.options.forEach(function (option) {
        if (!seen[option.key]) { seen[option.key] = { option: option, platforms: [] }; }
        if (seen[option.key].platforms.indexOf(a.platform) < 0) { seen[option.key].platforms.push(a.platform); }
      });
    });
    Object.keys(seen).forEach(function (key) {
      const option = seen[key].option;
      const id = 'option-' + key;
      const label = el('label', '', option.label + ' ');
      label.htmlFor = id;
      label.appendChild(el('span', 'muted', '(optional; ' + seen[key].platforms.join(', ') + ')'));
      optionsBox.appendChild(label);
      let input;
      if (option.choices.length) {
        input = document.createElement('select');
        const none = el('option', '', 'the platform\'s default');
        none.value = '';
        input.appendChild(none);
        option.choices.forEach(function (choice) {
          const o = el('option', '', choice);
          o.value = choice;
          input.appendChild(o);
        });
        const kept = state.options[key];
        input.value = kept && option.choices.indexOf(kept) >= 0 ? kept : '';
      } else {
        input = document.createElement('input');
        input.type = 'text';
        input.maxLength = option.maxLength;
        input.autocomplete = 'off';
        input.value = state.options[key] || '';
      }
      input.id = id;
      input.name = 'options.' + key;
      input.className = 'post-option';
      input.dataset.option = key;
      ['input', 'change'].forEach(function (type) {
        input.addEventListener(type, function () { state.options[key] = input.value; changed(); });
      });
      optionsBox.appendChild(input);
      if (option.help) { optionsBox.appendChild(el('p', 'muted help', option.help)); }
      optionsBox.appendChild(problemEl('options.' + key, id));
    });
  }

  // ---- previews ----------------------------------------------------------------------------------------------
  const URL_PATTERN = /https?:\/\/[^\s<>"]+|#[\p{L}\p{N}_]+|@[A-Za-z0-9_.-]+(?:@[A-Za-z0-9.-]+)?/gu;

  // How a platform shows a link's text: X and Mastodon drop the scheme and shorten; Bluesky shows the text as
  // written, a link facet over it.
  function shownLink(platformId, url) {
    if (platformId === 'bluesky') { return url; }
    const bare = url.replace(/^https?:\/\//, '').replace(/^www\./, '');
    const max = platformId === 'mastodon' ? 30 : 23;
    return bare.length > max ? bare.slice(0, max) + '…' : bare;
  }

  function tokens(text) {
    const out = [];
    let last = 0;
    let m;
    URL_PATTERN.lastIndex = 0;
    while ((m = URL_PATTERN.exec(text)) !== null) {
      let value = m[0];
      if (value[0] === 'h') { value = value.replace(/[.,;:!?)\]}'"]+$/, ''); }
      if (m.index > last) { out.push({ start: last, end: m.index, kind: 'text' }); }
      out.push({ start: m.index, end: m.index + value.length, kind: value[0] === 'h' ? 'link' : value[0] === '#' ? 'tag' : 'mention' });
      last = m.index + value.length;
      URL_PATTERN.lastIndex = last;
    }
    if (last < text.length) { out.push({ start: last, end: text.length, kind: 'text' }); }
    return out;
  }

  function segmentNode(platformId, text, token, start, end) {
    const value = text.slice(start, end);
    if (token.kind === 'text') { return document.createTextNode(value); }
    if (token.kind === 'link') {
      const a = el('span', 'pv-link', shownLink(platformId, value));
      a.title = value;
      return a;
    }
    return el('span', 'pv-' + token.kind, value);
  }

  // The text as the platform shows it; past `fits` (where the platform's limit falls) it is marked as cut. A link
  // is never cut in two: it goes whole to the side it starts on.
  function renderText(box, platformId, text, fits) {
    const cut = fits === null || fits === undefined ? text.length : fits;
    let marked = null;
    tokens(text).forEach(function (t) {
      let parts;
      if (t.kind === 'text' && t.start < cut && t.end > cut) {
        parts = [[t.start, cut, false], [cut, t.end, true]];
      } else {
        parts = [[t.start, t.end, t.kind === 'text' ? t.start >= cut : t.start >= cut]];
      }
      parts.forEach(function (p) {
        const node = segmentNode(platformId, text, t, p[0], p[1]);
        if (p[2]) {
          if (!marked) {
            marked = el('mark', 'cut');
            marked.title = 'over the limit: the platform would refuse or cut this part';
            const sr = el('span', 'sr-only', 'over the limit: ');
            marked.appendChild(sr);
            const scissors = el('span', 'cut-mark', '✂');
            scissors.setAttribute('aria-hidden', 'true');
            box.appendChild(scissors);
            box.appendChild(marked);
          }
          marked.appendChild(node);
        } else {
          box.appendChild(node);
        }
      });
    });
  }

  function renderGrid(media) {
    const shown = media.slice(0, 4);
    const grid = el('div', 'pv-grid pv-grid-' + shown.length);
    shown.forEach(function (m) {
      const cell = el('div', 'pv-cell');
      if (m.kind === 'video') {
        if (m.url) {
          const v = document.createElement('video');
          v.muted = true;
          v.preload = 'metadata';
          v.src = m.url + '#t=0.1';
          v.setAttribute('aria-label', 'video ' + m.name + ' (first frame)');
          cell.appendChild(v);
        } else {
          cell.appendChild(el('div', 'pv-poster', '▶ ' + m.name));
        }
        cell.appendChild(el('span', 'pv-play', '▶')).setAttribute('aria-hidden', 'true');
      } else if (m.url) {
        const img = document.createElement('img');
        img.src = m.url;
        img.alt = m.alt || '';
        cell.appendChild(img);
      } else {
        cell.appendChild(el('div', 'pv-poster', m.name));
      }
      if (m.alt) {
        const badge = el('span', 'pv-alt', 'ALT');
        badge.title = m.alt;
        cell.appendChild(badge);
      }
      grid.appendChild(cell);
    });
    return grid;
  }

  // Drawn aside and swapped in only when something changed: a count coming back does not redraw (and reload the
  // videos of) previews that look the same.
  function renderPreviews() {
    const drawn = document.createElement('div');
    drawPreviews(drawn);
    if (drawn.innerHTML === previews.innerHTML) { return; }
    previews.textContent = '';
    while (drawn.firstChild) { previews.appendChild(drawn.firstChild); }
  }

  function drawPreviews(previews) {
    const targets = chosen();
    document.getElementById('previews-empty').hidden = targets.length > 0;
    targets.forEach(function (a) {
      const card = el('article', 'pv pv-' + a.platformId);
      card.dataset.account = a.id;
      card.setAttribute('aria-label', 'Preview for ' + a.platform + ' @' + a.handle);
      const head = el('header', 'pv-head');
      const avatar = el('span', 'avatar', a.initial);
      avatar.setAttribute('aria-hidden', 'true');
      head.appendChild(avatar);
      const who = el('span', 'pv-who');
      who.appendChild(el('strong', '', a.name));
      who.appendChild(el('span', 'muted', ' @' + a.handle + ' · ' + a.platform));
      head.appendChild(who);
      card.appendChild(head);
      const chain = el('ol', 'pv-chain');
      state.items.forEach(function (item, i) {
        const post = el('li', 'pv-post');
        post.dataset.item = String(i);
        const text = textFor(item, a);
        const m = countOf(item, a);
        const body = el('div', 'pv-text');
        renderText(body, a.platformId, text, m && m.over ? m.fits : null);
        post.appendChild(body);
        if (item.media.length) { post.appendChild(renderGrid(item.media)); }
        if (state.items.length > 1) { post.appendChild(el('span', 'pv-index muted', (i + 1) + '/' + state.items.length)); }
        chain.appendChild(post);
      });
      card.appendChild(chain);
      previews.appendChild(card);
    });
  }

  // ---- checks before sending ---------------------------------------------------------------------------------
  function kindName(kind, n) { return (kind === 'gif' ? 'GIF' : kind) + (n === 1 ? '' : 's'); }

  // What the browser can tell by each chosen account's rules; the server checks everything again.
  function precheck(submitting) {
    const problems = [];
    const targets = chosen();
    if (submitting && !targets.length) {
      problems.push({ field: 'targets', message: 'choose at least one account to publish with' });
    }
    const many = targets.length > 1;
    state.items.forEach(function (item, i) {
      targets.forEach(function (a) {
        const limits = a.rules;
        const who = (many ? a.platform + ' @' + a.handle : limits.platform) + (state.items.length > 1 ? ', post ' + (i + 1) : '');
        const counts = { image: 0, gif: 0, video: 0 };
        item.media.forEach(function (m, j) {
          counts[m.kind]++;
          const cap = limits.maxBytes[m.kind] || 0;
          if (m.refused) {
            problems.push({ field: slot(i, 'media[' + j + ']'), message: m.refused });
          } else if (m.size === 0 && m.file) {
            problems.push({ field: slot(i, 'media[' + j + ']'), message: m.name + ' is empty' });
          } else if (m.file && cap > 0 && m.size > cap) {
            problems.push({ field: slot(i, 'media[' + j + ']'), message: who + ': ' + m.name + ' is ' + human(m.size)
              + ', over the ' + human(cap) + ' limit for ' + (m.kind === 'image' ? 'an image' : 'a ' + kindName(m.kind, 1)) });
          }
          if (Array.from(m.alt).length > limits.maxAlt) {
            problems.push({ field: slot(i, 'media[' + j + '].alt'), message: 'alt text is limited to ' + limits.maxAlt
              + ' characters on ' + limits.platform });
          }
        });
        const kinds = Object.keys(counts).filter(function (k) { return counts[k] > 0; });
        const admitted = kinds.length === 0 || limits.combinations.some(function (c) {
          return kinds.every(function (k) { return counts[k] <= (c[k] || 0); });
        });
        if (!admitted) {
          const tooMany = kinds.filter(function (k) { return counts[k] > (limits.maxMedia[k] || 0); });
          tooMany.forEach(function (k) {
            const max = limits.maxMedia[k] || 0;
            problems.push({ field: slot(i, 'media'), message: max === 0
              ? who + ' does not take ' + kindName(k, counts[k]) + '; remove ' + (counts[k] === 1 ? 'it' : 'them')
              : who + ': ' + counts[k] + ' ' + kindName(k, counts[k]) + ' attached, at most ' + max + ' allowed' });
          });
          if (!tooMany.length) {
            problems.push({ field: slot(i, 'media'), message: who + ' takes ' + limits.mediaSummary
              + ' in one post; remove what does not fit' });
          }
        }
      });
    });
    if (submitting) {
      window.OutpostSchedule.problems().forEach(function (p) { problems.push(p); });
    }
    // Each message once per field (two accounts of one platform say the same).
    return problems.filter(function (p, k) {
      return problems.findIndex(function (q) { return q.field === p.field && q.message === p.message; }) === k;
    });
  }

  // ---- changes -----------------------------------------------------------------------------------------------
  function structureChanged(focusId) {
    renderItems(focusId);
    renderOptions();
    clearProblems();
    renderPreviews();
    remeasure();
    changed();
  }

  function changed() {
    remeasure();
    renderPreviewsSoon();
    saveSoon();
  }

  let previewTimer = null;
  function renderPreviewsSoon() {
    clearTimeout(previewTimer);
    previewTimer = setTimeout(renderPreviews, 150);
  }

  // ---- drafts ------------------------------------------------------------------------------------------------
  let saveTimer = null;
  let saving = Promise.resolve();
  let lastSaved = null;
  let sent = false;

  function snapshot() {
    return {
      version: 1,
      targets: chosen().map(function (a) { return a.id; }),
      items: state.items.map(function (item) {
        // A file is kept once the server holds it: by its upload id, or (editing) as a file the group holds.
        return { text: item.text, overrides: item.overrides, media: item.media.filter(function (m) { return m.ref || m.upload; })
          .map(function (m) {
            return m.upload
              ? { upload: m.upload, name: m.name, kind: m.kind, size: m.size, alt: m.alt, focusX: m.focusX,
                focusY: m.focusY, url: '/media/' + encodeURIComponent(m.upload) }
              : { ref: m.ref, name: m.name, kind: m.kind, alt: m.alt, focusX: m.focusX, focusY: m.focusY, url: m.url };
          }),
          unsaved: item.media.filter(function (m) { return !m.ref && !m.upload && !m.refused; }).map(function (m) {
            return { name: m.name, uploading: Boolean(m.uploading) };
          }) };
      }),
      options: state.options,
      replyTo: replyTo.value,
      when: document.getElementById('when-later').checked ? 'later' : 'now',
      scheduledAt: scheduledAt.value
    };
  }

  function hasContent(s) {
    return s.items.some(function (item) { return item.text.trim() || item.unsaved.length; }) || s.replyTo.trim();
  }

  function saveSoon() {
    if (data.edit || sent) { return; }
    clearTimeout(saveTimer);
    saveTimer = setTimeout(saveDraft, 800);
  }

  function saveDraft() {
    const content = snapshot();
    const json = JSON.stringify(content);
    if (json === lastSaved || !hasContent(content)) { return saving; }
    const title = (content.items[0].text.split('\n')[0] || '(no text)').slice(0, 80);
    saving = saving.then(function () {
      if (sent) { return null; }
      draftStatus.textContent = 'Saving draft…';
      return fetch(state.draftId ? '/api/drafts/' + encodeURIComponent(state.draftId) : '/api/drafts', {
        method: state.draftId ? 'PUT' : 'POST',
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf, Accept: 'application/json' },
        body: JSON.stringify({ title: title, content: json })
      }).then(function (res) {
        return res.json().then(function (body) {
          if (!res.ok) { draftStatus.textContent = 'The draft was not saved: ' + body.message; return; }
          lastSaved = json;
          state.draftId = body.id;
          form.dataset.draftId = body.id;
          if (window.location.search.indexOf('draft=') < 0) {
            window.history.replaceState(null, '', '/compose?draft=' + encodeURIComponent(body.id));
          }
          draftStatus.textContent = 'Draft saved at ' + new Date().toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' })
            + unsavedNote(content);
        });
      }).catch(function (err) { draftStatus.textContent = 'The draft was not saved (' + err.message + ')'; });
    });
    return saving;
  }

  // What the saved draft does not hold yet: files still going up (saved again once they are), files that failed.
  function unsavedNote(content) {
    const uploading = [];
    const notKept = [];
    content.items.forEach(function (item) {
      item.unsaved.forEach(function (u) { (u.uploading ? uploading : notKept).push(u.name); });
    });
    const notes = [];
    if (uploading.length) { notes.push(uploading.join(', ') + ' still uploading; saved again once up'); }
    if (notKept.length) { notes.push(notKept.join(', ') + ' not uploaded, so not kept in the draft'); }
    return notes.length ? ' (' + notes.join('; ') + ')' : '';
  }

  [replyTo, scheduledAt].forEach(function (f) { f.addEventListener('input', saveSoon); });
  form.querySelectorAll('input[name="when"]').forEach(function (r) { r.addEventListener('change', saveSoon); });

  function restore(initial) {
    if (!initial) { return; }
    if (initial.targets && initial.targets.length) {
      boxes().forEach(function (b) { b.checked = !b.disabled && initial.targets.indexOf(b.value) >= 0; });
    }
    state.items = (initial.items && initial.items.length ? initial.items : [{ text: '' }]).map(function (it) {
      const item = newItem(it.text);
      item.overrides = it.overrides || {};
      item.media = (it.media || []).filter(function (m) { return m.ref || m.upload; }).map(function (m) {
        return { key: ++mediaKeys, ref: m.ref, upload: m.upload, name: m.name, kind: m.kind, size: m.size || 0,
          alt: m.alt || '', focusX: m.focusX || '', focusY: m.focusY || '',
          url: m.upload ? '/media/' + encodeURIComponent(m.upload) : m.url || null };
      });
      return item;
    });
    state.options = initial.options || {};
    replyTo.value = initial.replyTo || '';
    if (initial.scheduledAtInstant) {
      // A scheduled group's time, in this browser's zone.
      const at = new Date(initial.scheduledAtInstant);
      scheduledAt.value = new Date(at.getTime() - at.getTimezoneOffset() * 60000).toISOString().slice(0, 16);
      document.getElementById('when-later').checked = true;
    } else if (initial.scheduledAt) {
      scheduledAt.value = initial.scheduledAt;
      document.getElementById('when-later').checked = true;
    } else if (initial.when === 'later') {
      document.getElementById('when-later').checked = true;
    }
  }

  // ---- sending -----------------------------------------------------------------------------------------------
  function single() {
    const targets = chosen();
    return !data.edit && targets.length === 1 && state.items.length === 1
      && state.items[0].overrides[targets[0].id] === undefined
      && state.items[0].media.every(function (m) { return m.file || m.upload; });
  }

  function formData() {
    const body = new FormData();
    const targets = chosen();
    if (single()) {
      const item = state.items[0];
      body.append('account', targets[0].id);
      body.append('text', item.text);
      item.media.forEach(function (m, j) {
        body.append('media[' + j + '].alt', m.alt);
        if (focusOf(m)) { body.append('media[' + j + '].focus', focusOf(m)); }
      });
      item.media.forEach(function (m, j) { if (m.upload) { body.append('media[' + j + '].upload', m.upload); } });
      appendCommon(body);
      // Only files the server does not hold already go with the post.
      item.media.forEach(function (m, j) { if (!m.upload) { body.append('media[' + j + ']', m.file, m.name); } });
      return body;
    }
    if (data.edit) { body.append('edit', data.edit); }
    targets.forEach(function (a, k) {
      body.append('targets[' + k + ']', a.id);
      state.items.forEach(function (item, i) {
        if (item.overrides[a.id] !== undefined) { body.append('targets[' + k + '].textFor[' + i + ']', item.overrides[a.id]); }
      });
    });
    state.items.forEach(function (item, i) {
      body.append('items[' + i + '].text', item.text);
      item.media.forEach(function (m, j) {
        body.append('items[' + i + '].media[' + j + '].alt', m.alt);
        // A kept file always says its focal point, so clearing one is kept too.
        if (m.ref || focusOf(m)) { body.append('items[' + i + '].media[' + j + '].focus', focusOf(m)); }
        if (m.ref) { body.append('items[' + i + '].media[' + j + '].ref', m.ref); }
        if (m.upload) { body.append('items[' + i + '].media[' + j + '].upload', m.upload); }
      });
    });
    appendCommon(body);
    state.items.forEach(function (item, i) {
      item.media.forEach(function (m, j) {
        if (m.file && !m.upload) { body.append('items[' + i + '].media[' + j + ']', m.file, m.name); }
      });
    });
    return body;
  }

  // "x,y" as the server reads it; empty when neither number is given (the platform's centre).
  function focusOf(m) {
    const x = (m.focusX || '').trim();
    const y = (m.focusY || '').trim();
    return x || y ? (x || '0') + ',' + (y || '0') : '';
  }

  function appendCommon(body) {
    body.append('replyTo', replyTo.value);
    window.OutpostSchedule.appendTo(body);
    optionsBox.querySelectorAll('.post-option').forEach(function (input) {
      if (input.value) { body.append('options.' + input.dataset.option, input.value); }
    });
  }

  form.addEventListener('submit', async function (e) {
    e.preventDefault();
    clearProblems();
    let early = precheck(true);
    if (early.length || anyOver()) { show(early, true); return; }
    publish.disabled = true;
    sending.hidden = false;
    sendProgress.value = 0;
    try {
      await uploadsDone();
      // A file refused while it went up is shown beside it, and nothing is sent.
      early = precheck(true);
      if (early.length) { show(early, true); return; }
      const res = await send(formData(), data.edit ? 'Saving the changes' : 'Sending');
      if (res.status === 201 || res.status === 200) {
        sent = true;
        clearTimeout(saveTimer);
        await saving;
        if (state.draftId) {
          await fetch('/api/drafts/' + encodeURIComponent(state.draftId), {
            method: 'DELETE', headers: { 'X-CSRF-Token': csrf }
          }).catch(function () { return null; });
        }
        window.location.assign(res.body.links.page);
        return;
      }
      show(res.body.problems && res.body.problems.length ? res.body.problems : [{ field: '_general', message: res.body.message }], true);
    } catch (err) {
      show([{ field: '_general', message: 'the post did not reach Outpost (' + err.message + '); check the connection and try again' }], true);
    } finally {
      publish.disabled = false;
      sending.hidden = true;
    }
  });

  // Files still going up finish first (the bar shows how far), so each is sent once, by its upload id.
  async function uploadsDone() {
    const going = [];
    state.items.forEach(function (item) {
      item.media.forEach(function (m) { if (m.uploading) { going.push(m); } });
    });
    if (!going.length) { return; }
    const total = going.reduce(function (sum, m) { return sum + m.size; }, 0);
    const timer = setInterval(function () {
      const sent = going.reduce(function (sum, m) { return sum + (m.uploading ? (m.sent || 0) * m.size : m.size); }, 0);
      sendProgress.value = total ? Math.floor(100 * sent / total) : 0;
      sendStatus.textContent = 'Uploading files… ' + human(sent) + ' of ' + human(total);
    }, 200);
    try {
      await Promise.all(going.map(function (m) { return m.uploaded; }));
    } finally {
      clearInterval(timer);
    }
  }

  // XMLHttpRequest rather than fetch: only it reports how much of a large file has gone up.
  function send(body, verb) {
    return new Promise(function (resolve, reject) {
      const xhr = new XMLHttpRequest();
      xhr.open('POST', '/api/publications');
      xhr.setRequestHeader('X-CSRF-Token', csrf);
      xhr.setRequestHeader('Accept', 'application/json');
      xhr.upload.addEventListener('progress', function (e) {
        if (e.lengthComputable && e.total > 0) {
          sendProgress.value = Math.floor(100 * e.loaded / e.total);
          sendStatus.textContent = verb + '… ' + human(e.loaded) + ' of ' + human(e.total);
        }
      });
      xhr.addEventListener('load', function () {
        let parsed;
        try { parsed = JSON.parse(xhr.responseText); } catch (err) { parsed = { message: 'the server answered ' + xhr.status }; }
        resolve({ status: xhr.status, body: parsed });
      });
      xhr.addEventListener('error', function () { reject(new Error('the connection failed')); });
      xhr.addEventListener('abort', function () { reject(new Error('the upload was stopped')); });
      xhr.send(body);
    });
  }

  // ---- start -------------------------------------------------------------------------------------------------
  state.items = [newItem('')];
  restore(data.initial);
  if (data.initial) { lastSaved = JSON.stringify(snapshot()); }
  structureChanged();
  if (data.initial && state.draftId) { lastSaved = JSON.stringify(snapshot()); }
  clearTimeout(saveTimer);
}());
