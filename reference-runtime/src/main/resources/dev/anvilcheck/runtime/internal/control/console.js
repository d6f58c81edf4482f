// The anvilcheck live console: reads the control API (same origin, docs/CONTROL.md) and follows its
// event stream (GET /_/control/events). No libraries; every value reaches the page as text, never
// as markup.
"use strict";
(() => {
  const API = "/_/control";
  const MAX_ROWS = 1000;
  const MAX_LOG = 1000;
  const state = { journalLast: 0, logLast: 0, calls: new Map(), log: [], tasks: new Map(), callers: [], users: [] };
  const $ = (id) => document.getElementById(id);

  async function api(path, body) {
    const init = body === undefined ? {} : {
      method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body)
    };
    const response = await fetch(API + path, init);
    const text = await response.text();
    const json = text ? JSON.parse(text) : null;
    if (!response.ok) {
      const e = json && json.error;
      throw new Error(e ? (e.field ? e.field + ": " : "") + e.message : "HTTP " + response.status);
    }
    return json;
  }

  function problem(message) {
    $("problem").textContent = message || "";
  }

  function el(tag, text, cls) {
    const e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  }

  function short(value) {
    const s = typeof value === "string" ? value : JSON.stringify(value);
    return s === undefined ? "" : s.length > 200 ? s.slice(0, 199) + "…" : s;
  }

  function userText(user) {
    if (user === null || user === undefined) return "anonymous";
    if (typeof user === "object" && user.email) return user.email;
    return short(user);
  }

  function timeText(iso) {
    return iso ? iso.replace("T", " ").replace(/\.\d+Z$/, "Z") : "";
  }

  // ------------------------------------------------------------------ calls

  function argumentsText(a) {
    if (!a) return "";
    const parts = (a.args || []).map((x) => JSON.stringify(x));
    for (const [k, v] of Object.entries(a.kwargs || {})) parts.push(k + "=" + JSON.stringify(v));
    return parts.join(", ");
  }

  function addCall(call) {
    if (state.calls.has(call.index)) return;
    state.calls.set(call.index, call);
    state.journalLast = Math.max(state.journalLast, call.index);
    const tr = document.createElement("tr");
    tr.className = call.outcome + " fresh";
    tr.dataset.index = call.index;
    tr.dataset.outcome = call.outcome;
    const cells = [call.index, timeText(call.started), call.function, call.caller, userText(call.user),
      argumentsText(call.arguments), call.outcome, call.durationMillis];
    cells.forEach((c, i) => {
      const td = el("td", String(c), i === 5 ? "mono" : undefined);
      if (i === 6) td.classList.add("outcome-" + call.outcome);
      if (i === 5 || i === 4) td.title = td.textContent;
      tr.appendChild(td);
    });
    tr.dataset.text = [call.function, call.caller, userText(call.user), argumentsText(call.arguments),
      call.error ? call.error.type + " " + call.error.message : ""].join(" ").toLowerCase();
    if (call.error) tr.addEventListener("click", () => showDetail(call));
    const body = $("calls").tBodies[0];
    body.insertBefore(tr, body.firstChild);
    while (body.rows.length > MAX_ROWS) {
      const last = body.rows[body.rows.length - 1];
      state.calls.delete(Number(last.dataset.index));
      last.remove();
    }
    applyFilter(tr);
    $("calls-count").textContent = "(" + body.rows.length + ")";
  }

  function applyFilter(row) {
    const text = $("filter").value.trim().toLowerCase();
    const outcome = $("filter-outcome").value;
    const rows = row ? [row] : Array.from($("calls").tBodies[0].rows);
    for (const r of rows) {
      r.hidden = (text && !r.dataset.text.includes(text)) || (outcome && r.dataset.outcome !== outcome);
    }
  }

  function showDetail(call) {
    $("detail").hidden = false;
    $("detail-title").textContent = "#" + call.index + " " + call.function + " (" + call.caller + ", "
      + userText(call.user) + ")";
    const e = call.error || {};
    const wire = (e.trace || []).map((t) => "  " + t[0] + ":" + t[1]).join("\n");
    $("detail-error").textContent = (e.type || "") + ": " + (e.message || "") + (wire ? "\n" + wire : "");
    $("detail-trace").textContent = traceback(call);
  }

  // The app log's ERROR entry for a failed call: the same function, logged from its start on.
  function traceback(call) {
    const started = Date.parse(call.started);
    const match = state.log.filter((l) => l.level === "ERROR" && l.name === call.function
      && Date.parse(l.time) >= started - 1);
    const entry = match.length ? match[0] : null;
    if (!entry) return "(no app-log entry for this call; it may have been dropped, or the call was refused before it ran)";
    return entry.message + (entry.stackTrace.length ? "\n" + entry.stackTrace.join("\n") : "");
  }

  // ------------------------------------------------------------------ log, tasks, functions, sessions

  function addLog(entry) {
    if (entry.sequence <= state.logLast && state.log.length && entry.sequence <= state.log[state.log.length - 1].sequence) return;
    state.log.push(entry);
    state.logLast = Math.max(state.logLast, entry.sequence);
    const li = el("li", null, entry.level);
    li.appendChild(el("span", timeText(entry.time) + " " + entry.level + " " + entry.source + " " + entry.name + " ", "meta"));
    li.appendChild(document.createTextNode(entry.message));
    const list = $("log");
    list.insertBefore(li, list.firstChild);
    while (state.log.length > MAX_LOG) {
      state.log.shift();
      list.lastChild.remove();
    }
  }

  function putTask(task) {
    state.tasks.set(task.id, task);
    renderTasks();
  }

  function renderTasks() {
    const body = $("tasks").tBodies[0];
    body.replaceChildren();
    for (const t of Array.from(state.tasks.values()).reverse()) {
      const tr = document.createElement("tr");
      const status = t.running ? "running" : (t.status || "");
      [t.id, t.name, timeText(t.startTime), status, short(t.state)].forEach((c) => tr.appendChild(el("td", c)));
      if (t.status === "failed") tr.className = "raised";
      body.appendChild(tr);
    }
  }

  function renderFunctions(f) {
    const box = $("functions");
    box.replaceChildren();
    const names = new Set();
    const group = (title, meta, items) => {
      const g = el("div", null, "fn-group");
      const h = el("h3", title);
      if (meta) h.appendChild(el("span", meta, "meta"));
      g.appendChild(h);
      const ul = el("ul");
      if (!items.length) ul.appendChild(el("li", "(none)", "meta"));
      items.forEach((i) => ul.appendChild(el("li", i, "mono")));
      g.appendChild(ul);
      box.appendChild(g);
    };
    group("Server code", null, f.serverCode);
    f.serverCode.filter((n) => !n.startsWith("task:")).forEach((n) => names.add(n));
    for (const u of f.uplinks) {
      group("Uplink " + u.id, u.key + " key · " + u.remoteAddress + " · connected since " + timeText(u.connectedSince),
        u.functions);
      u.functions.forEach((n) => names.add(n));
    }
    group("Endpoints", null, f.endpoints);
    const list = $("function-names");
    list.replaceChildren();
    Array.from(names).sort().forEach((n) => { const o = el("option"); o.value = n; list.appendChild(o); });
  }

  async function refreshSessions() {
    const [s, c] = await Promise.all([api("/sessions"), api("/callers")]);
    const body = $("sessions").tBodies[0];
    body.replaceChildren();
    for (const x of s.sessions) {
      const tr = document.createElement("tr");
      [x.caller, x.kind, x.sessionId.slice(0, 8) + "…" + (x.expired ? " (expired)" : ""), userText(x.user),
        short(x.data)].forEach((v) => tr.appendChild(el("td", v)));
      tr.cells[2].title = x.sessionId;
      body.appendChild(tr);
    }
    state.callers = c.callers;
    renderCallerChoice();
  }

  let sessionsTimer = null;
  function refreshSessionsSoon() {
    if (sessionsTimer) return;
    sessionsTimer = setTimeout(() => {
      sessionsTimer = null;
      refreshSessions().catch((e) => problem("sessions: " + e.message));
    }, 150);
  }

  async function refreshClock() {
    const c = await api("/clock");
    $("clock").textContent = (c.fake ? "fake clock " : "clock ") + timeText(c.now) + " " + c.zone;
    $("advance").hidden = !c.fake;
  }

  // ------------------------------------------------------------------ call as

  const KINDS = ["browser", "http", "email", "scheduled_task", "client_uplink"];

  function renderCallerChoice() {
    const select = $("call-caller");
    const chosen = select.value;
    select.replaceChildren();
    for (const k of KINDS) {
      const o = el("option", "new " + k);
      o.value = "new:" + k;
      select.appendChild(o);
    }
    for (const c of state.callers) {
      const o = el("option", c.id + " · " + c.kind + " · " + userText(c.user));
      o.value = c.id;
      select.appendChild(o);
    }
    if (Array.from(select.options).some((o) => o.value === chosen)) select.value = chosen;
  }

  function renderUserChoice() {
    const select = $("call-user");
    const chosen = select.value;
    select.replaceChildren();
    const add = (value, text) => { const o = el("option", text); o.value = value; select.appendChild(o); };
    add("keep", "as the caller is");
    add("anonymous", "anonymous (log out)");
    for (const u of state.users) add("account:" + u.email, u.email);
    add("json", "a user value as JSON…");
    if (Array.from(select.options).some((o) => o.value === chosen)) select.value = chosen;
    $("call-user-json-label").hidden = select.value !== "json";
  }

  function parseJson(id, what) {
    try {
      return JSON.parse($(id).value || "null");
    } catch (e) {
      throw new Error(what + " is not JSON: " + e.message);
    }
  }

  async function callAs(event) {
    event.preventDefault();
    const out = $("call-result");
    out.className = "result";
    out.textContent = "calling…";
    try {
      const args = parseJson("call-args", "args");
      const kwargs = parseJson("call-kwargs", "kwargs") || {};
      let caller = $("call-caller").value;
      const user = $("call-user").value;
      const login = user === "anonymous" ? { user: null }
        : user.startsWith("account:") ? { userEmail: user.slice(8) }
        : user === "json" ? { user: parseJson("call-user-json", "user") } : null;
      if (caller.startsWith("new:")) {
        const created = await api("/callers", Object.assign({ kind: caller.slice(4) }, login || {}));
        caller = created.id;
      } else if (login) {
        await api("/callers/" + encodeURIComponent(caller) + "/user", login);
      }
      const result = await api("/callers/" + encodeURIComponent(caller) + "/calls",
        { function: $("call-function").value, args: Array.isArray(args) ? args : [args], kwargs: kwargs });
      out.className = "result " + result.outcome;
      out.textContent = result.outcome === "returned"
        ? "returned " + JSON.stringify(result.response) + (result.objects.length ? "\nobjects " + JSON.stringify(result.objects) : "")
        : "raised " + result.error.type + ": " + result.error.message;
      await refreshSessions();
      $("call-caller").value = caller;
    } catch (e) {
      out.className = "result raised";
      out.textContent = e.message;
    }
  }

  // ------------------------------------------------------------------ catching up and following

  async function catchUp() {
    const overview = await api("");
    if (overview.recordsCalls) {
      const j = await api("/journal?after=" + state.journalLast);
      j.calls.forEach(addCall);
    } else {
      $("calls-count").textContent = "(this runtime does not record calls)";
    }
    const l = await api("/log?after=" + state.logLast);
    l.entries.forEach(addLog);
    const t = await api("/tasks");
    t.tasks.forEach((x) => state.tasks.set(x.id, x));
    renderTasks();
    renderFunctions(await api("/functions"));
    state.users = (await api("/users")).users;
    renderUserChoice();
    await refreshSessions();
    await refreshClock();
  }

  function follow() {
    const source = new EventSource(API + "/events");
    const badge = $("stream");
    source.addEventListener("hello", () => {
      badge.textContent = "live";
      badge.className = "badge on";
      catchUp().then(() => problem(""), (e) => problem(e.message));
    });
    source.addEventListener("call", (m) => {
      addCall(JSON.parse(m.data));
      refreshSessionsSoon();
    });
    source.addEventListener("log", (m) => addLog(JSON.parse(m.data)));
    source.addEventListener("task", (m) => putTask(JSON.parse(m.data)));
    source.addEventListener("functions", (m) => renderFunctions(JSON.parse(m.data)));
    source.addEventListener("error", () => {
      badge.textContent = "reconnecting";
      badge.className = "badge off";
    });
  }

  document.addEventListener("DOMContentLoaded", () => {
    $("filter").addEventListener("input", () => applyFilter());
    $("filter-outcome").addEventListener("change", () => applyFilter());
    $("detail-close").addEventListener("click", () => { $("detail").hidden = true; });
    $("call-as").addEventListener("submit", callAs);
    $("call-user").addEventListener("change", renderUserChoice);
    $("advance").addEventListener("submit", (e) => {
      e.preventDefault();
      api("/clock/advance", { duration: $("advance-by").value }).then(refreshClock).then(refreshSessions)
        .catch((x) => problem(x.message));
    });
    renderCallerChoice();
    renderUserChoice();
    follow();
  });
})();
