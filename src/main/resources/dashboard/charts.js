// The dashboard's charts, drawn with uPlot (vendor/uPlot.iife.min.js, MIT): uPlot keeps the axes, scales,
// cursor and live legend; the bars are painted in its draw hook so that stacks, per-bar colours and value
// labels need no plugin. Each chart keeps the marks it painted (canvas pixels and colour) in
// window.tokenomicsCharts[id], so the browser test can check that a bar is on the canvas where it should be.
"use strict";
(function () {
  const charts = window.tokenomicsCharts = {};
  const live = [];

  function css(name) { return getComputedStyle(document.documentElement).getPropertyValue(name).trim(); }
  function heightFor(width) { return width < 520 ? 200 : 260; }

  // The tooltip: a box in uPlot's overlay that follows the cursor and says what the hovered index is.
  function tooltip(describe) {
    let tip;
    return {
      hooks: {
        init: u => {
          tip = document.createElement("div");
          tip.className = "tip";
          tip.style.display = "none";
          u.over.appendChild(tip);
          u.over.addEventListener("mouseleave", () => { tip.style.display = "none"; });
        },
        setCursor: u => {
          const i = u.cursor.idx;
          const text = i == null ? null : describe(i);
          if (!text) { tip.style.display = "none"; return; }
          tip.textContent = text;
          tip.style.display = "block";
          const w = u.over.clientWidth, left = u.cursor.left, top = u.cursor.top;
          tip.style.left = Math.max(0, Math.min(left + 12, w - tip.offsetWidth)) + "px";
          tip.style.top = Math.max(0, top - tip.offsetHeight - 8) + "px";
        },
      },
    };
  }

  function axisStyle(values, extra) {
    return Object.assign({stroke: css("--muted"), grid: {stroke: css("--line"), width: 1},
      ticks: {stroke: css("--line"), width: 1}, values: values}, extra || {});
  }

  // Categorical x: index i sits at i, labels[i] names it; the axis shows as many labels as fit.
  // Labels are cut to the room between two shown ticks (about 6.5 px a character), ending in "…".
  function categoryAxis(labels) {
    return axisStyle((u, splits) => {
      const shown = splits.filter(i => Number.isInteger(i)).length || 1;
      const room = Math.max(3, Math.floor(u.bbox.width / devicePixelRatio / shown / 6.5));
      return splits.map(i => {
        const s = Number.isInteger(i) && labels[i] != null ? String(labels[i]) : "";
        return s.length > room ? s.slice(0, room - 1) + "\u2026" : s;
      });
    }, {space: 40, incrs: [1, 2, 5, 7, 10, 14, 30, 60, 90, 180, 365]});
  }

  /**
   * Bars over categories. spec: {id, labels, stacks: [{name, color (CSS var), values, fmt}], yLabel, yFmt,
   * tip(i), barLabel(i) (text above the bar), lines: [{name, color, values, dash}]}.
   */
  function bars(root, spec) {
    const n = spec.labels.length;
    const xs = spec.labels.map((_, i) => i);
    const totals = xs.map(i => spec.stacks.reduce((s, st) => s + (Number(st.values[i]) || 0), 0));
    const lineMax = Math.max(0, ...(spec.lines || []).flatMap(l => l.values.map(v => Number(v) || 0)));
    const yMax = Math.max(lineMax, ...totals, 0) || 1;
    const record = charts[spec.id] = {marks: [], canvas: null};
    const series = [{label: spec.xLabel || "", value: (u, v) => v == null ? "" : spec.labels[v] ?? ""}];
    spec.stacks.forEach(st => series.push({label: st.name, stroke: css(st.color), fill: css(st.color),
      paths: () => null, points: {show: false}, value: (u, v) => v == null ? "" : st.fmt(v)}));
    (spec.lines || []).forEach(l => series.push({label: l.name, stroke: css(l.color), width: 2, dash: l.dash,
      points: {show: false}, value: (u, v) => v == null ? "" : spec.yFmt(v)}));
    const data = [xs].concat(spec.stacks.map(st => st.values)).concat((spec.lines || []).map(l => l.values));

    function paint(u) {
      const ctx = u.ctx, slot = u.bbox.width / Math.max(1, n);
      const w = Math.max(1, Math.min(slot * 0.7, 64 * devicePixelRatio));
      record.marks = [];
      record.canvas = u.ctx.canvas;
      ctx.save();
      xs.forEach(i => {
        let base = 0;
        const cx = u.valToPos(i, "x", true);
        spec.stacks.forEach(st => {
          const v = Number(st.values[i]) || 0;
          if (v <= 0) return;
          const y0 = u.valToPos(base, "y", true), y1 = u.valToPos(base + v, "y", true);
          base += v;
          const color = css(typeof st.colorOf === "function" ? st.colorOf(i) : st.color);
          const h = Math.max(1, y0 - y1);
          ctx.fillStyle = color;
          ctx.fillRect(cx - w / 2, y0 - h, w, h);
          record.marks.push({i: i, series: st.name, x: cx - w / 2, y: y0 - h, w: w, h: h, color: color});
        });
        const label = spec.barLabel && spec.barLabel(i);
        if (label && n <= 40) {
          ctx.fillStyle = css("--fg");
          ctx.font = (11 * devicePixelRatio) + "px system-ui, sans-serif";
          ctx.textAlign = "center";
          ctx.fillText(label, cx, u.valToPos(totals[i], "y", true) - 4 * devicePixelRatio);
        }
      });
      ctx.restore();
      record.lines = (spec.lines || []).map(l => ({name: l.name, color: css(l.color), x0: u.bbox.left,
        x1: u.bbox.left + u.bbox.width, y: u.valToPos(Number(l.values[0]) || 0, "y", true)}));
      root.dataset.marks = String(new Set(record.marks.map(m => m.i)).size);
    }

    return make(root, spec, {
      series: series,
      scales: {x: {time: false, range: () => [-0.5, n - 0.5]}, y: {range: () => [0, yMax * 1.12]}},
      axes: [categoryAxis(spec.labels), axisStyle((u, splits) => splits.map(spec.yFmt),
        {label: spec.yLabel, size: 64, labelSize: 18})],
      hooks: {draw: [paint]},
    }, data);
  }

  /** A line over categories, with a point per known value. spec: {id, labels, lines: [{name, color, values}], yFmt, yMax, tip}. */
  function line(root, spec) {
    const xs = spec.labels.map((_, i) => i);
    const record = charts[spec.id] = {marks: [], canvas: null};
    const series = [{label: spec.xLabel || "", value: (u, v) => v == null ? "" : spec.labels[v] ?? ""}];
    spec.lines.forEach(l => series.push({label: l.name, stroke: css(l.color), width: 2, spanGaps: false,
      points: {show: true, size: 5, fill: css(l.color)}, value: (u, v) => v == null ? "--" : spec.yFmt(v)}));
    function note(u) {
      record.canvas = u.ctx.canvas;
      record.marks = [];
      spec.lines.forEach(l => l.values.forEach((v, i) => {
        if (v == null) return;
        record.marks.push({i: i, series: l.name, x: u.valToPos(i, "x", true), y: u.valToPos(v, "y", true),
          w: 0, h: 0, color: css(l.color)});
      }));
      root.dataset.marks = String(record.marks.length);
    }
    return make(root, spec, {
      series: series,
      scales: {x: {time: false, range: () => [-0.5, spec.labels.length - 0.5]},
        y: {range: () => [0, spec.yMax || 1]}},
      axes: [categoryAxis(spec.labels), axisStyle((u, splits) => splits.map(spec.yFmt),
        {label: spec.yLabel, size: 64, labelSize: 18})],
      hooks: {draw: [note]},
    }, [xs].concat(spec.lines.map(l => l.values)));
  }

  function make(root, spec, opts, data) {
    root.replaceChildren();
    root.id = spec.id;
    root.setAttribute("role", "img");
    root.setAttribute("aria-label", spec.title);
    const width = Math.max(200, root.clientWidth);
    const u = new uPlot(Object.assign({width: width, height: heightFor(width), legend: {live: true},
      cursor: {points: {show: false}, drag: {x: false, y: false}}, plugins: [tooltip(spec.tip)]}, opts), data, root);
    live.push({root: root, u: u});
    resize.observe(root);
    return u;
  }

  // One observer resizes every chart to its card: the canvas never sets the page's width.
  const resize = new ResizeObserver(() => live.forEach(c => {
    if (!c.root.isConnected) return;
    const w = Math.max(200, c.root.clientWidth);
    if (Math.abs(w - c.u.width) > 1) c.u.setSize({width: w, height: heightFor(w)});
  }));
  function clear() {
    live.splice(0).forEach(c => c.u.destroy());
    resize.disconnect();
  }

  window.TokenomicsCharts = {bars: bars, line: line, clear: clear};
})();
