// The dashboard's slower views, loaded after the first paint from their own endpoints (each an MCP tool's
// answer): spend by machine, sessions with a drill-down to their events, and the 5-hour blocks. (Spend by
// agent CLI comes with the first answer, from the rollups.)
// A snapshot file has no server behind it, so there they say so instead.
"use strict";
(function () {
  const REFETCH_MS = 5 * 60000;
  const cache = {};
  let openId = null; // the session drilled into, opened again when the page redraws on its refresh

  async function cached(h, path, key) {
    const hit = cache[key];
    if (hit && Date.now() - hit.at < REFETCH_MS) return hit.body;
    const body = await h.api(path);
    cache[key] = {at: Date.now(), body: body};
    return body;
  }

  function placeholder(h, title, id) {
    const body = h.el("div", {class: "view-body"}, [h.el("p", {class: "muted", text: h.snapshot
      ? "Not in a snapshot file: open the live dashboard (tokenomics serve --http PORT) for this view."
      : "Loading\u2026"})]);
    return {section: h.card(title, false, [body], id), body: body};
  }

  function fail(h, body, e) {
    body.replaceChildren(h.el("p", {class: "error", text: "Could not load: " + e.message}));
  }

  function machines(h, data, body) {
    const rows = Object.entries(data.by_machine || {});
    body.replaceChildren(rows.length ? h.table("machines", ["machine", "tokens", "events", "cost"],
      rows.map(([k, s]) => [k, h.tokens(s.tokens_total), s.event_count.toLocaleString("en-US"), h.cost(s)]),
      [false, true, true, true]) : h.el("p", {class: "muted", text: "No records in the window."}),
    h.el("p", {class: "note muted", text: "Each event's machine: --machine, TOKENOMICS_MACHINE or the host name; "
      + "a hub gets every machine's by tokenomics sync."}));
  }

  function sessions(h, data, body) {
    const list = data.sessions || [];
    const drill = h.el("div", {class: "drill", id: "session-events"});
    const t = h.table("sessions", ["session", "project", "last (UTC)", "tokens", "cost"],
      list.map(s => [s.session_id, s.project || s.cwd || "--", (s.last_activity || "").replace("T", " ").slice(5, 16),
        h.tokens(s.total_tokens), h.cost(s)]), [false, false, false, true, true],
      i => openSession(h, list[i].session_id, drill));
    body.replaceChildren(list.length ? t : h.el("p", {class: "muted", text: "No sessions in the window."}),
      h.el("p", {class: "note muted", text: `${list.length} of ${data.session_count} sessions, most recent first; `
        + "click one for its events."}), drill);
    if (openId && list.some(s => s.session_id === openId)) openSession(h, openId, drill);
  }

  async function openSession(h, id, drill) {
    openId = id;
    drill.replaceChildren(h.el("p", {class: "muted", text: "Loading " + id + "\u2026"}));
    try {
      const page = await h.api("/api/events", {session_id: id});
      drill.replaceChildren(h.el("h2", {text: "Session " + id}), h.table("session-event-table",
        ["time", "model", "tokens", "cost"], page.events.map(e => [String(e.ts).replace("T", " ").slice(0, 19),
          e.model || "--", h.tokens(e.tokens_total),
          h.cost({cost_usd: e.cost_usd, cost_complete: e.usage_complete !== false})]), [false, false, true, true]),
      h.el("p", {class: "note muted", text: page.count + " events shown, newest first"
        + (page.next_cursor ? " (more with list_token_events)" : "")}));
    } catch (e) {
      fail(h, drill, e);
    }
  }

  function blocks(h, data, body) {
    const list = data.blocks || [];
    const active = list.find(b => b.active);
    const summary = active ? h.el("p", {id: "active-block"}, [h.el("strong", {text: "Current block: "}),
      `${h.tokens(active.total_tokens)} tokens, ${h.cost(active)} so far; burning `
      + (active.burn_rate_tokens_per_minute == null ? "--" : h.tokens(active.burn_rate_tokens_per_minute))
      + ` tokens/min; projected ${active.projected_total_tokens == null ? "--" : h.tokens(active.projected_total_tokens)}`
      + ` tokens by ${active.end.slice(11, 16)} UTC (${active.remaining_minutes} min left).`])
      : h.el("p", {class: "muted", text: "No block under way."});
    // Oldest to newest, the current block's projected remainder stacked on what it has used.
    const shown = list.slice().reverse();
    const chart = h.el("div", {class: "chart"});
    const parts = [chart, summary];
    body.replaceChildren(...parts, list.length ? h.table("blocks", ["start (UTC)", "tokens", "cost", "tokens/min"],
      list.map(b => [b.start.replace("T", " ").slice(0, 16) + (b.active ? " (now)" : ""), h.tokens(b.total_tokens),
        h.cost(b), b.burn_rate_tokens_per_minute == null ? "--" : h.tokens(b.burn_rate_tokens_per_minute)]),
      [false, true, true, true]) : h.el("p", {class: "muted", text: `No blocks from ${data.since} to ${data.until}.`}));
    if (!shown.length) { chart.remove(); return; }
    const ahead = b => b.active && b.projected_total_tokens != null ? Math.max(0, b.projected_total_tokens - b.total_tokens) : 0;
    window.TokenomicsCharts.bars(chart, {id: "blocks-chart", title: "tokens per 5-hour block",
      labels: shown.map(b => b.start.slice(5, 13).replace("T", " ") + "h"), xLabel: "block (UTC)",
      stacks: [{name: "used", color: "--input", values: shown.map(b => b.total_tokens), fmt: v => h.tokens(v) + " tokens"},
        {name: "projected", color: "--line", values: shown.map(ahead), fmt: v => h.tokens(v) + " tokens"}],
      yLabel: "tokens", yFmt: h.tokens,
      tip: i => `${shown[i].start.replace("T", " ").slice(0, 16)} UTC: ${h.tokens(shown[i].total_tokens)} tokens, `
        + h.cost(shown[i]) + (ahead(shown[i]) ? `\nprojected ${h.tokens(shown[i].projected_total_tokens)} by its end` : "")});
  }

  // The workstream table gains a column once the (slower) dominant models arrive.
  function dominantModels(h, data) {
    const t = document.getElementById("workstreams");
    if (!t) return;
    t.querySelector("thead tr").appendChild(h.el("th", {text: "dominant model", title: "dominant model"}));
    t.querySelectorAll("tbody tr").forEach(tr => {
      const m = data.dominant_model[tr.firstChild.getAttribute("title")] || "--";
      tr.appendChild(h.el("td", {text: m, title: m}));
    });
  }

  function show(app, data, h) {
    if (!h.snapshot) {
      cached(h, "/api/workstream-models", "wm" + data.since + data.until).then(body => dominantModels(h, body))
        .catch(e => console.warn("no dominant models: " + e.message)); // the table stands without the column
    }
    const views = [["By machine", "machines-view", "/api/machines", machines],
      ["5-hour blocks (last 7 days)", "blocks-view", "/api/blocks", blocks],
      ["Sessions", "sessions-view", "/api/sessions", sessions]];
    views.forEach(([title, id, path, draw]) => {
      const v = placeholder(h, title, id);
      app.appendChild(v.section);
      if (h.snapshot) return;
      cached(h, path, path + data.since + data.until).then(body => draw(h, body, v.body)).catch(e => fail(h, v.body, e));
    });
  }

  window.TokenomicsViews = {show: show};
})();
