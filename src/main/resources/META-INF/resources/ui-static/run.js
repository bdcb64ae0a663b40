// The run page follows its run through the API's Server-Sent Events (GET /api/v1/runs/{id}/events,
// authenticated by the console session). Counts are recomputed from each operation's latest state,
// so an event seen twice (a reconnect replaying the journal) never counts twice.
(function () {
  var root = document.getElementById('run');
  if (!root) return;
  var runId = root.dataset.run;
  var total = parseInt(root.dataset.total, 10);
  var elapsedAtLoad = parseInt(root.dataset.elapsed, 10);
  var loadedAt = performance.now();
  var outcomes = JSON.parse(document.getElementById('run-outcomes').textContent);
  var failed = {};
  var states = ['PENDING', 'IN_FLIGHT', 'SUCCEEDED', 'FAILED', 'SKIPPED'];

  function text(id, value) { var el = document.getElementById(id); if (el) el.textContent = value; }

  function render() {
    var counts = {}; states.forEach(function (s) { counts[s] = 0; });
    Object.keys(outcomes).forEach(function (k) { counts[outcomes[k]] = (counts[outcomes[k]] || 0) + 1; });
    states.forEach(function (s) { text('count-' + s, counts[s]); });
    var done = counts.SUCCEEDED + counts.FAILED + counts.SKIPPED;
    document.getElementById('run-progress').value = done;
    text('done', done);
    text('percent', total === 0 ? 100 : Math.floor(done * 100 / total));
    var seconds = (elapsedAtLoad + (performance.now() - loadedAt)) / 1000;
    var rate = seconds > 0 ? done / seconds : 0;
    text('rate', done === 0 ? '—' : rate.toFixed(1));
    text('eta', done === 0 ? 'estimating…' : Math.round((total - done) / rate) + ' s');
  }

  function addFailure(d) {
    if (failed[d.seq]) return;
    failed[d.seq] = true;
    var tr = document.createElement('tr');
    [String(d.seq), d.kind || '', d.changeKey || '', d.error || ''].forEach(function (v, i) {
      var td = document.createElement('td'); td.textContent = v; if (i === 2) td.className = 'mono'; tr.appendChild(td);
    });
    document.getElementById('failure-rows').appendChild(tr);
    document.getElementById('no-failures').hidden = true;
  }

  if (root.dataset.status !== 'RUNNING' || typeof EventSource === 'undefined') return;
  var source = new EventSource('/api/v1/runs/' + encodeURIComponent(runId) + '/events');
  function onEvent(e) {
    var d;
    try { d = JSON.parse(e.data); } catch (err) { return; }
    if (d.type === 'operation') {
      outcomes[d.seq] = d.outcome;
      if (d.outcome === 'FAILED') addFailure(d);
      render();
    } else if (d.type === 'run') {
      source.close();
      var status = document.getElementById('run-status');
      status.textContent = d.runStatus;
      status.className = 'status-' + d.runStatus;
      text('live', '');
      text('eta', '—');
      // The server's view of the finished run: exact counts, times and every failure.
      window.location.reload();
    }
  }
  source.onmessage = onEvent;
  source.addEventListener('operation', onEvent);
  source.addEventListener('run', onEvent);
  source.onerror = function () { text('live', 'connection lost; reconnecting…'); };
  source.onopen = function () { text('live', 'following live…'); };
})();
