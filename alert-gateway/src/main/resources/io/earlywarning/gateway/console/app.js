// Duty-officer console. Everything from the server is shown with textContent: no text a petitioner or an officer
// wrote can become markup or script here.
'use strict';

const $ = (id) => document.getElementById(id);
const STATE = { open: '未签收', acknowledged: '已签收', resolved: '已办结' };
const TYPE = { SURGE: '信访量激增', THREAT: '扬言', CLUSTER_GROWTH: '类案聚集', REPEAT: '重复信访' };
const ACTION = { acknowledge: '签收', assign: '指派', resolve: '办结', note: '备注', escalate: '提级' };
const CHANNEL = { hotline: '12345热线', online: '网上信访', 'letters-visits': '来信来访' };
const DELIVERY = { pending: '待发送', sent: '已送达', failed: '发送失败', silenced: '已静默' };
let me = null;
let source = null;
let current = null;

function el(tag, text, cls) {
  const e = document.createElement(tag);
  if (text !== undefined && text !== null) e.textContent = String(text);
  if (cls) e.className = cls;
  return e;
}

function time(s) {
  if (!s) return '';
  const d = new Date(s);
  return isNaN(d) ? s : d.toLocaleString('zh-CN', { hour12: false });
}

async function api(path, body) {
  const opts = body === undefined ? {} : { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) };
  const r = await fetch(path, opts);
  const j = await r.json().catch(() => ({}));
  if (!r.ok) { const e = new Error(j.error || ('HTTP ' + r.status)); e.status = r.status; throw e; }
  return j;
}

function show(view) {
  for (const v of ['login-view', 'list-view', 'detail-view', 'silences-view']) $(v).hidden = v !== view;
  $('logout').hidden = !me;
}

async function start() {
  try { me = await api('/api/me'); } catch (e) { me = null; }
  if (!me) return showLogin();
  $('me').textContent = me.name;
  connect();
  route();
}

async function showLogin() {
  show('login-view');
  const sel = $('login-unit');
  sel.replaceChildren();
  for (const u of await api('/api/units').catch(() => [])) {
    const o = el('option', u.name); o.value = u.id; sel.append(o);
  }
}

function connect() {
  if (source) source.close();
  source = new EventSource('/api/stream');
  source.onopen = () => { $('live').hidden = false; };
  source.onerror = () => { $('live').hidden = true; };
  source.addEventListener('warning', (ev) => {
    const w = JSON.parse(ev.data);
    upsertRow(w, true);
    if (current === w.id) loadDetail(w.id);
  });
}

function route() {
  const h = location.hash || '#/';
  if (!me) return showLogin();
  if (h.startsWith('#/warnings/')) return loadDetail(decodeURIComponent(h.substring('#/warnings/'.length)));
  current = null;
  if (h === '#/silences') return loadSilences();
  loadList();
}

function filters() {
  const p = new URLSearchParams();
  for (const [k, id] of [['state', 'f-state'], ['severity', 'f-severity'], ['type', 'f-type'], ['q', 'f-q']]) {
    if ($(id).value) p.set(k, $(id).value);
  }
  return p.toString();
}

async function loadList() {
  show('list-view');
  const list = await api('/api/warnings?' + filters());
  $('warnings').replaceChildren();
  list.forEach((w) => upsertRow(w, false, true));
  $('empty').hidden = list.length > 0;
}

function passes(w) {
  const q = $('f-q').value.trim();
  return (!$('f-state').value || $('f-state').value === w.state) && (!$('f-severity').value || $('f-severity').value === w.severity)
    && (!$('f-type').value || $('f-type').value === w.type) && (!q || (w.title + ' ' + w.subject).includes(q));
}

function upsertRow(w, fresh, append) {
  const ul = $('warnings');
  const existing = ul.querySelector('li[data-id="' + CSS.escape(w.id) + '"]');
  if (!passes(w)) { if (existing) existing.remove(); return; }
  const li = el('li', null, 'warning sev-' + w.severity + (fresh ? ' new' : ''));
  li.dataset.id = w.id;
  li.dataset.state = w.state;
  const head = el('div');
  head.append(el('span', w.severityLabel, 'badge ' + w.severity), el('span', STATE[w.state] || w.state, 'badge state'));
  if (w.overdue) head.append(el('span', '逾期', 'badge overdue'));
  if (w.silenced) head.append(el('span', '静默', 'badge'));
  head.append(el('strong', w.title, 'title'));
  li.append(head, el('div', (TYPE[w.type] || w.type) + ' · ' + w.units.map((u) => u.name).join('、') + ' · ' + time(w.receivedAt), 'muted'));
  li.addEventListener('click', () => { location.hash = '#/warnings/' + encodeURIComponent(w.id); });
  if (existing) existing.replaceWith(li); else if (append) ul.append(li); else ul.prepend(li);
  $('empty').hidden = true;
}

async function loadDetail(id) {
  current = id;
  show('detail-view');
  $('detail-error').textContent = '';
  let w;
  try { w = await api('/api/warnings/' + encodeURIComponent(id)); } catch (e) {
    $('detail').replaceChildren(); $('history').replaceChildren(); $('deliveries').replaceChildren();
    $('actions').hidden = true;
    $('detail-error').textContent = e.status === 403 ? '无权查看：该预警不属于本单位' : e.message;
    return;
  }
  $('actions').hidden = w.state === 'resolved';
  $('ack').disabled = w.acknowledgements.some((a) => a.unit === me.unit);
  const art = $('detail');
  art.replaceChildren(el('h2', w.title, 'title'));
  const dl = el('dl');
  const row = (k, v) => { if (v !== null && v !== undefined && v !== '') dl.append(el('dt', k), el('dd', v)); };
  row('级别', w.severityLabel + '预警');
  row('状态', STATE[w.state]);
  row('类型', TYPE[w.type] || w.type);
  row('摘要', w.summary);
  row('地点', [w.district, w.town, w.estate].filter(Boolean).join(' '));
  row('责任单位', w.units.map((u) => u.name).join('、'));
  row('签收时限', time(w.acknowledgeDeadline) + (w.overdue ? '（已逾期）' : ''));
  row('签收', w.acknowledgements.map((a) => a.unitName + ' ' + time(a.at)).join('；'));
  row('承办人', w.assignee);
  if (w.resolution) row('办结', time(w.resolution.at) + ' ' + w.resolution.note);
  row('提级至', w.escalatedUnits.join('、'));
  row('分送说明', (w.routingNotes || []).join('；'));
  if (w.silence) row('静默', w.silence.reason + '（至 ' + time(w.silence.until) + '）');
  const ev = w.evidence || {};
  row('涉及案件', (ev.caseIds || []).join('、'));
  row('预警编号', w.id + '（第 ' + w.version + ' 版）');
  art.append(dl);
  if (ev.spans && ev.spans.length) {
    art.append(el('h3', '扬言证据'));
    const ul = el('ul', null, 'spans');
    ev.spans.forEach((s) => ul.append(el('li', '「' + s.text + '」 ' + s.caseId + ' [' + s.start + '–' + s.end + ']')));
    art.append(ul);
  }
  if (ev.observed !== null && ev.observed !== undefined && ev.expected !== null && ev.expected !== undefined) art.append(chart(ev.observed, ev.expected));
  if (w.cases && w.cases.length) {
    art.append(el('h3', '案件原文（' + w.cases.length + ' / ' + (ev.caseIds || []).length + ' 件）'));
    const ol = el('ol', null, 'cases');
    w.cases.forEach((c) => {
      const li = el('li', null, 'case');
      li.dataset.caseId = c.caseId;
      li.append(el('div', [time(c.receivedAt), CHANNEL[c.channel] || c.channel, c.category, [c.district, c.town, c.estate].filter(Boolean).join('')].filter(Boolean).join(' · '), 'case-meta'));
      li.append(el('p', c.text, 'case-text'));
      ol.append(li);
    });
    art.append(ol);
  }
  $('history').replaceChildren(...w.history.map((h) => el('li',
    time(h.at) + ' ' + (h.unitName || h.unit) + ' ' + (ACTION[h.type] || h.type) + (h.assignee ? '：' + h.assignee : '') + (h.note ? '：' + h.note : ''), 'action-' + h.type)));
  $('deliveries').replaceChildren(...w.deliveries.map((d) => el('li',
    d.unitName + ' · ' + d.channel + ' · ' + (DELIVERY[d.status] || d.status) + (d.attempts > 1 ? '（第 ' + d.attempts + ' 次）' : '') + (d.lastError && d.status !== 'sent' ? ' · ' + d.lastError : ''))));
}

// Observed against baseline: two bars, drawn with SVG elements (no markup strings).
function chart(observed, expected) {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '0 0 220 80');
  svg.setAttribute('class', 'chart');
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', '观测 ' + observed + '，基线 ' + expected.toFixed(1));
  const max = Math.max(observed, expected, 1);
  [['观测', observed, '#d32f2f', 10], ['基线', expected, '#90a4ae', 45]].forEach(([label, v, color, y]) => {
    const r = document.createElementNS(ns, 'rect');
    r.setAttribute('x', 40); r.setAttribute('y', y); r.setAttribute('height', 22);
    r.setAttribute('width', Math.max(1, 150 * v / max)); r.setAttribute('fill', color);
    const t = document.createElementNS(ns, 'text');
    t.setAttribute('x', 0); t.setAttribute('y', y + 16); t.textContent = label;
    const n = document.createElementNS(ns, 'text');
    n.setAttribute('x', 44 + 150 * v / max); n.setAttribute('y', y + 16); n.textContent = Number(v).toFixed(v % 1 ? 1 : 0);
    svg.append(r, t, n);
  });
  return svg;
}

async function act(path, body) {
  $('detail-error').textContent = '';
  try { await api('/api/warnings/' + encodeURIComponent(current) + '/' + path, body || {}); await loadDetail(current); } catch (e) { $('detail-error').textContent = e.message; }
}

async function loadSilences() {
  show('silences-view');
  const list = await api('/api/silences');
  $('silences').replaceChildren(...list.map((s) => {
    const li = el('li', (s.active ? '生效 ' : '已结束 ') + [s.ruleId, s.subject].filter(Boolean).join(' ') + ' ' + s.reason + '（至 ' + time(s.until) + '）');
    if (s.active) {
      const b = el('button', '解除');
      b.addEventListener('click', async () => { await api('/api/silences/' + encodeURIComponent(s.silenceId) + '/end', {}); loadSilences(); });
      li.append(b);
    }
    return li;
  }));
}

document.addEventListener('DOMContentLoaded', () => {
  $('login-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    $('login-error').textContent = '';
    try {
      await api('/api/login', { unit: $('login-unit').value, secret: $('login-secret').value });
      $('login-secret').value = '';
      start();
    } catch (err) { $('login-error').textContent = err.message; }
  });
  $('logout').addEventListener('click', async () => { await api('/api/logout', {}).catch(() => {}); me = null; if (source) source.close(); $('me').textContent = ''; showLogin(); });
  for (const id of ['f-state', 'f-severity', 'f-type', 'f-q']) $(id).addEventListener('input', loadList);
  $('ack').addEventListener('click', () => act('acknowledge'));
  $('assign').addEventListener('click', () => act('assign', { assignee: $('assignee').value }));
  $('resolve').addEventListener('click', () => act('resolve', { note: $('note').value }));
  $('add-note').addEventListener('click', () => act('notes', { note: $('note').value }));
  $('silence-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    $('silence-error').textContent = '';
    try {
      await api('/api/silences', { ruleId: $('s-rule').value, subject: $('s-subject').value, hours: Number($('s-hours').value), reason: $('s-reason').value });
      loadSilences();
    } catch (err) { $('silence-error').textContent = err.message; }
  });
  window.addEventListener('hashchange', route);
  start();
});
