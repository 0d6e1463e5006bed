// rokhdad dashboard: a small hash-routed page over the JSON API (no framework, no CDN).
// Every view shows the API URL it renders (its "JSON twin").
"use strict";

const TYPES_FA = {
  AGREE: "توافق", CONSULT: "دیدار و رایزنی", SUPPORT: "حمایت", CONCEDE: "امتیازدهی",
  COOPERATE: "همکاری", AID: "کمک", RETREAT: "عقب‌نشینی",
  REQUEST: "درخواست", ACCUSE: "اتهام و محکومیت", REJECT: "رد", THREATEN: "تهدید",
  PROTEST: "اعتراض", SANCTION: "تحریم", MOBILIZE: "بسیج", COERCE: "اجبار", ASSAULT: "حمله",
};
const TYPE_QUAD = {
  AGREE: 1, CONSULT: 1, SUPPORT: 1, CONCEDE: 1, COOPERATE: 2, AID: 2, RETREAT: 2,
  REQUEST: 3, ACCUSE: 3, REJECT: 3, THREATEN: 3, PROTEST: 4, SANCTION: 4, MOBILIZE: 4, COERCE: 4, ASSAULT: 4,
};
const QUADS_FA = { 1: "همکاری لفظی", 2: "همکاری عملی", 3: "تنش لفظی", 4: "تنش عملی" };
const QUAD_COLORS = { 1: "#2e8b57", 2: "#1b6f9e", 3: "#d08a1a", 4: "#c0392b" };
const LABELS_FA = { PER: "شخص", ORG: "سازمان", GPE: "کشور/شهر", LOC: "مکان" };

const state = { countries: {}, meta: null, chart: null, map: null };
const view = document.getElementById("view");

// -- helpers ---------------------------------------------------------------------------------------
function esc(s) {
  return String(s == null ? "" : s).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]));
}
const faNum = new Intl.NumberFormat("fa-IR");
function n(x) { return x == null ? "—" : faNum.format(x); }
function qs(params) {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== "") p.set(k, v);
  const s = p.toString();
  return s ? "?" + s : "";
}
async function api(url) {
  const r = await fetch(url, { headers: { Accept: "application/json" } });
  const body = await r.json().catch(() => ({}));
  if (!r.ok) throw new Error(body.error || ("HTTP " + r.status));
  return body;
}
function countryName(code) {
  if (!code) return "";
  const c = state.countries[code];
  return c && c.fa ? c.fa : code;
}
function actorHtml(list) {
  if (!list || !list.length) return '<span class="muted">—</span>';
  return list.map((a) => {
    const name = a.text || a.name_en || countryName(a.country) || "?";
    const title = [a.name_en, a.country, a.sector].filter(Boolean).join(" · ");
    return `<span class="actor" title="${esc(title)}">${esc(name)}` +
      (a.country ? ` <span class="cc">${esc(a.country)}</span>` : "") + "</span>";
  }).join("، ");
}
function typeBadge(t, quad) {
  const q = quad || TYPE_QUAD[t] || 0;
  return `<span class="badge q${q}" title="${esc(t)} · ${esc(QUADS_FA[q] || "")}">${esc(TYPES_FA[t] || t || "?")}</span>` +
    ` <span class="muted" dir="ltr">${esc(t || "")}</span>`;
}
function twin(url, extra) {
  return `<div class="twin">${extra || ""}<span>نسخه JSON:</span><a href="${esc(url)}" target="_blank" rel="noopener" class="json-twin" dir="ltr">${esc(decodeURIComponent(url))}</a></div>`;
}
function setActive(name) {
  document.querySelectorAll(".tabs a").forEach((a) => a.classList.toggle("active", a.dataset.view === name));
}
function showError(e) {
  view.insertAdjacentHTML("beforeend", `<div class="error" role="alert">خطا: ${esc(e.message || e)}</div>`);
}
function formValues(form) {
  const out = {};
  new FormData(form).forEach((v, k) => { if (String(v).trim() !== "") out[k] = String(v).trim(); });
  return out;
}
function typeOptions(sel) {
  return '<option value="">همه</option>' + Object.keys(TYPES_FA).map((t) =>
    `<option value="${t}"${t === sel ? " selected" : ""}>${esc(TYPES_FA[t])} (${t})</option>`).join("");
}
function quadOptions(sel) {
  return '<option value="">همه</option>' + [1, 2, 3, 4].map((q) =>
    `<option value="${q}"${String(q) === String(sel) ? " selected" : ""}>${q} — ${esc(QUADS_FA[q])}</option>`).join("");
}
function snippetHtml(s) {
  // The store marks the matched word as [word]; show it highlighted (the rest stays escaped text).
  return esc(s).replace(/\[([^\[\]]{1,80})\]/g, "<mark>$1</mark>");
}

// -- router ----------------------------------------------------------------------------------------
function route() {
  const h = location.hash.replace(/^#\/?/, "");
  const [path, query] = h.split("?");
  const params = new URLSearchParams(query || "");
  const parts = path.split("/").map(decodeURIComponent);
  const name = parts[0] || "events";
  if (state.chart) { state.chart.destroy(); state.chart = null; }
  if (state.map) { state.map.remove(); state.map = null; }
  view.innerHTML = "";
  setActive(name === "article" ? "search" : name);
  const views = { events: viewEvents, search: viewSearch, article: viewArticle, actors: viewActors,
    dyad: viewDyad, network: viewNetwork, map: viewMap, quotes: viewQuotes };
  const fn = views[name];
  if (!fn) { view.innerHTML = '<div class="empty">این نما وجود ندارد.</div>'; return; }
  Promise.resolve(fn(params, parts.slice(1))).catch(showError);
}
function go(name, params) { location.hash = "#/" + name + qs(params || {}); }

// -- events ----------------------------------------------------------------------------------------
const EVENT_FILTERS = ["date_from", "date_to", "source_country", "target_country", "country", "actor", "type", "quad"];

async function viewEvents(params) {
  const f = {};
  EVENT_FILTERS.forEach((k) => { if (params.get(k)) f[k] = params.get(k); });
  const url = "/api/events" + qs({ ...f, limit: 50 });
  view.innerHTML = `
  <h1>رویدادها</h1>
  <form id="ev-filters" class="bar">
    <label>از تاریخ<input class="short" name="date_from" value="${esc(f.date_from)}" placeholder="2025-01-01" dir="ltr"></label>
    <label>تا تاریخ<input class="short" name="date_to" value="${esc(f.date_to)}" placeholder="1404-09-04" dir="ltr"></label>
    <label>کشور مبدأ<input class="short" name="source_country" value="${esc(f.source_country)}" placeholder="IRN" dir="ltr"></label>
    <label>کشور مقصد<input class="short" name="target_country" value="${esc(f.target_country)}" placeholder="PAK" dir="ltr"></label>
    <label>کنشگر<input name="actor" value="${esc(f.actor)}" placeholder="قالیباف / Larijani"></label>
    <label>نوع<select name="type">${typeOptions(f.type)}</select></label>
    <label>دسته<select name="quad">${quadOptions(f.quad)}</select></label>
    <button type="submit">اعمال فیلتر</button>
    <a class="button ghost" href="#/events">پاک کردن</a>
  </form>
  ${twin(url, `<a href="/api/export/events.csv${esc(qs(f))}" download>CSV</a><a href="/api/export/events.jsonl${esc(qs(f))}" download>JSONL</a>`)}
  <table class="grid" id="events-table"><thead><tr>
    <th>تاریخ</th><th>نوع</th><th>مبدأ</th><th>مقصد</th><th>مکان</th><th>خلاصه و شاهد</th><th>خبر</th>
  </tr></thead><tbody></tbody></table>
  <button class="more ghost" id="ev-more" hidden>بیشتر</button>`;
  document.getElementById("ev-filters").addEventListener("submit", (e) => {
    e.preventDefault();
    go("events", formValues(e.target));
  });
  const body = view.querySelector("#events-table tbody");
  const more = document.getElementById("ev-more");
  async function load(cursor) {
    const page = await api(url + (cursor ? "&cursor=" + encodeURIComponent(cursor) : ""));
    if (!page.items.length && !cursor) {
      body.innerHTML = '<tr><td colspan="7" class="empty">رویدادی با این فیلترها پیدا نشد.</td></tr>';
    }
    body.insertAdjacentHTML("beforeend", page.items.map(eventRow).join(""));
    more.hidden = !page.next_cursor;
    more.onclick = () => load(page.next_cursor).catch(showError);
  }
  await load(null);
}
function eventRow(e) {
  const loc = e.location ? (e.location.text || e.location.name_en || "") : "";
  const ev = e.evidence && e.evidence.text ? `<span class="evid">«${esc(e.evidence.text)}»</span>` : "";
  const flags = ["negated", "hypothetical", "future", "historical"].filter((k) => e[k]).join(", ");
  return `<tr data-event="${esc(e.event_id)}">
    <td class="nowrap" dir="ltr">${esc(e.date || "")}</td>
    <td>${typeBadge(e.type, e.quad)}${flags ? `<div class="muted" dir="ltr">${esc(flags)}</div>` : ""}</td>
    <td>${actorHtml(e.source)}</td><td>${actorHtml(e.target)}</td>
    <td>${esc(loc)}</td>
    <td>${e.summary ? `<span class="summary" lang="en">${esc(e.summary)}</span>` : ""}${ev}</td>
    <td class="nowrap"><a class="open-article" href="#/article/${encodeURIComponent(e.article_id)}?event=${encodeURIComponent(e.event_id)}">نمایش شاهد</a></td>
  </tr>`;
}

// -- search ----------------------------------------------------------------------------------------
async function viewSearch(params) {
  const q = params.get("q") || "";
  document.getElementById("search-q").value = q;
  const f = { q, date_from: params.get("date_from"), date_to: params.get("date_to"), country: params.get("country"),
    type: params.get("type") };
  const url = "/api/articles" + qs({ ...f, limit: 20 });
  view.innerHTML = `
  <h1>${q ? "نتایج جستجو برای «" + esc(q) + "»" : "تازه‌ترین اخبار"}</h1>
  <form id="art-filters" class="bar">
    <label>عبارت<input name="q" value="${esc(q)}" maxlength="200"></label>
    <label>از تاریخ<input class="short" name="date_from" value="${esc(f.date_from)}" dir="ltr"></label>
    <label>تا تاریخ<input class="short" name="date_to" value="${esc(f.date_to)}" dir="ltr"></label>
    <label>کشور<input class="short" name="country" value="${esc(f.country)}" placeholder="PAK" dir="ltr"></label>
    <label>نوع رویداد<select name="type">${typeOptions(f.type)}</select></label>
    <button type="submit">جستجو</button>
  </form>
  ${twin(url)}
  <div class="results" id="results"></div>
  <button class="more ghost" id="art-more" hidden>بیشتر</button>`;
  document.getElementById("art-filters").addEventListener("submit", (e) => {
    e.preventDefault();
    go("search", formValues(e.target));
  });
  const box = document.getElementById("results");
  const more = document.getElementById("art-more");
  async function load(cursor) {
    const page = await api(url + (cursor ? "&cursor=" + encodeURIComponent(cursor) : ""));
    if (!page.items.length && !cursor) box.innerHTML = '<div class="empty">خبری پیدا نشد.</div>';
    box.insertAdjacentHTML("beforeend", page.items.map((a) => `
      <div class="item result">
        <h3><a href="#/article/${encodeURIComponent(a.id)}">${esc(a.title || a.id)}</a></h3>
        <div class="muted"><span dir="ltr">${esc(a.date || "بی‌تاریخ")}</span> · ${esc(a.outlet || "")} ·
          ${n(a.num_events)} رویداد · ${n(a.num_quotes)} نقل‌قول · ${n(a.num_entities)} موجودیت</div>
        <div class="snippet">${snippetHtml(a.snippet)}</div>
      </div>`).join(""));
    more.hidden = !page.next_cursor;
    more.onclick = () => load(page.next_cursor).catch(showError);
  }
  await load(null);
}

// -- article ---------------------------------------------------------------------------------------
async function viewArticle(params, rest) {
  const id = rest.join("/");
  const url = "/api/articles/" + encodeURIComponent(id);
  const a = await api(url);
  const current = params.get("event");
  // Every span becomes a class on the text pieces it covers; pieces are cut at every span boundary.
  const spans = [];
  a.entities.forEach((e) => spans.push([e.start, e.end, "ent ent-" + (e.label || "X"), LABELS_FA[e.label] || e.label]));
  a.quotes.forEach((q) => spans.push([q.start, q.end, "quote", "نقل‌قول: " + ((q.speaker && (q.speaker.text || q.speaker.name_en)) || "")]));
  a.events.forEach((e) => {
    const r = e.evidence && e.evidence.resolved;
    if (!r) return;
    const s = e.evidence.sentence;
    if (s != null && a.sentences[s]) spans.push([a.sentences[s].start, a.sentences[s].end, "sent-ev", ""]);
    spans.push([r[0], r[1], "evidence ev-" + cssId(e.event_id) + (e.event_id === current ? " current" : ""), e.type]);
  });
  const text = a.text;
  const cuts = new Set([0, text.length]);
  spans.forEach(([s, e]) => { if (s != null && e != null && s < e && s >= 0 && e <= text.length) { cuts.add(s); cuts.add(e); } });
  const pts = [...cuts].sort((x, y) => x - y);
  let html = "";
  for (let i = 0; i + 1 < pts.length; i++) {
    const [s, e] = [pts[i], pts[i + 1]];
    const cover = spans.filter(([ss, ee]) => ss <= s && e <= ee && ss < ee);
    const piece = esc(text.slice(s, e));
    if (!cover.length) { html += piece; continue; }
    const cls = cover.map((c) => c[2]).join(" ");
    const tip = cover.map((c) => c[3]).filter(Boolean).join(" · ");
    const tag = cover.some((c) => c[2].startsWith("evidence")) ? "mark" : "span";
    html += `<${tag} class="${esc(cls)}" title="${esc(tip)}">${piece}</${tag}>`;
  }
  view.innerHTML = `
  <h1>${esc(a.title || a.id)}</h1>
  <div class="muted"><span dir="ltr">${esc(a.date || "بی‌تاریخ")}</span> · ${esc(a.outlet || "")}
    ${a.url ? ` · <a href="${esc(a.url)}" rel="noopener noreferrer" dir="ltr">${esc(a.url)}</a>` : ""}</div>
  ${twin(url)}
  <div class="legend">
    <span><mark class="evidence current">رویداد انتخاب‌شده</mark></span><span><mark class="evidence">شاهد رویداد</mark></span><span><span class="sent-ev">جمله شاهد</span></span>
    <span><span class="quote">نقل‌قول</span></span>
    <span><span class="ent ent-PER">شخص</span></span><span><span class="ent ent-ORG">سازمان</span></span>
    <span><span class="ent ent-GPE">کشور/مکان</span></span>
  </div>
  <div class="article-layout">
    <div class="article-text" id="article-text">${html}</div>
    <aside class="side panel">
      <h2>رویدادها (${n(a.events.length)})</h2>
      ${a.events.map((e) => `<div class="ev${e.event_id === current ? " sel" : ""}" data-ev="${esc(cssId(e.event_id))}">
          ${typeBadge(e.type, e.quad)}<div>${actorHtml(e.source)} ← ${actorHtml(e.target)}</div>
          ${e.summary ? `<span class="summary" lang="en">${esc(e.summary)}</span>` : ""}
        </div>`).join("") || '<div class="muted">رویدادی ثبت نشده.</div>'}
      <h2>نقل‌قول‌ها (${n(a.quotes.length)})</h2>
      <ul>${a.quotes.map((q) => `<li><b>${esc((q.speaker && (q.speaker.text || q.speaker.name_en)) || "؟")}</b>
        <span class="muted">${esc(q.cue || "")}</span>: ${esc((q.content || "").slice(0, 160))}</li>`).join("") || '<li class="muted">—</li>'}</ul>
      <h2>موجودیت‌ها (${n(a.entities.length)})</h2>
      <div>${[...new Map(a.entities.map((e) => [e.text + "|" + e.label, e])).values()].slice(0, 60).map((e) =>
        `<span class="ent-chip" title="${esc(e.label)}">${esc(e.text)}</span>`).join("، ") || '<span class="muted">—</span>'}</div>
    </aside>
  </div>`;
  view.querySelectorAll(".side .ev").forEach((el) => el.addEventListener("click", () => {
    view.querySelectorAll(".article-text .current").forEach((m) => m.classList.remove("current"));
    view.querySelectorAll(".side .ev.sel").forEach((m) => m.classList.remove("sel"));
    el.classList.add("sel");
    const marks = view.querySelectorAll(".article-text .ev-" + el.dataset.ev);
    marks.forEach((m) => m.classList.add("current"));
    if (marks[0]) marks[0].scrollIntoView({ block: "center", behavior: "smooth" });
  }));
  const cur = view.querySelector(".article-text .current");
  if (cur) cur.scrollIntoView({ block: "center" });
}
function cssId(s) { return String(s).replace(/[^A-Za-z0-9_-]/g, "_"); }

// -- actors ----------------------------------------------------------------------------------------
async function viewActors(params) {
  const f = { country: params.get("country"), q: params.get("q") };
  const url = "/api/actors" + qs({ ...f, limit: 100 });
  const data = await api(url);
  view.innerHTML = `
  <h1>کنشگران پرتکرار</h1>
  <form id="act-filters" class="bar">
    <label>کشور<input class="short" name="country" value="${esc(f.country)}" placeholder="IRN" dir="ltr"></label>
    <label>نام<input name="q" value="${esc(f.q)}"></label>
    <button type="submit">اعمال</button>
  </form>
  ${twin(url)}
  <table class="grid" id="actors-table"><thead><tr><th>کنشگر</th><th>نام انگلیسی</th><th>کشور</th><th>بخش</th>
    <th class="num">رویداد (مبدأ)</th><th class="num">رویداد (مقصد)</th><th class="num">اشاره</th><th class="num">خبر</th></tr></thead>
  <tbody>${data.items.map((a) => `<tr>
    <td><a href="#/events${esc(qs({ actor: a.name_en || a.text }))}">${esc(a.text || a.name_en || "")}</a></td>
    <td dir="ltr">${esc(a.name_en || "")}</td><td>${esc(countryName(a.country))} <span class="muted" dir="ltr">${esc(a.country || "")}</span></td>
    <td dir="ltr">${esc(a.sector || "")}</td><td class="num">${n(a.as_source)}</td><td class="num">${n(a.as_target)}</td>
    <td class="num">${n(a.mentions)}</td><td class="num">${n(a.articles)}</td></tr>`).join("") ||
    '<tr><td colspan="8" class="empty">کنشگری پیدا نشد.</td></tr>'}</tbody></table>`;
  document.getElementById("act-filters").addEventListener("submit", (e) => { e.preventDefault(); go("actors", formValues(e.target)); });
}

// -- dyad timeline ---------------------------------------------------------------------------------
async function viewDyad(params) {
  const a = (params.get("a") || "IRN").toUpperCase();
  const b = (params.get("b") || "PAK").toUpperCase();
  const interval = params.get("interval") || "month";
  const f = { interval, date_from: params.get("date_from"), date_to: params.get("date_to") };
  const url = `/api/dyads/${encodeURIComponent(a)}/${encodeURIComponent(b)}/timeline` + qs(f);
  view.innerHTML = `
  <h1>روند رابطه ${esc(countryName(a))} و ${esc(countryName(b))}</h1>
  <form id="dyad-form" class="bar">
    <label>کشور اول<input class="short" name="a" value="${esc(a)}" dir="ltr"></label>
    <label>کشور دوم<input class="short" name="b" value="${esc(b)}" dir="ltr"></label>
    <label>بازه<select name="interval">${["day", "week", "month"].map((i) =>
      `<option value="${i}"${i === interval ? " selected" : ""}>${{ day: "روزانه", week: "هفتگی", month: "ماهانه" }[i]}</option>`).join("")}</select></label>
    <label>از تاریخ<input class="short" name="date_from" value="${esc(f.date_from)}" dir="ltr"></label>
    <label>تا تاریخ<input class="short" name="date_to" value="${esc(f.date_to)}" dir="ltr"></label>
    <button type="submit">نمایش</button>
  </form>
  ${twin(url)}
  <div class="chart-box"><canvas id="dyad-chart" aria-label="نمودار روند"></canvas></div>
  <div id="dyad-summary" class="muted"></div>`;
  document.getElementById("dyad-form").addEventListener("submit", (e) => { e.preventDefault(); go("dyad", formValues(e.target)); });
  const data = await api(url);
  document.getElementById("dyad-summary").innerHTML = `${n(data.total)} رویداد · ` +
    Object.entries(data.types).map(([t, c]) => `${esc(TYPES_FA[t] || t)}: ${n(c)}`).join("، ") +
    ` · <a href="#/events${esc(qs({ country: a, actor: "" }))}">رویدادهای ${esc(countryName(a))}</a>`;
  if (!data.series.length) {
    view.querySelector(".chart-box").outerHTML = '<div class="empty" id="dyad-empty">رویدادی میان این دو کشور ثبت نشده.</div>';
    return;
  }
  const labels = data.series.map((s) => s.period);
  const datasets = [1, 2, 3, 4].map((q) => ({ type: "bar", label: QUADS_FA[q], data: data.series.map((s) => s["quad" + q]),
    backgroundColor: QUAD_COLORS[q], stack: "q", yAxisID: "y", order: 1 }));
  datasets.push({ type: "line", label: "میانگین گلدستین", data: data.series.map((s) => s.goldstein_mean),
    borderColor: "#222", backgroundColor: "#222", yAxisID: "g", spanGaps: false, tension: 0, pointRadius: 3, order: 0 });
  Chart.defaults.font.family = "Vazirmatn, sans-serif";
  state.chart = new Chart(document.getElementById("dyad-chart"), {
    data: { labels, datasets },
    options: { responsive: true, maintainAspectRatio: false, animation: false,
      plugins: { legend: { rtl: true, position: "top" }, tooltip: { rtl: true } },
      scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, position: "right", title: { display: true, text: "تعداد رویداد" }, ticks: { precision: 0 } },
        g: { position: "left", min: -10, max: 10, grid: { drawOnChartArea: false }, title: { display: true, text: "گلدستین" } } } },
  });
}

// -- network ---------------------------------------------------------------------------------------
async function viewNetwork(params) {
  const f = { by: params.get("by") || "country", date_from: params.get("date_from"), date_to: params.get("date_to"),
    type: params.get("type"), quad: params.get("quad"), min_weight: params.get("min_weight") };
  const url = "/api/network" + qs({ ...f, limit: 120 });
  view.innerHTML = `
  <h1>شبکه کنشگران</h1>
  <form id="net-form" class="bar">
    <label>گره‌ها<select name="by"><option value="country"${f.by === "country" ? " selected" : ""}>کشورها</option>
      <option value="actor"${f.by === "actor" ? " selected" : ""}>کنشگران</option></select></label>
    <label>از تاریخ<input class="short" name="date_from" value="${esc(f.date_from)}" dir="ltr"></label>
    <label>تا تاریخ<input class="short" name="date_to" value="${esc(f.date_to)}" dir="ltr"></label>
    <label>نوع<select name="type">${typeOptions(f.type)}</select></label>
    <label>دسته<select name="quad">${quadOptions(f.quad)}</select></label>
    <label>کمینه وزن<input class="short" name="min_weight" value="${esc(f.min_weight)}" type="number" min="1"></label>
    <button type="submit">نمایش</button>
  </form>
  ${twin(url)}
  <svg id="network-svg" role="img" aria-label="شبکه کنشگران"></svg>
  <div class="legend"><span>رنگ یال: میانگین گلدستین (سبز همکاری، قرمز تنش) · ضخامت: تعداد رویداد · کلیک روی گره: رویدادهای آن</span></div>`;
  document.getElementById("net-form").addEventListener("submit", (e) => { e.preventDefault(); go("network", formValues(e.target)); });
  const g = await api(url);
  drawNetwork(document.getElementById("network-svg"), g, f.by);
}
function goldsteinColor(gm) {
  if (gm == null) return "#999";
  const t = Math.max(-1, Math.min(1, gm / 10));
  return t >= 0 ? `rgb(${Math.round(120 - 90 * t)},${Math.round(140 + 30 * t)},${Math.round(100 - 40 * t)})`
    : `rgb(${Math.round(150 - 60 * t)},${Math.round(110 + 60 * t)},${Math.round(100 + 40 * t)})`;
}
function drawNetwork(svg, g, by) {
  const W = svg.clientWidth || 900, H = svg.clientHeight || 560, NS = "http://www.w3.org/2000/svg";
  if (!g.nodes.length) { svg.outerHTML = '<div class="empty" id="network-empty">یالی برای نمایش نیست.</div>'; return; }
  const nodes = g.nodes.map((d, i) => ({ ...d, x: W / 2 + (W / 3) * Math.cos((2 * Math.PI * i) / g.nodes.length),
    y: H / 2 + (H / 3) * Math.sin((2 * Math.PI * i) / g.nodes.length), vx: 0, vy: 0 }));
  const idx = new Map(nodes.map((d, i) => [d.id, i]));
  const links = g.edges.map((e) => ({ ...e, s: idx.get(e.source), t: idx.get(e.target) }));
  const maxW = Math.max(...nodes.map((d) => d.weight)), maxE = Math.max(...links.map((e) => e.weight));
  // Fruchterman–Reingold in a frame: nodes repel (k²/d), edges pull (d²/k), the step cools;
  // then the drawing is stretched to fill the box.
  const k = Math.sqrt((W * H) / nodes.length) * 0.75;
  for (let it = 0, temp = W / 8; it < 300; it++, temp *= 0.985) {
    nodes.forEach((d) => { d.vx = 0; d.vy = 0; });
    for (let i = 0; i < nodes.length; i++) for (let j = i + 1; j < nodes.length; j++) {
      const a = nodes[i], b = nodes[j];
      const dx = a.x - b.x, dy = a.y - b.y, d = Math.sqrt(dx * dx + dy * dy) + 0.01, f = (k * k) / d;
      a.vx += (dx / d) * f; a.vy += (dy / d) * f; b.vx -= (dx / d) * f; b.vy -= (dy / d) * f;
    }
    links.forEach((l) => {
      const a = nodes[l.s], b = nodes[l.t], dx = a.x - b.x, dy = a.y - b.y, d = Math.sqrt(dx * dx + dy * dy) + 0.01;
      const f = (d * d) / k * Math.min(1, 0.3 + Math.log1p(l.weight) / 4);
      a.vx -= (dx / d) * f; a.vy -= (dy / d) * f; b.vx += (dx / d) * f; b.vy += (dy / d) * f;
    });
    nodes.forEach((d) => {
      d.vx += (W / 2 - d.x) * 0.05 * k / 100; d.vy += (H / 2 - d.y) * 0.05 * k / 100;
      const v = Math.sqrt(d.vx * d.vx + d.vy * d.vy) + 0.01, step = Math.min(v, temp);
      // The frame holds the drawing (as in the original algorithm): nothing drifts away.
      d.x = Math.max(60, Math.min(W - 60, d.x + (d.vx / v) * step));
      d.y = Math.max(40, Math.min(H - 30, d.y + (d.vy / v) * step));
    });
  }
  const xs = nodes.map((d) => d.x), ys = nodes.map((d) => d.y);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  nodes.forEach((d) => {
    d.x = 60 + ((d.x - x0) / (x1 - x0 || 1)) * (W - 120);
    d.y = 40 + ((d.y - y0) / (y1 - y0 || 1)) * (H - 70);
  });
  const el = (name, attrs) => { const e = document.createElementNS(NS, name); for (const k in attrs) e.setAttribute(k, attrs[k]); return e; };
  const defs = el("defs", {});
  const marker = el("marker", { id: "arrow", viewBox: "0 0 10 10", refX: "10", refY: "5", markerWidth: "9", markerHeight: "9",
    markerUnits: "userSpaceOnUse", orient: "auto" });
  marker.appendChild(el("path", { d: "M 0 0 L 10 5 L 0 10 z", fill: "#777" }));
  defs.appendChild(marker); svg.appendChild(defs);
  const r = (d) => 6 + 18 * Math.sqrt(d.weight / maxW);
  links.forEach((l) => {
    const a = nodes[l.s], b = nodes[l.t], dx = b.x - a.x, dy = b.y - a.y, d = Math.sqrt(dx * dx + dy * dy) || 1;
    // Shift each edge a little to its right so that a→b and b→a stay apart.
    const ox = (-dy / d) * 4, oy = (dx / d) * 4;
    const line = el("line", { x1: a.x + ox, y1: a.y + oy, x2: b.x - (dx / d) * (r(b) + 2) + ox, y2: b.y - (dy / d) * (r(b) + 2) + oy,
      stroke: goldsteinColor(l.goldstein_mean), "stroke-width": 1 + 6 * (l.weight / maxE), "stroke-opacity": 0.75, "marker-end": "url(#arrow)" });
    const t = el("title", {}); t.textContent = `${l.source} → ${l.target}: ${l.weight} (Goldstein ${l.goldstein_mean ?? "—"})`;
    line.appendChild(t); svg.appendChild(line);
  });
  nodes.forEach((d) => {
    const grp = el("g", { class: "node", tabindex: "0" });
    grp.appendChild(el("circle", { cx: d.x, cy: d.y, r: r(d), fill: "#1f4e79", "fill-opacity": 0.85, stroke: "#fff", "stroke-width": 1.5 }));
    const label = el("text", { x: d.x, y: d.y - r(d) - 4, "text-anchor": "middle" });
    label.textContent = by === "country" ? countryName(d.id) : d.id;
    const t = el("title", {}); t.textContent = `${d.id}: ${d.weight}`;
    grp.appendChild(t); grp.appendChild(label);
    grp.addEventListener("click", () => go("events", by === "country" ? { country: d.id } : { actor: d.id }));
    svg.appendChild(grp);
  });
}

// -- map -------------------------------------------------------------------------------------------
async function viewMap(params) {
  const f = { date_from: params.get("date_from"), date_to: params.get("date_to"), country: params.get("country"),
    type: params.get("type"), quad: params.get("quad") };
  const url = "/api/map" + qs(f);
  view.innerHTML = `
  <h1>نقشه رویدادها</h1>
  <form id="map-form" class="bar">
    <label>از تاریخ<input class="short" name="date_from" value="${esc(f.date_from)}" dir="ltr"></label>
    <label>تا تاریخ<input class="short" name="date_to" value="${esc(f.date_to)}" dir="ltr"></label>
    <label>کشور<input class="short" name="country" value="${esc(f.country)}" dir="ltr"></label>
    <label>نوع<select name="type">${typeOptions(f.type)}</select></label>
    <label>دسته<select name="quad">${quadOptions(f.quad)}</select></label>
    <button type="submit">نمایش</button>
  </form>
  ${twin(url)}
  <div id="map"></div>
  <div class="legend">${[1, 2, 3, 4].map((q) => `<span><span class="badge q${q}">${esc(QUADS_FA[q])}</span></span>`).join("")}
    <span>رنگ دایره: دسته غالب · اندازه: تعداد رویداد</span></div>`;
  document.getElementById("map-form").addEventListener("submit", (e) => { e.preventDefault(); go("map", formValues(e.target)); });
  const [data, world] = await Promise.all([api(url), api("/static/vendor/world-atlas/countries-110m.geojson")]);
  const map = L.map("map", { worldCopyJump: true, minZoom: 2, maxZoom: 9, attributionControl: true }).setView([32, 53], 4);
  state.map = map;
  map.attributionControl.setPrefix(false);
  L.geoJSON(world, { style: { color: "#8aa0b4", weight: 0.7, fillColor: "#f4f1ea", fillOpacity: 1 }, attribution: "Natural Earth" }).addTo(map);
  const maxN = Math.max(1, ...data.items.map((p) => p.events));
  const markers = [];
  data.items.forEach((p) => {
    if (p.latitude == null || p.longitude == null) return;
    const top = [1, 2, 3, 4].reduce((best, q) => (p["quad" + q] > p["quad" + best] ? q : best), 1);
    const m = L.circleMarker([p.latitude, p.longitude], { radius: 5 + 16 * Math.sqrt(p.events / maxN), color: "#fff", weight: 1,
      fillColor: QUAD_COLORS[top], fillOpacity: 0.85 }).addTo(map);
    m.bindPopup(`<b>${esc(p.text || p.name_en || "")}</b> <span dir="ltr">${esc(p.name_en || "")} ${esc(p.country || "")}</span><br>` +
      `${n(p.events)} رویداد: ` + [1, 2, 3, 4].filter((q) => p["quad" + q]).map((q) => `${esc(QUADS_FA[q])} ${n(p["quad" + q])}`).join("، ") +
      (p.country ? `<br><a href="#/events${esc(qs({ country: p.country }))}">رویدادهای ${esc(countryName(p.country))}</a>` : ""));
    markers.push(m);
  });
  if (markers.length) map.fitBounds(L.featureGroup(markers).getBounds().pad(0.4), { maxZoom: 6 });
  else view.querySelector(".legend").insertAdjacentHTML("beforebegin", '<div class="empty">رویدادی با مختصات ثبت نشده.</div>');
}

// -- quotes ----------------------------------------------------------------------------------------
async function viewQuotes(params) {
  const f = { speaker: params.get("speaker"), country: params.get("country"), q: params.get("q") };
  const url = "/api/quotes" + qs({ ...f, limit: 50 });
  view.innerHTML = `
  <h1>نقل‌قول‌ها</h1>
  <form id="quote-form" class="bar">
    <label>گوینده<input name="speaker" value="${esc(f.speaker)}"></label>
    <label>کشور گوینده<input class="short" name="country" value="${esc(f.country)}" dir="ltr"></label>
    <label>متن<input name="q" value="${esc(f.q)}"></label>
    <button type="submit">اعمال</button>
  </form>
  ${twin(url)}
  <table class="grid" id="quotes-table"><thead><tr><th>تاریخ</th><th>گوینده</th><th>فعل گفتن</th><th>سخن</th><th>خبر</th></tr></thead><tbody></tbody></table>
  <button class="more ghost" id="q-more" hidden>بیشتر</button>`;
  document.getElementById("quote-form").addEventListener("submit", (e) => { e.preventDefault(); go("quotes", formValues(e.target)); });
  const body = view.querySelector("#quotes-table tbody");
  const more = document.getElementById("q-more");
  async function load(cursor) {
    const page = await api(url + (cursor ? "&cursor=" + encodeURIComponent(cursor) : ""));
    if (!page.items.length && !cursor) body.innerHTML = '<tr><td colspan="5" class="empty">نقل‌قولی پیدا نشد.</td></tr>';
    body.insertAdjacentHTML("beforeend", page.items.map((q) => `<tr>
      <td class="nowrap" dir="ltr">${esc(q.date || "")}</td><td>${actorHtml([q.speaker])}</td><td>${esc(q.cue || "")}</td>
      <td>${esc(q.content || "")}</td>
      <td><a href="#/article/${encodeURIComponent(q.article_id)}">${esc(q.article_title || q.article_id)}</a></td></tr>`).join(""));
    more.hidden = !page.next_cursor;
    more.onclick = () => load(page.next_cursor).catch(showError);
  }
  await load(null);
}

// -- start -----------------------------------------------------------------------------------------
document.getElementById("search-form").addEventListener("submit", (e) => {
  e.preventDefault();
  go("search", { q: document.getElementById("search-q").value.trim() });
});
window.addEventListener("hashchange", route);
Promise.all([api("/api/meta"), api("/api/countries")]).then(([meta, countries]) => {
  state.meta = meta;
  state.countries = countries.countries || {};
  const c = meta.counts;
  document.getElementById("stats").textContent =
    `${n(c.articles)} خبر · ${n(c.events)} رویداد · ${n(c.quotes)} نقل‌قول`;
}).catch(showError).finally(route);
