// Cluster usage in the console: charts of the last hour (inline SVG, no library: the console works offline), a flag
// on clusters above 80 % memory or disk, the downscale risk shown before a scale-down is confirmed, and the
// environment's operator (reconciles and errors per minute, queue depth, unreachable and why).
// Loaded after console.js and uses its helpers (state, $, api, envPath, clusterPath).
'use strict';

const usage = { metrics: null, flagsOf: {}, operator: null, risk: null, riskNodes: null, confirmedNodes: null };
const CHART_WIDTH = 360;
const CHART_HEIGHT = 90;

function formatBytes(value) {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return (unit === 0 ? value.toFixed(0) : value.toFixed(1)) + ' ' + units[unit];
}

/** Draws one series (and its limit as a dashed line when given) into an SVG element. */
function drawChart(svg, points, value, limit, format) {
  const ns = 'http://www.w3.org/2000/svg';
  svg.setAttribute('viewBox', '0 0 ' + CHART_WIDTH + ' ' + CHART_HEIGHT);
  svg.replaceChildren();
  const values = points.map(value).filter((v) => v !== null && v !== undefined);
  if (values.length === 0) {
    const text = document.createElementNS(ns, 'text');
    text.setAttribute('x', 8);
    text.setAttribute('y', CHART_HEIGHT / 2);
    text.textContent = 'nothing reported yet';
    svg.appendChild(text);
    return;
  }
  const limits = limit ? points.map(limit).filter((v) => v > 0) : [];
  const max = Math.max(...values, ...limits, 1);
  const first = Date.parse(points[0].at);
  const span = Math.max(Date.parse(points[points.length - 1].at) - first, 1);
  const x = (p) => ((Date.parse(p.at) - first) / span * (CHART_WIDTH - 10) + 5).toFixed(1);
  const y = (v) => (CHART_HEIGHT - 14 - v / max * (CHART_HEIGHT - 24)).toFixed(1);
  const line = (fn, cls) => {
    const polyline = document.createElementNS(ns, 'polyline');
    polyline.setAttribute('points', points.filter((p) => fn(p) !== null && fn(p) !== undefined)
        .map((p) => x(p) + ',' + y(fn(p))).join(' '));
    polyline.setAttribute('class', cls);
    polyline.setAttribute('fill', 'none');
    svg.appendChild(polyline);
  };
  // A limit not known at a point (0: a node not read yet) is left out rather than drawn as zero.
  if (limits.length) line((p) => (limit(p) > 0 ? limit(p) : null), 'chart-limit');
  line(value, 'chart-line');
  const caption = document.createElementNS(ns, 'text');
  caption.setAttribute('x', 5);
  caption.setAttribute('y', CHART_HEIGHT - 2);
  const last = points[points.length - 1];
  caption.textContent = 'now ' + format(value(last)) + (limits.length ? ' of ' + format(limit(last)) : '');
  svg.appendChild(caption);
}

function renderUsage() {
  const view = usage.metrics;
  const section = $('#cluster-usage');
  if (!section || !view) return;
  const points = view.points || [];
  drawChart($('#chart-memory'), points, (p) => p.memoryUsedBytes, (p) => p.memoryLimitBytes, formatBytes);
  drawChart($('#chart-disk'), points, (p) => p.diskUsedBytes, (p) => p.diskCapacityBytes, formatBytes);
  drawChart($('#chart-requests'), points, (p) => p.requestRate, null, (v) => (v || 0).toFixed(1) + ' req/s');
  const flags = view.flags || [];
  $('#usage-flags').hidden = flags.length === 0;
  $('#usage-flags').textContent = flags.join('; ');
  const latest = view.latest;
  $('#usage-summary').textContent = !latest ? 'No usage reported yet: the agent reports every 30 seconds.'
      : 'Reported ' + new Date(latest.at).toLocaleString() + ': ' + latest.collections + ' collections, '
        + latest.points + ' points, ' + latest.nodesScraped + ' of ' + latest.nodes.length + ' nodes read'
        + (latest.unreadNodes.length ? ' (' + latest.unreadNodes.join('; ') + ')' : '') + '.';
}

/**
 * The environment's operator: rates averaged over the window (from the counters of its first and last reachable
 * points), the latest queue depth and workers, and why it is unreachable when it is.
 */
function renderOperator() {
  const view = usage.operator;
  if (!view || !$('#operator-metrics')) return;
  const notice = $('#operator-unreachable');
  notice.hidden = !view.notice;
  notice.textContent = view.notice || '';
  const reachable = (view.points || []).filter((p) => !p.unreachable);
  const latest = view.latest && !view.latest.unreachable ? view.latest : null;
  const first = reachable[0];
  const last = reachable[reachable.length - 1];
  const minutes = first && last ? (Date.parse(last.at) - Date.parse(first.at)) / 60000 : 0;
  // Counters restart with the operator: a lower count means no rate can be told over this window.
  const rate = (total) => (minutes > 0 && total(last) >= total(first)
    ? ((total(last) - total(first)) / minutes).toFixed(1) : '—');
  $('#operator-reconciles').textContent = rate((p) => p.reconcilesTotal);
  $('#operator-errors').textContent = rate((p) => p.reconcileErrorsTotal);
  $('#operator-queue').textContent = latest ? String(latest.queueDepth) : '—';
  $('#operator-workers').textContent = latest ? String(latest.activeWorkers) : '—';
}

/** Marks clusters above 80 % in the environment's cluster list. */
function renderFlags() {
  for (const row of document.querySelectorAll('#cluster-table tbody tr')) {
    const flags = usage.flagsOf[row.dataset.clusterId] || [];
    const phase = row.querySelector('td.phase');
    if (!phase) continue;
    let flag = phase.querySelector('.usage-flag');
    if (flags.length === 0) {
      if (flag) flag.remove();
      continue;
    }
    if (!flag) {
      flag = document.createElement('span');
      flag.className = 'badge failure usage-flag';
      phase.appendChild(flag);
    }
    flag.textContent = flags.map((f) => f.split(' ')[0]).join(', ') + ' above 80 %';
    flag.title = flags.join('; ');
  }
}

async function loadUsage() {
  try {
    if (state.route.page === 'cluster' && state.cluster) {
      usage.metrics = await api('GET', clusterPath('/metrics?window=1h'));
      renderUsage();
    } else if (state.route.page === 'environment') {
      usage.operator = await api('GET', envPath('/operator-metrics?window=15m'));
      renderOperator();
      for (const cluster of state.clusters) {
        const view = await api('GET', envPath('/clusters/' + encodeURIComponent(cluster.id) + '/metrics?window=5m'));
        usage.flagsOf[cluster.id] = view.flags || [];
      }
      renderFlags();
    }
  } catch (e) {
    // The next round tries again; the pages' own errors already say when the control plane is unreachable.
  }
}

// Re-apply after console.js redraws its tables.
const renderClusterWithoutUsage = renderCluster;
renderCluster = function () {
  renderClusterWithoutUsage();
  renderUsage();
};
const renderEnvironmentWithoutFlags = renderEnvironment;
renderEnvironment = function () {
  renderEnvironmentWithoutFlags();
  renderFlags();
  renderOperator();
};

function showRisk(risk, nodes) {
  const box = $('#scale-risk');
  box.hidden = !risk;
  if (!risk) return;
  box.className = 'notice' + (risk.level === 'NO_RISK' ? '' : ' risk');
  const words = { NO_RISK: 'No risk', DATA_AT_RISK: 'Data at risk', USAGE_EXCEEDS_TARGET: 'Usage exceeds the target',
    USAGE_UNKNOWN: 'Usage unknown' };
  box.textContent = 'Scaling to ' + nodes + ': ' + (words[risk.level] || risk.level) + '. ' + risk.reasons.join(' ')
      + (risk.level === 'NO_RISK' ? '' : ' Click Scale again to scale anyway.');
}

// A scale-down asks for the downscale risk first; anything but NO_RISK needs a second click.
$('#scale-submit').addEventListener('click', async (event) => {
  const nodes = Number($('#scale-nodes').value);
  if (!state.cluster || !(nodes >= 1) || nodes >= state.cluster.nodes || usage.confirmedNodes === nodes) {
    usage.confirmedNodes = null;
    return;
  }
  event.preventDefault();
  try {
    const risk = await api('GET', clusterPath('/downscale-risk?nodes=' + nodes));
    showRisk(risk, nodes);
    usage.confirmedNodes = nodes;
    if (risk.level === 'NO_RISK') {
      $('#scale-form').requestSubmit();
    }
  } catch (e) {
    showError('#scale-error', e.message);
  }
});
$('#scale-nodes').addEventListener('input', () => {
  usage.confirmedNodes = null;
  showRisk(null);
});

setInterval(() => {
  if (document.visibilityState === 'visible') loadUsage();
}, 5000);
window.addEventListener('hashchange', () => {
  usage.metrics = null;
  usage.operator = null;
  setTimeout(loadUsage, 300);
});
setTimeout(loadUsage, 300);
