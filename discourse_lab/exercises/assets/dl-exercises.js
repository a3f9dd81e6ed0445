/* Discourse Lab exercises: one renderer for the notebook widget and the static book.
 *
 * Vanilla JavaScript, no framework, no network. The same file is
 *  - loaded on every page of the built book (classic <script>): it looks for
 *    <div class="dl-exercise" data-exercise-id> elements holding their spec in
 *    <script type="application/json" class="dl-exercise-spec">, renders them, checks answers
 *    in the browser (self-check: against the spec's key, or in the student edition against the
 *    salted digests of its check member) and keeps progress in localStorage. A page without
 *    exercises is left untouched;
 *  - the core of the anywidget ESM (discourse_lab/exercises/widget.py), where Python scores
 *    the answers and this code only renders and sends the answer.
 *
 * score() mirrors discourse_lab/exercises/scoring.py, digest() mirrors discourse_lab/exercises/check.py
 * and countIndicators() mirrors discourse_lab/exercises/indicators.py; tests/test_exercise_js.py
 * checks that they agree.
 */
(function (root) {
  "use strict";

  var STORAGE_KEY = "discourse-lab:answers:v1";
  var SUMMARY = { correct: "Correct", partial: "Partly right", incorrect: "Not quite", recorded: "Answer recorded" };
  var ICON = { correct: "\u2714", partial: "\u25D0", incorrect: "\u2716", recorded: "\u270E", saved: "\u2913", error: "\u26A0" };
  // Used only for a spec without its own "help" line (spec.help_text in Python writes it per mode).
  var TYPE_HELP = {
    choice: "Choose one answer.",
    multi: "Select every answer that applies.",
    tagging: "Choose a label for each sentence.",
    span: "Select words by clicking them, or move with the arrow keys and press Space.",
    matching: "Choose a match for each item.",
    ordering: "Use the Up and Down buttons to put the items in order.",
    short_text: "Write your answer, then press the button below it.",
    rewrite: "Write your version of the sentence, then press the button below it."
  };
  var counter = 0;

  // ------------------------------------------------------------------ scoring (mirror of scoring.py)

  function roundPoints(x) { return Math.floor(x * 100 + 0.5) / 100; }
  function fmt(x) { return String(x); }
  function byId(list) { var m = {}; (list || []).forEach(function (x) { m[x.id] = x; }); return m; }
  function has(obj, k) { return Object.prototype.hasOwnProperty.call(obj, k); }

  function statusOf(fraction) {
    if (fraction >= 1) return "correct";
    return fraction > 0 ? "partial" : "incorrect";
  }

  function wordCount(text) { return text.split(/\s+/).filter(Boolean).length; }
  function thousands(n) { return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ","); }

  function score(spec, answer) {
    var key = spec.key;
    if (!key) throw new Error("exercise " + spec.id + " has no key (graded mode)");
    var messages = [], fraction = 0, fb, extra = {};
    var t = spec.type;
    if (t === "short_text" || t === "rewrite") {
      fb = { status: "recorded", summary: SUMMARY.recorded, messages: messages, explanation: key.explanation,
             model_answer: key.model_answer, rubric: key.rubric.slice() };
      if (t === "rewrite") rewriteFeedback(spec, answer, fb);
      var words = wordCount(answer);
      if (spec.max_words && words > spec.max_words) {
        messages.push("Your answer has " + words + " words; aim for at most " + spec.max_words + ".");
      }
      return { points: null, max_points: spec.points, correct: null, feedback: fb };
    }
    var feedback = key.feedback || {};
    if (t === "choice") {
      fraction = answer === key.answer ? 1 : 0;
      messages = optionMessages(spec.options, key.option_feedback, new Set([answer]));
    } else if (t === "multi") {
      var keySet = new Set(key.answer), chosen = new Set(answer), hits = 0, wrong = 0;
      chosen.forEach(function (a) { if (keySet.has(a)) hits++; else wrong++; });
      fraction = Math.max(0, (hits - wrong) / keySet.size);
      messages = optionMessages(spec.options, key.option_feedback, chosen);
      var missed = key.answer.filter(function (a) { return !chosen.has(a); }).length;
      if (missed) messages.push(missed + " correct option" + (missed === 1 ? "" : "s") + " not selected.");
    } else if (t === "tagging" || t === "matching") {
      var order = t === "tagging" ? spec.sentences : spec.items;
      var bad = order.filter(function (x) { return answer[x.id] !== key.answer[x.id]; });
      fraction = (order.length - bad.length) / order.length;
      if (bad.length) {
        extra = rowHint(spec, feedback, bad.map(function (x) { return t === "tagging" ? x.id : shortName(x.text); }),
                        order.length, bad.map(function (x) { return x.id; }));
      }
    } else if (t === "span") {
      var keyTokens = new Set(key.answer);
      var words = new Set(spec.tokens.filter(function (tk) { return !tk.punct; }).map(function (tk) { return tk.id; }));
      var sel = new Set(answer.filter(function (a) { return words.has(a); }));
      var overlap = 0;
      sel.forEach(function (a) { if (keyTokens.has(a)) overlap++; });
      if (overlap) {
        var precision = overlap / sel.size, recall = overlap / keyTokens.size;
        fraction = 2 * precision * recall / (precision + recall);
      }
      (key.feedback || []).forEach(function (item) {
        if (item.tokens.some(function (tk) { return sel.has(tk); })) messages.push(item.message);
      });
      var extra = false, missing = false;
      sel.forEach(function (a) { if (!keyTokens.has(a)) extra = true; });
      keyTokens.forEach(function (a) { if (!sel.has(a)) missing = true; });
      if (extra) messages.push("Some selected words are not part of the answer.");
      if (missing) messages.push("Some words of the answer are not selected.");
    } else if (t === "ordering") {
      var pos = {}, good = 0, pairs = 0;
      answer.forEach(function (a, i) { pos[a] = i; });
      key.answer.forEach(function (a, i) {
        key.answer.slice(i + 1).forEach(function (b) { pairs++; if (pos[a] < pos[b]) good++; });
      });
      fraction = good / pairs;
      var misplaced = [];  // places in the student's order
      answer.forEach(function (a, i) { if (key.answer[i] !== a) misplaced.push(i); });
      if (misplaced.length) {
        extra = rowHint(spec, feedback, misplaced.map(function (i) { return String(i + 1); }), key.answer.length,
                        misplaced.map(function (i) { return answer[i]; }));
      }
    } else {
      throw new Error("unknown exercise type " + t);
    }
    var points = roundPoints(spec.points * fraction);
    var status = statusOf(fraction);
    fb = { status: status, summary: SUMMARY[status], messages: messages.concat(extra.messages || []), explanation: key.explanation,
           score: fmt(points) + " of " + fmt(spec.points) + " points" };
    ["hint", "wrong", "reasons"].forEach(function (name) { if (has(extra, name)) fb[name] = extra[name]; });
    return { points: points, max_points: spec.points, correct: status === "correct", feedback: fb };
  }

  // ------------------------------------------------------------------ hints (mirror of hints.py)

  var SHORT_NAME = 48, LONG_MESSAGE = 160;

  // The feedback of each chosen option, in the order shown; a text given for several options is said once.
  function optionMessages(options, optionFeedback, chosen) {
    var texts = [];
    options.forEach(function (o) { if (chosen.has(o.id) && has(optionFeedback || {}, o.id)) texts.push(optionFeedback[o.id]); });
    var out = [];
    texts.forEach(function (text, i) {
      if (texts.indexOf(text) !== i) return;
      var n = texts.filter(function (x) { return x === text; }).length;
      out.push(n === 1 ? text : text.replace(/\.+$/, "") + " (" + n + " choices).");
    });
    return out;
  }

  function joinNames(names) {
    if (names.length <= 1) return names.join("");
    return names.slice(0, -1).join(", ") + " and " + names[names.length - 1];
  }

  function shortName(text) {
    if (text.length > SHORT_NAME) {
      var cut = text.slice(0, SHORT_NAME + 1), at = cut.lastIndexOf(" ");
      text = (at >= 0 ? cut.slice(0, at) : cut).replace(/[ ,;:]+$/, "") + "\u2026";
    }
    return "\u201C" + text + "\u201D";
  }

  function wrongRowsMessage(type, wrong, total) {
    var counted = wrong.length + " of " + total;
    if (type === "ordering") {
      return "Out of place: position" + (wrong.length > 1 ? "s " : " ") + joinNames(wrong) + " of your order (" + counted + ").";
    }
    var noun = (type === "tagging" ? "sentence" : "item") + (total === 1 ? "" : "s");
    var message = "Not right yet: " + joinNames(wrong) + " (" + counted + " " + noun + ").";
    if (message.length > LONG_MESSAGE || new Set(wrong).size < wrong.length) {
      message = "Not right yet: " + counted + " " + noun + ", each marked \u2716 below.";
    }
    return message;
  }

  // Which rows are wrong and one pointer; the per-row reasons (they give the answer away) kept apart.
  function rowHint(spec, feedback, names, total, ids) {
    var out = { messages: [wrongRowsMessage(spec.type, names, total)],
                wrong: spec.type === "ordering" ? names.map(Number) : ids,
                reasons: ids.filter(function (i) { return has(feedback, i); }).map(function (i) { return feedback[i]; }) };
    if (spec.hint && spec.hint.text) out.hint = spec.hint.text;
    return out;
  }

  // ------------------------------------------------------------------ checking without the key (mirror of check.py)

  // The student edition's self-check pages carry spec.check, salted SHA-256 digests of the right
  // answer, instead of spec.key: an answer is right when its digest matches. crypto.subtle exists
  // only in secure contexts (https, localhost, file://), so canCheck() is asked first.
  var NEEDS_SECURE = "Checking answers needs a secure context (an https address, or the book opened " +
    "from this computer); your answer is saved in this browser.";
  var REVIEW = "This kind of answer is not checked in the page: your answer is saved in this browser, " +
    "and your instructor will review it when you export your answers.";

  function canCheck() {
    return !!(root.crypto && root.crypto.subtle && typeof root.crypto.subtle.digest === "function" && root.TextEncoder);
  }

  function hex(buffer) {
    return Array.prototype.map.call(new Uint8Array(buffer), function (b) { return (b < 16 ? "0" : "") + b.toString(16); }).join("");
  }

  function digest(salt, exerciseId, part, value) {
    var bytes = new root.TextEncoder().encode(JSON.stringify([salt, exerciseId, part, value]));
    return root.crypto.subtle.digest("SHA-256", bytes).then(hex);
  }

  function normalise(type, answer) {
    if (type !== "multi") return answer;
    return Array.from(new Set(answer)).sort();  // ids are ASCII, so this sorts as Python's sorted()
  }

  /* verify(spec, answer) -> Promise of {points, max_points, correct, rows, feedback}, like score()
   * but from spec.check: points only where the digests determine them (choice, tagging, matching,
   * or a right answer), rows = {row id: right?} for tagging and matching. */
  function verify(spec, answer) {
    var check = spec.check, t = spec.type;
    if (t === "tagging" || t === "matching") {
      var rows = t === "tagging" ? spec.sentences : spec.items;
      return Promise.all(rows.map(function (r) {
        return has(answer, r.id) ? digest(check.salt, spec.id, r.id, answer[r.id]) : Promise.resolve(null);
      })).then(function (got) {
        var right = {}, n = 0, messages = [];
        rows.forEach(function (r, i) {
          right[r.id] = got[i] === check.rows[r.id];
          if (right[r.id]) n++;
          var name = t === "tagging" ? r.id : "\u201C" + r.text + "\u201D";
          messages.push(right[r.id] ? name + ": right." : t === "tagging" ? name + ": look at this sentence again." : name + ": not this one.");
        });
        return checked(spec, n / rows.length, true, messages, right);
      });
    }
    return digest(check.salt, spec.id, "answer", normalise(t, answer)).then(function (d) {
      var ok = d === check.answer, messages = [];
      // Partial credit for multi and ordering needs each option's or position's status, which the page does not hold.
      if (!ok && t === "multi") messages.push("The selection is not right yet: an option is missing, or one is chosen that should not be.");
      if (!ok && t === "ordering") messages.push("The order is not right yet. The page checks the whole order only, not each position.");
      return checked(spec, ok ? 1 : 0, t === "choice" || ok, messages, null);
    });
  }

  function checked(spec, fraction, known, messages, rows) {
    var points = known ? roundPoints(spec.points * fraction) : null;
    var status = statusOf(fraction);
    var fb = { status: status, summary: SUMMARY[status], messages: messages };
    if (points !== null) fb.score = fmt(points) + " of " + fmt(spec.points) + " points";
    if (status !== "correct" && spec.hint && spec.hint.text) fb.hint = spec.hint.text;
    if (rows) fb.wrong = Object.keys(rows).filter(function (r) { return !rows[r]; });
    return { points: points, max_points: spec.points, correct: status === "correct", rows: rows, feedback: fb };
  }

  // ------------------------------------------------------------------ indicators (mirror of indicators.py)

  // Tokens as spaCy's tokenizer mostly sees them: runs of letters/digits, and each punctuation
  // mark alone. Lemmas as in text.parse: spaCy's lookup table on the exact form, then lower case.
  var TOKEN = /[\p{L}\p{N}]+|[^\s\p{L}\p{N}]/gu;

  function countIndicators(lexicon, text) {
    var tokens = [], m;
    TOKEN.lastIndex = 0;
    while ((m = TOKEN.exec(text)) !== null) {
      tokens.push({ lemma: (has(lexicon.forms, m[0]) ? lexicon.forms[m[0]] : m[0]).toLowerCase(),
                    start: m.index, end: m.index + m[0].length });
    }
    var out = {};
    lexicon.categories.forEach(function (c) { out[c.id] = []; });
    var i = 0;
    while (i < tokens.length) {
      var best = null;
      lexicon.cues.forEach(function (cue) {
        var n = cue.lemmas.length;
        if (n > tokens.length - i || (best && n <= best.lemmas.length)) return;
        for (var k = 0; k < n; k++) if (tokens[i + k].lemma !== cue.lemmas[k]) return;
        best = cue;
      });
      if (best) {
        var n = best.lemmas.length, category = best.category;
        var reread = (lexicon.without_content || {})[category];
        if (reread && !opensContent(lexicon, tokens, i + n, category)) category = reread;
        out[category].push(text.slice(tokens[i].start, tokens[i + n - 1].end));  // the words as written
        i += n;
      } else {
        i++;
      }
    }
    return out;
  }

  // The cue at tokens[j] of this category, if any (longest first, as countIndicators matches).
  function cueAt(lexicon, tokens, j, category) {
    var found = null;
    lexicon.cues.forEach(function (cue) {
      var n = cue.lemmas.length;
      if (cue.category !== category || n > tokens.length - j || (found && n <= found.lemmas.length)) return;
      for (var k = 0; k < n; k++) if (tokens[j + k].lemma !== cue.lemmas[k]) return;
      found = cue;
    });
    return found;
  }

  // Mirror of indicators.CONTENT_OPENERS: does a reported clause open after the cue ending at j?
  function opensContent(lexicon, tokens, j, category) {
    var openers = lexicon.content_openers || [];
    while (j < tokens.length) {
      var lemma = tokens[j].lemma;
      if (lemma === "," || lemma === "and" || lemma === "or") { j++; continue; }
      var cue = cueAt(lexicon, tokens, j, category);
      if (cue) { j += cue.lemmas.length; continue; }
      return openers.indexOf(lemma) >= 0;
    }
    return false;
  }

  function compareIndicators(lexicon, original, rewrite) {
    var a = countIndicators(lexicon, original), b = countIndicators(lexicon, rewrite);
    return lexicon.categories.map(function (c) {
      return { id: c.id, label: c.label, original: a[c.id].length, rewrite: b[c.id].length,
               original_terms: a[c.id], rewrite_terms: b[c.id] };
    });
  }

  // A rewrite that drops what the sentence says drops every indicator with it (mirror of indicators.warnings).
  var KEEP_AT_LEAST = 2, STEM = 5;

  function plainWords(text) { return (text.match(/[\p{L}\p{N}]+/gu) || []).map(function (w) { return w.toLowerCase(); }); }
  function stem(w) { return Array.from(w).slice(0, STEM).join(""); }
  function longEnough(w) { return Array.from(w).length >= 4; }

  function contentWarnings(lexicon, original, rewrite) {
    var cueWords = new Set();
    lexicon.cues.forEach(function (c) { c.lemmas.forEach(function (l) { cueWords.add(l); }); });
    Object.keys(lexicon.forms).forEach(function (f) { cueWords.add(f.toLowerCase()); cueWords.add(lexicon.forms[f]); });
    var content = new Set(), mine = new Set(), kept = 0;
    plainWords(original).forEach(function (w) { if (longEnough(w) && !cueWords.has(w)) content.add(stem(w)); });
    plainWords(rewrite).forEach(function (w) { if (longEnough(w)) mine.add(stem(w)); });
    content.forEach(function (w) { if (mine.has(w)) kept++; });
    var total = content.size, short = plainWords(rewrite).length * 2 < plainWords(original).length;
    if (!rewrite.trim() || total < KEEP_AT_LEAST * 2 || (kept > 0 && !(kept < KEEP_AT_LEAST && short))) return [];
    return ["Your rewrite keeps " + kept + " of the original's " + total + " content words: it no longer reports what the " +
      "sentence says, so its lower counts do not make it more neutral. Keep the claim and change how it is put."];
  }

  function rewriteFeedback(spec, answer, fb) {
    fb.indicators = compareIndicators(spec.lexicon, spec.sentence.text, answer);
    var lost = contentWarnings(spec.lexicon, spec.sentence.text, answer);
    if (lost.length) fb.warnings = lost;
  }

  // ------------------------------------------------------------------ DOM helpers

  function h(tag, attrs, children) {
    var el = document.createElement(tag);
    if (attrs) Object.keys(attrs).forEach(function (k) {
      var v = attrs[k];
      if (v === null || v === undefined || v === false) return;
      if (k === "text") el.textContent = v;
      else if (k === "className") el.className = v;
      else if (k.slice(0, 2) === "on") el.addEventListener(k.slice(2), v);
      else el.setAttribute(k, v === true ? "" : v);
    });
    (children || []).forEach(function (c) {
      if (c === null || c === undefined) return;
      el.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    });
    return el;
  }

  function uid(spec, part) { counter += 1; return "dl-" + spec.id + "-" + part + "-" + counter; }

  function sameAnswer(a, b) { return JSON.stringify(a) === JSON.stringify(b); }

  // ------------------------------------------------------------------ the controls of each type

  // Each builder returns {el, get(), set(answer)}; get() returns null while the answer is incomplete.
  var builders = {};

  function optionList(spec, kind) {
    var name = uid(spec, "opt"), inputs = [];
    var fs = h("fieldset", { className: "dl-options" }, [h("legend", { className: "dl-sr-only", text: spec.title })]);
    spec.options.forEach(function (o) {
      var id = uid(spec, o.id);
      var input = h("input", { type: kind, name: name, id: id, value: o.id });
      inputs.push(input);
      fs.appendChild(h("div", { className: "dl-option" }, [input, h("label", { "for": id, text: o.text })]));
    });
    return { fs: fs, inputs: inputs };
  }

  builders.choice = function (spec) {
    var o = optionList(spec, "radio");
    return {
      el: o.fs,
      get: function () { var c = o.inputs.filter(function (i) { return i.checked; })[0]; return c ? c.value : null; },
      set: function (a) { o.inputs.forEach(function (i) { i.checked = i.value === a; }); }
    };
  };

  builders.multi = function (spec) {
    var o = optionList(spec, "checkbox");
    return {
      el: o.fs,
      get: function () {
        var v = o.inputs.filter(function (i) { return i.checked; }).map(function (i) { return i.value; });
        return v.length ? v : null;
      },
      set: function (a) { o.inputs.forEach(function (i) { i.checked = (a || []).indexOf(i.value) >= 0; }); }
    };
  };

  // The mark a wrong row or position gets after a check: a symbol and words, not colour alone.
  function rowMark() {
    return h("span", { className: "dl-row-mark" }, [h("span", { "aria-hidden": "true", text: " \u2716 " }),
      h("span", { className: "dl-mark-text", text: "not right yet" })]);
  }

  function selectRows(spec, rows, choices, rowLabel) {
    var selects = {};
    var list = h("div", { className: "dl-rows" });
    var rowEls = {};
    rows.forEach(function (r) {
      var id = uid(spec, r.id);
      var sel = h("select", { id: id }, [h("option", { value: "", text: "\u2014 choose \u2014" })]);
      choices.forEach(function (c) { sel.appendChild(h("option", { value: c.id, text: c.text })); });
      selects[r.id] = sel;
      var row = h("div", { className: "dl-row", "data-row-id": r.id }, [h("label", { "for": id }, rowLabel(r).concat([rowMark()])), sel]);
      sel.addEventListener("change", function () { row.classList.remove("dl-row-wrong"); });  // the mark was for the old choice
      rowEls[r.id] = row;
      list.appendChild(row);
    });
    return {
      el: list,
      mark: function (wrong) {
        Object.keys(rowEls).forEach(function (k) { rowEls[k].classList.toggle("dl-row-wrong", (wrong || []).indexOf(k) >= 0); });
      },
      get: function () {
        var out = {}, done = true;
        rows.forEach(function (r) { var v = selects[r.id].value; if (v) out[r.id] = v; else done = false; });
        return done ? out : null;
      },
      set: function (a) { rows.forEach(function (r) { selects[r.id].value = (a && a[r.id]) || ""; }); }
    };
  }

  builders.tagging = function (spec) {
    var legend = h("ul", { className: "dl-labels" });
    spec.labels.forEach(function (l) {
      legend.appendChild(h("li", null, [h("strong", { text: l.text }), l.description ? " \u2014 " + l.description : null]));
    });
    var rows = selectRows(spec, spec.sentences, spec.labels, function (s) {
      return [h("span", { className: "dl-sid", text: s.id }), " ", h("span", { className: "dl-sentence", text: s.text })];
    });
    return { el: h("div", null, [legend, rows.el]), get: rows.get, set: rows.set, mark: rows.mark };
  };

  builders.matching = function (spec) {
    return selectRows(spec, spec.items, spec.targets, function (i) { return [h("span", { text: i.text })]; });
  };

  builders.span = function (spec) {
    var buttons = [];
    var group = h("div", { className: "dl-span", role: "group", "aria-label": "Words of sentence " + spec.sentence.id +
      ". Use the arrow keys to move between words and Space or Enter to select or unselect one." });
    group.appendChild(h("span", { className: "dl-sid", text: spec.sentence.id }));
    group.appendChild(document.createTextNode(" "));
    spec.tokens.forEach(function (tk) {
      if (tk.punct) {
        group.appendChild(document.createTextNode(tk.text + (tk.ws ? " " : "")));
        return;
      }
      var b = h("button", { type: "button", className: "dl-token", "aria-pressed": "false", tabindex: "-1",
                            "data-token-id": tk.id, text: tk.text });
      b.addEventListener("click", function () {
        b.setAttribute("aria-pressed", b.getAttribute("aria-pressed") === "true" ? "false" : "true");
        focusToken(buttons.indexOf(b));
      });
      buttons.push(b);
      group.appendChild(b);
      if (tk.ws) group.appendChild(document.createTextNode(" "));
    });
    function focusToken(i) {
      buttons.forEach(function (b, j) { b.tabIndex = i === j ? 0 : -1; });
      if (buttons[i] && document.activeElement !== buttons[i] && group.contains(document.activeElement)) buttons[i].focus();
    }
    function keydown(ev) {
      var i = buttons.indexOf(ev.target);
      if (i < 0) return;
      var next = { ArrowRight: i + 1, ArrowDown: i + 1, ArrowLeft: i - 1, ArrowUp: i - 1, Home: 0, End: buttons.length - 1 }[ev.key];
      if (next === undefined) return;
      ev.preventDefault();
      next = Math.max(0, Math.min(buttons.length - 1, next));
      buttons.forEach(function (b, j) { b.tabIndex = next === j ? 0 : -1; });
      buttons[next].focus();
    }
    if (buttons.length) buttons[0].tabIndex = 0;
    return {
      el: group,
      keydown: keydown,
      get: function () {
        var v = buttons.filter(function (b) { return b.getAttribute("aria-pressed") === "true"; })
          .map(function (b) { return b.getAttribute("data-token-id"); });
        return v.length ? v : null;
      },
      set: function (a) {
        buttons.forEach(function (b) {
          b.setAttribute("aria-pressed", (a || []).indexOf(b.getAttribute("data-token-id")) >= 0 ? "true" : "false");
        });
      }
    };
  };

  builders.ordering = function (spec) {
    var order = spec.items.map(function (i) { return i.id; });
    var items = byId(spec.items);
    var list = h("ol", { className: "dl-order" });
    var status = h("p", { className: "dl-sr-only", "aria-live": "polite" });
    var touched = false, marked = [];  // untouched, the given order is no answer; marked: wrong places (1-based)
    function draw(focusId, dir) {
      list.textContent = "";
      order.forEach(function (id, i) {
        var text = items[id].text;
        var up = h("button", { type: "button", className: "dl-move", "aria-label": "Move \u201C" + text + "\u201D up",
                               disabled: i === 0, text: "\u2191 Up" });
        var down = h("button", { type: "button", className: "dl-move", "aria-label": "Move \u201C" + text + "\u201D down",
                                 disabled: i === order.length - 1, text: "\u2193 Down" });
        up.addEventListener("click", function () { move(i, -1); });
        down.addEventListener("click", function () { move(i, 1); });
        list.appendChild(h("li", { "data-item-id": id, className: marked.indexOf(i + 1) >= 0 ? "dl-row-wrong" : null },
          [h("span", { className: "dl-order-text", text: text }), rowMark(), up, down]));
        if (id === focusId) {
          var target = (dir < 0 && i > 0) || i === order.length - 1 ? up : down;
          if (target.disabled) target = target === up ? down : up;
          target.focus();
        }
      });
    }
    function move(i, d) {
      var j = i + d;
      if (j < 0 || j >= order.length) return;
      var id = order[i];
      order[i] = order[j];
      order[j] = id;
      touched = true;
      marked = [];
      draw(id, d);
      status.textContent = "\u201C" + items[id].text + "\u201D is now number " + (j + 1) + " of " + order.length + ".";
    }
    draw(null, 0);
    return {
      el: h("div", null, [list, status]),
      untouched: "Move the items into order first: the list is still in the order it was given, which is no answer yet.",
      get: function () { return touched ? order.slice() : null; },
      set: function (a) { if (a && a.length === order.length) { order = a.slice(); touched = true; marked = []; draw(null, 0); } },
      mark: function (wrong) { marked = (wrong || []).slice(); draw(null, 0); }
    };
  };

  function textBuilder(spec, label) {
    var id = uid(spec, "text");
    var area = h("textarea", { id: id, rows: spec.type === "rewrite" ? "3" : "5", spellcheck: "true" });
    var count = h("span", { className: "dl-count", "aria-live": "off" });
    var max = spec.max_chars || 0;
    function chars() { return Array.from(area.value).length; }  // code points, as Python's len() counts
    function over() { return max && chars() > max ? chars() : 0; }
    function update() {
      var n = wordCount(area.value), c = chars();
      count.textContent = n + " word" + (n === 1 ? "" : "s") + (spec.max_words ? " (at most " + spec.max_words + ")" : "") +
        (max ? " \u00B7 " + thousands(c) + " of " + thousands(max) + " characters" + (c > max ? ": too long, shorten it" : "") : "");
      count.className = "dl-count" + (c > max && max ? " dl-count-over" : "");
    }
    area.addEventListener("input", update);
    update();
    var parts = [];
    if (spec.type === "rewrite") {
      parts.push(h("p", { className: "dl-original" }, [h("span", { className: "dl-sid", text: spec.sentence.id }), " ",
        h("q", { text: spec.sentence.text })]));
    }
    parts.push(h("label", { "for": id, className: "dl-text-label", text: label }), area, count);
    return {
      el: h("div", { className: "dl-text" }, parts),
      // Never sent, so never saved in a form the grader refuses; the text stays in the box.
      problem: function () {
        return over() ? "Your answer has " + thousands(over()) + " characters; the limit is " + thousands(max) +
          ". Shorten it, then press the button again (your text stays in the box)." : null;
      },
      get: function () { return area.value.trim() ? area.value : null; },
      set: function (a) { area.value = a || ""; update(); }
    };
  }

  builders.short_text = function (spec) { return textBuilder(spec, "Your answer"); };
  builders.rewrite = function (spec) { return textBuilder(spec, "Your rewrite of sentence " + spec.sentence.id); };

  // ------------------------------------------------------------------ feedback

  // Hint first: after a wrong or partly right answer the messages (hints about what was chosen) are
  // shown, and the full explanation, which states the answer, waits behind "Show why" until the
  // second try. Mirror of scoring.reveal_explanation.
  function revealExplanation(status, attempts) {
    return status === "correct" || status === "recorded" || (attempts || 0) >= 2;
  }

  function feedbackNodes(spec, fb, attempts) {
    var status = fb.status || "error";
    var nodes = [h("p", { className: "dl-fb-summary" }, [
      h("span", { className: "dl-icon", "aria-hidden": "true", text: ICON[status] || "" }), " ",
      h("strong", { text: fb.summary || "" }), fb.score ? " \u2014 " + fb.score : null])];
    if (fb.messages && fb.messages.length) {
      nodes.push(h("ul", { className: "dl-fb-messages" }, fb.messages.map(function (m) { return h("li", { text: m }); })));
    }
    if (fb.hint) {
      var href = spec.hint && spec.hint.text === fb.hint ? spec.hint.href : null;  // links only in the book's pages
      nodes.push(h("p", { className: "dl-fb-pointer" }, [h("strong", { text: "Hint: " }),
        href ? h("a", { href: href, text: fb.hint }) : fb.hint]));
    }
    if (fb.indicators) nodes.push(indicatorTable(fb.indicators));
    if (fb.warnings && fb.warnings.length) {
      nodes.push(h("ul", { className: "dl-fb-warnings" }, fb.warnings.map(function (m) {
        return h("li", null, [h("span", { "aria-hidden": "true", text: ICON.error + " " }), m]);
      })));
    }
    var why = [];  // the per-row reasons and the explanation: they state the answer
    if (fb.reasons && fb.reasons.length) {
      why.push(h("p", { className: "dl-fb-reasons-head" }, [h("strong", { text: "Row by row:" })]),
        h("ul", { className: "dl-fb-reasons" }, fb.reasons.map(function (m) { return h("li", { text: m }); })));
    }
    if (fb.explanation) why.push(h("p", { className: "dl-fb-explanation" }, [h("strong", { text: "Why: " }), fb.explanation]));
    if (why.length && revealExplanation(status, attempts)) {
      why.forEach(function (n) { nodes.push(n); });
    } else if (why.length) {
      nodes.push(h("p", { className: "dl-fb-hint", text: "Try again: the reasons open after your second try." }),
        h("details", { className: "dl-fb-why" }, [h("summary", { text: "Show why now (gives the answer away)" })].concat(why)));
    }
    if (fb.model_answer) {
      nodes.push(h("div", { className: "dl-fb-model" }, [h("strong", { text: "Model answer: " }), fb.model_answer]));
    }
    if (fb.rubric && fb.rubric.length) {
      var fs = h("fieldset", { className: "dl-rubric" }, [h("legend", { text: "Check your answer against the rubric" })]);
      fb.rubric.forEach(function (r) {
        var id = uid(spec, "rubric");
        fs.appendChild(h("div", { className: "dl-option" }, [h("input", { type: "checkbox", id: id }), h("label", { "for": id, text: r })]));
      });
      nodes.push(fs);
    }
    return nodes;
  }

  function indicatorTable(rows) {
    var table = h("table", { className: "dl-indicators" }, [
      h("caption", { text: "Bias indicators: the original sentence and your rewrite" }),
      h("thead", null, [h("tr", null, [h("th", { scope: "col", text: "Indicator" }), h("th", { scope: "col", text: "Original" }),
        h("th", { scope: "col", text: "Your rewrite" })])])]);
    var body = h("tbody");
    rows.forEach(function (r) {
      if (!r.original && !r.rewrite) return;
      function cell(n, terms) { return h("td", null, [String(n), terms.length ? " (" + terms.join(", ") + ")" : ""]); }
      body.appendChild(h("tr", null, [h("th", { scope: "row", text: r.label }), cell(r.original, r.original_terms), cell(r.rewrite, r.rewrite_terms)]));
    });
    if (!body.children.length) body.appendChild(h("tr", null, [h("td", { colspan: "3", text: "No indicator found in either sentence." })]));
    table.appendChild(body);
    return table;
  }

  // ------------------------------------------------------------------ one exercise

  /* render(container, spec, bridge) draws the exercise into container.
   * bridge.commit(answer, view) is called when the student checks or saves an answer;
   * bridge.rubric(ticks), if given, when the student ticks a rubric line (ticks: one boolean a line);
   * bridge.initial = {answer, feedback, attempts, notice, rubric} restores earlier work.
   * Returns the view: {showFeedback(fb, attempts), setNotice(text), setRubric(ticks), get(), set(answer)}. */
  function render(container, spec, bridge) {
    var graded = spec.mode === "graded";
    var titleId = uid(spec, "title"), promptId = uid(spec, "prompt");
    var control = builders[spec.type](spec);
    var meta = spec.points + " point" + (spec.points === 1 ? "" : "s") + " \u00B7 " +
      (spec.review ? "saved for your instructor to review" : graded ? "graded: your answer is saved for your instructor"
        : spec.kind === "judgement" ? "self-check with a model answer" : spec.check ? "self-check: right or not, without the explanation" : "self-check");
    var feedback = h("div", { className: "dl-feedback", role: "status", "aria-live": "polite", "aria-atomic": "true" });
    var attempts = h("span", { className: "dl-attempts" });
    var notice = h("p", { className: "dl-notice", role: "alert" });
    notice.hidden = true;
    var button = h("button", { type: "submit", className: "dl-check",
      text: graded ? "Save answer" : spec.kind === "judgement" ? "Submit and compare" : "Check" });
    var form = h("form", { className: "dl-form", "aria-labelledby": titleId, "aria-describedby": promptId, novalidate: true },
      [control.el, h("div", { className: "dl-actions" }, [button, attempts])]);
    var parts = [h("p", { className: "dl-ex-title", id: titleId }, [h("span", { className: "dl-ex-kind", text: spec.number ? "Exercise " + spec.number + " \u00B7" : "Exercise" }), " ",
      h("strong", { text: spec.title }), h("span", { className: "dl-ex-meta", text: " (" + meta + ")" })])];
    if (spec.passage && spec.passage.length) {
      parts.push(h("blockquote", { className: "dl-passage" }, spec.passage.map(function (s) {
        return h("p", null, [h("span", { className: "dl-sid", text: s.id }), " ", s.text]);
      })));
    }
    parts.push(h("p", { className: "dl-prompt", id: promptId, text: spec.prompt }),
               h("p", { className: "dl-help", text: spec.help || TYPE_HELP[spec.type] }), notice, form, feedback);
    var section = h("section", { className: "dl-ex dl-type-" + spec.type, "aria-labelledby": titleId }, parts);
    section.dlKeydown = control.keydown || null;  // called by the page's key guard (guardKeys)
    container.textContent = "";
    container.appendChild(section);

    function rubricBoxes() { return Array.prototype.slice.call(feedback.querySelectorAll(".dl-rubric input[type=checkbox]")); }
    var ticks = [];  // the rubric ticks, kept across redraws of the feedback
    var view = {
      get: control.get,
      set: control.set,
      showFeedback: function (fb, count) {
        feedback.textContent = "";
        feedback.className = "dl-feedback" + (fb && fb.status ? " dl-status-" + fb.status : "");
        if (fb && fb.status) feedbackNodes(spec, fb, count).forEach(function (n) { feedback.appendChild(n); });
        if (control.mark && fb && fb.status !== "error") control.mark(fb.wrong || []);
        attempts.textContent = count ? count + (count === 1 ? " attempt" : " attempts") : "";
        view.setRubric(ticks);
      },
      setRubric: function (given) {
        ticks = (given || []).slice();
        rubricBoxes().forEach(function (box, i) { box.checked = !!ticks[i]; });
      },
      setNotice: function (text) { notice.textContent = text || ""; notice.hidden = !text; },
      pending: function () { feedback.className = "dl-feedback dl-pending"; feedback.textContent = "Checking\u2026"; }
    };
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var problem = control.problem ? control.problem() : null;
      if (problem) {
        view.showFeedback({ status: "error", summary: "Not sent: too long", messages: [problem] },
          Number(attempts.textContent.split(" ")[0]) || 0);
        return;
      }
      var answer = control.get();
      if (answer === null) {
        // Not an answer: nothing is scored, saved or counted as an attempt.
        var none = { status: "error", summary: "No answer yet",
          messages: [control.untouched || (spec.type === "tagging" || spec.type === "matching" ? "Choose an answer for every row first." : "Give an answer first.")] };
        if (!graded && spec.kind === "objective") none.score = "0 of " + fmt(spec.points) + " points";
        view.showFeedback(none, Number(attempts.textContent.split(" ")[0]) || 0);
        return;
      }
      bridge.commit(answer, view);
    });
    feedback.addEventListener("change", function (ev) {
      if (!ev.target.closest || !ev.target.closest(".dl-rubric")) return;
      ticks = rubricBoxes().map(function (box) { return box.checked; });
      if (bridge.rubric) bridge.rubric(ticks.slice());
    });
    var init = bridge.initial || {};
    if (init.answer !== null && init.answer !== undefined) control.set(init.answer);
    ticks = (init.rubric || []).slice();
    if (init.feedback) view.showFeedback(init.feedback, init.attempts || 0);
    if (init.notice) view.setNotice(init.notice);
    return view;
  }

  // ------------------------------------------------------------------ keys typed in an exercise

  /* Keys typed in an exercise belong to it: the notebook's command-mode shortcuts ("d d" deletes the
   * cell, "b" inserts one, arrows move the cell selection) must not see them. JupyterLab listens for
   * keydown on the document while the event bubbles, Notebook 7 while it is captured, so the guard
   * listens on the window in the capture phase, before either, stops the event there and hands it
   * to the exercise's own key handling (the span's arrow keys). The browser's default actions (a
   * radio's arrows, typing, Space on a button) still happen. Chords with Ctrl, Alt or Meta (save,
   * run), Escape, and Shift+Enter outside a text field (run the cell) go on to the page. Installed
   * once per page. */
  var TEXT_FIELD = "textarea, input:not([type]), input[type=text], input[type=search], [contenteditable=true]";
  function guardKeys(win) {
    if (!win || !win.addEventListener || win.__dlKeyGuard) return;
    win.__dlKeyGuard = true;
    win.addEventListener("keydown", function (ev) {
      var t = ev.target, section = t && t.closest ? t.closest(".dl-ex") : null;
      if (!section || ev.ctrlKey || ev.metaKey || ev.altKey || ev.key === "Escape") return;
      // Shift+Enter runs the cell, as everywhere in a notebook, except in a text field: there it is
      // typing (a new line), and a run would redraw the exercise over the words not yet checked.
      if (ev.key === "Enter" && ev.shiftKey && !(t.matches && t.matches(TEXT_FIELD))) return;
      ev.stopPropagation();
      if (section.dlKeydown) section.dlKeydown(ev);
    }, true);
  }
  if (typeof window !== "undefined") guardKeys(window);

  // ------------------------------------------------------------------ the static book: localStorage bridge

  function nowIso() { return new Date().toISOString(); }

  function readStore() {
    try {
      var raw = root.localStorage.getItem(STORAGE_KEY);
      var data = raw ? JSON.parse(raw) : null;
      if (data && data.format === "discourse-lab-answers" && data.answers && typeof data.answers === "object") return { data: data };
      if (raw) {
        // Never silently empty: keep the unreadable copy beside the new store.
        root.localStorage.setItem(STORAGE_KEY + ":corrupt:" + nowIso(), raw);
        return { data: emptyStore(), notice: "Your saved answers in this browser could not be read; a copy was kept and a new store started." };
      }
    } catch (e) {
      return { data: emptyStore(), unavailable: true };
    }
    return { data: emptyStore() };
  }

  function emptyStore() { return { format: "discourse-lab-answers", format_version: 1, student_id: null, answers: {} }; }

  function writeStore(data) {
    try { root.localStorage.setItem(STORAGE_KEY, JSON.stringify(data)); return true; } catch (e) { return false; }
  }

  function recordLocal(spec, answer, result) {
    var read = readStore(), data = read.data, stamp = nowIso();
    var entry = data.answers[spec.id];
    if (!entry || entry.exercise_version !== spec.version) entry = { attempts: 0, first_answered: stamp };
    if (!sameAnswer(entry.answer, answer) || entry.attempts === 0) { entry.attempts += 1; delete entry.rubric_ticks; }
    entry.exercise_version = spec.version;
    entry.type = spec.type;
    entry.answer = answer;
    entry.mode = spec.mode;
    entry.last_answered = stamp;
    if (result) entry.result = { points: result.points, max_points: result.max_points, correct: result.correct };
    else delete entry.result;
    data.answers[spec.id] = entry;
    var saved = writeStore(data);
    try { document.dispatchEvent(new CustomEvent("dl-answers-changed", { detail: { id: spec.id } })); } catch (e) { /* no DOM */ }
    return { entry: entry, saved: saved, notice: read.notice };
  }

  function localFeedback(spec, answer) {
    if (spec.review) {
      var fb = { status: "saved", summary: "Answer saved", messages: [REVIEW] };
      // The indicator counts need no key (the lexicon is public course data), so a rewrite still gets them.
      if (spec.type === "rewrite" && spec.lexicon) rewriteFeedback(spec, answer, fb);
      return fb;
    }
    if (spec.mode === "graded" || !spec.key) {
      var saved = { status: "saved", summary: "Answer saved",
               messages: ["Your answer is saved in this browser. Export your answers to hand them in."] };
      if (spec.type === "rewrite" && spec.lexicon) rewriteFeedback(spec, answer, saved);
      return saved;
    }
    return score(spec, answer).feedback;
  }

  // Self-check against spec.check: the answer is saved first (never lost), then checked asynchronously.
  function checkAndShow(spec, view, answer, attempts, extra) {
    var ticket = (view.ticket = (view.ticket || 0) + 1);
    function show(fb) {
      if (ticket !== view.ticket) return;  // a later answer was given meanwhile: show only its result
      if (extra) fb.messages = fb.messages.concat(extra);
      view.showFeedback(fb, attempts);
    }
    if (!canCheck()) {
      show({ status: "saved", summary: "Answer saved", messages: [NEEDS_SECURE] });
      return;
    }
    view.pending();
    verify(spec, answer).then(function (r) { show(r.feedback); }, function () {
      show({ status: "saved", summary: "Answer saved", messages: ["The page could not check this answer; it is saved in this browser."] });
    });
  }

  function mountStatic(el) {
    if (el.getAttribute("data-dl-ready")) return;
    var script = el.querySelector("script.dl-exercise-spec");
    if (!script) return;
    var spec;
    try { spec = JSON.parse(script.textContent); } catch (e) { return; }
    if (!builders[spec.type]) return;
    el.setAttribute("data-dl-ready", "1");
    var checking = spec.mode !== "graded" && !spec.key && !!spec.check;
    var read = readStore();
    var saved = read.data.answers[spec.id];
    var initial = {};
    if (saved && saved.exercise_version === spec.version) {
      initial = { answer: saved.answer, attempts: saved.attempts, feedback: checking ? null : localFeedback(spec, saved.answer),
                  rubric: saved.rubric_ticks };
    } else if (saved) {
      initial.notice = "This exercise has changed since you last answered it, so your earlier answer is not shown.";
    }
    if (read.unavailable) initial.notice = "This browser does not let the page store data, so your answers will not be kept after a reload.";
    if (read.notice) initial.notice = read.notice;
    var holder = el.querySelector(".dl-exercise-mount") || el;
    var view = render(holder, spec, {
      initial: initial,
      commit: function (answer, v) {
        if (checking) {
          var recorded = recordLocal(spec, answer, null);
          if (recorded.notice) v.setNotice(recorded.notice);
          checkAndShow(spec, v, answer, recorded.entry.attempts, recorded.saved ? null : ["Your answer could not be saved in this browser."]);
          return;
        }
        var fb = localFeedback(spec, answer);
        var result = spec.mode === "graded" || !spec.key ? null : score(spec, answer);
        var rec = recordLocal(spec, answer, result);
        if (!rec.saved) fb.messages = fb.messages.concat(["Your answer could not be saved in this browser."]);
        v.setRubric(rec.entry.rubric_ticks);
        v.showFeedback(fb, rec.entry.attempts);
        if (rec.notice) v.setNotice(rec.notice);
      },
      rubric: function (ticks) {
        var data = readStore().data, entry = data.answers[spec.id];
        if (!entry || entry.exercise_version !== spec.version) return;
        entry.rubric_ticks = ticks;
        writeStore(data);
      }
    });
    if (checking && initial.answer !== undefined) checkAndShow(spec, view, initial.answer, initial.attempts);
    el.classList.add("dl-ready");
    return view;
  }

  // ------------------------------------------------------------------ static export of a submission

  function mountExport(el) {
    if (el.getAttribute("data-dl-ready")) return;
    el.setAttribute("data-dl-ready", "1");
    var conf = {};
    var confScript = el.querySelector("script.dl-export-spec");
    try { if (confScript) conf = JSON.parse(confScript.textContent); } catch (e) { conf = {}; }
    var lessonIds = conf.exercises || [], max = conf.max_chars || 0;
    var id = "dl-export-id-" + (++counter);
    var input = h("input", { type: "text", id: id, autocomplete: "off", pattern: "[A-Za-z0-9][A-Za-z0-9._@-]{0,63}" });
    var out = h("p", { className: "dl-export-status", role: "status", "aria-live": "polite" });
    var button = h("button", { type: "submit", text: "Export my answers" });
    var count = h("p", { className: "dl-export-count" });
    var form = h("form", { className: "dl-export-form" }, [h("label", { "for": id, text: "Student id" }), input, button, out]);
    var stored = readStore().data.student_id;
    if (stored) input.value = stored;
    // Counted again whenever an answer is saved, on this page or in another tab of the book.
    function recount() {
      if (!lessonIds.length) { count.hidden = true; return; }
      var answers = readStore().data.answers, n = lessonIds.filter(function (k) { return has(answers, k); }).length;
      count.textContent = n + " of " + lessonIds.length + " lesson exercises answered in this browser.";
    }
    recount();
    document.addEventListener("dl-answers-changed", recount);
    if (root.addEventListener) root.addEventListener("storage", function (ev) { if (!ev.key || ev.key === STORAGE_KEY) recount(); });
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var sid = input.value.trim();
      if (!/^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/.test(sid)) {
        out.textContent = "Enter a student id: letters, digits, '.', '_', '@' or '-'.";
        return;
      }
      var data = readStore().data;
      // An answer over the limit (kept from an older page) would make the grader refuse the whole file.
      var long = Object.keys(data.answers).filter(function (k) {
        var a = data.answers[k].answer;
        return max && typeof a === "string" && Array.from(a).length > max;
      });
      if (long.length) {
        out.textContent = "Not exported: the answer to " + long.join(", ") + " is longer than " + thousands(max) +
          " characters. Shorten it on its page and press its button again, then export.";
        return;
      }
      data.student_id = sid;
      writeStore(data);
      var sub = submission(data, sid);
      var blob = new Blob([JSON.stringify(sub, null, 2)], { type: "application/json" });
      var a = h("a", { href: URL.createObjectURL(blob), download: "submission-" + sid + ".json" });
      document.body.appendChild(a);
      a.click();
      a.remove();
      var nAnswers = Object.keys(sub.answers).length;
      out.textContent = nAnswers + (nAnswers === 1 ? " answer" : " answers") + " exported to submission-" + sid + ".json.";
    });
    var title = el.querySelector(".dl-export-title");
    el.textContent = "";
    if (title) el.appendChild(title);
    el.appendChild(count);
    el.appendChild(form);
  }

  // The same file format as discourse_lab.exercises.submission (docs/submission-format.md).
  function submission(data, sid) {
    var answers = {};
    Object.keys(data.answers).sort().forEach(function (k) {
      var e = data.answers[k];
      answers[k] = { exercise_version: e.exercise_version, type: e.type, answer: e.answer, attempts: e.attempts,
                     first_answered: e.first_answered, last_answered: e.last_answered };
    });
    return { format: "discourse-lab-submission", format_version: 1, student_id: sid, assignment_id: null,
             created: nowIso(), generator: "discourse-lab static book", answers: answers };
  }

  function initPage() {
    var found = document.querySelectorAll(".dl-exercise[data-exercise-id]");
    for (var i = 0; i < found.length; i++) mountStatic(found[i]);
    var exports = document.querySelectorAll(".dl-export[data-dl-export]");
    for (var j = 0; j < exports.length; j++) mountExport(exports[j]);
  }

  var api = { score: score, revealExplanation: revealExplanation, digest: digest, verify: verify, canCheck: canCheck,
              countIndicators: countIndicators, compareIndicators: compareIndicators, contentWarnings: contentWarnings,
              render: render, initPage: initPage, submission: submission, STORAGE_KEY: STORAGE_KEY };
  root.DLExercises = api;

  // As a classic script in the book: render the page's exercises once the DOM is there.
  // (Inside the widget's ES module document.currentScript is null, so nothing runs here.)
  if (typeof document !== "undefined" && document.currentScript) {
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", initPage);
    else initPage();
  }
})(typeof globalThis !== "undefined" ? globalThis : window);
