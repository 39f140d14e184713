// cutover serve: building the page from the API's data, as text (text nodes, textContent, attributes set one by one),
// never as markup: topic, workload and owner names and journal lines are data, whatever characters they hold. Shared by
// app.js, which renders the sections.
(function () {
  "use strict";

  /** el("td", {class: "num"}, "12", child...): an element whose string children become text nodes. */
  function el(tag, attrs) {
    var node = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (k) {
        var v = attrs[k];
        if (v === null || v === undefined || v === false) return;
        if (k === "class") node.className = v;
        else if (k === "text") node.textContent = String(v);
        else node.setAttribute(k, String(v));
      });
    }
    for (var i = 2; i < arguments.length; i++) append(node, arguments[i]);
    return node;
  }

  function append(node, child) {
    if (child === null || child === undefined || child === false) return;
    if (Array.isArray(child)) { child.forEach(function (c) { append(node, c); }); return; }
    node.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }

  function fmt(n, digits) {
    if (n === null || n === undefined) return "–";
    return Number(n).toLocaleString(undefined, { maximumFractionDigits: digits === undefined ? 0 : digits });
  }

  function duration(ms) {
    if (ms === null || ms === undefined) return "–";
    if (ms < 1000) return ms + " ms";
    if (ms < 60000) return (ms / 1000).toFixed(1) + " s";
    if (ms < 3600000) return Math.floor(ms / 60000) + " min " + Math.round((ms % 60000) / 1000) + " s";
    return (ms / 3600000).toFixed(1) + " h";
  }

  function ago(ms) {
    return ms === null || ms === undefined ? "–" : duration(Math.max(0, Date.now() - ms)) + " ago";
  }

  function words(s) { return String(s || "").toLowerCase().replace(/_/g, " "); }

  function pill(text, tone) { return el("span", { class: "pill " + tone }, text); }

  function verdictPill(v) { return v === "READY" ? pill("ready", "ok") : pill(words(v || "unknown"), v ? "bad" : "unknown"); }

  var WAVE_TONE = { not_started: "unknown", in_progress: "info", waiting: "warn", failed: "bad", confirmed: "ok",
    rolling_back: "warn", rolled_back: "info" };

  function wavePill(status) { return pill(words(status), WAVE_TONE[status] || "unknown"); }

  function stateTone(state) {
    return { running: "ok", "caught-up": "ok", error: "bad", released: "info" }[state] || "unknown";
  }

  function kpi(label, value, tone, attrs) {
    var a = Object.assign({ class: "kpi " + (tone || "") }, attrs || {});
    return el("div", a, el("div", { class: "value" }, value), el("div", { class: "label" }, label));
  }

  function table(headers, rows, numeric) {
    numeric = numeric || [];
    return el("table", null,
      el("thead", null, el("tr", null, headers.map(function (h, i) {
        return el("th", { class: numeric.indexOf(i) >= 0 ? "num" : null }, h);
      }))),
      el("tbody", null, rows));
  }

  function row(cells, numeric, attrs) {
    numeric = numeric || [];
    return el("tr", attrs || null, cells.map(function (c, i) {
      return el("td", { class: numeric.indexOf(i) >= 0 ? "num" : null }, c);
    }));
  }

  /** A part the server could not read: say so, why, and what to run. Never a guess in its place. */
  function unknownBox(what, section) {
    return el("div", { class: "unknown-box", "data-unknown": what },
      el("strong", null, what + ": unknown. "), section.unknown || "",
      section.todo ? el("div", null, "To fix: ", el("code", null, section.todo)) : null);
  }

  /** Replaces a node's children; null children are left out, arrays flattened (replaceChildren would print them). */
  function fill(node) {
    // what the reader opened stays open across refreshes
    var open = {};
    node.querySelectorAll("details[open][data-key]").forEach(function (d) { open[d.getAttribute("data-key")] = true; });
    node.replaceChildren();
    for (var i = 1; i < arguments.length; i++) append(node, arguments[i]);
    node.querySelectorAll("details[data-key]").forEach(function (d) {
      if (open[d.getAttribute("data-key")]) d.open = true;
    });
  }

  function replace(id, children) { fill(document.getElementById(id), children); }


  window.cutoverPage = {
    el: el,
    append: append,
    fmt: fmt,
    duration: duration,
    ago: ago,
    words: words,
    pill: pill,
    verdictPill: verdictPill,
    wavePill: wavePill,
    stateTone: stateTone,
    kpi: kpi,
    table: table,
    row: row,
    unknownBox: unknownBox,
    fill: fill,
    replace: replace
  };
})();
