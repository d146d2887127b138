// Problems beside their fields, for every reader: each problem's text sits in the element marked
// data-problem-for="<field>", is tied to the field's control (aria-describedby, aria-invalid), and after a submit the
// focus moves to the first field with a problem. Kept apart from compose.js: any form with such elements may use it.
(function () {
  'use strict';
  function problemId(field) { return 'problem-' + field.replace(/[^A-Za-z0-9_-]/g, '-'); }

  function untie(control) {
    control.removeAttribute('aria-invalid');
    const base = control.dataset.describedbyBase;
    if (base !== undefined) {
      if (base) { control.setAttribute('aria-describedby', base); } else { control.removeAttribute('aria-describedby'); }
    }
  }

  function tie(control, id) {
    if (control.dataset.describedbyBase === undefined) {
      control.dataset.describedbyBase = control.getAttribute('aria-describedby') || '';
    }
    const ids = (control.getAttribute('aria-describedby') || '').split(/\s+/).filter(Boolean);
    if (ids.indexOf(id) < 0) { ids.push(id); }
    control.setAttribute('aria-describedby', ids.join(' '));
    control.setAttribute('aria-invalid', 'true');
  }

  window.OutpostProblems = {
    /** Empties every problem element of the form and unties the controls. */
    clear: function (form) {
      form.querySelectorAll('[data-problem-for]').forEach(function (el) { el.textContent = ''; el.hidden = true; });
      form.querySelectorAll('[aria-invalid]').forEach(untie);
    },
    /**
     * Shows problems ({field, message}); controlFor(field) names the control a field's problem is about (or null).
     * With focus, the first control with a problem (in the page's order) gets the focus.
     */
    show: function (form, problems, controlFor, focus) {
      const general = form.querySelector('[data-problem-for="_general"]');
      problems.forEach(function (p) {
        const el = form.querySelector('[data-problem-for="' + CSS.escape(p.field) + '"]') || general;
        if (!el) { return; }
        el.id = el.id || problemId(el.dataset.problemFor);
        el.textContent = el.textContent ? el.textContent + ' ' + p.message : p.message;
        el.hidden = false;
        const control = el === general ? null : controlFor(p.field);
        if (control) { tie(control, el.id); }
      });
      if (!focus) { return; }
      const first = form.querySelector('[aria-invalid="true"]');
      if (first) {
        first.focus();
        first.scrollIntoView({ block: 'center' });
      } else if (general && !general.hidden) {
        general.scrollIntoView({ block: 'center' });
      }
    }
  };
}());
