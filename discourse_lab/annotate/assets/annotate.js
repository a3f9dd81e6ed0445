/* Discourse Lab annotation widget: one front-end for the live notebook (anywidget) and the static site.
 *
 * The contract it keeps (traits, messages, keys) is the docstring of discourse_lab/annotate/widget.py.
 * Vanilla JavaScript, no imports, no network. It uses only model.get/set/save_changes/on/off/send, so
 * the static site can give it a model object of its own that keeps the same traits in the browser.
 *
 * How a change travels: every edit is a new whole document. It goes on the undo stack, is sent as the
 * "edit" trait with a revision number, and is kept in localStorage until the status trait says that
 * revision is saved; a view made after a kernel restart replays an edit kept that way when it was made
 * on the same file (status.digest). Only the sentence that changed is drawn again, so a key press
 * costs one sentence, not the article.
 */

const PENDING = "discourse-lab:annotate:pending:v1:";
const QUOTES = /["\u201c\u201d\u00ab\u00bb\u2018\u2019]/;
const LISTS = ["attributions", "cues", "naming", "bias_cues", "scare_quotes"];
const KIND_NAME = {
  voice: "voice", framing: "framing", attributions: "relation", cues: "reporting cue", naming: "naming",
  bias_cues: "bias cue", scare_quotes: "scare quote",
};
const ROLE_KEYS = { 1: "cue", 2: "source", 3: "content" };
const HELP = [
  ["j / \u2193, k / \u2191", "next / previous sentence"],
  ["\u2190 \u2192, Shift+\u2190 \u2192", "move the word cursor / extend the selection (or select with the mouse)"],
  ["1, 2, 3", "the selection is the cue, the source, the content of a new relation (Enter: no named source)"],
  ["c, b, n, q", "the selection is a reporting cue, a bias cue, a naming choice, a scare quote"],
  ["v", "next voice"],
  ["w", "write why: the first empty rationale field of the sentence"],
  ["a, e, x, A", "accept, edit, reject the first suggestion; accept all of this sentence's"],
  ["s", "suggestions on / off"],
  ["Delete", "remove the focused item"],
  ["Ctrl/Cmd+Z, Ctrl/Cmd+Shift+Z or Ctrl+Y", "undo, redo"],
  ["Escape", "leave a field, clear the selection"],
  ["?", "this help"],
];

const clone = (x) => JSON.parse(JSON.stringify(x));
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

function h(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") node.className = v;
    else if (k === "text") node.textContent = v;
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? "" : String(v));
  }
  for (const c of children.flat(Infinity)) if (c !== null && c !== undefined && c !== false) node.append(c);
  return node;
}

function keep(key, value) { try { localStorage.setItem(key, JSON.stringify(value)); return true; } catch (e) { return false; } }
function kept(key) { try { const raw = localStorage.getItem(key); return raw ? JSON.parse(raw) : null; } catch (e) { return null; } }
function forget(key) { try { localStorage.removeItem(key); } catch (e) { /* nothing kept */ } }

// The type of a relation from the quotation marks around and inside its content.
export function inferType(sentence, content) {
  const at = content ? sentence.indexOf(content) : -1;
  if (at < 0) return "indirect";
  const before = sentence.slice(0, at).replace(/\s+$/, "");
  const after = sentence.slice(at + content.length).replace(/^[\s,.;:!?]+/, "");
  if (QUOTES.test(before.slice(-1)) && QUOTES.test(after.slice(0, 1)) && !QUOTES.test(content)) return "direct";
  if (QUOTES.test(content.slice(0, 1)) && QUOTES.test(content.slice(-1)) && !QUOTES.test(content.slice(1, -1))) return "direct";
  return QUOTES.test(content) ? "mixed" : "indirect";
}

function emptyEntry(sid) {
  return { id: sid, attributions: [], cues: [], framing: { functions: [], frames: [] }, naming: [], bias_cues: [] };
}

// Whether an item of the annotation already stands for a suggestion (it was accepted, or made by hand).
function covered(entry, s) {
  if (!entry) return false;
  if (s.kind === "voice") return !!entry.voice;
  if (s.kind === "framing") return !!(entry.framing && (entry.framing.rationale || entry.framing.functions.length || entry.framing.frames.length));
  const list = entry[s.kind] || [];
  if (s.kind === "attributions") return list.some((r) => r.content === s.item.content || (r.cue && r.cue === s.item.cue));
  return list.some((x) => x.text === s.item.text);
}

function describe(s) {
  const i = s.item;
  if (s.kind === "voice") return `voice: ${i.voice}`;
  if (s.kind === "framing") {
    const labels = [...i.functions, ...i.frames].map((x) => x.replace(/_/g, " "));
    return `framing: ${labels.length ? labels.join(", ") : "none"}`;
  }
  if (s.kind === "attributions") return `relation (${i.type}): source \u201c${i.source ?? "unnamed"}\u201d, cue \u201c${i.cue ?? "none"}\u201d, content \u201c${i.content}\u201d`;
  if (s.kind === "cues") return `reporting cue \u201c${i.text}\u201d: ${i.stance}`;
  if (s.kind === "bias_cues") return `bias cue \u201c${i.text}\u201d: ${i.category} (${i.kind})`;
  if (s.kind === "naming") return `naming \u201c${i.text}\u201d: ${i.variant}`;
  return `scare quote ${i.text}`;
}

export function render({ model, el }) {
  const cleanups = [];
  el.classList.add("dl-annotate");
  el.replaceChildren();
  const error = model.get("error");
  if (error) {
    el.append(h("p", { class: "dl-an-error", role: "alert", text: error }));
    return () => {};
  }
  const article = model.get("article");
  const options = model.get("options") || {};
  const live = !!model.get("live");
  const runsTools = live || !!model.get("offline_tools"); // Evaluate and Generate: the kernel, or the static page's model
  const sentences = article.paragraphs.flatMap((p) => p.sentences);
  const index = new Map(sentences.map((s, i) => [s.id, i]));
  const key = PENDING + article.path;

  let doc = clone(model.get("annotations"));
  let rejected = new Set(model.get("rejected") || []);
  let undo = [], redo = [];
  let current = 0, cursor = 0, anchor = null; // token cursor and selection anchor in the current sentence
  let draft = {};                               // {cue, source, content}: spans of the relation being made
  let revision = 0, confirmed = 0, timer = null, offline = false, helpOpen = false;
  let notice = "";

  // ------------------------------------------------------------------ the document

  const entry = (sid) => doc.sentences.find((e) => e.id === sid);
  function entryFor(sid) {
    let e = entry(sid);
    if (!e) {
      e = emptyEntry(sid);
      doc.sentences.push(e);
      doc.sentences.sort((a, b) => (index.get(a.id) ?? 1e9) - (index.get(b.id) ?? 1e9));
    }
    for (const k of ["attributions", "cues", "naming", "bias_cues"]) e[k] = e[k] || [];
    e.framing = e.framing || { functions: [], frames: [] };
    return e;
  }
  const snapshot = () => JSON.stringify({ doc, rejected: [...rejected].sort() });

  // Every change goes through here: one undo step, one save, the changed sentences drawn again.
  function change(fn, sids) {
    const before = snapshot();
    fn();
    const after = snapshot();
    if (after === before) return;
    undo.push(before);
    if (undo.length > 500) undo.shift();
    redo = [];
    commit(before, after);
    redraw(sids);
  }
  function restore(state) {
    const s = JSON.parse(state);
    doc = s.doc;
    rejected = new Set(s.rejected);
  }
  // The sentences an undo or redo changed: their entry, or a suggestion rejected or restored. Only
  // those are drawn again (all 60-odd sentences of a long article took most of a key press).
  function changedBetween(before, after) {
    const a = JSON.parse(before), b = JSON.parse(after);
    const entries = (d) => new Map(d.doc.sentences.map((e) => [e.id, JSON.stringify(e)]));
    const ea = entries(a), eb = entries(b);
    const out = sentences.filter((s) => ea.get(s.id) !== eb.get(s.id)).map((s) => s.id);
    const ra = new Set(a.rejected), rb = new Set(b.rejected);
    const flipped = new Set([...ra].filter((x) => !rb.has(x)).concat([...rb].filter((x) => !ra.has(x))));
    if (flipped.size) {
      const all = model.get("suggestions") || {};
      for (const sid of Object.keys(all)) if ((all[sid] || []).some((g) => flipped.has(g.id))) out.push(sid);
    }
    return out;
  }
  function undoRedo(from, to, word) {
    if (!from.length) { announce(`Nothing to ${word}.`); return; }
    const before = snapshot();
    to.push(before);
    restore(from.pop());
    const after = snapshot();
    commit(before, after);
    redraw(changedBetween(before, after));
    announce(word === "undo" ? "Undone." : "Redone.");
  }

  function commit(before, after) {
    const b = JSON.parse(before), a = JSON.parse(after);
    if (!same(b.rejected, a.rejected)) { model.set("rejected", a.rejected); }
    if (same(b.doc, a.doc)) { try { model.save_changes(); } catch (e) { /* rejections are a convenience */ } return; }
    revision += 1;
    const status = model.get("status") || {};
    keep(key, { base: status.digest || "", annotations: doc, at: new Date().toISOString() });
    try {
      model.set("edit", { revision: revision, annotations: clone(doc) });
      model.save_changes();
    } catch (e) {
      offline = true;
    }
    if (!live) return;
    clearTimeout(timer);
    if (offline) { notSaved(); return; }
    showStatus("Saving\u2026", "saving");
    const waitingFor = revision;
    timer = setTimeout(() => { if (confirmed < waitingFor) notSaved(); }, 5000);
  }
  function notSaved() {
    showStatus("Not saved: the notebook's kernel did not answer. Your changes are kept in this browser; run the cell " +
      "again (Run \u2192 Run All Cells) and they are saved to the file.", "error");
  }

  // ------------------------------------------------------------------ the page

  const statusLine = h("p", { class: "dl-an-status", role: "status", "aria-live": "polite" });
  const liveRegion = h("p", { class: "dl-an-sr", "aria-live": "polite" });
  const results = h("div", { class: "dl-an-results", "aria-live": "polite" });
  const help = h("div", { class: "dl-an-help", hidden: true },
    h("p", { class: "dl-an-help-title", text: "Keys (with the annotation focused)" }),
    h("dl", {}, HELP.map(([k, v]) => [h("dt", {}, h("kbd", { text: k })), h("dd", { text: v })])));
  const suggestToggle = h("input", { type: "checkbox", id: `dl-an-sug-${article.slug}`, class: "dl-an-sugtoggle" });
  suggestToggle.checked = !!model.get("suggestions_on");
  suggestToggle.addEventListener("change", () => setSuggestions(suggestToggle.checked));
  const annotator = h("input", { type: "text", class: "dl-an-annotator", id: `dl-an-annotator-${article.slug}`,
                                 "data-key": "doc:annotator", placeholder: "your name" });
  annotator.value = doc.annotator || "";
  annotator.addEventListener("change", () => change(() => { doc.annotator = annotator.value.trim(); }, []));
  const evaluateButton = h("button", { type: "button", class: "dl-an-evaluate", text: "Evaluate",
                                       onclick: () => ask("evaluate", "Evaluating\u2026") });
  const generateButton = h("button", { type: "button", class: "dl-an-generate", text: "Generate exercises",
                                       onclick: () => ask("generate", "Generating\u2026") });
  const body = h("div", { class: "dl-an-doc", tabindex: "0", role: "group",
                          "aria-label": `Annotation of ${article.title || article.slug}. Press ? for the keys.` });
  const docProblems = h("ul", { class: "dl-an-docproblems" });
  const head = h("div", { class: "dl-an-head" },
      h("p", { class: "dl-an-title" }, h("strong", { text: article.title || article.slug }),
        h("span", { class: "dl-an-path", text: ` \u2014 saved in ${article.path}` })),
      h("p", { class: "dl-an-controls" },
        h("label", { for: annotator.id, text: "Annotator " }), annotator, " ",
        suggestToggle, h("label", { for: suggestToggle.id, text: " Show the toolkit's suggestions (s)" }), " ",
        runsTools ? evaluateButton : null, " ", runsTools ? generateButton : null, " ",
        h("button", { type: "button", class: "dl-an-helpbutton", text: "Keys (?)", onclick: () => toggleHelp() })),
      statusLine, docProblems, help);
  el.append(head, body, results, liveRegion);

  const nodes = sentences.map((s) => h("div", { class: "dl-an-s", "data-sid": s.id }));
  let par = null;
  for (const p of article.paragraphs) {
    par = h("div", { class: "dl-an-par", "data-paragraph": p.id });
    for (const s of p.sentences) par.append(nodes[index.get(s.id)]);
    body.append(par);
  }

  function announce(text) { liveRegion.textContent = text; }
  function showStatus(text, state) {
    statusLine.textContent = text;
    statusLine.dataset.state = state || "";
    statusLine.setAttribute("role", state === "error" ? "alert" : "status");
  }
  function statusText() {
    const st = model.get("status") || {};
    const done = doc.sentences.filter((e) => !(model.get("problems") || {})[e.id]).length;
    const saved = st.saved_at ? `Saved ${st.saved_at.replace("T", " ").replace("Z", " UTC")}` : "Nothing saved yet";
    return `${saved}. ${doc.sentences.length} of ${sentences.length} sentences annotated, ${done} complete.` +
      (notice ? ` ${notice}` : "");
  }

  // ------------------------------------------------------------------ drawing one sentence

  function spanRange(s, text) {
    if (typeof text !== "string" || !text) return null;
    const at = s.text.indexOf(text);
    return at < 0 ? null : [at, at + text.length];
  }
  function tokensIn(s, range) {
    if (!range) return [];
    const out = [];
    s.tokens.forEach(([a, b], i) => { if (a < range[1] && b > range[0]) out.push(i); });
    return out;
  }
  const selection = () => (anchor === null ? [cursor, cursor] : [Math.min(anchor, cursor), Math.max(anchor, cursor)]);
  function selectedText(s) {
    const [a, b] = selection();
    return s.text.slice(s.tokens[a][0], s.tokens[b][1]);
  }

  function marks(s, e, pending) {
    const roles = s.tokens.map(() => new Set());
    const badges = new Map(); // token index -> [labels]
    const badge = (i, label) => { if (i === undefined) return; if (!badges.has(i)) badges.set(i, []); badges.get(i).push(label); };
    const mark = (range, cls, label) => {
      const ts = tokensIn(s, range);
      ts.forEach((i) => roles[i].add(cls));
      if (label) badge(ts[0], label);
    };
    if (e) {
      e.attributions.forEach((r, n) => {
        mark(spanRange(s, r.cue), "dl-an-r-cue", `cue ${n + 1}`);
        mark(spanRange(s, r.source_span || r.source), "dl-an-r-source", `source ${n + 1}`);
        mark(spanRange(s, r.content), "dl-an-r-content", `content ${n + 1}`);
      });
      e.cues.forEach((c) => mark(spanRange(s, c.text), "dl-an-cue", c.stance ? `${c.stance}` : "cue"));
      e.bias_cues.forEach((c) => mark(spanRange(s, c.text), "dl-an-bias", `bias: ${c.category || "?"}`));
      e.naming.forEach((c) => mark(spanRange(s, c.text), "dl-an-naming", "naming"));
      (e.scare_quotes || []).forEach((c) => mark(spanRange(s, c.text), "dl-an-scare", "scare quote"));
    }
    for (const sug of pending) {
      for (const f of ["content", "cue", "text"]) mark(spanRange(s, sug.item[f]), "dl-an-suggested", null);
    }
    for (const role of ["cue", "source", "content"]) {
      if (draft[role] && s.id === sentences[current].id) mark(draft[role].range, "dl-an-draft", `new ${role}`);
    }
    return { roles, badges };
  }

  function pendingOf(sid) {
    if (!model.get("suggestions_on")) return [];
    const e = entry(sid);
    return ((model.get("suggestions") || {})[sid] || []).filter((s) => !rejected.has(s.id) && !covered(e, s));
  }

  function drawText(s, i) {
    const e = entry(s.id);
    const isCurrent = i === current;
    const { roles, badges } = marks(s, e, isCurrent ? pendingOf(s.id) : []);
    const [a, b] = selection();
    const line = h("p", { class: "dl-an-text" }, h("span", { class: "dl-an-sid", text: s.id }), " ");
    let at = 0;
    s.tokens.forEach(([start, end], t) => {
      if (start > at) line.append(s.text.slice(at, start));
      for (const label of badges.get(t) || []) line.append(h("span", { class: "dl-an-badge", text: label }));
      const cls = ["dl-an-tok", ...roles[t]];
      if (isCurrent && t >= a && t <= b && (anchor !== null || document.activeElement === body)) cls.push("dl-an-sel");
      if (isCurrent && t === cursor) cls.push("dl-an-cursor");
      line.append(h("span", { class: cls.join(" "), "data-t": t, text: s.text.slice(start, end) }));
      at = end;
    });
    if (at < s.text.length) line.append(s.text.slice(at));
    return line;
  }

  function summary(e) {
    if (!e) return h("p", { class: "dl-an-summary", text: "not annotated yet" });
    const parts = [`voice: ${e.voice || "\u2014"}`];
    const count = (n, word) => (n ? `${n} ${word}${n === 1 ? "" : "s"}` : null);
    parts.push(count(e.attributions.length, "relation"), count(e.cues.length, "cue"), count(e.bias_cues.length, "bias cue"),
               count(e.naming.length, "naming"), count((e.scare_quotes || []).length, "scare quote"));
    return h("p", { class: "dl-an-summary", text: parts.filter(Boolean).join(" \u00b7 ") });
  }

  function drawProblems(sid) {
    const list = (model.get("problems") || {})[sid] || [];
    if (!list.length) return null;
    return h("ul", { class: "dl-an-problems", "aria-label": `Problems in ${sid}` },
      list.map((p) => h("li", {}, h("span", { class: "dl-an-badge dl-an-badge-problem", text: "to fix" }), ` ${p}`)));
  }

  // ------------------------------------------------------------------ the editor of the current sentence

  function select(keyName, label, value, choices, onchange, blank) {
    const id = `dl-an-${article.slug}-${keyName.replace(/[^a-z0-9]+/gi, "-")}`;
    const node = h("select", { id, "data-key": keyName },
      blank ? h("option", { value: "", text: blank }) : null,
      choices.map((c) => h("option", { value: c.id, text: c.label })));
    node.value = value || "";
    node.addEventListener("change", () => onchange(node.value || null));
    return [h("label", { for: id, text: label }), node];
  }
  function field(keyName, label, value, onchange, placeholder) {
    const id = `dl-an-${article.slug}-${keyName.replace(/[^a-z0-9]+/gi, "-")}`;
    const node = h("input", { type: "text", id, "data-key": keyName, placeholder: placeholder || "" });
    node.value = value ?? "";
    node.addEventListener("change", () => onchange(node.value));
    return [h("label", { for: id, text: label }), node];
  }
  function editAt(sid, fn) { change(() => fn(entryFor(sid)), [sid]); }

  function itemRow(sid, kind, n, title, controls) {
    return h("li", { class: "dl-an-item", tabindex: "0", "data-kind": kind, "data-n": n, "data-key": `${kind}:${n}`,
                     "aria-label": `${title}; Delete removes it` },
      h("span", { class: "dl-an-badge", text: title }), " ", controls,
      h("button", { type: "button", class: "dl-an-remove", "data-key": `${kind}:${n}:remove`, text: "Remove",
                    "aria-label": `Remove ${title}`, onclick: () => removeItem(sid, kind, n) }));
  }
  function removeItem(sid, kind, n) {
    editAt(sid, (e) => { e[kind].splice(n, 1); if (kind === "scare_quotes" && !e[kind].length) delete e[kind]; });
    announce(`${KIND_NAME[kind]} ${n + 1} removed.`);
  }

  function editor(s) {
    const sid = s.id;
    const e = entry(sid) || emptyEntry(sid);
    const box = h("div", { class: "dl-an-editor" });
    const set = (fn) => editAt(sid, fn);
    box.append(h("p", { class: "dl-an-row" },
      select(`${sid}:voice`, "Voice ", e.voice, options.voice || [], (v) => set((x) => { x.voice = v; }), "\u2014 choose \u2014"), " ",
      field(`${sid}:rationale`, "Why ", e.rationale, (v) => set((x) => { x.rationale = v; }), "one line: why this voice")));

    const rels = h("ol", { class: "dl-an-items" });
    e.attributions.forEach((r, n) => {
      const up = (fn) => set((x) => fn(x.attributions[n]));
      rels.append(itemRow(sid, "attributions", n, `relation ${n + 1}`, [
        select(`attributions:${n}:type`, "type ", r.type, options.type || [], (v) => up((y) => { y.type = v; })), " ",
        field(`attributions:${n}:source`, "source ", r.source, (v) => up((y) => {
          const value = v.trim() || null;
          if (value !== y.source && !y.source_span && y.source) y.source_span = y.source;
          y.source = value;
          if (y.source_span === y.source) delete y.source_span;
        }), "unnamed"), " ",
        field(`attributions:${n}:cue`, "cue ", r.cue, (v) => up((y) => { y.cue = v.trim() || null; })), " ",
        field(`attributions:${n}:content`, "content ", r.content, (v) => up((y) => { y.content = v; })), " ",
        field(`attributions:${n}:rationale`, "why ", r.rationale, (v) => up((y) => { y.rationale = v; })),
      ]));
    });
    const d = (role) => (draft[role] ? `\u201c${draft[role].text}\u201d` : "\u2014");
    box.append(h("div", { class: "dl-an-block" }, h("p", { class: "dl-an-block-title", text: "Relations (source \u2013 cue \u2013 content)" }), rels,
      h("p", { class: "dl-an-draftline" }, `New relation: cue (1) ${d("cue")} \u00b7 source (2) ${d("source")} \u00b7 content (3) ${d("content")}`)));

    const lists = [
      ["cues", "Reporting cues (c)", (c, n, up) => [
        select(`cues:${n}:stance`, "stance ", c.stance, options.stance || [], (v) => up((y) => { y.stance = v; }), "\u2014"), " ",
        field(`cues:${n}:rationale`, "why ", c.rationale, (v) => up((y) => { y.rationale = v; }))]],
      ["bias_cues", "Bias cues (b)", (c, n, up) => [
        select(`bias_cues:${n}:kind`, "kind ", c.kind, options.bias_kind || [], (v) => up((y) => { y.kind = v; }), "\u2014"), " ",
        select(`bias_cues:${n}:category`, "category ", c.category, options.bias_category || [], (v) => up((y) => { y.category = v; }), "\u2014"), " ",
        field(`bias_cues:${n}:rationale`, "why ", c.rationale, (v) => up((y) => { y.rationale = v; }))]],
      ["naming", "Naming (n)", (c, n, up) => [
        select(`naming:${n}:variant`, "variant ", c.variant, options.naming_variant || [], (v) => up((y) => { y.variant = v; }), "\u2014"), " ",
        field(`naming:${n}:rationale`, "why ", c.rationale, (v) => up((y) => { y.rationale = v; }))]],
      ["scare_quotes", "Scare quotes (q)", (c, n, up) => [
        field(`scare_quotes:${n}:rationale`, "why ", c.rationale, (v) => up((y) => { y.rationale = v; }))]],
    ];
    for (const [kind, title, controls] of lists) {
      const items = e[kind] || [];
      if (!items.length) continue;
      const ol = h("ol", { class: "dl-an-items" });
      items.forEach((c, n) => {
        const up = (fn) => set((x) => fn(x[kind][n]));
        ol.append(itemRow(sid, kind, n, `${KIND_NAME[kind]} \u201c${c.text}\u201d`, controls(c, n, up)));
      });
      box.append(h("div", { class: "dl-an-block" }, h("p", { class: "dl-an-block-title", text: title }), ol));
    }

    const fr = e.framing || { functions: [], frames: [] };
    const checks = (name, list) => h("fieldset", { class: "dl-an-checks" }, h("legend", { text: name === "functions" ? "Frame functions" : "Generic frames" }),
      list.map((o) => {
        const id = `dl-an-${article.slug}-${sid}-${name}-${o.id}`;
        const box2 = h("input", { type: "checkbox", id, "data-key": `${sid}:${name}:${o.id}`, value: o.id });
        box2.checked = (fr[name] || []).includes(o.id);
        box2.addEventListener("change", () => set((x) => {
          const now = new Set(x.framing[name] || []);
          if (box2.checked) now.add(o.id); else now.delete(o.id);
          x.framing[name] = list.map((q) => q.id).filter((q) => now.has(q));
        }));
        return h("span", { class: "dl-an-check" }, box2, h("label", { for: id, text: ` ${o.label}` }));
      }));
    box.append(h("div", { class: "dl-an-block" }, h("p", { class: "dl-an-block-title", text: "Framing" }),
      checks("functions", options.functions || []), checks("frames", options.frames || []),
      h("p", { class: "dl-an-row" }, field(`${sid}:framing:rationale`, "why ", fr.rationale, (v) => set((x) => { x.framing.rationale = v; }), "one line: why these frames (or none)"))));

    const pending = pendingOf(sid);
    if (pending.length) {
      box.append(h("div", { class: "dl-an-block dl-an-suggestions" },
        h("p", { class: "dl-an-block-title", text: `Suggestions of the toolkit (${pending.length}): a accept, e edit, x reject, A accept all` }),
        h("ol", { class: "dl-an-items" }, pending.map((sug, n) => h("li", { class: n === 0 ? "dl-an-sug dl-an-sug-first" : "dl-an-sug", "data-suggestion": sug.id },
          h("span", { class: "dl-an-badge dl-an-badge-sug", text: n === 0 ? "suggested \u00b7 next" : "suggested" }), ` ${describe(sug)} `,
          h("button", { type: "button", "data-key": `sug:${sug.id}:accept`, text: "Accept", onclick: () => accept(sid, sug) }), " ",
          h("button", { type: "button", "data-key": `sug:${sug.id}:edit`, text: "Edit", onclick: () => accept(sid, sug, true) }), " ",
          h("button", { type: "button", "data-key": `sug:${sug.id}:reject`, text: "Reject", onclick: () => reject(sug) }))))));
    } else if (!model.get("suggestions_on")) {
      box.append(h("p", { class: "dl-an-note", text: "Suggestions are off: you are annotating blind (s shows them)." }));
    }
    return box;
  }

  function drawSentence(i) {
    const s = sentences[i], node = nodes[i], e = entry(s.id);
    const isCurrent = i === current;
    node.className = "dl-an-s" + (isCurrent ? " dl-an-current" : "") + ((model.get("problems") || {})[s.id] ? " dl-an-has-problems" : "");
    if (isCurrent) node.setAttribute("aria-current", "true"); else node.removeAttribute("aria-current");
    node.replaceChildren(drawText(s, i), summary(e), drawProblems(s.id) || "", isCurrent ? editor(s) : "");
  }

  // Draw again the sentences named (all when null), after the event that changed them; keep the focus.
  let scheduled = null, waiting = [];
  function redraw(sids) {
    const focusKey = document.activeElement && el.contains(document.activeElement) ? document.activeElement.getAttribute("data-key") : null;
    const onBody = document.activeElement === body;
    const run = (ids) => {
      const keyNow = document.activeElement && el.contains(document.activeElement) ? document.activeElement.getAttribute("data-key") : null;
      // Focus on the text now (Enter or Escape left a field after this redraw was asked for) stays
      // there; only a focus lost with a redrawn node goes back to the field it was on.
      const wanted = document.activeElement === body ? null : keyNow || focusKey;
      // A field being typed in keeps what was typed (not yet saved: its "change" comes on Enter or Tab)
      // when a reply redraws it: the new field gets the text and the caret.
      const active = document.activeElement;
      const typing = keyNow && active.tagName === "INPUT" && active.type === "text" && !head.contains(active)
        ? { value: active.value, start: active.selectionStart, end: active.selectionEnd } : null;
      const list = ids === null ? sentences.map((_, i) => i) : [...new Set([current, ...ids.map((sid) => index.get(sid))])];
      list.filter((i) => i !== undefined).forEach(drawSentence);
      drawHead();
      if (typing) {
        const again = el.querySelector(`[data-key="${CSS.escape(keyNow)}"]`);
        if (again && again !== active && again.tagName === "INPUT") {
          again.value = typing.value;
          again.focus();
          again.setSelectionRange(typing.start, typing.end);
        }
      }
      if (wanted && !(document.activeElement && el.contains(document.activeElement) && document.activeElement.getAttribute("data-key") === wanted)) {
        const back = el.querySelector(`[data-key="${CSS.escape(wanted)}"]`);
        if (back) back.focus();
        else if (onBody || focusKey) body.focus();
      } else if (onBody && document.activeElement !== body && !el.contains(document.activeElement)) body.focus();
    };
    // A change made by a field's "change" event is drawn after the focus has moved on (Tab).
    if (sids !== null && document.activeElement && document.activeElement !== body && el.contains(document.activeElement)) {
      waiting = waiting.concat(sids); // a later call before the timer fires adds its sentences, drops none
      clearTimeout(scheduled);
      scheduled = setTimeout(() => { const ids = waiting; waiting = []; run(ids); }, 0);
    } else run(sids);
  }

  function drawHead() {
    if (document.activeElement !== annotator) annotator.value = doc.annotator || ""; // not while typed in
    suggestToggle.checked = !!model.get("suggestions_on");
    const problems = (model.get("problems") || {}).document || [];
    docProblems.replaceChildren(...problems.map((p) => h("li", {}, h("span", { class: "dl-an-badge dl-an-badge-problem", text: "to fix" }), ` ${p}`)));
    if (statusLine.dataset.state !== "error" && statusLine.dataset.state !== "saving") showStatus(statusText(), "ok");
  }
  function toggleHelp() { helpOpen = !helpOpen; help.hidden = !helpOpen; }

  // ------------------------------------------------------------------ actions

  function setSuggestions(on) {
    model.set("suggestions_on", !!on);
    try { model.save_changes(); } catch (e) { /* shown anyway */ }
    announce(on ? "Suggestions shown." : "Suggestions hidden: annotate blind.");
    redraw([]);
  }

  function accept(sid, sug, edit) {
    const s = sentences[index.get(sid)];
    editAt(sid, (e) => {
      const item = clone(sug.item);
      if (sug.kind === "voice") { e.voice = item.voice; if (!e.rationale) e.rationale = item.rationale; }
      else if (sug.kind === "framing") e.framing = item;
      else { e[sug.kind] = e[sug.kind] || []; e[sug.kind].push(item); }
    });
    announce(`Accepted: ${describe(sug)}.`);
    if (edit) {
      const e = entry(sid);
      const n = sug.kind in e && Array.isArray(e[sug.kind]) ? e[sug.kind].length - 1 : null;
      const k = sug.kind === "voice" ? `${sid}:rationale` : sug.kind === "framing" ? `${sid}:framing:rationale` : `${sug.kind}:${n}:rationale`;
      setTimeout(() => { const f = el.querySelector(`[data-key="${CSS.escape(k)}"]`); if (f) { f.focus(); f.select && f.select(); } }, 0);
    }
    return s;
  }
  function reject(sug) {
    change(() => { rejected.add(sug.id); }, [sug.id.split(":")[0]]);
    announce(`Rejected: ${describe(sug)}.`);
  }

  function setRole(role) {
    const s = sentences[current];
    const [a, b] = selection();
    draft[role] = { text: selectedText(s), range: [s.tokens[a][0], s.tokens[b][1]] };
    anchor = null;
    announce(`${role}: \u201c${draft[role].text}\u201d.`);
    if (draft.cue && draft.source && draft.content) makeRelation();
    else redraw([]);
  }
  function makeRelation() {
    const s = sentences[current];
    if (!draft.content) { announce("A relation needs its content (3)."); return; }
    const rel = {
      source: draft.source ? draft.source.text : null,
      cue: draft.cue ? draft.cue.text : null,
      content: draft.content.text,
      type: inferType(s.text, draft.content.text),
      rationale: "",
    };
    draft = {};
    editAt(s.id, (e) => { e.attributions.push(rel); });
    announce(`Relation ${entry(s.id).attributions.length} made (${rel.type}); write why in its field.`);
  }
  function addItem(kind) {
    const s = sentences[current];
    const text = selectedText(s);
    const item = kind === "cues" ? { text, stance: "neutral", rationale: "" }
      : kind === "bias_cues" ? { text, kind: "framing", category: "subjective", rationale: "" }
      : kind === "naming" ? { text, variant: "", rationale: "" }
      : { text, rationale: "" };
    anchor = null;
    editAt(s.id, (e) => { e[kind] = e[kind] || []; e[kind].push(item); });
    announce(`${KIND_NAME[kind]} \u201c${text}\u201d added.`);
  }
  function cycleVoice() {
    const s = sentences[current];
    const ids = (options.voice || []).map((o) => o.id);
    editAt(s.id, (e) => { e.voice = ids[(ids.indexOf(e.voice) + 1) % ids.length]; });
    announce(`Voice: ${entry(s.id).voice}.`);
  }
  function goTo(i) {
    if (i < 0 || i >= sentences.length || i === current) return;
    const before = current;
    current = i; cursor = 0; anchor = null; draft = {};
    drawSentence(before);
    drawSentence(current);
    nodes[current].scrollIntoView({ block: "nearest" });
    announce(`Sentence ${sentences[current].id}, ${current + 1} of ${sentences.length}: ${sentences[current].text}`);
  }
  function moveCursor(step, extend) {
    const n = sentences[current].tokens.length;
    if (extend && anchor === null) anchor = cursor;
    if (!extend) anchor = null;
    cursor = Math.max(0, Math.min(n - 1, cursor + step));
    drawSentence(current);
    announce(`${selectedText(sentences[current])}`);
  }
  // The first rationale still empty in the current sentence's editor (else its voice rationale).
  function focusWhy() {
    const fields = [...nodes[current].querySelectorAll('.dl-an-editor input[type="text"]')]
      .filter((f) => /rationale$/.test(f.getAttribute("data-key") || ""));
    const f = fields.find((x) => !x.value.trim()) || fields[0];
    if (f) f.focus();
  }
  function firstPending() { return pendingOf(sentences[current].id)[0]; }

  function ask(type, waiting) {
    results.replaceChildren(h("p", { class: "dl-an-note", text: waiting }));
    try { model.send({ type }); } catch (e) { results.replaceChildren(h("p", { class: "dl-an-error", role: "alert", text: "No kernel: run the cell again." })); }
  }
  function onMessage(msg) {
    if (!msg || (msg.type !== "evaluate" && msg.type !== "generate")) return;
    const out = [h("p", { class: msg.ok ? "dl-an-ok" : "dl-an-error", role: msg.ok ? "status" : "alert", "data-result": msg.type, text: msg.message })];
    if (msg.type === "evaluate" && msg.ok) {
      out.push(h("table", { class: "dl-an-scores" }, h("caption", { text: "The toolkit scored against your annotation" }),
        h("thead", {}, h("tr", {}, ["component", "precision", "recall", "F1"].map((c) => h("th", { scope: "col", text: c })))),
        h("tbody", {}, msg.scores.map((r) => h("tr", {}, h("th", { scope: "row", text: r.component }),
          [r.precision, r.recall, r.f1].map((v) => h("td", { text: v === null ? "\u2014" : String(v) })))))));
      out.push(h("ol", { class: "dl-an-errors", "aria-label": "The toolkit's errors" },
        msg.errors.map((e) => h("li", {}, h("span", { class: "dl-an-sid", text: e.sentence }), ` ${e.component} `,
          h("span", { class: "dl-an-badge", text: e.error }), ` ${e.text}`))));
    }
    results.replaceChildren(...out);
  }

  // ------------------------------------------------------------------ keys

  function keydown(ev) {
    const t = ev.target;
    const inField = t && (t.tagName === "INPUT" && t.type === "text" || t.tagName === "TEXTAREA" || t.tagName === "SELECT");
    const mod = ev.ctrlKey || ev.metaKey;
    if (ev.key === "Escape") {
      if (t !== body) { if (inField && t.tagName === "INPUT") t.dispatchEvent(new Event("change")); body.focus(); }
      else { anchor = null; draft = {}; drawSentence(current); }
      ev.preventDefault();
      return;
    }
    if (inField) {
      if (ev.key === "Enter" && t.tagName === "INPUT") { ev.preventDefault(); t.blur(); body.focus(); }
      return; // typing, and the field's own undo, stay in the field
    }
    if (mod && (ev.key === "z" || ev.key === "Z")) { ev.preventDefault(); if (ev.shiftKey) undoRedo(redo, undo, "redo"); else undoRedo(undo, redo, "undo"); return; }
    if (mod && (ev.key === "y" || ev.key === "Y")) { ev.preventDefault(); undoRedo(redo, undo, "redo"); return; }
    if (mod || ev.altKey) return;
    const onItem = t && t.classList && t.classList.contains("dl-an-item");
    if ((ev.key === "Delete" || ev.key === "Backspace") && onItem) {
      ev.preventDefault();
      removeItem(sentences[current].id, t.dataset.kind, Number(t.dataset.n));
      return;
    }
    if (t && t.tagName === "BUTTON" && (ev.key === "Enter" || ev.key === " ")) return; // the button's own click
    if (t && t.tagName === "INPUT" && t.type === "checkbox" && ev.key === " ") return;
    let done = true;
    switch (ev.key) {
      case "j": case "ArrowDown": goTo(current + 1); break;
      case "k": case "ArrowUp": goTo(current - 1); break;
      case "ArrowRight": moveCursor(1, ev.shiftKey); break;
      case "ArrowLeft": moveCursor(-1, ev.shiftKey); break;
      case "Home": moveCursor(-1e6, ev.shiftKey); break;
      case "End": moveCursor(1e6, ev.shiftKey); break;
      case "1": case "2": case "3": setRole(ROLE_KEYS[ev.key]); break;
      case "Enter": if (draft.cue || draft.content) makeRelation(); else done = false; break;
      case "c": addItem("cues"); break;
      case "b": addItem("bias_cues"); break;
      case "n": addItem("naming"); break;
      case "q": addItem("scare_quotes"); break;
      case "v": cycleVoice(); break;
      case "w": focusWhy(); break;
      case "a": case "e": { const sug = firstPending(); if (sug) accept(sentences[current].id, sug, ev.key === "e"); else announce("No suggestion left here."); break; }
      case "x": { const sug = firstPending(); if (sug) reject(sug); else announce("No suggestion left here."); break; }
      case "A": {
        const sid = sentences[current].id, all = pendingOf(sid);
        change(() => {
          const e = entryFor(sid);
          for (const sug of all) {
            const item = clone(sug.item);
            if (sug.kind === "voice") { e.voice = item.voice; if (!e.rationale) e.rationale = item.rationale; }
            else if (sug.kind === "framing") e.framing = item;
            else { e[sug.kind] = e[sug.kind] || []; e[sug.kind].push(item); }
          }
        }, [sid]);
        announce(`Accepted ${all.length} suggestions.`);
        break;
      }
      case "s": setSuggestions(!model.get("suggestions_on")); break;
      case "?": toggleHelp(); break;
      default: done = false;
    }
    if (done) ev.preventDefault();
  }
  el.__dlAnnotateKeydown = keydown;
  guardKeys(window);

  // The mouse: a click puts the cursor on a word (Shift+click extends); a dragged selection snaps to whole tokens.
  body.addEventListener("mouseup", (ev) => {
    const node = ev.target.closest && ev.target.closest(".dl-an-s");
    if (!node) return;
    const i = index.get(node.dataset.sid);
    if (i !== current) goTo(i);
    const sel = window.getSelection && window.getSelection();
    const toks = [...nodes[current].querySelectorAll(".dl-an-text .dl-an-tok")];
    let picked = [];
    if (sel && !sel.isCollapsed) picked = toks.filter((tk) => sel.containsNode(tk, true)).map((tk) => Number(tk.dataset.t));
    else if (ev.target.dataset && ev.target.dataset.t !== undefined) picked = [Number(ev.target.dataset.t)];
    if (!picked.length) return;
    if (ev.shiftKey && !sel.toString()) { if (anchor === null) anchor = cursor; cursor = picked[0]; }
    else { anchor = picked[0]; cursor = picked[picked.length - 1]; if (anchor === cursor) anchor = null; }
    if (sel && sel.removeAllRanges) sel.removeAllRanges();
    body.focus();
    drawSentence(current);
  });
  body.addEventListener("focus", () => drawSentence(current));

  // ------------------------------------------------------------------ the kernel's answers

  const onStatus = () => {
    const st = model.get("status") || {};
    if (st.revision !== undefined && st.revision > confirmed) confirmed = st.revision;
    if (st.state === "error") { showStatus(st.message, "error"); return; }
    if (confirmed >= revision) { clearTimeout(timer); forget(key); showStatus(statusText(), "ok"); }
  };
  // New problems (after every save): draw again the sentences whose lines changed, and the head.
  let drawnProblems = model.get("problems") || {};
  const onProblems = () => {
    const now = model.get("problems") || {}, was = drawnProblems;
    drawnProblems = now;
    const line = (p, sid) => JSON.stringify(p[sid] || null);
    redraw(sentences.filter((s) => line(now, s.id) !== line(was, s.id)).map((s) => s.id));
  };
  const onCustom = (msg) => onMessage(msg);
  model.on("change:status", onStatus);
  model.on("change:problems", onProblems);
  model.on("msg:custom", onCustom);
  const kernel = live && model.widget_manager && model.widget_manager.kernel;
  const onKernel = (_, status) => {
    if (status === "restarting" || status === "autorestarting" || status === "dead") {
      offline = true;
      showStatus("The kernel restarted: run the cell again (Run \u2192 Run All Cells) to go on. Everything saved is in the " +
        "file; a change made now is kept in this browser until then.", "error");
    }
  };
  if (kernel && kernel.statusChanged && kernel.statusChanged.connect) kernel.statusChanged.connect(onKernel);
  cleanups.push(() => {
    clearTimeout(timer);
    model.off("change:status", onStatus);
    model.off("change:problems", onProblems);
    model.off("msg:custom", onCustom);
    if (kernel && kernel.statusChanged && kernel.statusChanged.disconnect) kernel.statusChanged.disconnect(onKernel);
  });

  // An edit kept in this browser while the kernel was away: saved now, if it was made on this file.
  const earlier = kept(key);
  const status0 = model.get("status") || {};
  if (earlier && earlier.annotations && !same(earlier.annotations, doc)) {
    if ((earlier.base || "") === (status0.digest || "")) {
      const before = snapshot();
      doc = earlier.annotations;
      notice = "Changes kept in this browser while the kernel was away were saved.";
      commit(before, snapshot());
    } else {
      notice = `Changes kept in this browser (${earlier.at}) were made on another version of the file and were not applied.`;
    }
  } else if (earlier) forget(key);

  redraw(null);
  return () => cleanups.forEach((f) => f());
}

/* Keys typed in the widget belong to it: the notebook's command-mode shortcuts ("d d", "b", arrows,
 * Ctrl+Z = undo a cell operation) must not see them. As in the exercises (dl-exercises.js guardKeys),
 * the guard listens on the window in the capture phase, before JupyterLab (document, bubbling) and
 * Notebook 7 (document, capturing), stops the event and hands it to the widget. Other chords with
 * Ctrl, Alt or Meta (save, run) go on to the page. Installed once per page. */
function guardKeys(win) {
  if (!win || win.__dlAnnotateKeyGuard) return;
  win.__dlAnnotateKeyGuard = true;
  win.addEventListener("keydown", (ev) => {
    const t = ev.target;
    const root = t && t.closest ? t.closest(".dl-annotate") : null;
    if (!root || !root.__dlAnnotateKeydown) return;
    const undoKey = (ev.ctrlKey || ev.metaKey) && /^[zZyY]$/.test(ev.key);
    if ((ev.ctrlKey || ev.metaKey || ev.altKey) && !undoKey) return;
    const inText = t.tagName === "INPUT" && t.type === "text";
    if (undoKey && inText) { ev.stopPropagation(); return; } // the field's own undo
    ev.stopPropagation();
    root.__dlAnnotateKeydown(ev);
  }, true);
}

export default { render };
