// The sweep report's interactions, embedded into report.html (report_html.cpp): the scatter plot
// redrawn on any two metrics, hover for a point's parameters and metrics, click (on a point or a
// table row) to select it and show its breakdown, and a table sorted by any column and filtered
// (front only, feasible only, text). The page works without it: the static plot and table stay.
(function () {
  'use strict';
  var D = JSON.parse(document.getElementById('circa-data').textContent);
  var NS = 'http://www.w3.org/2000/svg';
  var W = 640, H = 420, L = 70, R = 20, T = 36, B = 50;
  var state = { x: D.x, y: D.y, sel: -1, sortCol: -1, sortDir: 1 };
  function el(id) { return document.getElementById(id); }
  function finite(v) { return typeof v === 'number' && isFinite(v); }  // JSON null: no value
  function num(v) { return finite(v) ? String(+v.toPrecision(5)) : ''; }
  function add(parent, tag, attrs, text) {
    var e = document.createElementNS(NS, tag);
    for (var k in attrs) e.setAttribute(k, attrs[k]);
    if (text !== undefined) e.textContent = text;
    parent.appendChild(e);
    return e;
  }

  // An axis: log when every value is positive and they span more than two decades.
  function axis(values, lo, hi) {
    var min = Infinity, max = -Infinity;
    values.forEach(function (v) { if (finite(v)) { min = Math.min(min, v); max = Math.max(max, v); } });
    if (min > max) { min = 0; max = 1; }
    var log = min > 0 && max / min > 100;
    var t = log ? Math.log10 : function (v) { return v; };
    var a = t(min), b = t(max);
    if (a === b) { a -= 0.5; b += 0.5; }
    var ticks = [];
    if (log) for (var e = Math.ceil(a); e <= Math.floor(b); e++) ticks.push(Math.pow(10, e));
    else for (var i = 0; i <= 4; i++) ticks.push(a + (b - a) * i / 4);
    return { log: log, ticks: ticks, at: function (v) { return lo + (t(v) - a) / (b - a) * (hi - lo); } };
  }

  function pointClass(r, i) {
    return 'pt ' + (r.front > 0 ? 'front' : r.feasible ? 'feasible' : 'infeasible') +
           (i === state.sel ? ' sel' : '');
  }

  function draw() {
    var box = el('circa-plot');
    box.textContent = '';
    var svg = add(box, 'svg', { 'class': 'plot scatter', width: W, height: H, viewBox: '0 0 ' + W + ' ' + H,
                                'data-x': state.x, 'data-y': state.y });
    var ok = D.rows.map(function (r, i) { return i; }).filter(function (i) { return D.rows[i].status === 'ok'; });
    var ax = axis(ok.map(function (i) { return D.rows[i].values[state.x]; }), L, W - R);
    var ay = axis(ok.map(function (i) { return D.rows[i].values[state.y]; }), H - B, T);
    add(svg, 'text', { 'class': 'title', x: L, y: 22 }, state.x + ' vs ' + state.y);
    add(svg, 'rect', { 'class': 'frame', x: L, y: T, width: W - L - R, height: H - T - B });
    ax.ticks.forEach(function (v) {
      var x = ax.at(v);
      add(svg, 'line', { 'class': 'grid', x1: x, x2: x, y1: T, y2: H - B });
      add(svg, 'text', { 'class': 'tick', x: x, y: H - B + 16, 'text-anchor': 'middle' }, num(v));
    });
    ay.ticks.forEach(function (v) {
      var y = ay.at(v);
      add(svg, 'line', { 'class': 'grid', x1: L, x2: W - R, y1: y, y2: y });
      add(svg, 'text', { 'class': 'tick', x: L - 6, y: y + 4, 'text-anchor': 'end' }, num(v));
    });
    add(svg, 'text', { 'class': 'label', x: (L + W - R) / 2, y: H - 12, 'text-anchor': 'middle' },
        state.x + (ax.log ? ' (log)' : ''));
    add(svg, 'text', { 'class': 'label', x: 14, y: (T + H - B) / 2, 'text-anchor': 'middle',
                       transform: 'rotate(-90 14 ' + (T + H - B) / 2 + ')' }, state.y + (ay.log ? ' (log)' : ''));
    // With two objectives on the axes the front is a staircase: join it in x order.
    if (D.join_front && ((state.x === D.x && state.y === D.y) || (state.x === D.y && state.y === D.x))) {
      var line = ok.filter(function (i) {
        var r = D.rows[i];
        return r.front > 0 && finite(r.values[state.x]) && finite(r.values[state.y]);
      }).sort(function (i, j) { return D.rows[i].values[state.x] - D.rows[j].values[state.x]; });
      if (line.length > 1)
        add(svg, 'polyline', { 'class': 'front-line', points: line.map(function (i) {
          var r = D.rows[i];
          return ax.at(r.values[state.x]).toFixed(1) + ',' + ay.at(r.values[state.y]).toFixed(1);
        }).join(' ') });
    }
    // Front points last, so they are drawn on top.
    ok.sort(function (i, j) { return (D.rows[i].front > 0) - (D.rows[j].front > 0); });
    ok.forEach(function (i) {
      var r = D.rows[i], x = r.values[state.x], y = r.values[state.y];
      if (!finite(x) || !finite(y)) return;
      add(svg, 'circle', { 'class': pointClass(r, i), cx: ax.at(x).toFixed(1), cy: ay.at(y).toFixed(1),
                           r: r.front > 0 ? 4 : 3, 'data-i': i });
    });
  }

  function describe(r) {
    var lines = [r.label + (r.front > 0 ? '  (front #' + r.front + ')' : '')];
    D.axes.forEach(function (a) { lines.push(a + ' = ' + r.inputs[a]); });
    D.metrics.forEach(function (m) { lines.push(m + ' = ' + num(r.values[m])); });
    return lines.join('\n');
  }

  function showTip(e) {
    var c = e.target.closest('circle');
    var tip = el('circa-tip');
    if (!c) { tip.style.display = 'none'; return; }
    tip.textContent = describe(D.rows[+c.getAttribute('data-i')]);
    tip.style.left = (e.pageX + 12) + 'px';
    tip.style.top = (e.pageY + 12) + 'px';
    tip.style.display = 'block';
  }

  function breakdownTable(name, parts) {
    var total = 0, units = Object.keys(parts);
    units.forEach(function (u) { total += parts[u]; });
    units.sort(function (a, b) { return parts[b] - parts[a]; });
    var t = document.createElement('table');
    t.className = 'breakdown';
    t.innerHTML = '<tr><th>' + name + '</th><th>value</th><th>share</th></tr>';
    units.forEach(function (u) {
      var tr = t.insertRow(), share = total > 0 ? parts[u] / total : 0;
      tr.insertCell().textContent = u;
      tr.insertCell().textContent = num(parts[u]);
      var bar = tr.insertCell();
      bar.className = 'share';
      bar.innerHTML = '<span style="width:' + (share * 120).toFixed(1) + 'px"></span> ' + (share * 100).toFixed(1) + ' %';
    });
    return t;
  }

  // A point's energy per inference split per unit (the cost table's columns), when its
  // breakdowns carry the split (energy_<kind>_pj); those then replace their own tables.
  var KINDS = ['dynamic', 'clock', 'wires', 'leakage'];
  function kindName(k) { return 'energy_' + k + '_pj'; }
  function energySplitTable(b) {
    if (!b[kindName('dynamic')]) return null;
    var units = {}, total = 0;
    KINDS.forEach(function (k) {
      b[kindName(k)] = b[kindName(k)] || {};  // a kind no unit has
      Object.keys(b[kindName(k)]).forEach(function (u) {
        units[u] = (units[u] || 0) + b[kindName(k)][u];
        total += b[kindName(k)][u];
      });
    });
    var names = Object.keys(units).sort(function (a, c) { return units[c] - units[a]; });
    var t = document.createElement('table');
    t.className = 'breakdown energy-split';
    t.innerHTML = '<tr><th>energy per inference, pJ</th><th>' + KINDS.join('</th><th>') +
                  '</th><th>total</th><th>share</th></tr>';
    names.concat(['total']).forEach(function (u) {
      var tr = t.insertRow();
      tr.insertCell().textContent = u;
      KINDS.forEach(function (k) {
        var part = b[kindName(k)], v = 0;
        if (u === 'total') Object.keys(part).forEach(function (n) { v += part[n]; });
        else v = part[u];
        tr.insertCell().textContent = v === undefined ? '-' : num(v);
      });
      var sum = u === 'total' ? total : units[u];
      tr.insertCell().textContent = num(sum);
      tr.insertCell().textContent = total > 0 ? (100 * sum / total).toFixed(1) + ' %' : '';
    });
    return t;
  }

  function select(i) {
    state.sel = i;
    document.querySelectorAll('#circa-plot circle').forEach(function (c) {
      c.setAttribute('class', pointClass(D.rows[+c.getAttribute('data-i')], +c.getAttribute('data-i')));
    });
    document.querySelectorAll('#circa-table tr[data-i]').forEach(function (tr) {
      tr.classList.toggle('sel', +tr.getAttribute('data-i') === i);
    });
    var r = D.rows[i], box = el('circa-selected');
    box.textContent = '';
    box.setAttribute('data-key', r.key);
    var h = document.createElement('h3');
    h.textContent = 'Selected: ' + r.label;
    var pre = document.createElement('pre');
    pre.textContent = describe(r) + (r.note ? '\nnote: ' + r.note : '');
    box.appendChild(h);
    box.appendChild(pre);
    var b = r.breakdowns || {}, split = energySplitTable(b);
    Object.keys(b).forEach(function (name) {
      var shown = split && (name === 'energy_pj' || KINDS.some(function (k) { return name === kindName(k); }));
      if (!shown) box.appendChild(breakdownTable(name, b[name]));
    });
    if (split) box.appendChild(split);
  }

  function cellValue(tr, col) {
    var text = tr.cells[col].textContent, v = Number(text);
    return text !== '' && isFinite(v) ? v : text;
  }

  function sortBy(col) {
    state.sortDir = state.sortCol === col ? -state.sortDir : 1;
    state.sortCol = col;
    var table = el('circa-table'), body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.querySelectorAll('tr[data-i]'));
    rows.sort(function (a, b) {
      var x = cellValue(a, col), y = cellValue(b, col);
      if (x === '' || y === '') return (x === '') - (y === '');  // blanks last either way
      var c = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
      return c * state.sortDir || (+a.getAttribute('data-i') - +b.getAttribute('data-i'));
    });
    rows.forEach(function (tr) { body.appendChild(tr); });
    table.querySelectorAll('th').forEach(function (th, k) {
      th.setAttribute('data-sort', k === col ? (state.sortDir > 0 ? 'asc' : 'desc') : '');
    });
  }

  function filter() {
    var front = el('circa-front').checked, feasible = el('circa-feasible').checked;
    var q = el('circa-text').value.toLowerCase(), shown = 0, all = 0;
    document.querySelectorAll('#circa-table tr[data-i]').forEach(function (tr) {
      var r = D.rows[+tr.getAttribute('data-i')];
      var keep = (!front || r.front > 0) && (!feasible || r.feasible) &&
                 (!q || tr.textContent.toLowerCase().indexOf(q) >= 0);
      tr.style.display = keep ? '' : 'none';
      all++;
      if (keep) shown++;
    });
    el('circa-count').textContent = shown + ' of ' + all + ' rows shown';
  }

  ['circa-x', 'circa-y'].forEach(function (id, k) {
    var s = el(id);
    D.metrics.forEach(function (m) {
      var o = document.createElement('option');
      o.value = o.textContent = m;
      o.selected = m === (k ? state.y : state.x);
      s.appendChild(o);
    });
    s.addEventListener('change', function () { state[k ? 'y' : 'x'] = s.value; draw(); });
  });
  var plot = el('circa-plot');
  plot.addEventListener('mousemove', showTip);
  plot.addEventListener('mouseleave', function () { el('circa-tip').style.display = 'none'; });
  plot.addEventListener('click', function (e) {
    var c = e.target.closest('circle');
    if (c) select(+c.getAttribute('data-i'));
  });
  el('circa-table').addEventListener('click', function (e) {
    var th = e.target.closest('th'), tr = e.target.closest('tr[data-i]');
    if (th) sortBy(th.cellIndex);
    else if (tr) select(+tr.getAttribute('data-i'));
  });
  ['circa-front', 'circa-feasible', 'circa-text'].forEach(function (id) {
    el(id).addEventListener('input', filter);
    el(id).addEventListener('change', filter);
  });
  el('circa-explore').style.display = '';
  draw();
  filter();
})();
