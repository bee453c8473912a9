/// The page's one script: stepping through the stops with the buttons and the keys a presenter's
/// clicker sends, `#step=N` and `#stop=K` links, the announcement of the current stop. It carries no
/// data: it reads the page's own elements and only ever sets text (`textContent`), classes and
/// attributes, so nothing from the recording is ever parsed as markup or code.
enum HTMLScript {
    static let source = """
    (function () {
      'use strict';
      var doc = document;
      doc.documentElement.classList.add('js');
      var stops = Array.prototype.slice.call(doc.querySelectorAll('li.stop'));
      var rows = Array.prototype.slice.call(doc.querySelectorAll('svg .row[data-stop]'));
      var position = doc.getElementById('trace-position');
      var buttons = Array.prototype.slice.call(doc.querySelectorAll('button[data-go]'));
      if (stops.length === 0) { return; }
      var current = 0;

      function fromHash() {
        var match = /^#step=(\\d+)$/.exec(location.hash);
        var i;
        if (match) {
          for (i = 0; i < stops.length; i++) {
            if (stops[i].getAttribute('data-step') === match[1]) { return i; }
          }
        }
        match = /^#stop=(\\d+)$/.exec(location.hash);
        if (match) {
          i = parseInt(match[1], 10);
          if (i >= 1 && i <= stops.length) { return i - 1; }
        }
        return 0;
      }

      function show(i, link) {
        current = Math.max(0, Math.min(stops.length - 1, i));
        stops.forEach(function (stop, k) {
          stop.hidden = k !== current;
          if (k === current) { stop.setAttribute('aria-current', 'step'); } else { stop.removeAttribute('aria-current'); }
        });
        rows.forEach(function (row) {
          var k = parseInt(row.getAttribute('data-stop'), 10);
          row.classList.toggle('current', k === current);
          row.classList.toggle('later', k > current);
        });
        position.textContent = stops[current].getAttribute('data-announce');
        buttons.forEach(function (button) {
          var go = button.getAttribute('data-go');
          button.disabled = (go === 'first' || go === 'previous') ? current === 0 : current === stops.length - 1;
        });
        var first = rows.filter(function (row) { return row.classList.contains('current'); })[0];
        if (first && first.scrollIntoView) { first.scrollIntoView({ block: 'nearest', inline: 'nearest' }); }
        if (link) {
          var step = stops[current].getAttribute('data-step');
          try { history.replaceState(null, '', step !== null ? '#step=' + step : '#stop=' + (current + 1)); } catch (e) { }
        }
      }

      function go(where) {
        if (where === 'first') { show(0, true); }
        else if (where === 'previous') { show(current - 1, true); }
        else if (where === 'next') { show(current + 1, true); }
        else if (where === 'last') { show(stops.length - 1, true); }
      }

      var keys = { ArrowRight: 'next', PageDown: 'next', ' ': 'next', Spacebar: 'next', n: 'next',
                   ArrowLeft: 'previous', PageUp: 'previous', p: 'previous', Home: 'first', End: 'last' };
      doc.addEventListener('keydown', function (event) {
        if (event.altKey || event.ctrlKey || event.metaKey) { return; }
        var target = event.target;
        var onControl = target && (target.tagName === 'BUTTON' || target.tagName === 'A' || target.tagName === 'SUMMARY');
        if (onControl && (event.key === ' ' || event.key === 'Enter')) { return; }
        var where = keys[event.key];
        if (!where) { return; }
        event.preventDefault();
        go(where);
      });
      buttons.forEach(function (button) {
        button.addEventListener('click', function () { go(button.getAttribute('data-go')); });
      });
      window.addEventListener('hashchange', function () { show(fromHash(), false); });
      show(fromHash(), false);
    })();
    """
}
