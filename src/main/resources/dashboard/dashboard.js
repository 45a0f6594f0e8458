// The tokenomics dashboard: one fetch of /api/dashboard (read from the ledger's rollups), drawn as charts
// (charts.js, over the vendored uPlot) and tables; the slower views (views.js) load after it.
// Embedded copies (tokenomics dashboard --out) carry their data in window.TOKENOMICS_DATA.
"use strict";
(function () {
  const REFRESH_MS = 60000;
  const BUCKETS = [["input_tokens", "input", "--input"], ["output_tokens", "output", "--output"],
    ["cache_write_tokens", "cache write", "--write"], ["cache_read_tokens", "cache read", "--read"]];
  const app = document.getElementById("app");
  const status = document.getElementById("status");
  const params = new URLSearchParams(location.search);
  const hash = new URLSearchParams(location.hash.replace(/^#/, ""));
  if (hash.get("token")) {
    sessionStorage.setItem("tokenomics-token", hash.get("token"));
    history.replaceState(null, "", location.pathname + location.search); // keep the token out of sight
  }
  const token = sessionStorage.getItem("tokenomics-token");
  const snapshot = window.TOKENOMICS_DATA || null;
  let last = null;

  function el(tag, attrs, children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === "text") e.textContent = v; else if (v !== undefined && v !== null) e.setAttribute(k, v);
    }
    (children || []).forEach(c => e.appendChild(typeof c === "string" ? document.createTextNode(c) : c));
    return e;
  }
  function tokens(n) {
    n = Number(n) || 0;
    if (n >= 1e9) return (n / 1e9).toFixed(1) + "B";
    if (n >= 1e6) return (n / 1e6).toFixed(1) + "M";
    if (n >= 1e3) return (n / 1e3).toFixed(1) + "K";
    return String(Math.round(n));
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
  // Axis ticks: short money ($3K, $1.2M), since the exact figures are in the tooltip and tables.
  function usdTick(v) {
    const n = Math.abs(v);
    if (n >= 1e6) return "$" + (v / 1e6).toFixed(1) + "M";
    if (n >= 1e3) return "$" + (v / 1e3).toFixed(n >= 1e4 ? 0 : 1) + "K";
    return "$" + (n >= 10 ? v.toFixed(0) : v.toFixed(2));
  }
  function pct(v) { return v === null || v === undefined ? "--" : Number(v).toFixed(1) + "%"; }
  function card(title, wide, body, id) {
    return el("section", {class: wide ? "wide" : null, id: id}, [el("h2", {text: title})].concat(body));
  }
  // Cells are strings or Nodes; every text cell carries its full text as a tooltip, since it may be cut.
  function table(id, headers, rows, numeric, onPick) {
    const head = el("tr", {}, headers.map((h, i) => el("th", {class: numeric[i] ? "n" : null, text: h, title: h})));
    const body = rows.map((r, ri) => {
      const tr = el("tr", {class: onPick ? "pick" : null}, r.map((c, i) => c instanceof Node ? el("td", {}, [c])
        : el("td", {class: numeric[i] ? "n" : null, text: c, title: c})));
      if (onPick) tr.addEventListener("click", () => onPick(ri));
      return tr;
    });
    return el("table", {id: id, class: "data"}, [el("thead", {}, [head]), el("tbody", {}, body)]);
  }
  function chartBox() { return el("div", {class: "chart"}); }
  function tokenStacks(rows) {
    return BUCKETS.map(([field, name, color]) => ({name: name, color: color, values: rows.map(r => r[field]),
      fmt: v => tokens(v) + " tokens"}));
  }
  function breakdownTip(r, extra) {
    return [r.key, ...BUCKETS.map(([f, name]) => `${name}: ${tokens(r[f])}`),
      `total: ${tokens(r.tokens_total)} tokens, ${cost(r)}`].concat(extra || []).join("\n");
  }

  // The budget line of the cost-per-day chart: the first global budget in USD, as a daily pace.
  function dailyBudget(budgets) {
    const b = budgets.find(x => x.scope === "global" && x.limit_usd != null);
    if (!b) return null;
    const days = Math.max(1, Math.round((Date.parse(b.period_end) - Date.parse(b.period_start)) / 864e5));
    return {name: `budget ${b.name} (${usd(b.limit_usd / days)}/day)`, perDay: Number(b.limit_usd) / days};
  }

  function charts(data, budgets) {
    const b = data.breakdown, days = data.by_day;
    const repoBox = chartBox(), dayBox = chartBox(), modelBox = chartBox(), cacheBox = chartBox();
    app.appendChild(card("Tokens by repo", false, [repoBox]));
    const priced = days.some(d => d.cost_usd !== null && Number(d.cost_usd) > 0);
    app.appendChild(card(priced ? "Cost per day (USD)" : "Tokens per day (nothing priced)", false, [dayBox,
      el("p", {class: "note muted", text: "Red bars: outlier days (MAD modified z-score > 3.5)."
        + " A day marked \u2265 holds unpriced or incomplete events."})]));
    app.appendChild(card("By model", false, [modelBox, el("p", {class: "note muted",
      text: "Bar: tokens by kind; above it: the model's cost (-- when it has no price)."})]));
    app.appendChild(card("Cache hit rate per day", false, [cacheBox, el("p", {class: "note muted",
      text: "Cache reads as a share of input-side tokens (input + cache write + cache read)."})]));
    const C = window.TokenomicsCharts;
    C.bars(repoBox, {id: "repo-chart", title: "tokens by repo", labels: b.by_repo.map(r => r.key),
      stacks: tokenStacks(b.by_repo), yLabel: "tokens", yFmt: tokens, xLabel: "repo",
      tip: i => breakdownTip(b.by_repo[i])});
    const budget = priced ? dailyBudget(budgets) : null;
    C.bars(dayBox, {id: "day-chart", title: "cost per day", labels: days.map(d => d.date.slice(5)), xLabel: "day",
      stacks: [{name: priced ? "cost" : "tokens", color: "--input",
        colorOf: i => days[i].outlier ? "--critical" : "--input",
        values: days.map(d => priced ? (d.cost_usd === null ? 0 : Number(d.cost_usd)) : d.tokens_total),
        fmt: v => priced ? usd(v) : tokens(v)}],
      lines: budget ? [{name: budget.name, color: "--budget", dash: [6, 4], values: days.map(() => budget.perDay)}] : [],
      yLabel: priced ? "USD" : "tokens", yFmt: v => priced ? usdTick(v) : tokens(v),
      tip: i => `${days[i].date}: ${cost(days[i])}, ${tokens(days[i].tokens_total)} tokens, ${days[i].events} events`
        + (days[i].outlier ? "\noutlier day" : "") + (budget ? `\nbudget pace ${usd(budget.perDay)}/day` : "")});
    C.bars(modelBox, {id: "model-chart", title: "tokens and cost by model", labels: b.by_model.map(r => r.key),
      stacks: tokenStacks(b.by_model), yLabel: "tokens", yFmt: tokens, xLabel: "model",
      barLabel: i => cost(b.by_model[i]), tip: i => breakdownTip(b.by_model[i])});
    C.line(cacheBox, {id: "cache-chart", title: "cache hit rate per day", labels: days.map(d => d.date.slice(5)),
      xLabel: "day", lines: [{name: "cache hit rate", color: "--read", values: days.map(d => d.cache_hit_pct)}],
      yLabel: "%", yMax: 100, yFmt: v => v + "%",
      tip: i => `${days[i].date}: ${pct(days[i].cache_hit_pct)} (${tokens(days[i].cache_read_tokens)} cache read)`});
  }

  // A budget's USD spend by the page's rule: -- when every event counted is unpriced, ≥ when some are.
  function spent(x) {
    if (x.event_count > 0 && x.unpriced_event_count >= x.event_count) return "--";
    return (x.usd_lower_bound ? "\u2265 " : "") + usd(x.spent_usd);
  }

  // The straight-line projection check_budget gives (BudgetViews.horizons): spend ahead at the recent burn rate.
  function projection(x) {
    const p = x.projection || {}, money = p.usd && p.usd["7d"] != null, ahead = money ? p.usd : p.tokens;
    if (!ahead || ahead["7d"] == null) return null;
    const f = v => money ? (p.usd_lower_bound ? "\u2265 " : "") + usd(v) : tokens(v) + " tokens";
    return el("p", {class: "note muted", text: `${x.name}: ${f(ahead["7d"])} in 7 days, ${f(ahead["30d"])} in 30, `
      + `${f(ahead["90d"])} in 90, ${f(ahead["365d"])} in 365 (${p.basis}).`});
  }

  function windowNote(data) {
    const src = snapshot ? `a snapshot file written at ${data.read_at}` : `this server's ledger, read at `
      + new Date(data.read_at).toLocaleTimeString();
    return `Window: ${data.since} to ${data.until} (UTC), ${data.window.note}. Source: ${src}; `
      + `prices: ${data.prices.source}.`;
  }

  function render(data) {
    const t0 = performance.now();
    last = data;
    window.TokenomicsCharts.clear();
    app.replaceChildren();
    const t = data.totals;
    document.getElementById("since").value = data.since;
    document.getElementById("until").value = data.until;
    document.getElementById("window-note").textContent = windowNote(data);
    if (!t.events) {
      app.appendChild(el("section", {class: "empty", id: "empty"}, [
        el("h2", {text: `Nothing recorded between ${data.since} and ${data.until} yet`}),
        el("p", {}, ["Record a first event: ",
          el("code", {text: "./tokenomics record --task-id T01 --model claude-sonnet-4-5 --tokens-in 1200 --tokens-out 800"})]),
        el("p", {}, ["or measure Claude Code sessions exactly: ", el("code", {text: "./tokenomics import"})]),
        el("p", {class: "muted", text: "Agents can call record_token_event and update_task_status over MCP."})]));
      return;
    }
    const days = data.by_day;
    const inputSide = t.input_tokens + t.cache_write_tokens + t.cache_read_tokens;
    const head = el("div", {class: "kpis"}, [
      el("span", {class: "big", id: "total-tokens", "data-value": t.tokens_total, text: tokens(t.tokens_total) + " tokens"}),
      el("span", {class: "big", id: "total-cost", "data-value": t.cost_usd, text: cost(t)}),
      el("span", {class: "big", id: "cache-hit", text: pct(inputSide ? 100 * t.cache_read_tokens / inputSide : null)
        + " cache hits"}),
      el("span", {class: "muted", id: "total-events", "data-value": t.events,
        text: `${t.events.toLocaleString("en-US")} events on ${days.filter(d => d.events).length} of ${days.length} days`})]);
    const headCard = card("Spend", true, [head], "spend");
    (data.caveats || []).forEach(c => headCard.appendChild(el("p", {class: "caveat", text: c})));
    app.appendChild(headCard);

    const budgets = (data.budgets && data.budgets.budgets) || [];
    charts(data, budgets);
    const b = data.breakdown;
    const groupRows = rows => rows.map(w => [w.key, tokens(w.tokens_total), w.events.toLocaleString("en-US"), cost(w)]);
    app.appendChild(card("By workstream", false, [table("workstreams", ["workstream", "tokens", "events", "cost"],
      groupRows(b.by_workstream), [false, true, true, true])]));
    app.appendChild(card("By agent", false, [table("agents", ["agent", "tokens", "events", "cost"],
      groupRows(b.by_agent), [false, true, true, true])]));
    app.appendChild(card("By agent CLI (source)", false, [table("sources", ["agent CLI (source)", "tokens", "events",
      "cost"], groupRows(b.by_source || []), [false, true, true, true])]));
    app.appendChild(card("Top 10 tasks by cost", false, [table("top-tasks", ["task", "status", "tokens", "cost"],
      b.top_tasks.map(x => [x.key + (x.title ? " \u2014 " + x.title : ""), x.status || "--", tokens(x.tokens_total),
        cost(x)]), [false, false, true, true]),
      el("p", {class: "note muted", text: "Complete records only (events with incomplete usage are left out here)."})]));
    app.appendChild(card("Budgets", true, budgets.length ? [table("budgets",
      ["budget", "level", "used", "spent", "runs out in", "at period end"],
      budgets.map(x => [x.name + " (" + x.period + ")", el("span", {class: "badge lvl-" + x.level, text: x.level.replace("_", " ")}),
        x.percent_used == null ? "--" : x.percent_used + "%",
        x.spent_usd != null ? spent(x) + " of " + usd(x.limit_usd)
          : tokens(x.spent_tokens) + " of " + tokens(x.limit_tokens),
        x.exhausted ? "exhausted" : x.days_until_exhaustion == null ? "not at this rate" : x.days_until_exhaustion + " days",
        x.projected_usd_at_period_end != null ? (x.usd_lower_bound ? "\u2265 " : "") + usd(x.projected_usd_at_period_end)
          : x.projected_tokens_at_period_end != null ? tokens(x.projected_tokens_at_period_end) : "--"]),
      [false, false, true, true, true, true])].concat(budgets.map(projection).filter(Boolean))
      : [el("p", {class: "muted", text: "No budgets. Set one: ./tokenomics budget set daily --scope global --period day --limit-usd 20"})]));
    const cov = data.coverage;
    app.appendChild(card("Coverage health", false, [table("coverage", ["measure", "value"], [
      ["records", String(cov.records)], ["with a model", pct(cov.with_model_pct)],
      ["priced", pct(cov.priced_pct)], ["lower bounds", String(cov.lower_bound_records)],
      ["unpriced models", cov.unpriced_models.length ? cov.unpriced_models.join(", ") : "none"]], [false, true])]));
    // For bench dashboard: how long this render took, and when it ended after navigation start.
    document.documentElement.setAttribute("data-render-ms", (performance.now() - t0).toFixed(1));
    document.documentElement.setAttribute("data-ready-ms", performance.now().toFixed(1));
    if (window.TokenomicsViews) window.TokenomicsViews.show(app, data, {el, table, card, tokens, usd, cost, api, snapshot});
  }

  function windowQuery() {
    const q = new URLSearchParams();
    if (params.get("since")) q.set("since", params.get("since"));
    if (params.get("until")) q.set("until", params.get("until"));
    return q;
  }

  async function api(path, extra) {
    const q = windowQuery();
    Object.entries(extra || {}).forEach(([k, v]) => q.set(k, v));
    const res = await fetch(path + "?" + q, {headers: token ? {Authorization: "Bearer " + token} : {}});
    const body = await res.json();
    if (!res.ok) throw Object.assign(new Error(body.error || String(res.status)), {status: res.status});
    return body;
  }

  async function load() {
    try {
      render(await api("/api/dashboard"));
      status.className = "muted";
      status.textContent = "Read at " + new Date().toLocaleTimeString() + "; refreshes every minute";
    } catch (e) {
      status.className = "error";
      status.textContent = e.status === 401 ? "The server needs its token: open this page as /#token=YOUR_TOKEN"
        : e.status ? "The server refused: " + e.message
        : "Cannot reach the tokenomics server (last try " + new Date().toLocaleTimeString()
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
  // Light and dark: the charts take their colours from the stylesheet, so they are drawn again on a switch.
  matchMedia("(prefers-color-scheme: dark)").addEventListener("change", () => { if (last) render(last); });

  if (snapshot) {
    render(snapshot);
    status.textContent = "Snapshot read at " + snapshot.read_at + " (a file: no refresh)";
  } else {
    load();
    setInterval(load, REFRESH_MS);
  }
})();
