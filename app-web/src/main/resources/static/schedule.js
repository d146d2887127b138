// Compose's "When": publish now, or at a time typed in the browser's own time zone. A partly typed time never means
// now: typing in the field chooses "Schedule for", and a time left half filled in is refused beside the field.
// Kept apart from compose.js so the schedule rules stay one small piece, whatever the compose page becomes.
(function () {
  'use strict';
  const field = document.getElementById('scheduledAt');
  if (!field) { return; }
  const later = document.getElementById('when-later');
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  const zoneName = document.getElementById('schedule-zone');
  if (zoneName) { zoneName.textContent = zone; }

  // The picker offers the times the server takes: from now to a year ahead, in this zone.
  function local(date) {
    const shifted = new Date(date.getTime() - date.getTimezoneOffset() * 60000);
    return shifted.toISOString().slice(0, 16);
  }
  const now = new Date();
  field.min = local(now);
  field.max = local(new Date(now.getTime() + 364 * 86400000));

  // A datetime-local field reads "" both when empty and when only partly filled in; badInput tells them apart.
  function touched() { return field.value !== '' || field.validity.badInput; }
  ['input', 'change', 'keyup', 'blur'].forEach(function (type) {
    field.addEventListener(type, function () { if (touched()) { later.checked = true; } });
  });

  window.OutpostSchedule = {
    /** What is wrong with the schedule as it stands, as {field, message} problems. */
    problems: function () {
      if (field.validity.badInput) {
        return [{ field: 'scheduledAt', message: 'the time is only partly filled in: finish the date and the time,'
          + ' or clear the field and choose Publish now' }];
      }
      if (later.checked && !field.value) {
        return [{ field: 'scheduledAt', message: 'pick the time to publish at, or choose Publish now' }];
      }
      return [];
    },
    /** Adds the schedule to a post's form data, as typed and with the zone it was typed in; nothing for "now". */
    appendTo: function (data) {
      if (later.checked && field.value) {
        data.append('scheduledAt', field.value);
        data.append('timeZone', zone);
      }
    }
  };
}());
