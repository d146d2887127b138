// Compose: the chosen account's rules (read again when the account changes), a live count against each of its text
// limits (the platform's own measure, server-side), media picking with previews and alt text, the platform's options
// as fields, a quick check of what the browser can know, then one multipart POST; problems land beside their fields.
(function () {
  'use strict';
  const form = document.getElementById('compose');
  if (!form) { return; }
  const csrf = document.querySelector('meta[name="csrf-token"]').content;
  let limits = JSON.parse(form.dataset.limits);
  const account = document.getElementById('account');
  const text = document.getElementById('text');
  const count = document.getElementById('count');
  const countMax = document.getElementById('count-max');
  const countUnit = document.getElementById('count-unit');
  const mediaSummary = document.getElementById('media-summary');
  const optionsBox = document.getElementById('post-options');
  const fileInput = document.getElementById('file-input');
  const dropzone = document.getElementById('dropzone');
  const list = document.getElementById('media-list');
  const sending = document.getElementById('sending');
  const sendProgress = document.getElementById('send-progress');
  const sendStatus = document.getElementById('send-status');
  const publish = document.getElementById('publish');
  const items = [];
  let measured = { length: 0, max: limits.maxText, over: false, problem: null };
  const optionValues = {};

  function problemFor(field) {
    return form.querySelector('[data-problem-for="' + CSS.escape(field) + '"]');
  }

  // The control a field's problem is about, so the problem is read out with it and focus can go there.
  function controlFor(field) {
    let m = /^media\[(\d+)\]\.focus$/.exec(field);
    if (m) { return document.getElementById('focus-x-' + m[1]); }
    m = /^media\[(\d+)\](\.alt)?$/.exec(field);
    if (m) {
      return document.getElementById('alt-' + m[1])
        || form.querySelector('.media-item[data-index="' + m[1] + '"] .remove');
    }
    m = /^options\.(.+)$/.exec(field);
    if (m) { return document.getElementById('option-' + m[1]); }
    const ids = { account: 'account', text: 'text', media: 'file-input', replyTo: 'replyTo', scheduledAt: 'scheduledAt' };
    return ids[field] ? document.getElementById(ids[field]) : null;
  }

  function clearProblems() {
    window.OutpostProblems.clear(form);
    liveProblem = '';
    showCount();
  }

  // Past any of the account's text limits, the problem shows beside the text as it is typed, in the core's words.
  let liveProblem = '';
  function showCount() {
    const el = problemFor('text');
    if (liveProblem) { el.textContent = el.textContent.replace(liveProblem, '').trim(); }
    liveProblem = measured.over && measured.problem ? measured.problem : '';
    if (liveProblem) { el.textContent = el.textContent ? liveProblem + ' ' + el.textContent : liveProblem; }
    el.hidden = !el.textContent;
    if (el.textContent) { tieText(el); } else { text.removeAttribute('aria-invalid'); }
  }

  function tieText(el) {
    el.id = el.id || 'problem-text';
    text.setAttribute('aria-invalid', 'true');
    if ((text.getAttribute('aria-describedby') || '').indexOf(el.id) < 0) {
      text.setAttribute('aria-describedby', ((text.getAttribute('aria-describedby') || '') + ' ' + el.id).trim());
    }
  }

  function show(problems, focus) {
    window.OutpostProblems.show(form, problems, controlFor, focus);
  }

  let timer = null;
  let sequence = 0;
  function measure() {
    clearTimeout(timer);
    timer = setTimeout(async function () {
      const mine = ++sequence;
      const res = await fetch('/api/measure', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf },
        // The options too: a platform may count one (a content warning) with the text.
        body: JSON.stringify({ text: text.value, account: account.value, options: currentOptions() })
      });
      if (!res.ok || mine !== sequence) { return; }
      measured = await res.json();
      count.textContent = measured.length;
      countMax.textContent = measured.max;
      countUnit.textContent = measured.unit;
      // Over any of the platform's limits, not only the one the counter shows.
      count.parentElement.classList.toggle('over', measured.over);
      showCount();
    }, 120);
  }
  text.addEventListener('input', measure);

  function currentOptions() {
    const values = {};
    optionsBox.querySelectorAll('.post-option').forEach(function (input) {
      if (input.value) { values[input.dataset.option] = input.value; }
    });
    return values;
  }

  // The chosen account's rules: its limits, what media it takes, its platform's options.
  let rulesSequence = 0;
  async function readRules() {
    const mine = ++rulesSequence;
    if (!account.value) { return; }
    // Account ids are platform:local-part; the colons may stay in a path.
    const res = await fetch('/api/accounts/' + encodeURIComponent(account.value).replace(/%3A/gi, ':') + '/rules',
      { headers: { Accept: 'application/json' } });
    if (!res.ok || mine !== rulesSequence) { return; }
    applyRules(await res.json());
  }

  function applyRules(next) {
    limits = next;
    form.dataset.platform = limits.platform;
    countMax.textContent = limits.maxText;
    countUnit.textContent = limits.textUnit;
    mediaSummary.textContent = limits.mediaSummary;
    fileInput.accept = limits.accept;
    renderOptions();
    render();
    clearProblems();
    show(precheck(false));
  }

  function renderOptions() {
    optionsBox.textContent = '';
    limits.options.forEach(function (option) {
      const id = 'option-' + option.key;
      const label = document.createElement('label');
      label.htmlFor = id;
      label.textContent = option.label + ' ';
      const optional = document.createElement('span');
      optional.className = 'muted';
      optional.textContent = '(optional)';
      label.appendChild(optional);
      optionsBox.appendChild(label);
      let input;
      if (option.choices.length) {
        input = document.createElement('select');
        const none = document.createElement('option');
        none.value = '';
        none.textContent = 'the platform\'s default';
        input.appendChild(none);
        option.choices.forEach(function (choice) {
          const el = document.createElement('option');
          el.value = choice;
          el.textContent = choice;
          input.appendChild(el);
        });
        const kept = optionValues[option.key];
        input.value = kept && option.choices.indexOf(kept) >= 0 ? kept : '';
      } else {
        input = document.createElement('input');
        input.type = 'text';
        input.maxLength = option.maxLength;
        input.autocomplete = 'off';
        input.value = optionValues[option.key] || '';
      }
      input.id = id;
      input.name = 'options.' + option.key;
      input.className = 'post-option';
      input.dataset.option = option.key;
      input.addEventListener('input', function () { optionValues[option.key] = input.value; measure(); });
      input.addEventListener('change', function () { optionValues[option.key] = input.value; });
      optionsBox.appendChild(input);
      if (option.help) {
        const help = document.createElement('p');
        help.className = 'muted help';
        help.textContent = option.help;
        optionsBox.appendChild(help);
      }
      optionsBox.appendChild(problemSlot('options.' + option.key));
    });
  }

  account.addEventListener('change', function () { readRules(); measure(); });

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

  function add(files) {
    Array.prototype.forEach.call(files, function (file) {
      items.push({ file: file, url: URL.createObjectURL(file), alt: '', focusX: '', focusY: '' });
    });
    render();
    clearProblems();
    show(precheck(false));
  }

  // Where the problem of one field shows, hidden until there is one.
  function problemSlot(field) {
    const problem = document.createElement('p');
    problem.className = 'problem';
    problem.hidden = true;
    problem.dataset.problemFor = field;
    return problem;
  }

  function render() {
    list.textContent = '';
    items.forEach(function (item, i) {
      const li = document.createElement('li');
      li.className = 'media-item';
      li.dataset.index = String(i);
      const kind = kindOf(item.file);
      const preview = document.createElement(kind === 'video' ? 'video' : 'img');
      preview.src = item.url;
      preview.className = 'preview';
      if (kind === 'video') { preview.muted = true; } else { preview.alt = 'preview of ' + item.file.name; }
      li.appendChild(preview);
      const info = document.createElement('div');
      info.className = 'media-info';
      const name = document.createElement('div');
      name.className = 'file-name';
      name.textContent = item.file.name + ' · ' + human(item.file.size);
      info.appendChild(name);
      if (limits.maxAlt > 0) {
        const label = document.createElement('label');
        label.textContent = 'Alt text';
        label.htmlFor = 'alt-' + i;
        const alt = document.createElement('textarea');
        alt.id = 'alt-' + i;
        alt.className = 'alt';
        alt.rows = 2;
        alt.placeholder = 'Describe it for people who cannot see it';
        alt.value = item.alt;
        alt.addEventListener('input', function () { item.alt = alt.value; });
        info.appendChild(label);
        info.appendChild(alt);
        info.appendChild(problemSlot('media[' + i + '].alt'));
      }
      // The focal point: what a platform that crops previews keeps in view (-1..1 each; empty for the centre).
      const focus = document.createElement('div');
      focus.className = 'focus';
      [['x', 'Focal point x (-1 left, 1 right)', 'focusX'], ['y', 'Focal point y (-1 bottom, 1 top)', 'focusY']]
        .forEach(function (axis) {
          const label = document.createElement('label');
          label.htmlFor = 'focus-' + axis[0] + '-' + i;
          label.textContent = axis[1];
          const input = document.createElement('input');
          input.type = 'number';
          input.id = 'focus-' + axis[0] + '-' + i;
          input.className = 'focus-' + axis[0];
          input.min = '-1';
          input.max = '1';
          input.step = '0.01';
          input.placeholder = '0';
          input.value = item[axis[2]];
          input.addEventListener('input', function () { item[axis[2]] = input.value; });
          label.appendChild(input);
          focus.appendChild(label);
        });
      info.appendChild(focus);
      info.appendChild(problemSlot('media[' + i + '].focus'));
      info.appendChild(problemSlot('media[' + i + ']'));
      const remove = document.createElement('button');
      remove.type = 'button';
      remove.className = 'secondary remove';
      remove.textContent = 'Remove';
      remove.setAttribute('aria-label', 'Remove ' + item.file.name);
      remove.addEventListener('click', function () {
        URL.revokeObjectURL(item.url);
        items.splice(i, 1);
        render();
        clearProblems();
      });
      info.appendChild(remove);
      li.appendChild(info);
      list.appendChild(li);
    });
  }

  function kindName(kind, n) {
    const name = kind === 'gif' ? 'GIF' : kind;
    return name + (n === 1 ? '' : 's');
  }

  // What the browser can tell before sending, by the chosen account's rules; the server checks everything again (and
  // the content, not the name).
  function precheck(submitting) {
    const problems = [];
    const counts = { image: 0, gif: 0, video: 0 };
    items.forEach(function (item, i) {
      const kind = kindOf(item.file);
      counts[kind]++;
      const cap = limits.maxBytes[kind] || 0;
      if (item.file.size === 0) {
        problems.push({ field: 'media[' + i + ']', message: item.file.name + ' is empty' });
      } else if (cap > 0 && item.file.size > cap) {
        problems.push({ field: 'media[' + i + ']', message: item.file.name + ' is ' + human(item.file.size)
          + ', over ' + limits.platform + '\'s ' + human(cap) + ' limit for ' + (kind === 'image' ? 'an image' : 'a ' + kindName(kind, 1)) });
      }
      if (Array.from(item.alt).length > limits.maxAlt) {
        problems.push({ field: 'media[' + i + '].alt', message: 'alt text is limited to ' + limits.maxAlt
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
        problems.push({ field: 'media', message: max === 0
          ? limits.platform + ' does not take ' + kindName(k, counts[k]) + '; remove ' + (counts[k] === 1 ? 'it' : 'them')
          : limits.platform + ': ' + counts[k] + ' ' + kindName(k, counts[k]) + ' attached, at most ' + max + ' allowed' });
      });
      if (!tooMany.length) {
        problems.push({ field: 'media', message: limits.platform + ' takes ' + limits.mediaSummary
          + ' in one post; remove what does not fit' });
      }
    }
    if (submitting) {
      window.OutpostSchedule.problems().forEach(function (p) { problems.push(p); });
    }
    return problems;
  }

  fileInput.addEventListener('change', function () { add(fileInput.files); fileInput.value = ''; });
  ['dragenter', 'dragover'].forEach(function (type) {
    dropzone.addEventListener(type, function (e) { e.preventDefault(); dropzone.classList.add('dragging'); });
  });
  ['dragleave', 'drop'].forEach(function (type) {
    dropzone.addEventListener(type, function (e) { e.preventDefault(); dropzone.classList.remove('dragging'); });
  });
  dropzone.addEventListener('drop', function (e) { add(e.dataTransfer.files); });

  form.addEventListener('submit', async function (e) {
    e.preventDefault();
    clearProblems();
    const early = precheck(true);
    // Text past a limit is already shown beside the text (clearProblems showed it again).
    if (early.length || measured.over) { show(early, true); return; }
    const data = new FormData();
    data.append('account', account.value);
    data.append('text', text.value);
    data.append('replyTo', document.getElementById('replyTo').value);
    window.OutpostSchedule.appendTo(data);
    optionsBox.querySelectorAll('.post-option').forEach(function (input) {
      if (input.value) { data.append('options.' + input.dataset.option, input.value); }
    });
    items.forEach(function (item, i) { data.append('media[' + i + '].alt', item.alt); });
    items.forEach(function (item, i) {
      if (item.focusX !== '' || item.focusY !== '') {
        data.append('media[' + i + '].focus', (item.focusX || '0') + ',' + (item.focusY || '0'));
      }
    });
    items.forEach(function (item, i) { data.append('media[' + i + ']', item.file, item.file.name); });
    publish.disabled = true;
    sending.hidden = false;
    sendProgress.value = 0;
    try {
      const res = await send(data);
      if (res.status === 201) {
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

  // XMLHttpRequest rather than fetch: only it reports how much of a large file has gone up.
  function send(data) {
    return new Promise(function (resolve, reject) {
      const xhr = new XMLHttpRequest();
      xhr.open('POST', '/api/publications');
      xhr.setRequestHeader('X-CSRF-Token', csrf);
      xhr.setRequestHeader('Accept', 'application/json');
      xhr.upload.addEventListener('progress', function (e) {
        if (e.lengthComputable && e.total > 0) {
          sendProgress.value = Math.floor(100 * e.loaded / e.total);
          sendStatus.textContent = 'Sending… ' + human(e.loaded) + ' of ' + human(e.total);
        }
      });
      xhr.addEventListener('load', function () {
        let body;
        try { body = JSON.parse(xhr.responseText); } catch (e) { body = { message: 'the server answered ' + xhr.status }; }
        resolve({ status: xhr.status, body: body });
      });
      xhr.addEventListener('error', function () { reject(new Error('the connection failed')); });
      xhr.addEventListener('abort', function () { reject(new Error('the upload was stopped')); });
      xhr.send(data);
    });
  }

  renderOptions();
  clearProblems();
  measure();
}());
