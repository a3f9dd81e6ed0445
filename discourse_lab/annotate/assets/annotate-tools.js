/* Discourse Lab: Evaluate and Generate exercises on the static book, without a kernel.
 *
 * The toolkit itself (Python, spaCy) does not run here: on the page's text its reading is fixed, so the
 * book build runs it once and the page carries what discourse_lab/evaluation.py compares
 * (conf.tools.toolkit, from discourse_lab/annotate/offline.py). What depends on the reader's
 * annotation is scoring and data, ported here line by line:
 *  - evaluate(): discourse_lab.evaluation.evaluate(analysis, gold).to_dict(), the same scores and
 *    errors; evaluationReply(): the Evaluate reply of the live widget (offline.evaluation_reply);
 *  - bankData(): discourse_lab.exercises.generate.bank_data(...), the generated exercises with their
 *    versions (SHA-256 of Python's json.dumps), the variety rule (no more than two of a kind with the
 *    same answer) and the bank schema's validation; bankYaml(): the file yaml.safe_dump writes.
 * tests/test_annotate_tools_js.py runs both sides on the same inputs. Loaded as a classic script
 * beside annotate-static.js (whose validator and YAML writer it uses); it needs no network.
 */
(function (root) {
  "use strict";

  function has(obj, k) { return Object.prototype.hasOwnProperty.call(obj, k); }
  function listOf(v) { return Array.isArray(v) ? v : []; }
  function lib() { return root.DLAnnotateStatic; }

  // ------------------------------------------------------------------ Python's str methods and repr

  // str.split() with no argument: runs of Unicode whitespace, no empty pieces.
  var PY_SPACE = /[\t\n\x0B\x0C\r\x1C-\x1F \x85\xA0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]+/;
  function pySplit(s) { return s.split(PY_SPACE).filter(function (w) { return w !== ""; }); }

  function pyStrip(s, chars) {
    var t = Array.from(s), a = 0, b = t.length;
    while (a < b && chars.indexOf(t[a]) >= 0) a++;
    while (b > a && chars.indexOf(t[b - 1]) >= 0) b--;
    return t.slice(a, b).join("");
  }

  function capitalize(s) {  // str.capitalize(): the first letter upper, the rest lower
    var t = Array.from(s);
    return t.length ? t[0].toUpperCase() + t.slice(1).join("").toLowerCase() : s;
  }

  var NOT_PRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/u;
  function hexOf(c, n) { return ("00000000" + c.toString(16)).slice(-n); }

  // repr(str): the quote Python picks, its escapes, and \x/\u/\U for what is not printable.
  function repr(v) {
    if (v === null || v === undefined) return "None";
    if (typeof v !== "string") return String(v);
    var q = v.indexOf("'") >= 0 && v.indexOf('"') < 0 ? '"' : "'";
    var out = Array.from(v).map(function (ch) {
      var c = ch.codePointAt(0);
      if (ch === q || ch === "\\") return "\\" + ch;
      if (ch === "\t") return "\\t";
      if (ch === "\n") return "\\n";
      if (ch === "\r") return "\\r";
      if (c < 0x20 || c === 0x7F) return "\\x" + hexOf(c, 2);
      if (c < 0x7F) return ch;
      if (ch !== " " && NOT_PRINTABLE.test(ch)) return c <= 0xFF ? "\\x" + hexOf(c, 2) : c <= 0xFFFF ? "\\u" + hexOf(c, 4) : "\\U" + hexOf(c, 8);
      return ch;
    });
    return q + out.join("") + q;
  }

  function pyText(v) { return typeof v === "string" ? v : repr(v); }  // str()

  // round(x, 4): toFixed rounds the exact binary value, as Python does (a tie cannot occur at 4 places).
  function round4(x) { return Number(x.toFixed(4)); }

  // ------------------------------------------------------------------ evaluation.py

  function Score() { this.tp = 0; this.fp = 0; this.fn = 0; }
  Score.prototype.precision = function () { return this.tp + this.fp === 0 ? null : round4(this.tp / (this.tp + this.fp)); };
  Score.prototype.recall = function () { return this.tp + this.fn === 0 ? null : round4(this.tp / (this.tp + this.fn)); };
  Score.prototype.f1 = function () {
    var p = this.precision(), r = this.recall();
    if (!p || !r) return p === null || r === null ? null : 0.0;
    return round4(2 * p * r / (p + r));
  };
  Score.prototype.toDict = function () {
    return { tp: this.tp, fp: this.fp, fn: this.fn, precision: this.precision(), recall: this.recall(), f1: this.f1() };
  };

  function Evaluation() { this.scores = {}; this.names = []; this.errors = []; }
  Evaluation.prototype.score = function (component) {
    if (!has(this.scores, component)) { this.scores[component] = new Score(); this.names.push(component); }
    return this.scores[component];
  };
  Evaluation.prototype.agree = function (component, sentence, expected, predicted, shown) {
    var s = this.score(component);
    if (expected === predicted) { s.tp += 1; return; }
    s.fp += 1;
    s.fn += 1;
    this.errors.push({ component: component, error: "wrong", sentence: sentence,
                       expected: shown === undefined ? expected : shown, predicted: predicted });
  };
  Evaluation.prototype.toDict = function () {
    var scores = {}, self = this;
    this.names.forEach(function (k) { scores[k] = self.scores[k].toDict(); });
    return { scores: scores, errors: this.errors };
  };
  Evaluation.prototype.table = function () {
    var self = this;
    return this.names.map(function (k) { return Object.assign({ component: k }, self.scores[k].toDict()); });
  };

  var STRIP = '.,;:"\u201c\u201d\u2018\u2019';
  function words(text) {
    return pySplit(text).filter(function (w) { return pyStrip(w, STRIP); }).map(function (w) { return pyStrip(w, STRIP).toLowerCase(); });
  }
  function countOf(list, w) { return list.filter(function (x) { return x === w; }).length; }

  function overlap(a, b) {  // token F1 between two spans
    var wa = words(a), wb = words(b);
    if (!wa.length || !wb.length) return 0.0;
    var common = 0;
    wa.filter(function (w, i) { return wa.indexOf(w) === i; }).forEach(function (w) { common += Math.min(countOf(wa, w), countOf(wb, w)); });
    if (common === 0) return 0.0;
    var p = common / wa.length, r = common / wb.length;
    return 2 * p * r / (p + r);
  }

  function isNone(v) { return v === null || v === undefined; }

  function textsOverlap(a, b) {
    if (isNone(a) || isNone(b)) return isNone(a) && isNone(b);
    a = a.toLowerCase(); b = b.toLowerCase();
    return b.indexOf(a) >= 0 || a.indexOf(b) >= 0 || overlap(a, b) > 0;
  }

  function sameSource(gold, predicted) {
    if (isNone(gold) || isNone(predicted)) return isNone(gold) && isNone(predicted);
    var g = pySplit(gold), p = pySplit(predicted);
    return g[g.length - 1].toLowerCase() === p[p.length - 1].toLowerCase() || predicted.toLowerCase().indexOf(gold.toLowerCase()) >= 0;
  }

  // Greedy one-to-one matching within a sentence; records tp/fp/fn and the errors.
  function match(component, goldItems, predictedItems, same, ev, describe) {
    var score = ev.score(component), remaining = predictedItems.slice(), pairs = [];
    goldItems.forEach(function (g) {
      var at = -1;
      for (var i = 0; i < remaining.length; i++) if (same(g, remaining[i])) { at = i; break; }
      if (at < 0) {
        score.fn += 1;
        ev.errors.push({ component: component, error: "missed", sentence: g.sentence, expected: describe(g) });
      } else {
        score.tp += 1;
        pairs.push([g, remaining[at]]);
        remaining.splice(at, 1);
      }
    });
    remaining.forEach(function (p) {
      score.fp += 1;
      ev.errors.push({ component: component, error: "spurious", sentence: p.sentence, predicted: describe(p) });
    });
    return pairs;
  }

  function inSentence(items, sid) { return listOf(items).filter(function (x) { return x.sentence === sid; }); }

  // evaluation.evaluate(analysis, gold): `reading` is offline.toolkit_reading of the analysis.
  function evaluate(reading, gold) {
    var ev = new Evaluation(), goldSentences = {}, goldOrder = [];
    listOf(gold.sentences).forEach(function (s) {
      if (!has(goldSentences, s.id)) goldOrder.push(s.id);
      goldSentences[s.id] = s;
    });
    var predictedIds = reading.sentences;
    goldOrder.forEach(function (sid) {
      if (predictedIds.indexOf(sid) < 0) {
        ev.errors.push({ component: "segmentation", error: "missed", sentence: sid, expected: "a sentence with this id" });
      }
    });
    function each(sid, key) {
      return listOf(has(goldSentences, sid) ? goldSentences[sid][key] : []).map(function (item) { return Object.assign({}, item, { sentence: sid }); });
    }
    var limit = reading.content_overlap;
    predictedIds.forEach(function (sid) {
      if (!has(goldSentences, sid)) return;
      var g = goldSentences[sid];
      var predictedVoice = reading.voice[sid], score = ev.score("voice");
      if (predictedVoice === g.voice) score.tp += 1;
      else {
        score.fp += 1;
        score.fn += 1;
        ev.errors.push({ component: "voice", error: "wrong", sentence: sid, expected: g.voice, predicted: predictedVoice, rationale: g.rationale });
      }
      var pairs = match("attributions", each(sid, "attributions"), inSentence(reading.attributions, sid),
        function (gi, p) { return sameSource(gi.source, p.source) && textsOverlap(gi.cue, p.cue) && overlap(gi.content, p.content) >= limit; },
        ev, function (x) { return repr(x.source) + " / " + repr(x.cue) + " / " + x.type + ": " + x.content; });
      pairs.forEach(function (pair) {
        ev.agree("attribution_type", sid, pair[0].type, pair[1].type);
        ev.agree("attribution_content_exact", sid, pair[0].content, pair[1].content);
      });
      pairs = match("cues", each(sid, "cues"), inSentence(reading.cues, sid),
        function (gi, p) { return textsOverlap(gi.text, p.text); }, ev,
        function (x) { return repr(x.text) + " (" + x.stance + ")"; });
      pairs.forEach(function (pair) {
        ev.agree("cue_stance", sid, pair[0].stance, pair[1].stance, repr(pair[0].text) + ": " + pair[0].stance);
      });
      match("naming", each(sid, "naming"), inSentence(reading.naming, sid),
        function (gi, p) { return gi.variant === p.variant && textsOverlap(gi.text, p.text); }, ev,
        function (x) { return repr(x.text) + " (" + x.variant + ")"; });
      match("bias_cues", each(sid, "bias_cues"), inSentence(reading.bias_cues, sid),
        function (gi, p) { return gi.category === p.category && textsOverlap(gi.text, p.text); }, ev,
        function (x) { return repr(x.text) + " (" + x.category + ")"; });
      [["framing_functions", "functions"], ["framing_frames", "frames"]].forEach(function (f) {
        var hinted = reading[f[1]];
        var goldLabels = listOf(g.framing[f[1]]).map(function (label) { return { sentence: sid, label: label }; });
        var predicted = listOf(has(hinted, sid) ? hinted[sid] : []).map(function (label) { return { sentence: sid, label: label }; });
        match(f[0], goldLabels, predicted, function (gi, p) { return gi.label === p.label; }, ev, function (x) { return x.label; });
      });
    });
    return ev;
  }

  // offline.evaluation_reply: what the Evaluate button shows.
  function evaluationReply(ev, annotated) {
    var errors = ev.errors.map(function (e) {
      return { sentence: e.sentence, component: e.component, error: e.error,
               text: pyText(!isNone(e.expected) ? e.expected : has(e, "predicted") ? e.predicted : "") };
    });
    return { ok: true, message: "The toolkit against your annotation of " + annotated + " sentence(s): " + errors.length + " error(s).",
             scores: ev.table(), errors: errors };
  }

  // ------------------------------------------------------------------ SHA-256 and json.dumps, for the versions

  var K = [0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01,
    0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f,
    0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70,
    0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
    0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2];

  // The hex SHA-256 of a string's UTF-8 bytes (synchronous: crypto.subtle is async and absent on file://).
  function sha256(text) {
    var bytes = new TextEncoder().encode(text), n = bytes.length;
    var total = ((n + 9 + 63) >> 6) << 6, msg = new Uint8Array(total);
    msg.set(bytes);
    msg[n] = 0x80;
    var bits = n * 8;
    for (var b = 0; b < 8; b++) msg[total - 1 - b] = b < 4 ? (bits >>> (8 * b)) & 0xff : Math.floor(bits / Math.pow(2, 8 * b)) & 0xff;
    var h = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19], w = new Array(64);
    function rotr(x, r) { return (x >>> r) | (x << (32 - r)); }
    for (var off = 0; off < total; off += 64) {
      for (var i = 0; i < 16; i++) w[i] = (msg[off + 4 * i] << 24) | (msg[off + 4 * i + 1] << 16) | (msg[off + 4 * i + 2] << 8) | msg[off + 4 * i + 3];
      for (i = 16; i < 64; i++) {
        var s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >>> 3), s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >>> 10);
        w[i] = (w[i - 16] + s0 + w[i - 7] + s1) | 0;
      }
      var a = h[0], bb = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
      for (i = 0; i < 64; i++) {
        var t1 = (hh + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + K[i] + w[i]) | 0;
        var t2 = ((rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & bb) ^ (a & c) ^ (bb & c))) | 0;
        hh = g; g = f; f = e; e = (d + t1) | 0; d = c; c = bb; bb = a; a = (t1 + t2) | 0;
      }
      h = [h[0] + a, h[1] + bb, h[2] + c, h[3] + d, h[4] + e, h[5] + f, h[6] + g, h[7] + hh].map(function (x) { return x | 0; });
    }
    return h.map(function (x) { return hexOf(x >>> 0, 8); }).join("");
  }

  // json.dumps(v, sort_keys=True, ensure_ascii=False): ", " and ": ", keys in code-point order.
  function pyJson(v) {
    if (isNone(v)) return "null";
    if (v === true) return "true";
    if (v === false) return "false";
    if (typeof v === "number") return lib().pyFloat(v, Number.isInteger(v));
    if (typeof v === "string") return JSON.stringify(v);
    if (Array.isArray(v)) return "[" + v.map(pyJson).join(", ") + "]";
    return "{" + Object.keys(v).sort(codePointOrder).map(function (k) { return JSON.stringify(k) + ": " + pyJson(v[k]); }).join(", ") + "}";
  }
  function codePointOrder(a, b) {
    var x = Array.from(a).map(function (c) { return c.codePointAt(0); }), y = Array.from(b).map(function (c) { return c.codePointAt(0); });
    for (var i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i] - y[i];
    return x.length - y.length;
  }

  // generate._version: a positive integer that changes whenever the annotations behind an exercise change.
  function version() { return 1 + parseInt(sha256(pyJson(Array.from(arguments))).slice(0, 7), 16); }

  // ------------------------------------------------------------------ exercises/generate.py

  var Q = "\u201c", UQ = "\u201d";
  function quoted(s) { return Q + s + UQ; }

  function Variety(max) { this.max = max; this.seen = {}; this.asked = {}; }
  Variety.prototype.admit = function (kind, answer) {
    var key = kind + "\u0000" + pyJson(answer);
    if ((this.seen[key] || 0) >= this.max) return false;
    this.seen[key] = (this.seen[key] || 0) + 1;
    return true;
  };
  Variety.prototype.content = function (ctx, s, relations) {
    for (var i = 0; i < relations.length; i++) {
      var n = relations[i][0], attribution = relations[i][1], key = s.id + "\u0000" + n;
      if (!has(this.asked, key) && this.admit("content", attribution.content)) {
        this.asked[key] = true;
        return [contentEntry(ctx, s.id, n, attribution)];
      }
    }
    return [];
  };

  function base(ctx, id, v, type) {
    return { id: ctx.prefix + ctx.slug + "-" + id, version: v, chapter: ctx.chapter, type: type, kind: "objective", source: ctx.slug };
  }

  function cueEntry(ctx, s) {
    var sid = s.id, cues = listOf(s.cues);
    return Object.assign(base(ctx, "cues-" + sid, version("cues", sid, cues), "span"), {
      title: "Find the reporting cues in " + sid,
      prompt: "Select the words that report speech or judge what was said: the reporting verbs and phrases.",
      sentence: sid,
      answer: cues.map(function (c) { return c.text; }),
      feedback: cues.map(function (c) { return { text: c.text, message: quoted(c.text) + ": " + c.rationale }; }),
      explanation: "The cues of this sentence are " + cues.map(function (c) { return quoted(c.text); }).join(", ") + ".",
      points: 1
    });
  }

  function stanceEntry(ctx, sid, n, cue) {
    var options = ctx.stance.map(function (category) {
      var feedback;
      if (category.id === cue.stance) feedback = "Yes: " + cue.rationale;
      else if (category.without_content === cue.stance) {
        feedback = "Not here. " + capitalize(category.label) + " needs a content to vouch for, and no one's words follow " + quoted(cue.text) + " here.";
      } else feedback = "Not here. " + capitalize(category.label) + ": " + pySplit(category.description).join(" ");
      return { id: category.id, text: category.label, feedback: feedback };
    });
    var label = ctx.stance.filter(function (c) { return c.id === cue.stance; })[0];
    if (!label) throw new Error("no category '" + cue.stance + "' in lexicon reporting-verbs");
    return Object.assign(base(ctx, "stance-" + sid + "-" + n, version("stance", sid, cue), "choice"), {
      title: "The stance of " + quoted(cue.text),
      prompt: "In sentence " + sid + ", what does the cue " + quoted(cue.text) + " do to the writer's commitment to what is reported?",
      passage: [sid],
      options: options,
      answer: cue.stance,
      explanation: quoted(cue.text) + ": " + label.label + ". " + cue.rationale + " Try the \u2018replace it with said\u2019 test: what changes?",
      points: 1
    });
  }

  function reportedBy(attribution) {
    if (attribution.cue) return "with the cue " + quoted(attribution.cue);
    return attribution.source ? "from " + attribution.source : "without a cue";
  }

  function contentEntry(ctx, sid, n, attribution) {
    return Object.assign(base(ctx, "content-" + sid + "-" + n, version("content", sid, attribution), "span"), {
      title: "What is reported in " + sid + "?",
      prompt: "Select what sentence " + sid + " reports " + reportedBy(attribution) + ": the words or the claim attributed " +
        "to the source (the content), not the source or the cue.",
      sentence: sid,
      answer: [attribution.content],
      feedback: [{ text: attribution.content, message: attribution.rationale }],
      explanation: "The content is " + quoted(attribution.content) + ". " + attribution.rationale,
      points: 1
    });
  }

  function typeEntry(ctx, sid, n, attribution) {
    var label = null;
    var options = ctx.type_options.map(function (o) {
      if (o[0] === attribution.type) label = o[1];
      return { id: o[0], text: o[1], feedback: (o[0] === attribution.type ? "Yes: " : "Not here. ") + o[1] + ": " + o[2] + "." };
    });
    return Object.assign(base(ctx, "type-" + sid + "-" + n, version("type", sid, attribution), "choice"), {
      title: "How is it reported in " + sid + "?",
      prompt: "Sentence " + sid + " reports something " + reportedBy(attribution) + ". How does it report it?",
      passage: [sid],
      options: options,
      answer: attribution.type,
      explanation: label + ". " + attribution.rationale,
      points: 1
    });
  }

  // generate._unattributed_evaluations: framing bias cues of a sentence outside every attributed content.
  function unattributed(sentence, text) {
    var contents = [];
    listOf(sentence.attributions).forEach(function (a) {
      var at = text.indexOf(a.content);
      if (at >= 0) contents.push([at, at + a.content.length]);
    });
    return listOf(sentence.bias_cues).filter(function (cue) {
      if (cue.kind !== "framing") return false;
      var at = text.indexOf(cue.text);
      return !contents.some(function (r) { return r[0] <= at && at + cue.text.length <= r[1]; });
    });
  }

  // generate.entries: `texts` maps sentence ids to their text, `data` is offline.generation_data.
  function entries(slug, annotations, texts, data) {
    var ctx = { slug: slug, chapter: data.chapter, prefix: data.prefix, stance: data.stance, type_options: data.type_options };
    var sentences = listOf(annotations.sentences), out = [];
    function textOf(sid) {
      if (!has(texts, sid)) throw new Error("sentence " + sid + " is not in the text");
      return texts[sid];
    }
    var answer = {}, feedback = {};
    sentences.forEach(function (s) { answer[s.id] = s.voice; feedback[s.id] = s.id + ": look again at who asserts it. " + s.rationale; });
    out.push(Object.assign(base(ctx, "voices", version("voices", sentences.map(function (s) { return [s.id, s.voice, s.rationale]; })), "tagging"), {
      title: "Whose voice?",
      prompt: "Label each sentence with the voice it speaks in: a reported source, the journalist, or a mix of both.",
      sentences: sentences.map(function (s) { return s.id; }),
      labels: data.voice_options,
      answer: answer,
      feedback: feedback,
      explanation: "A sentence is in the source's voice when everything it asserts is attributed, in the " +
        "journalist's when no one is reported, and mixed when an attribution sits beside the " +
        "writer's own claim. A quoted fragment inside a paraphrase is still the source's: a " +
        "mixed quotation is not a mixed voice. The labels follow the annotation guidelines of " +
        "this source.",
      points: new (lib().PyFloat)(sentences.length / 4)
    }));

    var variety = new Variety(data.max_same_answer);
    sentences.forEach(function (s) {
      if (!listOf(s.cues).length) return;
      var sid = s.id;
      var relations = listOf(s.attributions).map(function (a, i) { return [i + 1, a]; });
      var cues = cueEntry(ctx, s);
      if (variety.admit("cues", cues.answer)) out.push(cues);
      else out = out.concat(variety.content(ctx, s, relations.slice(0, 1)));
      s.cues.forEach(function (cue, i) {
        var n = i + 1;
        if (variety.admit("stance", cue.stance)) { out.push(stanceEntry(ctx, sid, n, cue)); return; }
        var own = relations.filter(function (r) { return r[1].cue === cue.text; });
        var replacement = variety.content(ctx, s, own);
        if (!replacement.length && own.length && variety.admit("type", own[0][1].type)) replacement = [typeEntry(ctx, sid, own[0][0], own[0][1])];
        out = out.concat(replacement);
      });
    });

    var evaluated = {}, key = [];
    sentences.forEach(function (s) { evaluated[s.id] = unattributed(s, textOf(s.id)); });
    Object.keys(evaluated).forEach(function (sid) { if (evaluated[sid].length) key.push(sid); });
    if (key.length) {
      var options = sentences.map(function (s) {
        var found = evaluated[s.id], fb;
        if (found.length) fb = s.id + ": " + found.map(function (c) { return quoted(c.text); }).join(", ") + " \u2014 " + found[0].rationale;
        else fb = s.id + ": no evaluative word outside an attribution here.";
        return { id: s.id, text: s.id + ": " + textOf(s.id), feedback: fb };
      });
      var kept = {};
      key.forEach(function (sid) { kept[sid] = evaluated[sid]; });
      out.push(Object.assign(base(ctx, "unattributed", version("unattributed", kept), "multi"), {
        title: "Unattributed evaluations",
        prompt: "Which sentences evaluate in the writer's own voice: an evaluative word that no source " +
          "is reported as using? Select all that apply.",
        options: options,
        answer: key,
        explanation: "An evaluation inside an attributed content is the source's; one outside any " +
          "attribution is the writer's own. Here: " +
          key.map(function (sid) { return sid + " (" + evaluated[sid].map(function (c) { return c.text; }).join(", ") + ")"; }).join("; ") + ".",
        points: 2
      }));
    }
    return out;
  }

  // Plain JSON values (a PyFloat becomes its number), for the schema and for a test to read.
  function plain(v) {
    if (v instanceof lib().PyFloat) return v.value;
    if (Array.isArray(v)) return v.map(plain);
    if (v && typeof v === "object") { var o = {}; Object.keys(v).forEach(function (k) { o[k] = plain(v[k]); }); return o; }
    return v;
  }

  // generate.bank_data: {data (with PyFloat where Python has a float), errors: the bank schema's, as lines}.
  function bankData(slug, annotations, texts, data) {
    var bank = { chapter: data.chapter, title: "Generated exercises for " + slug, source: slug, exercises: entries(slug, annotations, texts, data) };
    var errors = lib().validate(plain(bank), data.schema).map(function (e) { return "at " + lib().where(e) + ": " + e.message; });
    return { data: bank, errors: errors };
  }

  // yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100) after the header.
  function bankYaml(bank, header) { return lib().dumpYaml(bank, {}, header || "", { flowWords: false }); }

  // What each generated kind asks, for the count the page shows (the id says the kind: gen-<slug>-<kind>...).
  var KINDS = [["voices", "whose voice (tagging)"], ["cues", "find the reporting cues (span)"], ["stance", "the stance of a cue (choice)"],
               ["content", "what is reported (span)"], ["type", "how it is reported (choice)"], ["unattributed", "unattributed evaluations (multi)"]];
  function kindCounts(bank, prefix) {
    var start = (prefix + bank.source + "-").length;
    return KINDS.map(function (k) {
      var n = bank.exercises.filter(function (e) { return e.id.slice(start).split("-")[0] === k[0]; }).length;
      return { kind: k[0], label: k[1], count: n };
    }).filter(function (k) { return k.count; });
  }

  root.DLAnnotateTools = { evaluate: evaluate, evaluationReply: evaluationReply, entries: entries, bankData: bankData,
                           bankYaml: bankYaml, plain: plain, kindCounts: kindCounts, sha256: sha256, pyJson: pyJson,
                           repr: repr, overlap: overlap, round4: round4 };
})(typeof globalThis !== "undefined" ? globalThis : window);
