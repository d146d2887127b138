// Times in the reader's own time zone: the server writes each time as <time class="local" datetime="…Z"> in UTC;
// here it is shown in the browser's zone, named (the zone's abbreviation, its full name on hover).
(function () {
  'use strict';
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  const format = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric',
    hour: '2-digit', minute: '2-digit', timeZoneName: 'short' });
  function localize(root) {
    (root || document).querySelectorAll('time.local[datetime]').forEach(function (el) {
      const when = new Date(el.dateTime);
      if (!isNaN(when.getTime())) {
        el.textContent = format.format(when);
        el.title = zone;
      }
    });
  }
  window.OutpostTimes = { zone: zone, localize: localize };
  localize();
}());
