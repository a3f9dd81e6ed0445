/* Discourse Lab: the annotation widget on the static book, without a kernel.
 *
 * The widget itself is the anywidget ES module of the notebook (discourse_lab/annotate/widget.py);
 * this file only stands in for what the kernel does there. The book build (discourse_lab/book/
 * annotate_assets.py) adds it, the widget's CSS and dl-annotate-esm.js (the widget's module as a
 * string: a file:// page may not import a module file, but may import a blob: URL, as anywidget
 * itself does) to the pages that hold a <div class="dl-annotate">, whose JSON
 * (discourse_lab/annotate/static.py) carries the widget's traits as the kernel would have set them,
 * the schema and the key order of annotations.yml. Here:
 *  - LocalModel: model.get/set/save_changes/on/off/send over localStorage, keyed by page and slug
 *    (the exercises' habits: a store that cannot be read is kept aside, never emptied; a browser
 *    that cannot store says so; another tab's newer copy is kept before this tab writes);
 *  - validate(): the subset of JSON Schema 2020-12 that annotations.schema.json uses, with
 *    jsonschema's own messages, so the page says what the kernel would;
 *  - dumpYaml(): annotations.yml in the Python store's key order, read back by PyYAML as the same
 *    document (tests/test_annotate_static_js.py);
 *  - agreement(): the Compare button, the reader's annotation against the course's, as
 *    discourse_lab/annotate/agree.py compares two files (same figures, same difference lines);
 *  - reply(): the answers to Evaluate and Generate exercises, from annotate-tools.js when the page
 *    carries the toolkit's reading of its text (conf.tools), else the line saying they need a kernel;
 *  - the Download buttons (annotations.yml, and generated.yml once Generate has made it).
 * No network, no framework. Loaded as a classic script; it does nothing on a page without widget.
 */
(function (root) {
  "use strict";

  var PREFIX = "discourse-lab:annotations:v1:";
  var FORMAT = "discourse-lab-annotation-draft";

  function has(obj, k) { return Object.prototype.hasOwnProperty.call(obj, k); }
  function isObject(v) { return v !== null && typeof v === "object" && !Array.isArray(v); }
  function nowIso() { return new Date().toISOString(); }
  function chars(s) { return Array.from(s).length; }  // code points, as Python's len()

  // ------------------------------------------------------------------ Python's repr, for jsonschema's messages

  function pyStr(s) {
    var q = s.indexOf("'") >= 0 && s.indexOf('"') < 0 ? '"' : "'";
    var out = s.replace(/\\/g, "\\\\").replace(/\n/g, "\\n").replace(/\r/g, "\\r").replace(/\t/g, "\\t");
    if (q === "'") out = out.replace(/'/g, "\\'");
    return q + out + q;
  }

  function pyRepr(v) {
    if (v === null || v === undefined) return "None";
    if (v === true) return "True";
    if (v === false) return "False";
    if (typeof v === "string") return pyStr(v);
    if (typeof v === "number") return String(v);
    if (Array.isArray(v)) return "[" + v.map(pyRepr).join(", ") + "]";
    return "{" + Object.keys(v).map(function (k) { return pyStr(k) + ": " + pyRepr(v[k]); }).join(", ") + "}";
  }

  // ------------------------------------------------------------------ JSON Schema (the keywords our schemas use)

  var TYPES = {
    object: isObject,
    array: Array.isArray,
    string: function (v) { return typeof v === "string"; },
    integer: function (v) { return typeof v === "number" && Math.floor(v) === v; },
    number: function (v) { return typeof v === "number"; },
    boolean: function (v) { return typeof v === "boolean"; },
    "null": function (v) { return v === null; }
  };

  function equal(a, b) { return JSON.stringify(a) === JSON.stringify(b); }

  function resolve(rootSchema, ref) {
    if (ref.slice(0, 2) !== "#/") throw new Error("only local $ref are supported: " + ref);
    return ref.slice(2).split("/").reduce(function (node, part) { return node[part.replace(/~1/g, "/").replace(/~0/g, "~")]; }, rootSchema);
  }

  // Every error, as {path, message, keyword, value, instance} (value: the keyword's value, or for
  // "required" the missing name), in the order jsonschema's iter_errors gives them for the keywords
  // used here: each schema's keywords in their written order, depth first.
  function validate(instance, schema, rootSchema, path, out) {
    rootSchema = rootSchema || schema;
    path = path || [];
    out = out || [];
    function fail(kw, value, message) { out.push({ path: path.slice(), message: message, keyword: kw, value: value, instance: instance }); }
    Object.keys(schema).forEach(function (kw) {
      var v = schema[kw];
      if (kw === "$ref") validate(instance, resolve(rootSchema, v), rootSchema, path, out);
      else if (kw === "type") {
        var types = Array.isArray(v) ? v : [v];
        if (!types.some(function (t) { return TYPES[t](instance); })) fail(kw, v, pyRepr(instance) + " is not of type " + types.map(pyStr).join(", "));
      } else if (kw === "enum") {
        if (!v.some(function (e) { return equal(e, instance); })) fail(kw, v, pyRepr(instance) + " is not one of " + pyRepr(v));
      } else if (kw === "const") {
        if (!equal(v, instance)) fail(kw, v, pyRepr(v) + " was expected");
      } else if (kw === "required" && isObject(instance)) {
        v.forEach(function (name) { if (!has(instance, name)) fail(kw, name, pyStr(name) + " is a required property"); });
      } else if (kw === "properties" && isObject(instance)) {
        Object.keys(v).forEach(function (name) {
          if (has(instance, name)) validate(instance[name], v[name], rootSchema, path.concat([name]), out);
        });
      } else if (kw === "additionalProperties" && isObject(instance)) {
        var known = schema.properties || {};
        var extras = Object.keys(instance).filter(function (k) { return !has(known, k); }).sort();
        if (isObject(v)) extras.forEach(function (k) { validate(instance[k], v, rootSchema, path.concat([k]), out); });
        else if (v === false && extras.length) {
          fail(kw, v, "Additional properties are not allowed (" + extras.map(pyStr).join(", ") + (extras.length === 1 ? " was" : " were") + " unexpected)");
        }
      } else if (kw === "items" && Array.isArray(instance)) {
        instance.forEach(function (item, i) { validate(item, v, rootSchema, path.concat([i]), out); });
      } else if ((kw === "minLength" || kw === "maxLength") && typeof instance === "string") {
        var n = chars(instance);
        if (kw === "minLength" && n < v) fail(kw, v, pyRepr(instance) + (v === 1 ? " should be non-empty" : " is too short"));
        if (kw === "maxLength" && n > v) fail(kw, v, pyRepr(instance) + (v === 0 ? " is expected to be empty" : " is too long"));
      } else if ((kw === "minItems" || kw === "maxItems") && Array.isArray(instance)) {
        if (kw === "minItems" && instance.length < v) fail(kw, v, pyRepr(instance) + (v === 1 ? " should be non-empty" : " is too short"));
        if (kw === "maxItems" && instance.length > v) fail(kw, v, pyRepr(instance) + (v === 0 ? " is expected to be empty" : " is too long"));
      } else if (kw === "uniqueItems" && v && Array.isArray(instance)) {
        var seen = instance.map(function (x) { return JSON.stringify(x); });
        if (seen.some(function (x, i) { return seen.indexOf(x) !== i; })) fail(kw, v, pyRepr(instance) + " has non-unique elements");
      } else if (kw === "allOf") {
        v.forEach(function (sub) { validate(instance, sub, rootSchema, path, out); });
      } else if (kw === "anyOf") {
        if (!v.some(function (sub) { return !validate(instance, sub, rootSchema, path, []).length; })) fail(kw, v, pyRepr(instance) + " is not valid under any of the given schemas");
      } else if (kw === "not") {
        if (!validate(instance, v, rootSchema, path, []).length) fail(kw, v, pyRepr(instance) + " should not be valid under " + pyRepr(v));
      } else if (kw === "if") {
        var branch = validate(instance, v, rootSchema, path, []).length ? schema["else"] : schema.then;
        if (branch) validate(instance, branch, rootSchema, path, out);
      } else if ((kw === "minimum" || kw === "maximum" || kw === "exclusiveMinimum") && typeof instance === "number") {
        if (kw === "minimum" && instance < v) fail(kw, v, pyRepr(instance) + " is less than the minimum of " + pyRepr(v));
        if (kw === "maximum" && instance > v) fail(kw, v, pyRepr(instance) + " is greater than the maximum of " + pyRepr(v));
        if (kw === "exclusiveMinimum" && instance <= v) fail(kw, v, pyRepr(instance) + " is less than or equal to the minimum of " + pyRepr(v));
      } else if (kw === "pattern" && typeof instance === "string") {
        if (!new RegExp(v, "u").test(instance)) fail(kw, v, pyRepr(instance) + " does not match " + pyStr(v));
      }
    });
    return out;
  }

  // "at sentences/3/voice: ..." as discourse_lab.datafiles.validate words it.
  function where(error) { return error.path.length ? error.path.join("/") : "top level"; }

  // ------------------------------------------------------------------ YAML, as PyYAML writes it

  /* store.dump is yaml.dump(doc, sort_keys=False, allow_unicode=True, width=100, indent=2) with lists
   * of words in flow style. This is a port of the parts of PyYAML's Emitter that such a document
   * uses (scalar analysis and style choice, plain / single- / double-quoted writers with their line
   * folding, block and flow collections), so a file downloaded here and later saved by the kernel
   * differs only where the annotation does. */

  var WIDTH = 100, BREAKS = "\n\x85\u2028\u2029", SPACE_OR_BREAK = "\0 \t\r\n\x85\u2028\u2029";
  // PyYAML's implicit resolvers: a plain scalar matching one is not read back as a string.
  var RESOLVERS = [
    [/^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/, "yYnNtTfFoO"],
    [/^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/, "-+0123456789."],
    [/^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$/, "-+0123456789"],
    [/^(?:<<)$/, "<"],
    [/^(?:~|null|Null|NULL|)$/, "~nN"],
    [/^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$/, "0123456789"],
    [/^(?:=)$/, "="]
  ];
  var ESCAPES = { "\0": "0", "\x07": "a", "\x08": "b", "\t": "t", "\n": "n", "\x0B": "v", "\x0C": "f", "\r": "r",
                  "\x1B": "e", "\"": "\"", "\\": "\\", "\x85": "N", "\xA0": "_", "\u2028": "L", "\u2029": "P" };

  function plainIsString(text) {
    if (text === "") return false;  // the empty plain scalar is null
    return !RESOLVERS.some(function (r) { return r[1].indexOf(text[0]) >= 0 && r[0].test(text); });
  }

  function inRange(ch, lo, hi) { return ch >= lo && ch <= hi; }
  function cp(ch) { return ch.codePointAt(0); }
  function printableRaw(ch) {  // allowed unescaped with allow_unicode (analyze_scalar)
    var c = cp(ch);
    return (c === 0x85 || inRange(c, 0xA0, 0xD7FF) || inRange(c, 0xE000, 0xFFFD) || (c >= 0x10000 && c < 0x10FFFF)) && c !== 0xFEFF;
  }

  // PyYAML's analyze_scalar: which styles can write this string.
  function analyze(text) {
    var t = Array.from(text), n = t.length;
    if (!n) return { empty: true, multiline: false, flowPlain: false, blockPlain: true, single: true };
    var block = false, flow = false, lineBreaks = false, special = false;
    var leadingSpace = false, leadingBreak = false, trailingSpace = false, trailingBreak = false, breakSpace = false, spaceBreak = false;
    if (text.slice(0, 3) === "---" || text.slice(0, 3) === "...") block = flow = true;
    var precededByWs = true, followedByWs = n === 1 || SPACE_OR_BREAK.indexOf(t[1]) >= 0;
    var previousSpace = false, previousBreak = false;
    for (var i = 0; i < n; i++) {
      var ch = t[i];
      if (i === 0) {
        if ("#,[]{}&*!|>'\"%@`".indexOf(ch) >= 0) flow = block = true;
        if ("?:".indexOf(ch) >= 0) { flow = true; if (followedByWs) block = true; }
        if (ch === "-" && followedByWs) flow = block = true;
      } else {
        if (",?[]{}".indexOf(ch) >= 0) flow = true;
        if (ch === ":") { flow = true; if (followedByWs) block = true; }
        if (ch === "#" && precededByWs) flow = block = true;
      }
      if (BREAKS.indexOf(ch) >= 0) lineBreaks = true;
      if (!(ch === "\n" || inRange(cp(ch), 0x20, 0x7E)) && !printableRaw(ch)) special = true;
      if (ch === " ") {
        if (i === 0) leadingSpace = true;
        if (i === n - 1) trailingSpace = true;
        if (previousBreak) breakSpace = true;
        previousSpace = true; previousBreak = false;
      } else if (BREAKS.indexOf(ch) >= 0) {
        if (i === 0) leadingBreak = true;
        if (i === n - 1) trailingBreak = true;
        if (previousSpace) spaceBreak = true;
        previousSpace = false; previousBreak = true;
      } else { previousSpace = previousBreak = false; }
      precededByWs = SPACE_OR_BREAK.indexOf(ch) >= 0;
      followedByWs = i + 2 >= n || SPACE_OR_BREAK.indexOf(t[i + 2]) >= 0;
    }
    var flowPlain = true, blockPlain = true, single = true;
    if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) flowPlain = blockPlain = false;
    if (breakSpace) flowPlain = blockPlain = single = false;
    if (spaceBreak || special) flowPlain = blockPlain = single = false;
    if (lineBreaks) flowPlain = blockPlain = false;
    if (flow) flowPlain = false;
    if (block) blockPlain = false;
    return { empty: false, multiline: lineBreaks, flowPlain: flowPlain, blockPlain: blockPlain, single: single };
  }

  /* A number Python holds as a float (the generated bank's points: len(sentences) / 4), written as
   * PyYAML writes a float: repr(), with ".0" where repr has no point ("3.0", "1.0e+16"). */
  function PyFloat(value) { this.value = value; }

  // repr() of a Python float (asInt: of a Python int), from the same shortest digits JavaScript gives.
  function pyFloat(v, asInt) {
    if (!isFinite(v)) throw new Error("cannot write " + v);
    if (asInt) return String(v);
    var a = Math.abs(v);
    if (a !== 0 && (a < 1e-4 || a >= 1e16)) {
      var m = v.toExponential().split("e"), e = Number(m[1]);
      return m[0] + "e" + (e < 0 ? "-" : "+") + (Math.abs(e) < 10 ? "0" : "") + Math.abs(e);
    }
    return Number.isInteger(v) ? v.toFixed(1) : String(v);
  }
  function yamlFloat(v) {
    var text = pyFloat(v, false).toLowerCase();
    return text.indexOf(".") < 0 && text.indexOf("e") >= 0 ? text.replace("e", ".0e") : text;
  }

  function Writer() { this.out = []; this.column = 0; this.whitespace = true; this.indention = true; this.flowWords = true; }
  Writer.prototype.write = function (data) { this.out.push(data); this.column += chars(data); };
  Writer.prototype.lineBreak = function (data) { this.whitespace = true; this.indention = true; this.out.push(data || "\n"); this.column = 0; };
  Writer.prototype.indicator = function (ind, needWs, ws, indention) {
    var data = this.whitespace || !needWs ? ind : " " + ind;
    this.whitespace = !!ws;
    this.indention = this.indention && !!indention;
    this.write(data);
  };
  Writer.prototype.indent = function (indent) {
    if (!this.indention || this.column > indent || (this.column === indent && !this.whitespace)) this.lineBreak();
    if (this.column < indent) { this.whitespace = true; this.write(new Array(indent - this.column + 1).join(" ")); }
  };

  function writeBreaks(w, t, start, end, indent) {
    if (t[start] === "\n") w.lineBreak();
    for (var b = start; b < end; b++) w.lineBreak(t[b] === "\n" ? "\n" : t[b]);
    w.indent(indent);
  }

  function writePlain(w, text, split, indent) {
    if (!text) return;
    if (!w.whitespace) w.write(" ");
    w.whitespace = false; w.indention = false;
    var t = Array.from(text), spaces = false, breaks = false, start = 0;
    for (var end = 0; end <= t.length; end++) {
      var ch = end < t.length ? t[end] : null;
      if (spaces) {
        if (ch !== " ") {
          if (start + 1 === end && w.column > WIDTH && split) { w.indent(indent); w.whitespace = false; w.indention = false; }
          else w.write(t.slice(start, end).join(""));
          start = end;
        }
      } else if (breaks) {
        if (ch === null || BREAKS.indexOf(ch) < 0) { writeBreaks(w, t, start, end, indent); w.whitespace = false; w.indention = false; start = end; }
      } else if (ch === null || (" " + BREAKS).indexOf(ch) >= 0) {
        w.write(t.slice(start, end).join(""));
        start = end;
      }
      if (ch !== null) { spaces = ch === " "; breaks = BREAKS.indexOf(ch) >= 0; }
    }
  }

  function writeSingle(w, text, split, indent) {
    w.indicator("'", true);
    var t = Array.from(text), spaces = false, breaks = false, start = 0;
    for (var end = 0; end <= t.length; end++) {
      var ch = end < t.length ? t[end] : null;
      if (spaces) {
        if (ch === null || ch !== " ") {
          if (start + 1 === end && w.column > WIDTH && split && start !== 0 && end !== t.length) w.indent(indent);
          else w.write(t.slice(start, end).join(""));
          start = end;
        }
      } else if (breaks) {
        if (ch === null || BREAKS.indexOf(ch) < 0) { writeBreaks(w, t, start, end, indent); start = end; }
      } else if (ch === null || (" " + BREAKS).indexOf(ch) >= 0 || ch === "'") {
        if (start < end) { w.write(t.slice(start, end).join("")); start = end; }
      }
      if (ch === "'") { w.write("''"); start = end + 1; }
      if (ch !== null) { spaces = ch === " "; breaks = BREAKS.indexOf(ch) >= 0; }
    }
    w.indicator("'", false);
  }

  function hex(c, digits) { return ("00000000" + c.toString(16).toUpperCase()).slice(-digits); }

  function writeDouble(w, text, split, indent) {
    w.indicator('"', true);
    var t = Array.from(text), start = 0;
    for (var end = 0; end <= t.length; end++) {
      var ch = end < t.length ? t[end] : null;
      if (ch === null || '"\\\x85\u2028\u2029\uFEFF'.indexOf(ch) >= 0 ||
          !(inRange(cp(ch), 0x20, 0x7E) || inRange(cp(ch), 0xA0, 0xD7FF) || inRange(cp(ch), 0xE000, 0xFFFD))) {
        if (start < end) { w.write(t.slice(start, end).join("")); start = end; }
        if (ch !== null) {
          var c = cp(ch);
          w.write(has(ESCAPES, ch) ? "\\" + ESCAPES[ch] : c <= 0xFF ? "\\x" + hex(c, 2) : c <= 0xFFFF ? "\\u" + hex(c, 4) : "\\U" + hex(c, 8));
          start = end + 1;
        }
      }
      if (end > 0 && end < t.length - 1 && (ch === " " || start >= end) && w.column + (end - start) > WIDTH && split) {
        var data = t.slice(start, end).join("") + "\\";
        if (start < end) start = end;
        w.write(data);
        w.indent(indent);
        w.whitespace = false; w.indention = false;
        if (t[start] === " ") w.write("\\");
      }
    }
    w.indicator('"', false);
  }

  // A scalar (choose_scalar_style, then the writer); simpleKey: a mapping key (never folded).
  function writeScalar(w, v, indent, flowLevel, simpleKey) {
    if (v === null || v === undefined) { writePlain(w, "null", !simpleKey, indent); return; }
    if (typeof v === "boolean") { writePlain(w, String(v), !simpleKey, indent); return; }
    if (v instanceof PyFloat) { writePlain(w, yamlFloat(v.value), !simpleKey, indent); return; }
    if (typeof v === "number") {
      if (!isFinite(v)) throw new Error("cannot write " + v + " to annotations.yml");
      writePlain(w, String(v), !simpleKey, indent);
      return;
    }
    var text = String(v), a = analyze(text), split = !simpleKey;
    if (plainIsString(text) && !(simpleKey && (a.empty || a.multiline)) && (flowLevel ? a.flowPlain : a.blockPlain)) writePlain(w, text, split, indent);
    else if (a.single && !(simpleKey && a.multiline)) writeSingle(w, text, split, indent);
    else writeDouble(w, text, split, indent);
  }

  function isScalar(v) { return v === null || typeof v !== "object" || v instanceof PyFloat; }

  // order: {"": [top-level keys], "sentences.*": [...], "sentences.*.framing": [...]}: paths with
  // "*" for list items. Keys not named come after the named ones, as they came.
  function orderedKeys(obj, order, path) {
    var named = (order && order[path]) || [];
    var keys = named.filter(function (k) { return has(obj, k); });
    return keys.concat(Object.keys(obj).filter(function (k) { return named.indexOf(k) < 0; }));
  }

  // As store.dump: a list of words without spaces inline ([conflict, economic]), any other list as a block.
  function flowList(v) { return v.every(function (x) { return typeof x === "string" && x.indexOf(" ") < 0; }); }

  // One node; indent is PyYAML's current indent (null at the root), inMapping its mapping_context.
  function writeNode(w, v, indent, order, path, inMapping, flowLevel) {
    var scalarIndent = indent === null ? 2 : indent + 2;
    if (isScalar(v)) { writeScalar(w, v, scalarIndent, flowLevel, false); return; }
    if (Array.isArray(v) && (flowLevel || !v.length || (w.flowWords && flowList(v)))) {
      w.indicator("[", true, true);
      v.forEach(function (item, i) {
        if (i) w.indicator(",", false);
        if (w.column > WIDTH) w.indent(scalarIndent);
        writeNode(w, item, scalarIndent, order, path + ".*", false, flowLevel + 1);
      });
      w.indicator("]", false);
      return;
    }
    if (isObject(v) && (flowLevel || !Object.keys(v).length)) {
      w.indicator("{", true, true);
      Object.keys(v).forEach(function (k, i) {
        if (i) w.indicator(",", false);
        if (w.column > WIDTH) w.indent(scalarIndent);
        writeScalar(w, k, scalarIndent, flowLevel + 1, true);
        w.indicator(":", false);
        writeNode(w, v[k], scalarIndent, order, path + "." + k, true, flowLevel + 1);
      });
      w.indicator("}", false);
      return;
    }
    if (Array.isArray(v)) {
      var indentless = inMapping && !w.indention;
      var seqIndent = indent === null ? 0 : indentless ? indent : indent + 2;
      v.forEach(function (item) {
        w.indent(seqIndent);
        w.indicator("-", true, false, true);
        writeNode(w, item, seqIndent, order, path + ".*", false, 0);
      });
      return;
    }
    var mapIndent = indent === null ? 0 : indent + 2;
    orderedKeys(v, order, path).forEach(function (k) {
      w.indent(mapIndent);
      writeScalar(w, k, mapIndent + 2, 0, true);
      w.indicator(":", false);
      writeNode(w, v[k], mapIndent, order, path ? path + "." + k : k, true, 0);
    });
  }

  // The document as the text of annotations.yml: the header's comment lines, then the YAML.
  // opts.flowWords false: every non-empty list in block style, as yaml.safe_dump (the generated bank).
  function dumpYaml(doc, order, header, opts) {
    if (!isObject(doc)) throw new Error("the annotation is not a mapping");
    var w = new Writer();
    if (opts && opts.flowWords === false) w.flowWords = false;
    writeNode(w, doc, null, order || {}, "", false, 0);
    w.lineBreak();
    return (header || "") + w.out.join("");
  }

  // ------------------------------------------------------------------ the kernel's part (mirror of annotate/store.py)

  /* What Python does with an edit (discourse_lab/annotate/store.py and widget.py): canonical() puts the
   * document in the file's form, problems() says per sentence what the schema and the text find wrong,
   * in the same words. tests/test_annotate_static_js.py checks both against Python on the same input.
   * conf.keys holds the store's key orders, conf.schema the schema, conf.state.article the text. */

  function blank(v) { return v === null || v === undefined || (typeof v === "string" && !v.trim()); }
  function listOf(v) { return Array.isArray(v) ? v : []; }

  function canonItem(keys, kind, item) {
    if (!isObject(item)) return null;
    var order = keys.items[kind], out = {};
    order.forEach(function (key) {
      var value = item[key];
      if (keys.nullable.indexOf(kind + "." + key) >= 0 && has(item, key) && value === null) out[key] = null;
      else if (!blank(value)) out[key] = typeof value === "string" && key === "rationale" ? value.trim() : value;
    });
    Object.keys(item).forEach(function (k) { if (order.indexOf(k) < 0 && !blank(item[k])) out[k] = item[k]; });
    return Object.keys(out).length ? out : null;
  }

  function canonSentence(keys, entry) {
    if (!isObject(entry) || !entry.id) return null;
    var out = { id: entry.id };
    ["voice", "rationale"].forEach(function (key) {
      if (!blank(entry[key])) out[key] = key === "rationale" ? entry[key].trim() : entry[key];
    });
    function items(kind) { return listOf(entry[kind]).map(function (i) { return canonItem(keys, kind, i); }).filter(Boolean); }
    keys.lists.forEach(function (kind) { out[kind] = items(kind); });
    var framing = isObject(entry.framing) ? entry.framing : {};
    out.framing = { functions: listOf(framing.functions).slice(), frames: listOf(framing.frames).slice() };
    if (!blank(framing.rationale)) out.framing.rationale = framing.rationale.trim();
    var ordered = {};
    keys.sentence.forEach(function (k) { if (has(out, k)) ordered[k] = out[k]; });
    var quotes = items("scare_quotes");
    if (quotes.length) ordered.scare_quotes = quotes;
    Object.keys(entry).forEach(function (k) { if (keys.sentence.indexOf(k) < 0) ordered[k] = entry[k]; });
    var empty = Object.keys(ordered).length === keys.sentence.length - 3 && !keys.lists.some(function (k) { return ordered[k].length; });
    if (empty && !ordered.framing.functions.length && !ordered.framing.frames.length && !has(ordered.framing, "rationale")) return null;
    return ordered;
  }

  function sentenceOrder(article) {
    var ids = [];
    listOf(article && article.paragraphs).forEach(function (p) { listOf(p.sentences).forEach(function (s) { ids.push(s.id); }); });
    return ids;
  }

  function canonical(doc, keys, order) {
    var place = {};
    order.forEach(function (sid, n) { place[sid] = n; });
    var last = order.length;
    var kept = listOf(doc.sentences).map(function (e) { return canonSentence(keys, e); }).filter(Boolean);
    kept.sort(function (a, b) { return (has(place, a.id) ? place[a.id] : last) - (has(place, b.id) ? place[b.id] : last); });
    var out = { source: doc.source || "", annotator: doc.annotator || "", guidelines: doc.guidelines || keys.default_guidelines,
                sentences: kept };
    Object.keys(doc).forEach(function (k) { if (keys.top.indexOf(k) < 0) out[k] = doc[k]; });
    return out;
  }

  // store._friendly: a schema error as a short line a student can act on.
  function friendly(e) {
    if (e.keyword === "required") return e.value + " is missing";
    if (e.keyword === "minLength") return "is too short (write at least a few words)";
    if (e.keyword === "enum") return pyRepr(e.instance) + " is not one of " + e.value.map(pyText).join(", ");
    return e.message;
  }
  function pyText(v) { return typeof v === "string" ? v : pyRepr(v); }  // Python's str()

  function comparePaths(a, b) {
    for (var i = 0; i < Math.min(a.length, b.length); i++) {
      var x = String(a[i]), y = String(b[i]);
      if (x !== y) return x < y ? -1 : 1;
    }
    return a.length - b.length;
  }

  function problems(doc, article, schema) {
    var out = {}, sentences = listOf(doc.sentences);
    function add(sid, line) { (out[sid] = out[sid] || []).push(line); }
    var errors = validate(doc, schema).map(function (e, n) { e.n = n; return e; });
    errors.sort(function (a, b) { return comparePaths(a.path, b.path) || a.n - b.n; });
    errors.forEach(function (e) {
      var path = e.path;
      if (path.length >= 2 && path[0] === "sentences" && typeof path[1] === "number" && path[1] < sentences.length) {
        var sid = has(sentences[path[1]], "id") ? sentences[path[1]].id : "?";
        var place = path.slice(2).map(function (p) { return typeof p === "number" ? String(p + 1) : String(p).replace(/_/g, " "); }).join(" ");
        add(sid, place ? place + ": " + friendly(e) : friendly(e));
      } else if (path.length === 1 && path[0] === "sentences" && e.keyword === "minItems") {
        add("document", "no sentence is annotated yet");
      } else {
        add("document", (path.length ? path.join("/") : "the file") + ": " + friendly(e));
      }
    });
    var texts = {};
    listOf(article && article.paragraphs).forEach(function (p) { listOf(p.sentences).forEach(function (s) { texts[s.id] = s.text; }); });
    sentences.forEach(function (entry) {
      var sid = entry.id;
      if (!has(texts, sid)) { add(sid, "is not a sentence of article.txt"); return; }
      ["attributions", "cues", "naming", "bias_cues", "scare_quotes"].forEach(function (kind) {
        listOf(entry[kind]).forEach(function (item, n) {
          ["text", "cue", "content", "source_span"].forEach(function (key) {
            var span = item[key];
            if (typeof span === "string" && span && texts[sid].indexOf(span) < 0) {
              add(sid, kind.replace(/_/g, " ") + " " + (n + 1) + " " + key + ": \u201c" + span + "\u201d is not in the sentence");
            }
          });
        });
      });
    });
    return out;
  }

  function annotatedStatus(conf, doc, state, revision, savedAt) {
    return { state: state, message: "", revision: revision, digest: conf.fingerprint, path: conf.state.article.path,
             saved_at: savedAt, annotated: listOf(doc.sentences).length, total: sentenceOrder(conf.state.article).length };
  }

  // The replies the kernel would send. With the toolkit's reading on the page (conf.tools) the two
  // buttons run here (annotate-tools.js); without it they say what to do instead.
  function reply(conf, content, doc) {
    var type = content && content.type, tools = root.DLAnnotateTools;
    if (type !== "evaluate" && type !== "generate") return null;
    var failed = type === "evaluate" ? { scores: [], errors: [] } : { path: "", bank: "", count: 0 };
    function no(message) { return Object.assign({ type: type, ok: false, message: message }, failed); }
    if (!conf.tools || !tools) return no(conf.kernel_note);
    var verb = type === "evaluate" ? "Not evaluated: " : "Not generated: ";
    if (!listOf(doc.sentences).length) return no(verb + "annotate a sentence first: nothing is annotated yet");
    var errors = validate(doc, conf.schema);
    if (errors.length) {
      var lines = 0, probs = problems(doc, conf.state.article, conf.schema);
      Object.keys(probs).forEach(function (k) { lines += probs[k].length; });
      return no(verb + "fix the problems first (" + lines + " listed beside the sentences; the first: at " + where(errors[0]) + ": " + errors[0].message + ")");
    }
    if (type === "evaluate") {
      return Object.assign({ type: type }, tools.evaluationReply(tools.evaluate(conf.tools.toolkit, doc), doc.sentences.length));
    }
    var texts = {}, gen = conf.tools.generate;
    listOf(conf.state.article.paragraphs).forEach(function (p) { listOf(p.sentences).forEach(function (s) { texts[s.id] = s.text; }); });
    var made;
    try { made = tools.bankData(conf.slug, doc, texts, gen); } catch (e) { return no(verb + e.message); }
    if (made.errors.length) return no(verb + "the bank does not validate (" + made.errors[0] + ")");
    var count = made.data.exercises.length, kinds = tools.kindCounts(made.data, gen.prefix);
    return { type: type, ok: true, path: "", bank: "", count: count, kinds: kinds,
             file: tools.bankYaml(made.data, conf.bank_header),
             message: count + " exercise" + (count === 1 ? "" : "s") + " generated from your annotation: " +
               kinds.map(function (k) { return k.count + " " + k.label; }).join(", ") + ". Download " + gen.filename +
               " below: the file the notebook's Generate writes to bank/" + gen.filename + "." };
  }

  // ------------------------------------------------------------------ agreement with the course's annotation

  /* A port of discourse_lab/annotate/agree.py's compare(): the reader's annotation (A) against the
   * course's (B) of the same text, with the same figures (voice agreement and Cohen's kappa;
   * relations matched on the cue, pairwise F1, source and content exact/overlap, type; cues and
   * their stance) and the same disagreement lines, by sentence id. tests/test_annotate_static_js.py
   * checks it against Python on the same pairs. */

  function round4(x) { return Math.round(x * 10000) / 10000; }
  function share(agreed, total) { return total === 0 ? null : round4(agreed / total); }

  function kappa(pairs) {
    if (!pairs.length) return null;
    var n = pairs.length, observed = 0, first = {}, second = {};
    pairs.forEach(function (p) {
      if (p[0] === p[1]) observed += 1;
      first[p[0]] = (first[p[0]] || 0) + 1;
      second[p[1]] = (second[p[1]] || 0) + 1;
    });
    observed /= n;
    var expected = 0;
    Object.keys(first).forEach(function (label) { expected += first[label] * (second[label] || 0); });
    expected /= n * n;
    if (expected === 1) return null;
    return round4((observed - expected) / (1 - expected));
  }

  function labelDict(pairs) {
    var agreed = pairs.filter(function (p) { return p[0] === p[1]; }).length;
    return { units: pairs.length, agreed: agreed, agreement: share(agreed, pairs.length), kappa: kappa(pairs) };
  }

  function SpanScore() { this.in_a = 0; this.in_b = 0; this.matched = 0; this.exact = {}; this.overlap = {}; this.labels = {}; this.order = []; }
  SpanScore.prototype.count = function (table, name, yes) { table[name] = (table[name] || 0) + (yes ? 1 : 0); };
  SpanScore.prototype.label = function (name) {
    if (!has(this.labels, name)) { this.labels[name] = []; this.order.push(name); }
    return this.labels[name];
  };
  SpanScore.prototype.toDict = function () {
    var total = this.in_a + this.in_b, self = this;
    var out = { in_a: this.in_a, in_b: this.in_b, matched: this.matched, f1: total === 0 ? null : round4(2 * this.matched / total) };
    Object.keys(Object.assign({}, this.exact, this.overlap)).sort().forEach(function (name) {
      out[name] = { exact: self.exact[name] || 0, exact_share: share(self.exact[name] || 0, self.matched),
                    overlap: self.overlap[name] || 0, overlap_share: share(self.overlap[name] || 0, self.matched) };
    });
    this.order.forEach(function (name) { out[name] = labelDict(self.labels[name]); });
    return out;
  };

  function occurrences(sentence, span) {
    var out = [], at = sentence.indexOf(span);
    while (at >= 0) { out.push([at, at + span.length]); at = sentence.indexOf(span, at + 1); }
    return out;
  }
  function overlapOf(a, b) { return a && b ? Math.max(0, Math.min(a[1], b[1]) - Math.max(a[0], b[0])) : 0; }
  function gap(a, b) { return Math.max(0, Math.max(a[0], b[0]) - Math.min(a[1], b[1])); }
  function sameRange(a, b) { return a === b || (!!a && !!b && a[0] === b[0] && a[1] === b[1]); }

  // agree.locate: where a span is; of several, the one nearest `near` but outside it.
  function locate(sentence, span, near) {
    if (!span) return null;
    var found = occurrences(sentence, span);
    if (!found.length || !near) return found.length ? found[0] : null;
    var key = function (r) { return [overlapOf(r, near) > 0 ? 1 : 0, gap(r, near), r[0]]; };
    return found.reduce(function (best, r) { return compareTuples(key(r), key(best)) < 0 ? r : best; });
  }

  function compareTuples(a, b) {
    for (var i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
    return 0;
  }

  function relationsOf(entry, sentence) {
    return listOf(entry.attributions).map(function (raw) {
      var content = locate(sentence, raw.content, null);
      var cue = locate(sentence, raw.cue, content);
      var source = locate(sentence, raw.source_span || raw.source, cue || content);
      var stance = null;
      listOf(entry.cues).some(function (c) {
        if (overlapOf(locate(sentence, c.text, content), cue)) { stance = c.stance; return true; }
        return false;
      });
      return { raw: raw, cue: cue, source: source, content: content, stance: stance };
    });
  }

  function describeRelation(r) { return pyRepr(r.raw.source) + " / " + pyRepr(r.raw.cue) + " / " + r.raw.type + ": " + r.raw.content; }

  // agree._pair: one-to-one pairs, the best score first, equal scores in text order.
  function pairUp(as, bs, score) {
    var candidates = [];
    as.forEach(function (x, i) { bs.forEach(function (y, j) { var s = score(x, y); if (s !== null) candidates.push([s, i, j]); }); });
    candidates.sort(function (p, q) { return compareTuples([].concat(q[0]), [].concat(p[0])) || p[1] - q[1] || p[2] - q[2]; });
    var usedA = {}, usedB = {}, pairs = [];
    candidates.forEach(function (c) {
      if (!usedA[c[1]] && !usedB[c[2]]) { usedA[c[1]] = usedB[c[2]] = true; pairs.push([as[c[1]], bs[c[2]]]); }
    });
    return pairs;
  }

  function relationScore(x, y) {
    if (x.raw.cue === null && y.raw.cue === null) {
      var shared = overlapOf(x.content, y.content);
      return shared ? [0, shared] : null;
    }
    var cue = overlapOf(x.cue, y.cue);
    return cue ? [cue, overlapOf(x.content, y.content)] : null;
  }

  function sameSourceName(a, b) {
    if (a === null || a === undefined || b === null || b === undefined) { var same = a === b; return [same, same]; }
    var wa = a.toLowerCase().split(/\s+/).filter(Boolean), wb = b.toLowerCase().split(/\s+/).filter(Boolean);
    return [a.trim().toLowerCase() === b.trim().toLowerCase(), wa.some(function (w) { return wb.indexOf(w) >= 0; })];
  }

  function compareRelations(sid, relA, relB, score, differ) {
    score.in_a += relA.length;
    score.in_b += relB.length;
    var pairs = pairUp(relA, relB, relationScore);
    score.matched += pairs.length;
    pairs.forEach(function (p) {
      var x = p[0], y = p[1], cue = pyStr(x.raw.cue || "(no cue)");
      ["source", "content"].forEach(function (name) {
        var ra = x[name], rb = y[name], exact, overlap;
        if (name === "source" && (!ra || !rb)) { var s = sameSourceName(x.raw.source, y.raw.source); exact = s[0]; overlap = s[1]; }
        else { exact = sameRange(ra, rb); overlap = overlapOf(ra, rb) > 0; }
        score.count(score.exact, name, exact);
        score.count(score.overlap, name, overlap);
        if (!exact) {
          var span = name === "source" ? "source_span" : "content";
          differ(sid, "relation " + cue + ": " + name + (overlap ? "" : " (no overlap)"), x.raw[span] || x.raw[name], y.raw[span] || y.raw[name]);
        }
      });
      score.label("type").push([x.raw.type, y.raw.type]);
      if (x.raw.type !== y.raw.type) differ(sid, "relation " + cue + ": type", x.raw.type, y.raw.type);
      if (x.stance !== null && y.stance !== null) score.label("stance").push([x.stance, y.stance]);
    });
    var inPairs = function (r, k) { return pairs.some(function (p) { return p[k] === r; }); };
    relA.forEach(function (x) { if (!inPairs(x, 0)) differ(sid, "relation", describeRelation(x), null); });
    relB.forEach(function (y) { if (!inPairs(y, 1)) differ(sid, "relation", null, describeRelation(y)); });
  }

  function compareCues(sid, ea, eb, sentence, score, differ) {
    var spans = function (entry) { return listOf(entry.cues).map(function (c) { return [c, locate(sentence, c.text, null)]; }); };
    var cuesA = spans(ea), cuesB = spans(eb);
    score.in_a += cuesA.length;
    score.in_b += cuesB.length;
    var pairs = pairUp(cuesA, cuesB, function (x, y) { return overlapOf(x[1], y[1]) || null; });
    score.matched += pairs.length;
    pairs.forEach(function (p) {
      var ca = p[0][0], ra = p[0][1], cb = p[1][0], rb = p[1][1];
      score.count(score.exact, "text", sameRange(ra, rb));
      score.count(score.overlap, "text", true);
      if (!sameRange(ra, rb)) differ(sid, "cue text", ca.text, cb.text);
      score.label("stance").push([ca.stance, cb.stance]);
      if (ca.stance !== cb.stance) differ(sid, "cue " + pyStr(ca.text) + ": stance", ca.stance, cb.stance);
    });
    cuesA.forEach(function (x) { if (!pairs.some(function (p) { return p[0] === x; })) differ(sid, "cue", x[0].text, null); });
    cuesB.forEach(function (y) { if (!pairs.some(function (p) { return p[1] === y; })) differ(sid, "cue", null, y[0].text); });
  }

  // agree.compare(...).to_dict() without the file names: {sentences, voice, relations, cues, disagreements}.
  function agreement(docA, docB, article) {
    var texts = {}, byA = {}, byB = {}, voice = [], relations = new SpanScore(), cues = new SpanScore(), disagreements = [];
    listOf(article && article.paragraphs).forEach(function (p) { listOf(p.sentences).forEach(function (s) { texts[s.id] = s.text; }); });
    listOf(docA.sentences).forEach(function (s) { byA[s.id] = s; });
    listOf(docB.sentences).forEach(function (s) { byB[s.id] = s; });
    function differ(sid, what, a, b) { disagreements.push({ sentence: sid, field: what, a: a === undefined ? null : a, b: b === undefined ? null : b }); }
    sentenceOrder(article).forEach(function (sid) {
      var ea = byA[sid], eb = byB[sid];
      if (!ea || !eb) {
        if (ea || eb) differ(sid, "sentence", ea ? "annotated" : null, eb ? "annotated" : null);
        return;
      }
      voice.push([ea.voice, eb.voice]);
      if (ea.voice !== eb.voice) differ(sid, "voice", ea.voice, eb.voice);
      compareRelations(sid, relationsOf(ea, texts[sid]), relationsOf(eb, texts[sid]), relations, differ);
      compareCues(sid, ea, eb, texts[sid], cues, differ);
    });
    return { sentences: voice.length, voice: labelDict(voice), relations: relations.toDict(), cues: cues.toDict(), disagreements: disagreements };
  }

  // ------------------------------------------------------------------ the browser's store

  function storageKey(page, slug) { return PREFIX + page + ":" + slug; }

  // {record} or {record: null} when nothing is kept, {unavailable: true} when the browser refuses,
  // {notice} when what was kept could not be read (it is set aside under a :corrupt: key first).
  function readRecord(key) {
    var raw;
    try { raw = root.localStorage.getItem(key); } catch (e) { return { record: null, unavailable: true }; }
    if (!raw) return { record: null };
    try {
      var data = JSON.parse(raw);
      if (data && data.format === FORMAT && isObject(data.traits)) return { record: data };
    } catch (e) { /* set aside below */ }
    try { root.localStorage.setItem(key + ":corrupt:" + nowIso(), raw); } catch (e) { /* the original stays */ }
    return { record: null, notice: "Your saved annotation in this browser could not be read; a copy was kept and a new one started." };
  }

  function writeRecord(key, record) {
    try { root.localStorage.setItem(key, JSON.stringify(record)); return true; } catch (e) { return false; }
  }

  // ------------------------------------------------------------------ the model the widget talks to

  /* What anywidget gives render(): get, set, save_changes, on, off, send. The traits start as the
   * build computed them (conf.state). An edit is answered as Python answers it (canonical document,
   * problems, status), a moment later as a kernel's reply would come; the traits named in
   * conf.persist are kept in localStorage at every save_changes() and come back on reload. */
  function LocalModel(conf) {
    this.conf = conf;
    this.key = storageKey(conf.page, conf.slug);
    this.state = JSON.parse(JSON.stringify(conf.state));
    this.pending = {};
    this.listeners = {};
    this.revision = 0;
    this.notices = [];
    this.saved = null;    // ISO time of the last successful save in this browser
    this.storable = true;
    this.order = sentenceOrder(conf.state.article);
    var read = readRecord(this.key);
    if (read.unavailable) {
      this.storable = false;
      this.notices.push("This browser does not let the page store data, so your annotation will not be kept after a reload: download it before you leave.");
    }
    if (read.notice) this.notices.push(read.notice);
    var rec = read.record;
    if (rec && rec.fingerprint !== conf.fingerprint) {
      // The example changed since: keep the earlier work aside, offer its file, start on the new text.
      this.earlier = rec;
      try { root.localStorage.setItem(this.key + ":earlier:" + (rec.saved || nowIso()), JSON.stringify(rec)); } catch (e) { /* kept in memory */ }
      this.notices.push("The example has changed since you last annotated it, so your earlier annotation is not shown; it is kept in this browser and its file can be downloaded below.");
      rec = null;
    }
    if (rec) {
      var self = this;
      conf.persist.forEach(function (name) { if (has(rec.traits, name)) self.state[name] = rec.traits[name]; });
      this.revision = rec.revision || 0;
      this.saved = rec.saved || null;
    }
    var doc = this.state.annotations;
    this.state.problems = problems(doc, conf.state.article, conf.schema);
    this.state.status = annotatedStatus(conf, doc, "loaded", 0, this.saved);
    this.widget_manager = { kernel: null };  // no kernel behind this model
  }

  LocalModel.prototype.get = function (name) { return this.state[name]; };

  LocalModel.prototype.set = function (name, value) {
    if (isObject(name)) {
      var self = this;
      Object.keys(name).forEach(function (k) { self.set(k, name[k]); });
      return;
    }
    if (equal(this.state[name], value)) return;
    this.state[name] = value;
    this.pending[name] = true;
    this.emit("change:" + name, [this, value]);
    this.emit("change", [this]);
  };

  // The kernel's answer to an edit: the document in the file's form, its problems, the status.
  LocalModel.prototype.answer = function (names) {
    var conf = this.conf, changes = {};
    if (names.indexOf("edit") >= 0 && isObject(this.state.edit) && isObject(this.state.edit.annotations)) {
      var doc = canonical(this.state.edit.annotations, conf.keys, this.order);
      var changed = !equal(doc, this.state.annotations);
      var stamp = changed || !this.state.status.saved_at ? nowIso().slice(0, 19) + "Z" : this.state.status.saved_at;
      changes.annotations = doc;
      changes.problems = problems(doc, conf.state.article, conf.schema);
      changes.status = annotatedStatus(conf, doc, "saved", Number(this.state.edit.revision) || 0, stamp);
    }
    return changes;
  };

  LocalModel.prototype.save_changes = function () {
    var names = Object.keys(this.pending);
    if (!names.length) return;
    this.pending = {};
    var changes = this.answer(names), self = this;
    Object.keys(changes).forEach(function (k) { self.state[k] = changes[k]; });
    var ok = this.persist();
    if (changes.status && !ok) {
      changes.status = Object.assign({}, changes.status, { state: "error",
        message: "Could NOT be kept in this browser (it refuses to store data): download annotations.yml now to keep your work." });
      this.state.status = changes.status;
    }
    setTimeout(function () {
      Object.keys(changes).forEach(function (k) { self.emit("change:" + k, [self, changes[k]]); });
      if (Object.keys(changes).length) self.emit("change", [self]);
      self.emit("dl:saved", [ok]);
    }, 0);
  };

  LocalModel.prototype.persist = function () {
    // A newer copy written by another tab of this page is kept aside, not overwritten unseen.
    var other = readRecord(this.key).record;
    if (other && (other.revision || 0) > this.revision) {
      try { root.localStorage.setItem(this.key + ":other-tab:" + (other.saved || nowIso()), JSON.stringify(other)); } catch (e) { /* best effort */ }
    }
    this.revision = Math.max(this.revision, other ? other.revision || 0 : 0) + 1;
    var traits = {}, self = this, stamp = nowIso();
    this.conf.persist.forEach(function (name) { traits[name] = self.state[name]; });
    var record = { format: FORMAT, format_version: 1, page: this.conf.page, slug: this.conf.slug,
                   fingerprint: this.conf.fingerprint, revision: this.revision, saved: stamp, traits: traits };
    var ok = this.storable && writeRecord(this.key, record);
    if (ok) this.saved = stamp;
    return ok;
  };

  LocalModel.prototype.on = function (event, callback) {
    String(event).split(/\s+/).forEach(function (ev) { (this.listeners[ev] = this.listeners[ev] || []).push(callback); }, this);
  };

  LocalModel.prototype.off = function (event, callback) {
    if (!event) { this.listeners = {}; return; }
    String(event).split(/\s+/).forEach(function (ev) {
      if (!callback) delete this.listeners[ev];
      else this.listeners[ev] = (this.listeners[ev] || []).filter(function (cb) { return cb !== callback; });
    }, this);
  };

  LocalModel.prototype.emit = function (event, args) {
    (this.listeners[event] || []).slice().forEach(function (cb) {
      try { cb.apply(null, args); } catch (e) { if (root.console) root.console.error(e); }
    });
  };

  LocalModel.prototype.send = function (content) {
    var answer = reply(this.conf, content, this.state.annotations), self = this;
    if (!answer) return;
    if (answer.file) this.bankFile = answer.file;
    setTimeout(function () {
      self.emit("msg:custom", [answer, []]);
      if (answer.type === "generate") self.emit("dl:bank", [answer]);
    }, 0);
  };

  // ------------------------------------------------------------------ mounting on a page of the book

  // The page's name inside the site ("chapters/08_your_own_text"), the same over http:// and file://.
  function pageName() {
    var here = String(root.location.href).split("#")[0].split("?")[0];
    var base = new URL(document.documentElement.getAttribute("data-content_root") || "./", here).href;
    var name = here.indexOf(base) === 0 ? here.slice(base.length) : root.location.pathname;
    return name.replace(/\.html$/, "").replace(/\/$/, "/index") || "index";
  }

  function h(tag, props, children) {
    var el = document.createElement(tag);
    Object.keys(props || {}).forEach(function (k) {
      if (k === "text") el.textContent = props[k];
      else if (k === "className") el.className = props[k];
      else el.setAttribute(k, props[k]);
    });
    (children || []).forEach(function (c) { el.appendChild(c); });
    return el;
  }

  function saveFile(text, name) {
    var blob = new Blob([text], { type: "application/yaml" });
    var a = h("a", { href: URL.createObjectURL(blob), download: name });
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(a.href); }, 1000);
  }

  // The widget's module: dl-annotate-esm.js holds it as a string; a blob: URL can be imported from
  // any page, file:// included.
  function loadWidget() {
    if (!root.DLAnnotateESM) return Promise.reject(new Error("the widget's module (dl-annotate-esm.js) is not on this page"));
    if (!api.module) {
      var url = URL.createObjectURL(new Blob([root.DLAnnotateESM], { type: "text/javascript" }));
      api.module = import(url).then(function (m) { return m.default || m; });
    }
    return api.module;
  }

  function fileText(conf, doc) { return dumpYaml(doc, conf.order, conf.header); }

  function count(n, word) { return n + " " + word + (n === 1 ? "" : "s"); }

  function figure(v) { return v === null ? "n/a" : v.toFixed(2); }
  function shown(v) { return v === null ? "\u2014" : String(v); }

  // The comparison as the page shows it: the figures of `discourse-lab agree`, then each difference
  // by sentence (yours | the course's); sentences only one side annotated are listed on one line.
  function agreementView(found) {
    var v = found.voice, r = found.relations, c = found.cues;
    if (!found.sentences) {
      return [h("p", { className: "dl-annotate-notice", role: "alert", text: "Annotate a sentence first: no sentence is annotated by you and the course both." })];
    }
    var lines = [
      "Voice: " + v.agreed + " of " + v.units + " sentences agree (" + figure(v.agreement) + "), Cohen\u2019s kappa " + figure(v.kappa) + ".",
      "Relations: yours " + r.in_a + ", the course\u2019s " + r.in_b + ", matched on the cue " + r.matched + ": F1 " + figure(r.f1) + ".",
      "Reporting cues: yours " + c.in_a + ", the course\u2019s " + c.in_b + ", matched " + c.matched + ": F1 " + figure(c.f1) +
        (c.stance ? "; stance " + c.stance.agreed + " of " + c.stance.units + " agree." : ".")
    ];
    var onlyCourse = [], onlyYours = [], rows = [];
    found.disagreements.forEach(function (d) {
      if (d.field === "sentence") (d.a ? onlyYours : onlyCourse).push(d.sentence);
      else rows.push(h("li", {}, [h("span", { className: "dl-an-sid", text: d.sentence }), document.createTextNode(" " + d.field + ": yours " + shown(d.a) + " | the course\u2019s " + shown(d.b))]));
    });
    var out = [h("p", { className: "dl-annotate-agreement-title", text: "Your annotation and the course\u2019s, on the " + found.sentences + " sentence" + (found.sentences === 1 ? "" : "s") + " you both annotated" })];
    out.push(h("ul", {}, lines.map(function (t) { return h("li", { text: t }); })));
    out.push(rows.length ? h("ol", { className: "dl-annotate-differences", "aria-label": "Where they differ" }, rows) : h("p", { text: "They agree on every field compared." }));
    if (onlyCourse.length) out.push(h("p", { className: "dl-annotate-kernel-note", text: "Not compared, not annotated by you yet: " + onlyCourse.join(", ") + "." }));
    if (onlyYours.length) out.push(h("p", { className: "dl-annotate-kernel-note", text: "Not compared, the course has no annotation of: " + onlyYours.join(", ") + "." }));
    return out;
  }

  function mount(el) {
    if (el.getAttribute("data-dl-ready")) return null;
    var script = el.querySelector("script.dl-annotate-data");
    if (!script) return null;
    var conf;
    try { conf = JSON.parse(script.textContent); } catch (e) { return null; }
    el.setAttribute("data-dl-ready", "1");
    conf.page = conf.page || pageName();
    var holder = el.querySelector(".dl-annotate-mount") || el;
    if (conf.state.error) {  // the widget shows only its one line; nothing to keep or download
      return loadWidget().then(function (widget) { holder.textContent = ""; widget.render({ model: new LocalModel(conf), el: holder }); });
    }
    var model = new LocalModel(conf);
    var status = h("p", { className: "dl-annotate-status", role: "status", "aria-live": "polite" });
    var download = h("button", { type: "button", className: "dl-annotate-download", text: "Download annotations.yml" });
    var note = h("p", { className: "dl-annotate-kernel-note", text: conf.kernel_note });
    var bar = h("div", { className: "dl-annotate-static-bar" }, [h("div", { className: "dl-annotate-actions" }, [download, status]), note]);
    if (conf.course) {
      var results = h("div", { className: "dl-annotate-agreement", "aria-live": "polite" });
      var compare = h("button", { type: "button", className: "dl-annotate-compare", text: "Compare with the course\u2019s annotation" });
      compare.addEventListener("click", function () {
        var found = agreement(model.get("annotations"), conf.course, conf.state.article);
        results.replaceChildren.apply(results, agreementView(found));
      });
      bar.firstChild.insertBefore(compare, status);
      bar.appendChild(results);
    }
    function show(ok) {
      var doc = model.get("annotations"), lines = 0, probs = model.get("problems") || {};
      Object.keys(probs).forEach(function (k) { lines += probs[k].length; });
      var saved = model.saved ? "Kept in this browser (" + model.saved.slice(11, 19) + " UTC)." : "Nothing annotated in this browser yet.";
      if (ok === false || !model.storable) saved = "NOT kept in this browser (it refuses to store data): download the file to keep your work.";
      status.textContent = saved + " " + count(listOf(doc.sentences).length, "sentence") + " annotated; " +
        (lines ? count(lines, "problem") + " to fix before the file validates." : "the file is valid.");
    }
    download.addEventListener("click", function () {
      saveFile(fileText(conf, model.get("annotations")), conf.filename);
      status.textContent = "Downloaded " + conf.filename + "; your work also stays in this browser.";
    });
    model.on("dl:saved", show);
    if (conf.tools) {  // Generate made a bank: offer its file (one button, for the latest bank)
      var bankButton = h("button", { type: "button", className: "dl-annotate-download-bank", text: "Download " + conf.tools.generate.filename });
      bankButton.hidden = true;
      bankButton.addEventListener("click", function () {
        saveFile(model.bankFile, conf.tools.generate.filename);
        status.textContent = "Downloaded " + conf.tools.generate.filename + ", the exercises generated from your annotation.";
      });
      model.on("dl:bank", function (answer) { bankButton.hidden = !answer.ok; });
      bar.firstChild.insertBefore(bankButton, status);
    }
    el.insertBefore(bar, holder);
    if (model.earlier) {
      var older = h("button", { type: "button", className: "dl-annotate-download-earlier", text: "Download the earlier annotation" });
      older.addEventListener("click", function () {
        saveFile(fileText(conf, canonical(model.earlier.traits.annotations || {}, conf.keys, [])), "annotations-earlier.yml");
      });
      bar.firstChild.appendChild(older);
    }
    model.notices.forEach(function (text) { bar.appendChild(h("p", { className: "dl-annotate-notice", role: "alert", text: text })); });
    show();
    api.models.push(model);
    return loadWidget().then(function (widget) {
      holder.textContent = "";
      var cleanup = widget.render({ model: model, el: holder });
      el.classList.add("dl-ready");
      return { model: model, cleanup: cleanup };
    }, function (err) {
      holder.appendChild(h("p", { className: "dl-annotate-notice", role: "alert", text: "The annotation widget could not start: " + err.message }));
      throw err;
    });
  }

  function initPage() {
    var found = document.querySelectorAll(".dl-annotate[data-dl-annotate]");
    for (var i = 0; i < found.length; i++) mount(found[i]);
  }

  // ------------------------------------------------------------------ exports

  var api = { validate: validate, where: where, pyRepr: pyRepr, dumpYaml: dumpYaml, LocalModel: LocalModel,
              canonical: canonical, problems: problems, agreement: agreement, models: [],
              storageKey: storageKey, readRecord: readRecord, PREFIX: PREFIX, mount: mount, initPage: initPage,
              pageName: pageName, loadWidget: loadWidget, PyFloat: PyFloat, pyFloat: pyFloat };
  root.DLAnnotateStatic = api;

  // As a classic script in the book: start the page's widgets once the DOM is there.
  if (typeof document !== "undefined" && document.currentScript) {
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", initPage);
    else initPage();
  }
})(typeof globalThis !== "undefined" ? globalThis : window);
