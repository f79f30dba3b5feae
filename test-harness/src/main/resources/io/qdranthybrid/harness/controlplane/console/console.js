// The simulated control plane's console: plain DOM, the REST API under /api/v1, live updates from the event stream.
'use strict';

const API = '/api/v1/hybrid-cloud-environments';
const state = { environments: [], environmentId: null, clusters: [], backups: [], clusterId: null };
const $ = (selector) => document.querySelector(selector);

async function api(method, path, body) {
  const response = await fetch(path, {
    method,
    // Every write says JSON, body or not: the server refuses other writes (no cross-site form can send this type).
    headers: method === 'GET' ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status === 204) {
    return null;
  }
  const answer = await response.json();
  if (!response.ok) {
    throw new Error(answer.message || ('HTTP ' + response.status));
  }
  return answer;
}

function showError(message) {
  const box = $('#error');
  box.textContent = message;
  box.hidden = !message;
}

/** Runs a user action: errors show in the banner, success clears it and refreshes. */
async function act(action) {
  try {
    await action();
    showError('');
  } catch (e) {
    showError(e.message);
  }
  await refresh();
}

function cell(row, text, className) {
  const td = document.createElement('td');
  td.textContent = text;
  if (className) {
    td.className = className;
  }
  row.appendChild(td);
  return td;
}

function badge(text, colour) {
  const span = document.createElement('span');
  span.className = 'badge ' + colour;
  span.textContent = text;
  return span;
}

function environmentColour(phase) {
  return { READY: 'green', NOT_READY: 'amber', FAILED_TO_SYNC: 'red' }[phase] || 'gray';
}

function clusterColour(phase) {
  if (phase === 'Healthy') return 'green';
  if (!phase || phase === 'Suspended' || phase === 'ManualMaintenance') return 'gray';
  if (phase.startsWith('Failed') || phase === 'NotReady' || phase === 'RecoveryMode') return 'red';
  return 'amber';
}

function fillTable(selector, items, emptySelector, render) {
  const body = $(selector + ' tbody');
  body.replaceChildren(...items.map(render));
  $(emptySelector).hidden = items.length > 0;
}

// ---- rendering ----

function renderEnvironments() {
  fillTable('#env-table', state.environments, '#env-empty', (env) => {
    const row = document.createElement('tr');
    row.dataset.envId = env.id;
    row.classList.toggle('selected', env.id === state.environmentId);
    cell(row, env.name, 'name');
    cell(row, env.namespace, 'namespace');
    cell(row, '', 'phase').appendChild(badge(env.phase, environmentColour(env.phase)));
    cell(row, env.connected ? 'connected' : 'not connected', 'agent');
    cell(row, env.kubernetesVersion ? env.kubernetesDistribution + ' ' + env.kubernetesVersion : '', 'kubernetes');
    cell(row, env.nodeCount == null ? (env.lastContactAt ? 'unknown' : '') : String(env.nodeCount), 'node-count');
    row.addEventListener('click', () => select(env.id));
    return row;
  });
}

function renderEnvironmentDetail() {
  const env = state.environments.find((e) => e.id === state.environmentId);
  for (const id of ['#environment-detail', '#clusters', '#backups']) {
    $(id).hidden = !env;
  }
  if (!env) {
    return;
  }
  $('#env-title').textContent = env.name + ' (' + env.namespace + ')';
  const phase = $('#env-phase');
  phase.textContent = env.phase;
  phase.className = 'badge ' + environmentColour(env.phase);
  $('#env-phase-message').textContent = env.phaseMessage;
  fillTable('#component-table', env.components, '#component-empty', (component) => {
    const row = document.createElement('tr');
    row.dataset.component = component.name;
    cell(row, component.name, 'name');
    cell(row, '', 'phase').appendChild(badge(component.phase, component.phase === 'READY' ? 'green' : 'amber'));
    cell(row, component.version, 'version');
    cell(row, component.message, 'message');
    return row;
  });
}

function renderClusters() {
  fillTable('#cluster-table', state.clusters, '#cluster-empty', (cluster) => {
    const row = document.createElement('tr');
    row.dataset.clusterId = cluster.id;
    row.classList.toggle('selected', cluster.id === state.clusterId);
    cell(row, cluster.id, 'id');
    const phaseCell = cell(row, '', 'phase');
    phaseCell.appendChild(badge(cluster.phase || 'Pending', clusterColour(cluster.phase)));
    if (cluster.pending) {
      const pending = phaseCell.appendChild(badge('change pending', 'amber'));
      pending.title = cluster.pendingReason;
    }
    cell(row, cluster.nodesReady + '/' + cluster.nodes, 'nodes');
    cell(row, cluster.version + (cluster.runningVersion && cluster.runningVersion !== cluster.version
        ? ' (running ' + cluster.runningVersion + ')' : ''), 'version');
    cell(row, cluster.cpu, 'cpu');
    cell(row, cluster.memory, 'memory');
    cell(row, cluster.storage, 'storage');
    row.addEventListener('click', () => selectCluster(cluster.id));
    return row;
  });
  const cluster = state.clusters.find((c) => c.id === state.clusterId);
  $('#cluster-detail').hidden = !cluster;
  if (cluster) {
    $('#cluster-detail-id').textContent = cluster.id;
    $('#cluster-detail-status').textContent = (cluster.phase || 'no status reported yet')
        + (cluster.reason ? ': ' + cluster.reason : '') + (cluster.suspended ? ' · suspended' : '')
        + (cluster.pending ? ' · pending: ' + cluster.pendingReason : '');
  }
}

function renderBackups() {
  fillTable('#backup-table', state.backups, '#backup-empty', (backup) => {
    const row = document.createElement('tr');
    row.dataset.backupName = backup.name;
    cell(row, backup.name, 'name');
    cell(row, backup.clusterId, 'cluster');
    cell(row, '', 'phase').appendChild(badge(backup.phase || 'Pending', clusterColour(
        backup.phase === 'Succeeded' ? 'Healthy' : backup.phase)));
    cell(row, new Date(backup.requestedAt).toLocaleString(), 'requested');
    cell(row, backup.retention || 'until deleted', 'retention');
    return row;
  });
}

// ---- loading ----

async function refresh() {
  try {
    state.environments = (await api('GET', API)).items;
    if (state.environmentId && !state.environments.some((e) => e.id === state.environmentId)) {
      state.environmentId = null;
    }
    if (state.environmentId) {
      const base = API + '/' + encodeURIComponent(state.environmentId);
      state.clusters = (await api('GET', base + '/clusters')).items;
      state.backups = (await api('GET', base + '/backups')).items;
    } else {
      state.clusters = [];
      state.backups = [];
    }
    if (state.clusterId && !state.clusters.some((c) => c.id === state.clusterId)) {
      state.clusterId = null;
    }
  } catch (e) {
    showError('Cannot reach the control plane: ' + e.message);
    return;
  }
  renderEnvironments();
  renderEnvironmentDetail();
  renderClusters();
  renderBackups();
}

let refreshTimer = null;
function refreshSoon() {
  if (refreshTimer === null) {
    refreshTimer = setTimeout(() => {
      refreshTimer = null;
      refresh();
    }, 100);
  }
}

function select(environmentId) {
  if (state.environmentId !== environmentId) {
    state.environmentId = environmentId;
    state.clusterId = null;
    $('#bootstrap-commands').hidden = true;
  }
  refresh();
}

function selectCluster(clusterId) {
  state.clusterId = clusterId;
  const cluster = state.clusters.find((c) => c.id === clusterId);
  if (cluster) {
    $('#scale-nodes').value = cluster.nodes;
    $('#upgrade-version').value = cluster.version;
  }
  renderClusters();
}

function clusterPath(suffix) {
  return API + '/' + encodeURIComponent(state.environmentId) + '/clusters/' + encodeURIComponent(state.clusterId)
      + (suffix || '');
}

/** A destructive button needs a second click within five seconds. */
function confirmTwice(button, action) {
  button.addEventListener('click', () => {
    if (!button.classList.contains('armed')) {
      button.classList.add('armed');
      button.dataset.label = button.textContent;
      button.textContent = 'Click again to confirm';
      setTimeout(() => disarm(button), 5000);
      return;
    }
    disarm(button);
    act(action);
  });
}

function disarm(button) {
  if (button.classList.contains('armed')) {
    button.classList.remove('armed');
    button.textContent = button.dataset.label;
  }
}

function onSubmit(selector, action) {
  $(selector).addEventListener('submit', (event) => {
    event.preventDefault();
    act(action);
  });
}

// ---- wiring ----

onSubmit('#env-form', async () => {
  const created = await api('POST', API, { name: $('#env-name').value, namespace: $('#env-namespace').value });
  state.environmentId = created.id;
  $('#env-form').reset();
});

onSubmit('#cluster-form', async () => {
  const created = await api('POST', API + '/' + encodeURIComponent(state.environmentId) + '/clusters', {
    id: $('#cluster-id').value,
    nodes: $('#cluster-nodes').value,
    version: $('#cluster-version').value,
    cpu: $('#cluster-cpu').value,
    memory: $('#cluster-memory').value,
    storage: $('#cluster-storage').value,
  });
  $('#cluster-id').value = '';
  state.clusterId = created.id;
  $('#scale-nodes').value = created.nodes;
  $('#upgrade-version').value = created.version;
});

onSubmit('#scale-form', () => api('POST', clusterPath('/scale'), { nodes: $('#scale-nodes').value }));
onSubmit('#upgrade-form', () => api('POST', clusterPath('/version'), { version: $('#upgrade-version').value }));
onSubmit('#backup-form', () => api('POST', API + '/' + encodeURIComponent(state.environmentId) + '/backups', {
  clusterId: state.clusterId,
  retentionHours: $('#backup-retention').value,
}));

$('#cluster-restart').addEventListener('click', () => act(() => api('POST', clusterPath('/restart'))));
$('#cluster-suspend').addEventListener('click', () => act(() => api('POST', clusterPath('/suspend'))));
$('#cluster-resume').addEventListener('click', () => act(() => api('POST', clusterPath('/resume'))));
confirmTwice($('#cluster-delete'), () => api('DELETE', clusterPath()));
confirmTwice($('#env-delete'), () => api('DELETE', API + '/' + encodeURIComponent(state.environmentId)));

$('#bootstrap-generate').addEventListener('click', () => act(async () => {
  const answer = await api('POST', API + '/' + encodeURIComponent(state.environmentId) + '/bootstrap-commands');
  const pre = $('#bootstrap-commands');
  pre.textContent = answer.commands.join('\n');
  pre.hidden = false;
}));

function listen() {
  const live = $('#live');
  const events = new EventSource('/api/v1/events');
  events.onopen = () => {
    live.textContent = 'live';
    live.className = 'badge green';
    refreshSoon();
  };
  events.onerror = () => {
    live.textContent = 'reconnecting';
    live.className = 'badge amber';
  };
  events.onmessage = () => refreshSoon();
}

listen();
refresh();
