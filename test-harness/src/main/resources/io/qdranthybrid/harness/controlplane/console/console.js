// The simulated control plane's console: plain DOM, the REST API under /api/v1, live updates from the event stream.
// Three pages by URL fragment: #/ (environments), #/environments/{id}, #/environments/{id}/clusters/{id}.
'use strict';

const API = '/api/v1/hybrid-cloud-environments';
const state = {
  route: { page: 'environments' },
  environments: [], agentOf: {},
  environment: null, agent: null, clusters: [], backups: [], restores: [], nodesOf: {},
  cluster: null, clusterGone: false, nodes: [], events: [],
};
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
    const error = new Error(answer.message || ('HTTP ' + response.status));
    error.status = response.status;
    throw error;
  }
  return answer;
}

// ---- tones: what a colour means ----

// Phases of work the user (or the operator) started; a cluster in one is busy, not broken.
const ROUTINE_PHASES = ['Creating', 'Scaling', 'Upgrading', 'Updating', 'Restarting', 'Resuming', 'Suspending'];
// A NotReady whose reason names such work is the routine dip of a rollout (the operator says what it is doing).
const ROUTINE_REASON = /\b(scal|upgrad|restart|resum|rolling|recreat|creat|adding nodes|drain|moving shards|rebalanc)/i;
// Work that is stuck: the operator's reason says something will not get better by waiting.
const FAILURE_REASON = /cannot be scheduled|unschedulable|insufficient (cpu|memory)|crashloop|imagepull|refused/i;
// Pod reasons that will not go away by waiting: someone must act (capacity, image, crash).
const NODE_FAILURE_REASONS = ['Unschedulable', 'FailedScheduling', 'CrashLoopBackOff', 'ImagePullBackOff',
  'ErrImagePull', 'InvalidImageName', 'CreateContainerConfigError', 'CreateContainerError', 'OOMKilled', 'Error',
  'FailedCreate', 'FailedMount', 'FailedAttachVolume'];

/**
 * ok (green), routine (amber: busy, nothing wrong), failure (red: act), idle (grey: nothing happening).
 * @param nodes the cluster's nodes when known: a NotReady whose only unready nodes are starting for the first time
 *              (a scale's new node, a rollout's recreated pod) is routine; a node with a failure reason makes any
 *              phase a failure (a Creating whose pod cannot be scheduled will not finish by waiting)
 */
function clusterTone(cluster, nodes) {
  const phase = cluster.phase;
  const reason = cluster.reason || '';
  if (!phase || phase === 'Suspended' || phase === 'ManualMaintenance' || phase === 'Deleting') return 'idle';
  if (phase === 'Healthy') return 'ok';
  if (phase.startsWith('Failed') || phase === 'RecoveryMode') return 'failure';
  // Work that cannot finish is not routine: a node that cannot be scheduled, crashes or cannot pull its image.
  if (FAILURE_REASON.test(reason) || (nodes || []).some((n) => nodeTone(n) === 'failure')) return 'failure';
  if (ROUTINE_PHASES.includes(phase) || ROUTINE_REASON.test(reason)) return 'routine';
  if (phase === 'NotReady') {
    // Not the Progressing condition: the operator sets it for every NotReady.
    return nodes && nodes.length > 0 && nodes.every(startingOrReady) ? 'routine' : 'failure';
  }
  return 'routine';
}

function startingOrReady(node) {
  return node.ready || (node.restartCount === 0 && nodeTone(node) === 'routine');
}

function environmentTone(phase) {
  return { READY: 'ok', NOT_READY: 'routine', FAILED_TO_SYNC: 'failure' }[phase] || 'idle';
}

function agentTone(agentState) {
  return { CONNECTED: 'ok', DISCONNECTED: 'routine', REFUSED: 'failure' }[agentState] || 'idle';
}

function agentStateText(agentState) {
  return agentState.replace('_', ' ').toLowerCase();
}

function nodeTone(node) {
  if (node.ready) return 'ok';
  return NODE_FAILURE_REASONS.includes(node.reason) ? 'failure' : 'routine';
}

function backupTone(phase) {
  return { Succeeded: 'ok', Failed: 'failure', Skipped: 'idle' }[phase] || 'routine';
}

// ---- small DOM helpers ----

function cell(row, text, className) {
  const td = document.createElement('td');
  td.textContent = text == null ? '' : text;
  if (className) {
    td.className = className;
  }
  row.appendChild(td);
  return td;
}

function badge(text, tone) {
  const span = document.createElement('span');
  span.className = 'badge ' + tone;
  span.textContent = text;
  return span;
}

function setBadge(selector, text, tone) {
  const element = $(selector);
  element.textContent = text;
  element.className = 'badge ' + tone;
}

function link(text, href) {
  const a = document.createElement('a');
  a.href = href;
  a.textContent = text;
  return a;
}

function fillTable(selector, items, emptySelector, render) {
  $(selector + ' tbody').replaceChildren(...items.map(render));
  $(emptySelector).hidden = items.length > 0;
  $(selector).hidden = items.length === 0;
}

/** A row that opens a page on click; its first cell holds the link, so the keyboard reaches it too. */
function linkRow(row, href) {
  row.classList.add('link');
  row.addEventListener('click', (event) => {
    if (event.target.tagName !== 'A') {
      location.hash = href;
    }
  });
}

function when(instant) {
  return instant ? new Date(instant).toLocaleString() : '';
}

/** Today's times without the date, so a table of recent events stays narrow. */
function shortWhen(instant) {
  if (!instant) return '';
  const date = new Date(instant);
  return date.toDateString() === new Date().toDateString() ? date.toLocaleTimeString() : date.toLocaleString();
}

function showError(selector, message) {
  const box = $(selector);
  box.textContent = message || '';
  box.hidden = !message;
  if (message) {
    box.scrollIntoView({ block: 'nearest' });
  }
}

/** Enables a control or disables it saying why, next to it in `hintSelector` (empty when enabled). */
function enable(selectors, why, hintSelector) {
  for (const selector of selectors) {
    const control = $(selector);
    control.disabled = Boolean(why);
    control.title = why || '';
  }
  if (hintSelector) {
    $(hintSelector).textContent = why || '';
  }
}

// ---- routing ----

function envHref(environmentId) {
  return '#/environments/' + encodeURIComponent(environmentId);
}

function clusterHref(environmentId, clusterId) {
  return envHref(environmentId) + '/clusters/' + encodeURIComponent(clusterId);
}

function parseRoute() {
  const parts = location.hash.replace(/^#\/?/, '').split('/').filter((p) => p).map(decodeURIComponent);
  if (parts[0] === 'environments' && parts.length === 2) {
    return { page: 'environment', environmentId: parts[1] };
  }
  if (parts[0] === 'environments' && parts[2] === 'clusters' && parts.length === 4) {
    return { page: 'cluster', environmentId: parts[1], clusterId: parts[3] };
  }
  return { page: 'environments' };
}

function envPath(suffix) {
  return API + '/' + encodeURIComponent(state.route.environmentId) + (suffix || '');
}

function clusterPath(suffix) {
  return envPath('/clusters/' + encodeURIComponent(state.route.clusterId) + (suffix || ''));
}

// ---- rendering ----

function renderPage() {
  for (const page of document.querySelectorAll('[data-page]')) {
    page.hidden = page.dataset.page !== state.route.page;
  }
  const home = document.createElement('strong');
  home.textContent = 'Environments';
  const crumbs = [state.route.page === 'environments' ? home : link('Environments', '#/')];
  if (state.route.page !== 'environments') {
    const span = document.createElement('span');
    span.appendChild(link(state.environment ? state.environment.name : state.route.environmentId,
        envHref(state.route.environmentId)));
    crumbs.push(span);
  }
  if (state.route.page === 'cluster') {
    const span = document.createElement('span');
    span.textContent = state.route.clusterId;
    crumbs.push(span);
  }
  $('#breadcrumbs').replaceChildren(...crumbs);
  document.title = [state.route.clusterId, state.environment && state.environment.name, 'Qdrant Hybrid']
      .filter((t) => t).join(' · ');
}

function renderEnvironments() {
  fillTable('#env-table', state.environments, '#env-empty', (env) => {
    const row = document.createElement('tr');
    row.dataset.envId = env.id;
    cell(row, '', 'name').appendChild(link(env.name, envHref(env.id)));
    cell(row, env.namespace, 'namespace');
    cell(row, '', 'phase').appendChild(badge(env.phase, environmentTone(env.phase)));
    const agent = state.agentOf[env.id];
    const agentCell = cell(row, '', 'agent');
    if (agent) {
      agentCell.appendChild(badge(agentStateText(agent.state), agentTone(agent.state))).title = agent.detail;
    } else {
      agentCell.textContent = env.connected ? 'connected' : 'not connected';
    }
    cell(row, env.kubernetesVersion ? env.kubernetesDistribution + ' ' + env.kubernetesVersion : '', 'kubernetes');
    cell(row, env.nodeCount == null ? (env.lastContactAt ? 'unknown' : '') : String(env.nodeCount), 'node-count');
    linkRow(row, envHref(env.id));
    return row;
  });
}

function renderEnvironment() {
  const env = state.environment;
  if (!env) {
    return;
  }
  $('#env-title').textContent = env.name + ' (' + env.namespace + ')';
  setBadge('#env-phase', env.phase, environmentTone(env.phase));
  $('#env-phase-message').textContent = env.phaseMessage;
  const agent = state.agent;
  if (agent) {
    setBadge('#agent-state', agentStateText(agent.state), agentTone(agent.state));
    $('#agent-since').textContent = agent.since ? when(agent.since) : 'never connected';
    $('#agent-detail').textContent = agent.detail || (agent.state === 'NEVER_CONNECTED'
        ? 'run the bootstrap commands in namespace ' + env.namespace : '—');
    $('#agent-last-contact').textContent = agent.lastContactAt ? when(agent.lastContactAt) : 'never';
  }
  const reported = Boolean(env.kubernetesVersion);
  $('#env-kubernetes').textContent = reported ? env.kubernetesDistribution + ' ' + env.kubernetesVersion
      : 'not reported yet';
  $('#env-node-count').textContent = env.nodeCount == null
      ? (reported ? 'unknown (the agent may not read nodes)' : 'not reported yet') : String(env.nodeCount);
  $('#env-storage-classes').textContent = env.storageClasses.length ? env.storageClasses.join(', ')
      : (reported ? 'none' : 'not reported yet');
  $('#env-snapshot-classes').textContent = env.volumeSnapshotClasses.length ? env.volumeSnapshotClasses.join(', ')
      : (reported ? 'none: backups cannot be taken' : 'not reported yet');
  fillTable('#component-table', env.components, '#component-empty', (component) => {
    const row = document.createElement('tr');
    row.dataset.component = component.name;
    cell(row, component.name, 'name');
    cell(row, '', 'phase').appendChild(badge(component.phase,
        component.phase === 'READY' ? 'ok' : component.phase === 'NOT_FOUND' ? 'failure' : 'routine'));
    cell(row, component.version, 'version');
    cell(row, component.message, 'message');
    return row;
  });
  // Failed and warned checks come first (the view sorts them), each with what to do.
  fillTable('#prerequisite-table', env.prerequisites || [], '#prerequisite-empty', (check) => {
    const row = document.createElement('tr');
    row.dataset.prerequisite = check.name;
    cell(row, check.name, 'name');
    cell(row, '', 'verdict').appendChild(badge(check.verdict,
        check.verdict === 'PASS' ? 'ok' : check.verdict === 'FAIL' ? 'failure' : 'routine'));
    cell(row, check.found, 'found');
    cell(row, check.advice, 'advice');
    return row;
  });
  fillTable('#cluster-table', state.clusters, '#cluster-empty', (cluster) => {
    const row = document.createElement('tr');
    row.dataset.clusterId = cluster.id;
    cell(row, '', 'id').appendChild(link(cluster.id, clusterHref(env.id, cluster.id)));
    const phaseCell = cell(row, '', 'phase');
    phaseCell.appendChild(badge(cluster.phase || 'no status yet', clusterTone(cluster, state.nodesOf[cluster.id])))
        .title = cluster.reason || '';
    if (cluster.pending) {
      const pending = phaseCell.appendChild(badge('change pending', 'routine'));
      pending.classList.add('pending');
      pending.title = cluster.pendingReason;
    }
    cell(row, cluster.nodesReady + '/' + cluster.nodes, 'nodes');
    const versionCell = cell(row, versionText(cluster), 'version');
    if (cluster.endOfLife) {
      versionCell.appendChild(badge('end of life', 'routine')).title = 'No longer supported: upgrade';
    }
    cell(row, cluster.cpu, 'cpu');
    cell(row, cluster.memory, 'memory');
    cell(row, cluster.storage, 'storage');
    linkRow(row, clusterHref(env.id, cluster.id));
    return row;
  });
  fillTable('#backup-table', state.backups, '#backup-empty', (backup) => {
    const row = document.createElement('tr');
    row.dataset.backupName = backup.name;
    cell(row, backup.name, 'name');
    cell(row, '', 'cluster').appendChild(link(backup.clusterId, clusterHref(env.id, backup.clusterId)));
    cell(row, '', 'phase').appendChild(badge(backup.phase || 'Requested', backupTone(backup.phase)));
    cell(row, when(backup.requestedAt), 'requested');
    cell(row, backup.retention || 'until deleted', 'retention');
    return row;
  });
}

function versionText(cluster) {
  return cluster.version + (cluster.runningVersion && cluster.runningVersion !== cluster.version
      ? ' (running ' + cluster.runningVersion + ')' : '');
}

/** Restores into this cluster that have not finished: another must wait. */
function restoreRunning() {
  return state.restores.some((r) => r.destinationClusterId === state.route.clusterId
      && !['Succeeded', 'Failed', 'Skipped'].includes(r.phase));
}

/** One Kubernetes event as a table row, warnings marked; {@code at} is when it was last seen. */
function eventRow(event, at) {
  const row = document.createElement('tr');
  row.dataset.reason = event.reason;
  row.classList.toggle('warning', event.type === 'Warning');
  cell(row, shortWhen(at), 'at').title = when(at);
  cell(row, event.type, 'type');
  cell(row, event.reason, 'reason');
  cell(row, event.involvedKind + ' ' + event.involvedName, 'object');
  cell(row, event.message, 'message');
  cell(row, String(event.count), 'count');
  return row;
}

function renderCluster() {
  $('#cluster-gone').hidden = !state.clusterGone;
  $('#cluster-gone-id').textContent = state.route.clusterId;
  $('#cluster-detail').hidden = !state.cluster;
  const cluster = state.cluster;
  if (!cluster) {
    return;
  }
  $('#cluster-title').textContent = cluster.id;
  setBadge('#cluster-phase', cluster.phase || 'no status yet', clusterTone(cluster, state.nodes));
  // A stale agent cannot confirm a delete: the record can only be forced away, leaving its objects (the reason says).
  const deleteButton = $('#cluster-delete');
  deleteButton.dataset.label = cluster.phase === 'Unknown' ? 'Force delete (agent gone)' : 'Delete cluster';
  if (!deleteButton.classList.contains('armed')) deleteButton.textContent = deleteButton.dataset.label;
  $('#cluster-reason').textContent = cluster.reason || (cluster.phase ? ''
      : 'No status reported yet: the agent has not applied it, or no operator runs in the namespace.');
  $('#cluster-pending').hidden = !cluster.pending;
  $('#cluster-pending-reason').textContent = cluster.pendingReason;
  $('#cluster-nodes-ready').textContent = cluster.nodesReady + ' of ' + cluster.nodes + ' ready';
  $('#cluster-version-shown').textContent = versionText(cluster);
  renderReleaseHints(cluster);
  $('#cluster-resources').textContent = cluster.cpu + ' CPU, ' + cluster.memory + ' memory, ' + cluster.storage
      + ' storage';
  $('#cluster-restarted-at').textContent = cluster.restartedAt ? when(cluster.restartedAt) : 'never';
  const conditions = cluster.conditions || [];
  $('#condition-table').hidden = conditions.length === 0;
  $('#condition-table tbody').replaceChildren(...conditions.map((condition) => {
    const row = document.createElement('tr');
    row.dataset.condition = condition.type;
    cell(row, condition.type, 'type');
    cell(row, condition.status, 'status');
    cell(row, condition.reason, 'reason');
    cell(row, condition.message, 'message');
    return row;
  }));

  fillTable('#node-table', state.nodes, '#node-empty', (node) => {
    const row = document.createElement('tr');
    row.dataset.pod = node.name;
    cell(row, node.name, 'pod');
    cell(row, '', 'phase').appendChild(badge(node.phase || 'unknown', nodeTone(node)));
    cell(row, node.ready ? 'ready' : 'not ready', 'ready');
    cell(row, String(node.restartCount), 'restarts');
    cell(row, node.version || cluster.runningVersion, 'version');
    const reason = [node.reason, node.message].filter((t) => t).join(': ');
    cell(row, reason, 'reason' + (nodeTone(node) === 'failure' ? ' failure' : ''));
    return row;
  });
  renderLogNodes();
  fillTable('#event-table', state.events, '#event-empty', (event) => eventRow(event, event.at));

  const deleting = cluster.phase === 'Deleting' ? 'the cluster is being deleted' : '';
  const suspended = cluster.suspended ? 'the cluster is suspended: resume it first' : '';
  enable(['#scale-submit', '#scale-nodes'], deleting || suspended, '#scale-hint');
  enable(['#upgrade-submit', '#upgrade-version'], deleting || suspended || (cluster.pending
      ? 'a change is pending (' + cluster.pendingReason + '): upgrade once it is applied' : ''), '#upgrade-hint');
  enable(['#cluster-restart'], deleting || suspended);
  enable(['#cluster-suspend'], deleting || (cluster.suspended ? 'already suspended' : ''));
  enable(['#cluster-resume'], deleting || (cluster.suspended ? '' : 'not suspended'));
  enable(['#cluster-delete'], deleting);
  $('#power-hint').textContent = deleting || suspended;
  enable(['#backup-submit', '#backup-retention'], deleting || suspended, '#backup-hint');

  const restoreBlocked = deleting || (restoreRunning() ? 'a restore into this cluster is running' : '');
  $('#restore-hint').textContent = restoreBlocked ? 'Restore is unavailable: ' + restoreBlocked + '.' : '';
  const backups = state.backups.filter((b) => b.clusterId === cluster.id);
  fillTable('#cluster-backup-table', backups, '#cluster-backup-empty', (backup) => {
    const row = document.createElement('tr');
    row.dataset.backupName = backup.name;
    cell(row, backup.name, 'name');
    cell(row, '', 'phase').appendChild(badge(backup.phase || 'Requested', backupTone(backup.phase)));
    cell(row, when(backup.requestedAt), 'requested');
    cell(row, backup.retention || 'until deleted', 'retention');
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'danger small restore';
    button.textContent = 'Restore';
    button.setAttribute('aria-label', 'Restore backup ' + backup.name + ' into cluster ' + cluster.id);
    const why = restoreBlocked || (backup.phase === 'Succeeded' ? '' : 'only a succeeded backup can be restored');
    button.disabled = Boolean(why);
    button.title = why || 'Replaces the data of ' + cluster.id + ' with this backup'
        + (backup.reverts ? '; ' + backup.reverts : '');
    // The confirmation says what goes back (e.g. the version), not only that data is replaced.
    button.dataset.confirm = backup.reverts || '';
    confirmTwice(button, () => api('POST', envPath('/restores'),
        { backupName: backup.name, clusterId: cluster.id, newCluster: false }), '#restore-error',
        'restore:' + backup.name);
    cell(row, '', 'actions').appendChild(button);
    return row;
  });
  const restores = state.restores.filter((r) => r.destinationClusterId === cluster.id);
  fillTable('#restore-table', restores, '#restore-empty', (restore) => {
    const row = document.createElement('tr');
    row.dataset.restoreName = restore.name;
    cell(row, restore.name, 'name');
    cell(row, restore.backupName, 'backup');
    cell(row, '', 'phase').appendChild(badge(restore.phase || 'Requested', backupTone(restore.phase)));
    cell(row, restore.message, 'message');
    return row;
  });
}

// ---- loading ----

async function load() {
  const route = state.route;
  if (route.page === 'environments') {
    const environments = (await api('GET', API)).items;
    // Connected or not is in the list; whether an absent agent is refused (someone must act) needs its connection.
    const agentOf = {};
    await Promise.all(environments.map(async (env) => {
      try {
        agentOf[env.id] = await api('GET', API + '/' + encodeURIComponent(env.id) + '/agent');
      } catch (e) {
        // Deleted since the list was read: the next refresh drops it.
      }
    }));
    Object.assign(state, { environments, agentOf });
    return;
  }
  const [environment, agent, clusters, backups, restores] = await Promise.all([
    api('GET', envPath()), api('GET', envPath('/agent')), api('GET', envPath('/clusters')),
    api('GET', envPath('/backups')), api('GET', envPath('/restores'))]);
  // A busy or NotReady cluster's colour depends on its nodes (starting or failing): fetch them for those only.
  const nodesOf = {};
  const settled = ['', 'Healthy', 'Suspended', 'ManualMaintenance', 'Deleting'];
  await Promise.all(clusters.items.filter((c) => !settled.includes(c.phase || '')).map(async (c) => {
    try {
      nodesOf[c.id] = (await api('GET', envPath('/clusters/' + encodeURIComponent(c.id) + '/nodes'))).items;
    } catch (e) {
      // Gone since the list was read: the next refresh drops it.
    }
  }));
  Object.assign(state, { environment, agent, clusters: clusters.items, backups: backups.items,
    restores: restores.items, nodesOf });
  if (route.page === 'cluster') {
    try {
      const [cluster, nodes, events] = await Promise.all([api('GET', clusterPath()), api('GET', clusterPath('/nodes')),
        api('GET', clusterPath('/events'))]);
      Object.assign(state, { cluster, nodes: nodes.items, events: events.items, clusterGone: false });
    } catch (e) {
      if (e.status !== 404) {
        throw e;
      }
      Object.assign(state, { cluster: null, nodes: [], events: [], clusterGone: true });
    }
  }
}

/** What identifies a focused control in a table across re-renders: its armed key or its link. */
function focusKey(element) {
  if (!element || !element.closest('tbody')) return null;
  return element.dataset.armedKey ? '[data-armed-key="' + CSS.escape(element.dataset.armedKey) + '"]'
      : element.tagName === 'A' ? 'a[href="' + CSS.escape(element.getAttribute('href')) + '"]' : null;
}

/** Live updates redraw tables; a keyboard user keeps their place. */
function refocus(selector) {
  const element = selector && document.querySelector('main ' + selector);
  if (element && element !== document.activeElement) {
    element.focus({ preventScroll: true });
  }
}

let refreshing = null;
let refreshAgain = false;

/** Loads what the current page shows and renders it; overlapping calls collapse into one more round. */
async function refresh() {
  if (refreshing) {
    refreshAgain = true;
    return refreshing;
  }
  refreshing = (async () => {
    do {
      refreshAgain = false;
      const route = state.route;
      try {
        await load();
      } catch (e) {
        if (route === state.route) {
          showError('#error', (e.status === 404 ? '' : 'Cannot reach the control plane: ') + e.message);
        }
        continue;
      }
      if (route !== state.route) {
        refreshAgain = true;
        continue;
      }
      showError('#error', '');
      const focused = focusKey(document.activeElement);
      renderPage();
      if (route.page === 'environments') renderEnvironments();
      if (route.page !== 'environments') renderEnvironment();
      if (route.page === 'cluster') renderCluster();
      refocus(focused);
    } while (refreshAgain);
  })();
  try {
    await refreshing;
  } finally {
    refreshing = null;
  }
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

function navigate() {
  const before = state.route;
  state.route = parseRoute();
  if (before.environmentId !== state.route.environmentId) {
    Object.assign(state, { environment: null, agent: null, clusters: [], backups: [], restores: [] });
    $('#bootstrap-commands').hidden = true;
  }
  if (before.clusterId !== state.route.clusterId || before.environmentId !== state.route.environmentId) {
    Object.assign(state, { cluster: null, clusterGone: false, nodes: [], events: [] });
    for (const box of document.querySelectorAll('.form-error')) {
      box.hidden = true;
    }
  }
  renderPage();
  $('#main').focus({ preventScroll: true });
  refresh().then(() => {
    if (state.route.page === 'cluster' && state.cluster && before.clusterId !== state.route.clusterId) {
      $('#scale-nodes').value = state.cluster.nodes;
      $('#upgrade-version').value = state.cluster.version;
    }
  });
}

// ---- actions ----

/** Runs a user action: its error shows next to the control that caused it; success clears it, then refreshes. */
async function act(action, errorSelector) {
  try {
    await action();
    showError(errorSelector, '');
  } catch (e) {
    showError(errorSelector, e.message);
  }
  await refresh();
}

// Armed destructive buttons by key, so a re-render (live updates redraw tables) keeps the first click.
const armed = new Map();

/** A destructive button needs a second click within five seconds. */
function confirmTwice(button, action, errorSelector, key) {
  key = key || button.id;
  button.dataset.label = button.textContent;
  showArmed(button, key);
  button.addEventListener('click', () => {
    if (!armed.has(key)) {
      armed.set(key, setTimeout(() => {
        armed.delete(key);
        const current = key === button.id ? button : document.querySelector('[data-armed-key="' + key + '"]');
        if (current) showArmed(current, key);
      }, 5000));
      showArmed(button, key);
      return;
    }
    clearTimeout(armed.get(key));
    armed.delete(key);
    showArmed(button, key);
    act(action, errorSelector);
  });
}

function showArmed(button, key) {
  button.dataset.armedKey = key;
  button.classList.toggle('armed', armed.has(key));
  button.textContent = armed.has(key) ? 'Click again to confirm'
      + (button.dataset.confirm ? ': ' + button.dataset.confirm : '') : button.dataset.label;
}

function onSubmit(selector, errorSelector, action) {
  $(selector).addEventListener('submit', (event) => {
    event.preventDefault();
    act(action, errorSelector);
  });
}

onSubmit('#env-form', '#env-form-error', async () => {
  await api('POST', API, { name: $('#env-name').value, namespace: $('#env-namespace').value });
  $('#env-form').reset();
});

onSubmit('#cluster-form', '#cluster-form-error', async () => {
  await api('POST', envPath('/clusters'), {
    id: $('#cluster-id').value,
    nodes: $('#cluster-nodes').value,
    version: $('#cluster-version').value,
    cpu: $('#cluster-cpu').value,
    memory: $('#cluster-memory').value,
    storage: $('#cluster-storage').value,
  });
  $('#cluster-id').value = '';
});

onSubmit('#scale-form', '#scale-error', () => api('POST', clusterPath('/scale'), { nodes: $('#scale-nodes').value }));
onSubmit('#upgrade-form', '#upgrade-error',
    () => api('POST', clusterPath('/version'), { version: $('#upgrade-version').value }));
onSubmit('#backup-form', '#backup-error', () => api('POST', envPath('/backups'), {
  clusterId: state.route.clusterId,
  retentionHours: $('#backup-retention').value,
}));

$('#cluster-restart').addEventListener('click', () => act(() => api('POST', clusterPath('/restart')), '#power-error'));
$('#cluster-suspend').addEventListener('click', () => act(() => api('POST', clusterPath('/suspend')), '#power-error'));
$('#cluster-resume').addEventListener('click', () => act(() => api('POST', clusterPath('/resume')), '#power-error'));
confirmTwice($('#cluster-delete'), () => api('DELETE', clusterPath(
    state.cluster && state.cluster.phase === 'Unknown' ? '?force=true' : '')), '#power-error');
confirmTwice($('#env-delete'), async () => {
  await api('DELETE', envPath());
  location.hash = '#/';
}, '#env-delete-error');

$('#bootstrap-generate').addEventListener('click', () => act(async () => {
  const answer = await api('POST', envPath('/bootstrap-commands'));
  const pre = $('#bootstrap-commands');
  pre.textContent = answer.commands.join('\n');
  pre.hidden = false;
}, '#bootstrap-error'));

// ---- logs and Kubernetes events on request: read only when the user asks (nothing flows otherwise) ----

let logsShownFor = null;

/** The node picker follows the cluster's nodes, keeping the choice; what was read for another cluster goes away. */
function renderLogNodes() {
  const key = state.route.environmentId + '/' + state.route.clusterId;
  if (logsShownFor !== key) {
    logsShownFor = key;
    $('#logs-text').hidden = true;
    $('#logs-text').textContent = '';
    fillTable('#live-event-table', [], '#live-event-empty', () => null);
    showError('#logs-error', '');
    showError('#live-events-error', '');
  }
  const picker = $('#logs-node');
  const chosen = picker.value;
  const names = state.nodes.map((node) => node.name);
  const options = [new Option('all nodes', '')].concat(names.map((name) => new Option(name, name)));
  picker.replaceChildren(...options);
  picker.value = names.includes(chosen) ? chosen : '';
}

async function readOnRequest(errorSelector, action) {
  try {
    await action();
    showError(errorSelector, '');
  } catch (e) {
    showError(errorSelector, e.message);
  }
}

$('#logs-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const query = new URLSearchParams({ tailLines: $('#logs-tail').value });
  if ($('#logs-node').value) query.set('node', $('#logs-node').value);
  if ($('#logs-previous').checked) query.set('previous', 'true');
  readOnRequest('#logs-error', async () => {
    const answer = await api('GET', clusterPath('/logs?' + query));
    const pre = $('#logs-text');
    // textContent, never innerHTML: a log line is data, whatever characters it holds.
    pre.textContent = answer.log || '(no lines)';
    pre.hidden = false;
    pre.scrollTop = pre.scrollHeight;
  });
});

$('#live-events-refresh').addEventListener('click', () => readOnRequest('#live-events-error', async () => {
  const answer = await api('GET', clusterPath('/kubernetes-events'));
  fillTable('#live-event-table', answer.items, '#live-event-empty', (event) => eventRow(event, event.lastSeen));
  if (answer.items.length === 0) $('#live-event-empty').textContent = 'No Kubernetes events about this cluster.';
}));

function listen() {
  const live = $('#live');
  const events = new EventSource('/api/v1/events');
  events.onopen = () => {
    live.textContent = 'live';
    live.className = 'badge ok';
    refreshSoon();
  };
  events.onerror = () => {
    live.textContent = 'reconnecting';
    live.className = 'badge routine';
  };
  events.onmessage = () => refreshSoon();
}

// Some changes announce no event: an agent refused at its handshake, or gone silent past the silence window (time
// passing is not an event). A slow poll while the tab is visible picks those up.
const POLL_MILLIS = 5000;
setInterval(() => {
  if (document.visibilityState === 'visible') refreshSoon();
}, POLL_MILLIS);

// ---- release catalogue: which versions the pickers offer, end of life, the upgrade path ----

const releases = { items: [], pathFor: '' };

/** Offers the available releases (default first, end of life marked; unavailable ones are not offered). */
async function loadReleases() {
  try {
    releases.items = (await api('GET', '/api/v1/releases')).items;
  } catch (error) {
    return; // the pickers stay free text; the server still refuses what it does not offer
  }
  const offered = releases.items.filter((r) => !r.unavailable);
  const ordered = offered.filter((r) => r.default).concat(offered.filter((r) => !r.default));
  $('#release-versions').replaceChildren(...ordered.map((release) => {
    const option = document.createElement('option');
    option.value = release.version;
    option.label = release.version + (release.default ? ' (default)' : '') + (release.endOfLife ? ' (end of life)' : '');
    return option;
  }));
  const input = $('#cluster-version');
  const preselected = offered.find((r) => r.default);
  if (preselected && input.value === input.defaultValue) {
    input.value = input.defaultValue = preselected.version;
  }
  hintChosenVersion();
}

/** Says what the chosen version of a new cluster is: end of life, unavailable, or not released. */
function hintChosenVersion() {
  const version = $('#cluster-version').value.trim();
  const release = releases.items.find((r) => r.version === version);
  let hint = '';
  if (releases.items.length && version && !release) hint = version + ' is not a released version.';
  else if (release && release.unavailable) hint = version + ' is unavailable' + (release.remarks ? ': ' + release.remarks : '.');
  else if (release && release.endOfLife) hint = version + ' is end of life: it runs, but is no longer supported.';
  $('#cluster-version-hint').textContent = hint;
  $('#cluster-version-hint').hidden = !hint;
}

function renderReleaseHints(cluster) {
  $('#cluster-eol').hidden = !cluster.endOfLife;
  const next = $('#upgrade-next');
  next.hidden = !cluster.nextUpgrade || cluster.phase === 'Deleting';
  next.textContent = 'Next step: ' + cluster.nextUpgrade;
  next.dataset.version = cluster.nextUpgrade || '';
  showUpgradePath();
}

/** The path to the version typed in the upgrade form, one minor at a time, as the server computes it. */
async function showUpgradePath() {
  const to = $('#upgrade-version').value.trim();
  const cluster = state.cluster;
  const key = cluster ? cluster.environmentId + '/' + cluster.id + '/' + cluster.version + '>' + to : '';
  if (key === releases.pathFor) return;
  releases.pathFor = key;
  const shown = $('#upgrade-path');
  if (!cluster || !/^v\d+\.\d+\.\d+$/.test(to) || to === cluster.version) {
    shown.textContent = '';
    return;
  }
  try {
    const path = await api('GET', API + '/' + encodeURIComponent(cluster.environmentId) + '/clusters/'
        + encodeURIComponent(cluster.id) + '/upgrade-path?to=' + encodeURIComponent(to));
    if (releases.pathFor !== key) return;
    const steps = path.steps.map((s) => s.version + (s.endOfLife ? ' (end of life)' : ''));
    shown.textContent = steps.length > 1
        ? 'Upgrade path: ' + steps.join(' → ') + '. Upgrade one step at a time; ask for ' + path.next + ' first.'
        : 'Upgrade path: ' + steps.join('') + ' in one step.';
  } catch (error) {
    if (releases.pathFor === key) shown.textContent = error.message;
  }
}

$('#cluster-version').addEventListener('input', hintChosenVersion);
$('#upgrade-version').addEventListener('input', showUpgradePath);
$('#upgrade-next').addEventListener('click', () => {
  $('#upgrade-version').value = $('#upgrade-next').dataset.version;
  showUpgradePath();
});
loadReleases();
// The catalogue changes rarely (and announces no cluster event): reload it now and then.
setInterval(() => {
  if (document.visibilityState === 'visible') loadReleases();
}, 6 * POLL_MILLIS);

window.addEventListener('hashchange', navigate);
listen();
navigate();
