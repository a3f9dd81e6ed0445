/* The marking desk (discourse_lab/course/desk.py): one judgement item at a time, every answer to it.
 *
 * Python holds the truth (the marks file); the browser keeps what it shows in `local`. A change is
 * sent as the `edit` trait and kept in localStorage until Python's `ack` says it is saved, so a
 * kernel that restarted or stopped loses nothing: the desk says so, and the desk drawn when the
 * cell runs again sends what was kept. Keys pressed in the desk are stopped on the window in the
 * capture phase (before JupyterLab's and Notebook 7's shortcut handlers) and handled here. */

const PENDING = "discourse-lab:desk-pending:v1:";
const RESTART = "Run the cell again (Run \u2192 Run All Cells) to save it.";

function h(tag, attrs, children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "text") el.textContent = v;
    else if (k === "className") el.className = v;
    else if (k === "hidden") el.hidden = true;
    else el.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children || []) if (c !== null && c !== undefined) el.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
  return el;
}
const fmt = (x) => String(Math.floor(x * 100 + 0.5) / 100);
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

function keep(key, value) { try { localStorage.setItem(key, JSON.stringify(value)); return true; } catch (e) { return false; } }
function forget(key) { try { localStorage.removeItem(key); } catch (e) { /* nothing kept */ } }
function keptUnder(prefix) {
  const out = [];
  try {
    for (let i = 0; i < localStorage.length; i++) {
      const k = localStorage.key(i);
      if (k && k.startsWith(prefix)) { try { out.push([k, JSON.parse(localStorage.getItem(k))]); } catch (e) { /* skip */ } }
    }
  } catch (e) { /* no storage */ }
  return out;
}

async function commLive(model, items) {
  const models = model.widget_manager && model.widget_manager._models;
  if (!models) return undefined;
  for (const p of Object.values(models)) {
    const m = await Promise.resolve(p).catch(() => null);
    if (m && typeof m.get === "function" && m.get("items") === items) return m.comm_live;
  }
  return undefined;
}

// One key guard per page, as the exercises have (dl-exercises.js guardKeys): a key in a desk is the desk's.
function guardKeys(win) {
  if (!win || win.__dlDeskKeyGuard) return;
  win.__dlDeskKeyGuard = true;
  win.addEventListener("keydown", (ev) => {
    const t = ev.target;
    const root = t && t.closest ? t.closest(".dl-desk") : null;
    if (!root || ev.ctrlKey || ev.metaKey || ev.altKey) return;
    ev.stopPropagation();
    if (root.dlKeydown) root.dlKeydown(ev);
  }, true);
}

function render({ model, el }) {
  guardKeys(window);
  const items = model.get("items");
  const storeKey = model.get("store_key");
  const wait = model.get("reply_timeout_ms") || 5000;
  let local = JSON.parse(JSON.stringify(model.get("marks") || {}));  // what the desk shows
  const pending = {};  // key -> {seq, mark, timer}
  let seq = 0, offline = false;
  let itemIndex = 0, rowIndex = 0;
  let commentTimer = null;

  const root = h("section", { className: "dl-desk", tabindex: "0", "aria-label": "Marking desk" });
  el.appendChild(root);
  const rows = () => (model.get("rows") || {})[items[itemIndex].id] || [];
  const current = () => rows()[rowIndex];
  const keyOf = (row) => items[itemIndex].id + "|" + row.token;
  const storage = (key, digest) => PENDING + storeKey + ":" + key + ":" + digest;
  const isMarked = (m, row) => m && !m.stale && m.digest === row.digest && m.points !== null && m.points !== undefined;

  // ---------------------------------------------------------------- the parts of the desk
  const status = h("p", { className: "dl-desk-status", role: "status", "aria-live": "polite" });
  const notice = h("p", { className: "dl-desk-notice", role: "alert", hidden: true });
  const showIds = h("input", { type: "checkbox", className: "dl-desk-show-ids" });
  const itemSelect = h("select", { className: "dl-desk-item", "aria-label": "Item" });
  items.forEach((it, i) => itemSelect.appendChild(h("option", { value: String(i), text: (i + 1) + ". " + it.title })));
  const progress = h("p", { className: "dl-desk-progress" });
  const prompt = h("p", { className: "dl-desk-prompt" });
  const who = h("p", { className: "dl-desk-who" });
  const answer = h("blockquote", { className: "dl-desk-answer" });
  const stale = h("p", { className: "dl-desk-stale", role: "note", hidden: true });
  const rubric = h("fieldset", { className: "dl-desk-rubric" });
  const total = h("p", { className: "dl-desk-total" });
  const override = h("input", { type: "text", inputmode: "decimal", className: "dl-desk-points", "aria-label": "Other points (override)", size: "5" });
  const comment = h("textarea", { className: "dl-desk-comment", rows: "3", "aria-label": "Comment to the student" });
  const reuse = h("div", { className: "dl-desk-reuse", "aria-label": "Comments given before" });
  const model_answer = h("details", { className: "dl-desk-model" });
  const button = (text, cls, fn) => { const b = h("button", { type: "button", className: cls, text }); b.addEventListener("click", fn); return b; };

  root.append(
    h("div", { className: "dl-desk-head" }, [
      h("strong", { text: "Marking desk: " + model.get("title") }),
      h("label", { className: "dl-desk-ids" }, [showIds, " Show student ids"]),
    ]),
    h("div", { className: "dl-desk-nav" }, [
      button("\u25C0 Item", "dl-desk-prev-item", () => goItem(-1)), itemSelect, button("Item \u25B6", "dl-desk-next-item", () => goItem(1)),
    ]),
    prompt, progress, notice,
    h("div", { className: "dl-desk-card" }, [
      h("div", { className: "dl-desk-nav" }, [
        button("\u25C0 Previous (k)", "dl-desk-prev", () => go(-1)), who,
        button("Next (j) \u25B6", "dl-desk-next", () => go(1)), button("Next unmarked (n)", "dl-desk-next-unmarked", nextUnmarked),
      ]),
      answer, stale, rubric, total,
      h("label", { className: "dl-desk-override" }, ["Other points: ", override, h("span", { className: "dl-desk-hint", text: " (leave empty to add up the ticked items; say why in the comment)" })]),
      h("label", { className: "dl-desk-comment-label" }, ["Comment (c)", comment]),
      reuse, status,
    ]),
    model_answer,
    h("p", { className: "dl-desk-keys", text: "Keys: j / k next / previous answer \u00B7 n next unmarked \u00B7 1\u20139 tick a rubric item \u00B7 0 no item met \u00B7 c comment (Esc leaves it) \u00B7 ] / [ next / previous item" }),
  );

  // ---------------------------------------------------------------- drawing
  function markOf(row) { return local[keyOf(row)] || null; }
  function counts(i) {
    const list = (model.get("rows") || {})[items[i].id] || [];
    let marked = 0, staleN = 0;
    list.forEach((r) => { const m = local[items[i].id + "|" + r.token]; if (isMarked(m, r)) marked++; else if (m && m.digest !== r.digest) staleN++; });
    return { marked, staleN, n: list.length };
  }
  function drawProgress() {
    const c = counts(itemIndex);
    let all = 0, n = 0;
    items.forEach((_, i) => { const x = counts(i); all += x.marked; n += x.n; });
    progress.textContent = c.marked + " of " + c.n + " marked" + (c.staleN ? " \u00B7 " + c.staleN + " stale (marked for an earlier answer)" : "") +
      (items.length > 1 ? " \u00B7 all items: " + all + " of " + n : "");
  }
  function drawReuse(row) {
    const seen = new Map();
    const it = items[itemIndex].id;
    Object.entries(local).forEach(([k, m]) => {
      if (!m.comment) return;
      const weight = k.startsWith(it + "|") ? 1000 : 1;
      seen.set(m.comment, (seen.get(m.comment) || 0) + weight);
    });
    const mine = (markOf(row) || {}).comment || "";
    const list = [...seen.entries()].filter(([c]) => c !== mine).sort((a, b) => b[1] - a[1]).slice(0, 12);
    reuse.textContent = "";
    if (!list.length) return;
    reuse.appendChild(h("span", { className: "dl-desk-hint", text: "Use again: " }));
    list.forEach(([text]) => reuse.appendChild(button(text.length > 60 ? text.slice(0, 57) + "\u2026" : text, "dl-desk-chip", () => {
      comment.value = comment.value.trim() ? comment.value.trim() + "\n" + text : text;
      changed({ comment: comment.value });
    })));
  }
  function draw() {
    const it = items[itemIndex];
    itemSelect.value = String(itemIndex);
    prompt.textContent = it.prompt + " (" + fmt(it.points) + " point" + (it.points === 1 ? "" : "s") + ")";
    model_answer.textContent = "";
    model_answer.append(h("summary", { text: "Model answer" }), h("p", { text: it.model_answer }));
    drawProgress();
    const list = rows();
    if (!list.length) {
      who.textContent = "No answers to this item";
      answer.textContent = ""; rubric.textContent = ""; total.textContent = ""; stale.hidden = true;
      return;
    }
    rowIndex = Math.max(0, Math.min(rowIndex, list.length - 1));
    const row = list[rowIndex];
    root.setAttribute("data-item", it.id);
    root.setAttribute("data-row", String(rowIndex));
    who.textContent = row.label + (row.student ? " (" + row.student + ")" : "") + " \u00B7 answer " + (rowIndex + 1) + " of " + list.length + " \u00B7 " + row.words + " words";
    answer.textContent = row.answer;
    const m = markOf(row);
    const isStale = m && m.digest !== row.digest;
    stale.hidden = !isStale;
    stale.textContent = isStale ? "Stale: a mark of " + (m.points === null ? "no points" : fmt(m.points)) + " was given to an earlier answer of this student" +
      (m.comment ? " (\u201c" + m.comment + "\u201d)" : "") + ". It is not applied; mark this answer again." : "";
    const ticks = isStale || !m ? [] : m.rubric;
    rubric.textContent = "";
    rubric.appendChild(h("legend", { text: "Rubric" }));
    it.rubric.forEach((r, i) => {
      const box = h("input", { type: "checkbox", value: String(i + 1) });
      box.checked = ticks.includes(i + 1);
      box.addEventListener("change", () => { toggle(i + 1); keepFocus(); });
      rubric.appendChild(h("label", { className: "dl-desk-item-line" }, [
        h("kbd", { text: String(i + 1) }), " ", box, " " + r.text + " ", h("span", { className: "dl-desk-pts", text: "(" + fmt(r.points) + ")" }),
      ]));
    });
    const sum = ticks.reduce((s, i) => s + (it.rubric[i - 1] ? it.rubric[i - 1].points : 0), 0);
    const pts = !m || isStale ? null : m.points;
    const isOverride = pts !== null && pts !== undefined && Math.abs(pts - sum) > 0.005 && ticks.length;
    total.textContent = pts === null || pts === undefined ? "Not marked yet" : "Points: " + fmt(pts) + " of " + fmt(it.points) +
      (isOverride ? " (given instead of the ticked items' " + fmt(sum) + ")" : "");
    total.classList.toggle("dl-desk-needs-comment", !!(isOverride && !(m && m.comment)));
    if (document.activeElement !== override) override.value = m && !isStale && (isOverride || (pts !== null && !ticks.length && pts > 0)) ? fmt(pts) : "";
    if (document.activeElement !== comment) comment.value = m && !isStale ? m.comment || "" : "";
    drawReuse(row);
    drawStatus();
  }
  function drawStatus() {
    const row = current();
    if (!row) { status.textContent = ""; return; }
    const p = pending[keyOf(row)];
    if (p && p.failed) { status.className = "dl-desk-status dl-desk-unsaved"; status.textContent = p.failed; return; }
    if (p) { status.className = "dl-desk-status dl-desk-saving"; status.textContent = "Saving\u2026"; return; }
    const m = markOf(row);
    status.className = "dl-desk-status" + (m ? " dl-desk-saved" : "");
    status.textContent = m && m.updated ? "Saved " + m.updated.replace("T", " ").replace("Z", " UTC") : "";
  }
  function setNotice(text) { notice.textContent = text || ""; notice.hidden = !text; }

  // ---------------------------------------------------------------- changing a mark
  function changed(part) {
    const row = current();
    if (!row) return;
    const key = keyOf(row), it = items[itemIndex];
    const before = markOf(row);
    const base = before && before.digest === row.digest ? before : { rubric: [], points: null, comment: "" };
    const mark = Object.assign({ rubric: base.rubric.slice(), points: base.points, comment: base.comment || "" }, part);
    mark.rubric = [...new Set(mark.rubric)].sort((a, b) => a - b);
    if (!("points" in part) && "rubric" in part) {
      // Ticks decide the points unless other points were given.
      const over = override.value.trim() ? Number(override.value.trim().replace(",", ".")) : null;
      mark.points = over !== null && !isNaN(over) ? over : mark.rubric.length ? null : base.points === 0 && !base.rubric.length ? 0 : null;
    }
    if (mark.points === null && mark.rubric.length) {
      mark.points = Math.floor(mark.rubric.reduce((s, i) => s + it.rubric[i - 1].points, 0) * 100 + 0.5) / 100;
    }
    mark.digest = row.digest; mark.stale = false; mark.updated = before && !before.stale ? before.updated : "";
    local[key] = mark;
    send(key, row, mark, false);
    draw();
  }
  function toggle(n) {
    const row = current(), it = items[itemIndex];
    if (!row || n < 1 || n > it.rubric.length) return;
    const m = markOf(row);
    const ticks = m && m.digest === row.digest ? m.rubric.slice() : [];
    const at = ticks.indexOf(n);
    if (at >= 0) ticks.splice(at, 1); else ticks.push(n);
    changed({ rubric: ticks });
  }
  function zero() { override.value = ""; changed({ rubric: [], points: 0 }); }

  function noReply(key, stored) {
    const p = pending[key];
    if (!p) return;
    p.failed = stored ? "Not saved yet: the notebook's kernel did not reply. This change is kept in this browser. " + RESTART
      : "Not saved: the kernel did not reply and this browser cannot keep it. Note it down. " + RESTART;
    drawStatus();
  }
  function send(key, row, mark, recovered) {
    const item = key.split("|")[0];
    const stored = keep(storage(key, row.digest), { key: key, digest: row.digest, mark: mark, kept: new Date().toISOString() });
    const old = pending[key];
    if (old && old.timer) clearTimeout(old.timer);
    seq += 1;
    const p = { seq: seq, mark: mark, recovered: recovered, storageKey: storage(key, row.digest) };
    pending[key] = p;
    if (offline) { noReply(key, stored); return; }
    p.timer = setTimeout(() => noReply(key, stored), wait);
    try {
      model.set("edit", { seq: seq, item: item, token: row.token, digest: row.digest, rubric: mark.rubric, points: mark.points, comment: mark.comment });
      model.save_changes();
    } catch (e) { clearTimeout(p.timer); noReply(key, stored); }
  }
  model.on("change:ack", () => {
    const ack = model.get("ack") || {};
    for (const [key, p] of Object.entries(pending)) {
      if (p.seq !== ack.seq) continue;
      clearTimeout(p.timer);
      if (ack.ok) {
        forget(p.storageKey);
        delete pending[key];
        if (p.recovered) setNotice("Marks given while the kernel was not connected were kept in this browser; they are now saved.");
      } else {
        p.failed = "Not saved: " + (ack.error || "the kernel refused it").replace(/^not saved: /, "") + ". Kept in this browser.";
      }
    }
    drawStatus();
  });
  model.on("change:marks", () => {
    const saved = model.get("marks") || {};
    const next = {};
    for (const [k, m] of Object.entries(saved)) next[k] = m;
    for (const [k, p] of Object.entries(pending)) next[k] = Object.assign({}, p.mark, { updated: (saved[k] || {}).updated || "" });
    local = next;
    draw();
  });
  model.on("change:rows", draw);
  model.on("change:notice", () => setNotice(model.get("notice")));

  // ---------------------------------------------------------------- moving about
  function keepFocus() { if (!root.contains(document.activeElement) || document.activeElement === document.body) root.focus({ preventScroll: true }); }
  function flushComment() {
    if (commentTimer) { clearTimeout(commentTimer); commentTimer = null; changed({ comment: comment.value }); }
  }
  function go(step) {
    flushComment();
    const n = rows().length;
    if (!n) return;
    rowIndex = Math.max(0, Math.min(n - 1, rowIndex + step));
    comment.blur(); override.blur();
    draw(); keepFocus();
  }
  function goItem(step) {
    flushComment();
    itemIndex = (itemIndex + step + items.length) % items.length;
    rowIndex = 0;
    draw(); keepFocus();
  }
  function nextUnmarked() {
    flushComment();
    const list = rows();
    for (let d = 1; d <= list.length; d++) {
      const i = (rowIndex + d) % list.length;
      if (!isMarked(local[items[itemIndex].id + "|" + list[i].token], list[i])) { rowIndex = i; break; }
    }
    draw(); keepFocus();
  }
  itemSelect.addEventListener("change", () => { flushComment(); itemIndex = Number(itemSelect.value); rowIndex = 0; draw(); });
  showIds.addEventListener("change", () => { model.set("show_ids", showIds.checked); model.save_changes(); });
  showIds.checked = !!model.get("show_ids");
  comment.addEventListener("input", () => {
    if (commentTimer) clearTimeout(commentTimer);
    commentTimer = setTimeout(() => { commentTimer = null; changed({ comment: comment.value }); }, 600);
  });
  comment.addEventListener("blur", flushComment);
  override.addEventListener("change", () => {
    const raw = override.value.trim().replace(",", ".");
    const row = current(), m = row && markOf(row);
    if (!raw) { changed({ points: null, rubric: m && m.digest === row.digest ? m.rubric : [] }); return; }
    const x = Number(raw);
    if (isNaN(x) || x < 0 || x > items[itemIndex].points) { status.className = "dl-desk-status dl-desk-unsaved"; status.textContent = "Points must be a number from 0 to " + fmt(items[itemIndex].points) + "."; return; }
    changed({ points: x });
  });

  root.dlKeydown = (ev) => {
    const t = ev.target;
    const typing = t && (t.tagName === "TEXTAREA" || (t.tagName === "INPUT" && t.type === "text") || t.tagName === "SELECT");
    if (typing) {
      if (ev.key === "Escape") { ev.preventDefault(); if (t === comment) flushComment(); if (t === override) override.dispatchEvent(new Event("change")); root.focus({ preventScroll: true }); }
      return;  // typing stays in the box (and out of the notebook)
    }
    const k = ev.key;
    let handled = true;
    if (k === "j" || k === "ArrowDown" || k === "ArrowRight") go(1);
    else if (k === "k" || k === "ArrowUp" || k === "ArrowLeft") go(-1);
    else if (k === "n") nextUnmarked();
    else if (k === "]") goItem(1);
    else if (k === "[") goItem(-1);
    else if (k === "c") comment.focus();
    else if (k === "0") zero();
    else if (/^[1-9]$/.test(k)) { toggle(Number(k)); keepFocus(); }
    else handled = false;
    if (handled) ev.preventDefault();
  };

  // ---------------------------------------------------------------- the kernel
  const goOffline = () => {
    offline = true;
    setNotice("The desk lost its connection to the notebook's kernel (restarted or not running). Marks given from now on are kept in this browser; " +
      "run the cell again to save them.");
    for (const key of Object.keys(pending)) noReply(key, true);
  };
  const kernel = model.widget_manager && model.widget_manager.kernel;
  const onStatus = (_, s) => { if (s === "restarting" || s === "autorestarting" || s === "dead") goOffline(); };
  if (kernel && kernel.statusChanged && kernel.statusChanged.connect) kernel.statusChanged.connect(onStatus);
  draw();
  if (model.get("notice")) setNotice(model.get("notice"));
  commLive(model, items).then((live) => {
    if (live === false) { goOffline(); return; }
    // Changes kept in this browser while the kernel was gone: send them now, if their answer is still the one shown.
    let recovered = 0;
    for (const [storageKey, kept] of keptUnder(PENDING + storeKey + ":")) {
      if (!kept || !kept.key || !kept.mark) { forget(storageKey); continue; }
      const [item, token] = kept.key.split("|");
      const list = (model.get("rows") || {})[item] || [];
      const row = list.find((r) => r.token === token);
      if (!row || row.digest !== kept.digest) continue;  // another answer now: the kept mark stays kept, unsent
      const saved = (model.get("marks") || {})[kept.key];
      if (saved && saved.digest === kept.digest && same(saved.rubric, kept.mark.rubric) && saved.points === kept.mark.points && (saved.comment || "") === (kept.mark.comment || "")) {
        forget(storageKey); continue;
      }
      local[kept.key] = kept.mark;
      send(kept.key, row, kept.mark, true);
      recovered++;
    }
    if (recovered) draw();
  });
  return () => {
    for (const p of Object.values(pending)) clearTimeout(p.timer);
    if (kernel && kernel.statusChanged && kernel.statusChanged.disconnect) kernel.statusChanged.disconnect(onStatus);
  };
}
export default { render };
