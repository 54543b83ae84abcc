// dm4j dashboard: polls /dashboard/api/overview every two seconds and draws tasks, sources and workers.
// Plain DOM code, no libraries and nothing loaded from elsewhere (masters often run without internet access).
'use strict';

const REFRESH_MS = 2000;

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === 'class') e.className = v;
    else if (k.startsWith('data-')) e.setAttribute(k, v);
    else e[k] = v;
  }
  for (const c of children) {
    if (c !== null && c !== undefined) e.append(c instanceof Node ? c : String(c));
  }
  return e;
}

function stageBadge(stage) {
  return el('span', {class: 'stage stage-' + (stage || 'none')}, stage || '?');
}

function bar(percentText) {
  const pct = parseFloat(percentText);
  const span = el('span');
  span.style.width = (isNaN(pct) ? 0 : Math.min(100, pct)) + '%';
  return el('span', {class: 'progress'}, span);
}

// The worker's tableProgress of a dump or load: a bar per unfinished table (rows of the estimate for a dump,
// bytes of the data files for a load); the finished tables and those left out of the bounded list are counted.
function tableBars(list, dump) {
  if (!list || !list.tables || list.tables.length === 0) return '';
  const body = el('tbody');
  for (const t of list.tables) {
    const amount = dump
      ? t.finishedRows + ' / ~' + Math.max(t.totalRows, t.finishedRows) + ' rows, chunks ' + t.finishedParts + ' / ' + t.totalParts
      : t.finishedBytes + ' / ' + t.totalBytes + ' bytes, files ' + t.finishedParts + ' / ' + t.totalParts;
    body.append(el('tr', {'data-table': t.table},
      el('td', {class: 'table-name'}, t.table), el('td', {}, bar(t.progress)),
      el('td', {class: 'table-progress'}, t.progress), el('td', {}, amount)));
  }
  const head = list.finishedTables + ' of ' + list.totalTables + ' tables finished'
    + (list.unlisted > 0 ? ', ' + list.unlisted + ' more not listed' : '');
  return el('div', {class: 'table-bars'}, el('div', {class: 'table-bars-head'}, head),
    el('table', {class: 'per-table'}, body));
}

// What the current unit reports: lag and rates for sync, tables/chunks for dump, files/bytes for load.
function unitDetail(sub) {
  if (sub.sync) {
    const s = sub.sync;
    return el('div', {},
      el('div', {class: 'lag', 'data-lag': s.secondsBehindMaster}, 'lag ' + s.secondsBehindMaster + ' s' + (s.synced ? ' (synced)' : '')),
      el('div', {}, 'events/s ' + s.recentTps + ' now, ' + s.totalTps + ' average; rows/s ' + (s.recentRps ?? '-')),
      el('div', {}, 'upstream at ' + s.masterBinlog + ', applied up to ' + s.syncerBinlog));
  }
  if (sub.dump) {
    const d = sub.dump;
    return el('div', {},
      el('div', {}, bar(d.progress), ' ', d.progress + ' dumped'),
      el('div', {}, 'tables ' + d.completedTables + ' / ' + d.totalTables + ', chunks ' + (d.completedChunks ?? '-') + ' / ' + (d.totalChunks ?? '-')
        + ', rows ' + d.finishedRows + ' of ~' + d.estimateTotalRows),
      tableBars(d.tableProgress, true));
  }
  if (sub.load) {
    const l = sub.load;
    return el('div', {},
      el('div', {}, bar(l.progress), ' ', l.progress + ' loaded'),
      el('div', {}, 'files ' + (l.finishedFiles ?? '-') + ' / ' + (l.totalFiles ?? '-') + ', bytes ' + l.finishedBytes + ' / ' + l.totalBytes),
      tableBars(l.tableProgress, false));
  }
  return sub.message ? el('div', {class: 'error'}, sub.message) : '';
}

function errorCell(sub) {
  if (!sub.errors || sub.errors.length === 0) return '';
  const box = el('div', {class: 'errors'});
  for (const e of sub.errors) {
    box.append(el('div', {class: 'error', 'data-code': e.code}, '[' + e.code + '] ' + e.message + (e.raw_cause ? ': ' + e.raw_cause : '')));
    if (e.workaround) box.append(el('div', {class: 'workaround'}, 'Workaround: ' + e.workaround));
  }
  return box;
}

async function operate(task, action, button) {
  button.disabled = true;
  try {
    const r = await fetch('/dashboard/api/tasks/' + encodeURIComponent(task) + '/' + action, {method: 'POST'});
    const body = await r.json().catch(() => ({}));
    notice(r.ok ? action + ' ' + task + ': done' : action + ' ' + task + ' refused: ' + (body.msg || r.status));
  } catch (e) {
    notice(action + ' ' + task + ' failed: ' + e);
  }
  refresh();
}

function notice(text) {
  const n = document.getElementById('notice');
  n.textContent = text;
  n.hidden = false;
  clearTimeout(notice.timer);
  notice.timer = setTimeout(() => { n.hidden = true; }, 6000);
}

function drawTasks(tasks) {
  const root = document.getElementById('tasks');
  root.textContent = '';
  if (tasks.length === 0) {
    root.append(el('p', {class: 'empty'}, 'no tasks'));
    return;
  }
  for (const t of tasks) {
    const paused = t.desired_stage === 'Paused';
    const pause = el('button', {'data-action': 'pause', disabled: paused}, 'Pause');
    const resume = el('button', {'data-action': 'resume', disabled: !paused && !t.subtasks.some(s => s.stage === 'Paused')}, 'Resume');
    pause.onclick = () => operate(t.name, 'pause', pause);
    resume.onclick = () => operate(t.name, 'resume', resume);
    const rows = el('tbody');
    for (const s of t.subtasks) {
      rows.append(el('tr', {'data-source': s.source},
        el('td', {}, s.source), el('td', {}, s.worker), el('td', {class: 'sub-stage'}, stageBadge(s.stage)),
        el('td', {class: 'unit'}, s.unit), el('td', {}, unitDetail(s)), el('td', {}, errorCell(s))));
    }
    root.append(el('div', {class: 'task', 'data-task': t.name},
      el('div', {class: 'task-head'}, el('h3', {}, t.name), stageBadge(t.desired_stage), pause, resume),
      el('table', {},
        el('thead', {}, el('tr', {}, ...['source', 'worker', 'stage', 'unit', 'progress / lag / rates', 'errors'].map(h => el('th', {}, h)))),
        rows)));
  }
}

function drawRows(tableId, rows) {
  const body = document.querySelector('#' + tableId + ' tbody');
  body.textContent = '';
  for (const cells of rows) body.append(el('tr', {}, ...cells.map(c => el('td', {}, c))));
}

async function refresh() {
  try {
    const r = await fetch('/dashboard/api/overview', {cache: 'no-store'});
    if (!r.ok) throw new Error('HTTP ' + r.status);
    const o = await r.json();
    drawTasks(o.tasks);
    drawRows('sources', o.sources.map(s => [s.name, s.worker || '(none)', s.worker_stage, s.relay_stage || 'no relay',
      s.tasks.join(', '), s.message || '']));
    drawRows('workers', o.workers.map(w => [w.name, w.stage, w.source]));
    document.getElementById('updated').textContent = 'updated ' + new Date(o.generated_at).toLocaleTimeString();
  } catch (e) {
    document.getElementById('updated').textContent = 'cannot reach the master: ' + e.message;
  }
}

refresh();
setInterval(refresh, REFRESH_MS);
