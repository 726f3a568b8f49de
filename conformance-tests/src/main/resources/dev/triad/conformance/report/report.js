// Inlined into conformance.html by HtmlReport: filters over the matrix, failures, unsupported list and all results.
(function () {
  var q = document.getElementById('q'), backend = document.getElementById('backend'), family = document.getElementById('family');
  var problems = document.getElementById('problems'), shown = document.getElementById('shown');
  var statusBoxes = Array.prototype.slice.call(document.querySelectorAll('input[data-status]'));
  function opMatcher() {
    var t = q.value.trim().toLowerCase();
    if (!t) return function () { return true; };
    var parts = t.split(/[\s,]+/).filter(Boolean).map(function (p) {
      if (p.indexOf('*') < 0 && p.indexOf('?') < 0) return function (op) { return op.indexOf(p) >= 0; };
      var re = new RegExp('^' + p.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.') + '$');
      return function (op) { return re.test(op); };
    });
    return function (op) { return parts.some(function (f) { return f(op.toLowerCase()); }); };
  }
  function apply() {
    var matchOp = opMatcher(), b = backend.value, f = family.value, onlyProblems = problems.checked;
    var statuses = {};
    statusBoxes.forEach(function (c) { statuses[c.dataset.status] = c.checked; });
    var rows = 0, items = 0;
    document.querySelectorAll('.mx').forEach(function (mx) {
      mx.hidden = !!b && mx.dataset.backend !== b;
      mx.querySelectorAll('[data-family]').forEach(function (c) { c.hidden = !!f && c.dataset.family !== f; });
      mx.querySelectorAll('tbody tr').forEach(function (tr) {
        var ok = matchOp(tr.dataset.op) && (!onlyProblems || tr.classList.contains('problem'));
        tr.hidden = !ok;
        if (ok && !mx.hidden) rows++;
      });
      mx.querySelectorAll('.chip[data-status]').forEach(function (ch) { ch.classList.toggle('dim', !statuses[ch.dataset.status]); });
    });
    document.querySelectorAll('[data-item]').forEach(function (el) {
      var ok = matchOp(el.dataset.op) && (!b || el.dataset.backend === b) && (!f || el.dataset.family.split('|').indexOf(f) >= 0) && statuses[el.dataset.status];
      el.hidden = !ok;
      if (ok && el.tagName === 'TR' && el.closest('#all')) items++;
    });
    document.querySelectorAll('[data-count-of]').forEach(function (span) {
      var sel = span.dataset.countOf, n = 0;
      document.querySelectorAll(sel).forEach(function (el) { if (!el.hidden) n++; });
      span.textContent = n;
    });
    shown.textContent = rows + ' matrix rows, ' + items + ' results shown';
  }
  [q, backend, family, problems].concat(statusBoxes).forEach(function (el) { el.addEventListener('input', apply); el.addEventListener('change', apply); });
  document.querySelectorAll('.rerun button').forEach(function (btn) {
    btn.addEventListener('click', function () {
      var text = btn.previousElementSibling.textContent;
      var done = function () { btn.textContent = 'copied'; setTimeout(function () { btn.textContent = 'copy'; }, 1200); };
      if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(text).then(done, function () {});
      else { var r = document.createRange(); r.selectNodeContents(btn.previousElementSibling); getSelection().removeAllRanges(); getSelection().addRange(r); }
    });
  });
  // A link to a folded failure opens it.
  function openTarget() {
    var el = location.hash && document.getElementById(location.hash.slice(1));
    if (el && el.tagName === 'DETAILS') el.open = true;
  }
  window.addEventListener('hashchange', openTarget);
  openTarget();
  apply();
})();
