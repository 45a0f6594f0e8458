// The tokenomics dashboard: one fetch of /api/dashboard, drawn as plain SVG and tables.
// Embedded copies (tokenomics dashboard --out) carry their data in window.TOKENOMICS_DATA.
"use strict";
(function () {
  const REFRESH_MS = 60000;
  const BUCKETS = [["input_tokens", "input", "--input"], ["output_tokens", "output", "--output"],
    ["cache_write_tokens", "cache write", "--write"], ["cache_read_tokens", "cache read", "--read"]];
  // Colours come from the stylesheet (light and dark); SVG fills take them by value, the legend by class.
  const app = document.getElementById("app");
  const status = document.getElementById("status");
  const params = new URLSearchParams(location.search);
  const hash = new URLSearchParams(location.hash.replace(/^#/, ""));
  if (hash.get("token")) {
    sessionStorage.setItem("tokenomics-token", hash.get("token"));
    history.replaceState(null, "", location.pathname + location.search); // keep the token out of sight
  }
  const token = sessionStorage.getItem("tokenomics-token");

  function el(tag, attrs, children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === "text") e.textContent = v; else e.setAttribute(k, v);
    }
    (children || []).forEach(c => e.appendChild(typeof c === "string" ? document.createTextNode(c) : c));
    return e;
  }
  function svg(tag, attrs, children) {
    const e = document.createElementNS("http://www.w3.org/2000/svg", tag);
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
    (children || []).forEach(c => e.appendChild(c));
    return e;
  }
  function tokens(n) {
    n = Number(n) || 0;
    if (n >= 1e9) return (n / 1e9).toFixed(1) + "B";
    if (n >= 1e6) return (n / 1e6).toFixed(1) + "M";
    if (n >= 1e3) return (n / 1e3).toFixed(1) + "K";
    return String(n);
  }
  // A null cost means nothing was priced: "--", never $0.00 (tools.md, Conventions).
  function usd(v) {
    if (v === null || v === undefined) return "--";
    const n = Number(v) || 0;
    if (n !== 0 && Math.abs(n) < 0.01) return "$" + n.toPrecision(2);
    return "$" + n.toLocaleString("en-US", {minimumFractionDigits: 2, maximumFractionDigits: 2});
  }
  // A row's cost: "--" when none of its events is priced, "≥ $x" when only some are (a lower bound).
  function cost(row) {
    if (row.cost_usd === null || row.cost_usd === undefined) return "--";
    return (row.cost_complete === false ? "\u2265 " : "") + usd(row.cost_usd);
  }
  function color(name) { return getComputedStyle(document.documentElement).getPropertyValue(name).trim(); }
  function card(title, wide, body) {
    return el("section", wide ? {class: "wide"} : {}, [el("h2", {text: title})].concat(body));
  }
  function table(id, headers, rows, numeric) {
    const head = el("tr", {}, headers.map((h, i) => el("th", {class: numeric[i] ? "n" : "", text: h})));
    const body = rows.map(r => el("tr", {}, r.map((c, i) => c instanceof Node ? el("td", {}, [c])
        : el("td", {class: numeric[i] ? "n" : "", text: c}))));
    return el("table", {id: id}, [el("thead", {}, [head]), el("tbody", {}, body)]);
  }

  function repoBars(repos) {
    const w = 640, h = 220, pad = 28, max = Math.max(1, ...repos.map(r => r.tokens_total));
    const bw = Math.min(70, (w - pad) / Math.max(1, repos.length) - 10);
    const chart = svg("svg", {viewBox: `0 0 ${w} ${h + 40}`, width: "100%", role: "img",
      "aria-label": "tokens by repo", id: "repo-chart"});
    repos.forEach((r, i) => {
      const x = pad + i * (bw + 10);
      let y = h;
      const group = svg("g", {class: "repo-bar", "data-repo": r.key, "data-tokens": r.tokens_total});
      BUCKETS.forEach(([field, , css]) => {
        const bh = (r[field] / max) * (h - 10);
        if (bh <= 0) return;
        y -= bh;
        const rect = svg("rect", {x: x, y: y, width: bw, height: bh, fill: color(css)});
        rect.appendChild(svg("title", {}, [document.createTextNode(`${r.key}: ${tokens(r[field])} ${field}`)]));
        group.appendChild(rect);
      });
      group.setAttribute("data-height", String(h - y));
      chart.appendChild(group);
      const label = svg("text", {x: x + bw / 2, y: h + 14, "text-anchor": "middle"});
      label.textContent = r.key.length > 12 ? r.key.slice(0, 11) + "…" : r.key;
      chart.appendChild(label);
      const total = svg("text", {x: x + bw / 2, y: y - 3, "text-anchor": "middle"});
      total.textContent = tokens(r.tokens_total);
      chart.appendChild(total);
    });
    const legend = el("div", {class: "legend"}, BUCKETS.map(([, name, css]) =>
      el("span", {}, [el("i", {class: "sw" + css}), name])));
    return [chart, legend];
  }

  function dayBars(days) {
    const w = 640, h = 160, max = Math.max(0.000001, ...days.map(d => Number(d.cost_usd) || 0));
    const bw = Math.max(2, w / Math.max(1, days.length) - 2);
    const chart = svg("svg", {viewBox: `0 0 ${w} ${h + 30}`, width: "100%", role: "img", "aria-label": "cost per day",
      id: "day-chart"});
    days.forEach((d, i) => {
      const v = Number(d.cost_usd) || 0, bh = (v / max) * (h - 10), x = i * (bw + 2);
      const rect = svg("rect", {x: x, y: h - bh, width: bw, height: Math.max(bh, 0.5),
        fill: color(d.outlier ? "--critical" : "--input"), class: "day-bar", "data-date": d.date});
      rect.appendChild(svg("title", {}, [document.createTextNode(`${d.date}: ${cost(d)}, ${tokens(d.tokens)} tokens`
          + (d.outlier ? " (outlier)" : ""))]));
      chart.appendChild(rect);
    });
    if (days.length) {
      const first = svg("text", {x: 0, y: h + 16}); first.textContent = days[0].date; chart.appendChild(first);
      const last = svg("text", {x: w, y: h + 16, "text-anchor": "end"});
      last.textContent = days[days.length - 1].date; chart.appendChild(last);
    }
    return chart;
  }

  function render(data) {
    app.replaceChildren();
    const s = data.summary, report = data.report || {}, tables = report.tables || {};
    const since = document.getElementById("since"), until = document.getElementById("until");
    since.value = data.since; until.value = data.until;
    if (!s || !s.event_count) {
      app.appendChild(el("section", {class: "empty", id: "empty"}, [
        el("h2", {text: `Nothing recorded between ${data.since} and ${data.until} yet`}),
        el("p", {}, ["Record a first event: ",
          el("code", {text: "./tokenomics record --task-id T01 --model claude-sonnet-4-5 --tokens-in 1200 --tokens-out 800"})]),
        el("p", {}, ["or measure Claude Code sessions exactly: ", el("code", {text: "./tokenomics import"})]),
        el("p", {class: "muted", text: "Agents can call record_token_event and update_task_status over MCP."})]));
      return;
    }
    const caveats = (data.caveats || report.caveats || []).slice();
    if (s.lower_bound && !caveats.length) caveats.push("Some figures are lower bounds (incomplete usage).");
    const head = [el("span", {class: "big", id: "total-tokens", text: tokens(s.tokens_total) + " tokens"}),
      el("span", {class: "big", id: "total-cost", text: cost(s)}),
      el("span", {class: "muted", text: `${s.event_count.toLocaleString("en-US")} events, ${data.since} to ${data.until} (UTC)`})];
    const headCard = card("Spend", true, [el("div", {}, head)]);
    caveats.forEach(c => headCard.appendChild(el("p", {class: "caveat", text: c})));
    app.appendChild(headCard);

    const b = data.breakdown;
    app.appendChild(card("Tokens by repo", true, repoBars(b.by_repo)));
    app.appendChild(card("By workstream", false, [table("workstreams", ["workstream", "tokens", "events", "cost", "dominant model"],
      b.by_workstream.map(w => [w.key, tokens(w.tokens_total), String(w.events), cost(w), w.dominant_model || "--"]),
      [false, true, true, true, false])]));
    app.appendChild(card("By model", false, [table("models", ["model", "tokens", "cost", "events"],
      b.by_model.map(m => [m.key, tokens(m.tokens_total), cost(m),
        String(m.events)]), [false, true, true, true])]));
    app.appendChild(card("Top 10 tasks by cost", false, [table("top-tasks", ["task", "status", "tokens", "cost"],
      b.top_tasks.map(t => [t.key, t.status || "--", tokens(t.tokens_total), cost(t)]),
      [false, false, true, true])]));
    const trend = (tables["trend-day"] || {}).rows || [];
    app.appendChild(card("Cost per day", false, [dayBars(trend)]));
    const budgets = (data.budgets && data.budgets.budgets) || [];
    app.appendChild(card("Budgets", false, budgets.length ? [table("budgets", ["budget", "level", "used", "projected at period end"],
      budgets.map(x => [x.name, el("span", {class: "badge lvl-" + x.level, text: x.level.replace("_", " ")}),
        x.percent_used == null ? "--" : x.percent_used + "%",
        x.projected_usd_at_period_end != null ? usd(x.projected_usd_at_period_end)
          : x.projected_tokens_at_period_end != null ? tokens(x.projected_tokens_at_period_end) : "--"]),
        [false, false, true, true])]
      : [el("p", {class: "muted", text: "No budgets. Set one: ./tokenomics budget set daily --scope global --period day --limit-usd 20"})]));
    const cov = tables.coverage || {};
    const unpriced = Object.keys(cov.unpriced_models || {});
    app.appendChild(card("Coverage health", false, [table("coverage", ["measure", "value"], [
      ["records", String(cov.records ?? "--")], ["with a model", (cov.with_model_pct ?? "--") + "%"],
      ["priced", (cov.priced_pct ?? "--") + "%"], ["lower bounds", String(cov.lower_bound_records ?? "--")],
      ["unpriced models", unpriced.length ? unpriced.join(", ") : "none"]], [false, true])]));
  }

  function windowQuery() {
    const q = new URLSearchParams();
    if (params.get("since")) q.set("since", params.get("since"));
    if (params.get("until")) q.set("until", params.get("until"));
    return q.toString();
  }

  async function load() {
    try {
      const res = await fetch("/api/dashboard?" + windowQuery(), {headers: token ? {Authorization: "Bearer " + token} : {}});
      const body = await res.json();
      if (!res.ok) {
        status.className = "error";
        status.textContent = res.status === 401 ? "The server needs its token: open this page as /#token=YOUR_TOKEN"
          : "The server refused: " + (body.error || res.status);
        return;
      }
      render(body);
      status.className = "muted";
      status.textContent = "Read at " + new Date().toLocaleTimeString() + "; refreshes every minute";
    } catch (e) {
      status.className = "error";
      status.textContent = "Cannot reach the tokenomics server (last try " + new Date().toLocaleTimeString()
        + "). Is `tokenomics serve --http` running?";
    }
  }

  document.getElementById("window").addEventListener("submit", ev => {
    ev.preventDefault();
    const q = new URLSearchParams();
    const s = document.getElementById("since").value, u = document.getElementById("until").value;
    if (s) q.set("since", s);
    if (u) q.set("until", u);
    location.search = q.toString();
  });

  if (window.TOKENOMICS_DATA) {
    render(window.TOKENOMICS_DATA);
    status.textContent = "Snapshot read at " + window.TOKENOMICS_DATA.read_at + " (a file: no refresh)";
  } else {
    load();
    setInterval(load, REFRESH_MS);
  }
})();
