// cutover serve: the dashboard's page. Reads the read-only JSON API every few seconds and renders it.
// Every value from the API is put into the page as text (text nodes, textContent, attributes set one by one), never as
// markup: topic, workload and owner names and journal lines are data, whatever characters they hold.
(function () {
  "use strict";

  var REFRESH_MS = 3000;
  var TABS = ["overview", "estate", "plan", "links", "waves"];
  var API = { overview: "api/overview", estate: "api/estate", plan: null, links: "api/links", waves: "api/waves" };
  var charts = {}; // link name -> { lag: uPlot, rate: uPlot, box: element }
  var timer = null;

  // ---- the helpers that build the page as text (page.js) -------------------------------------------------------

  var P = window.cutoverPage;
  var el = P.el;
  var append = P.append;
  var fmt = P.fmt;
  var duration = P.duration;
  var ago = P.ago;
  var words = P.words;
  var pill = P.pill;
  var verdictPill = P.verdictPill;
  var wavePill = P.wavePill;
  var stateTone = P.stateTone;
  var kpi = P.kpi;
  var table = P.table;
  var row = P.row;
  var unknownBox = P.unknownBox;
  var fill = P.fill;
  var replace = P.replace;

  // ---- the tabs -------------------------------------------------------------------------------------------------

  function renderOverview(o) {
    document.getElementById("workspace").textContent = "workspace " + o.workspace;
    var linkCards = o.links.map(function (l) {
      if (l.unknown) {
        return el("div", { class: "card warn", "data-link": l.link },
          el("div", { class: "card-head" }, el("h3", { class: "grow" }, "Link " + l.link), pill("unknown", "unknown")),
          el("div", { class: "muted small" }, l.unknown));
      }
      if (l.neverRan) {
        return el("div", { class: "card", "data-link": l.link },
          el("div", { class: "card-head" }, el("h3", { class: "grow" }, "Link " + l.link), pill("never ran", "unknown")),
          el("div", { class: "muted small" }, "No state of this link on the target: it has not run there."));
      }
      var bad = l.stopped > 0;
      return el("div", { class: "card " + (bad ? "bad" : "ok"), "data-link": l.link },
        el("div", { class: "card-head" }, el("h3", { class: "grow" }, "Link " + l.link),
          l.running ? pill("running", "ok") : pill("not running", "warn"),
          bad ? pill(l.stopped + " stopped", "bad") : null),
        el("div", { class: "kpis" },
          kpi("lag (records)", fmt(l.lagRecords), l.lagRecords > 0 ? "warn" : "ok", { "data-kpi": "lag" }),
          kpi("lag (time)", duration(l.lagMs)),
          kpi("records/s", fmt(l.recordsPerSecond, 1), null, { "data-kpi": "rate" }),
          kpi("partitions", fmt(l.partitions))));
    });
    var readiness = o.readiness.known
      ? el("div", { class: "card " + (o.readiness.data.verdict === "READY" ? "ok" : "bad") },
          el("div", { class: "card-head" }, el("h3", { class: "grow" }, "Readiness"), verdictPill(o.readiness.data.verdict)),
          el("div", { class: "kpis" },
            kpi("waves ready", o.readiness.data.readyWaves + " / " + o.readiness.data.waves,
              o.readiness.data.readyWaves === o.readiness.data.waves ? "ok" : "bad")),
          el("div", { class: "muted small" }, "report of " + o.readiness.data.generatedAt))
      : unknownBox("Readiness", o.readiness);
    var estate = o.estate.known
      ? el("div", { class: "card" },
          el("div", { class: "card-head" }, el("h3", { class: "grow" }, "Estate (source)")),
          el("div", { class: "kpis" }, kpi("topics", fmt(o.estate.data.topics)), kpi("groups", fmt(o.estate.data.groups)),
            kpi("workloads", fmt(o.estate.data.workloads)),
            kpi("unowned clients", fmt(o.estate.data.unowned), o.estate.data.unowned > 0 ? "warn" : "ok")),
          el("div", { class: "muted small" }, "inventory of " + o.estate.data.scannedAt))
      : unknownBox("Estate", o.estate);
    var waves = o.waves.known
      ? el("div", { class: "card" }, el("div", { class: "card-head" }, el("h3", { class: "grow" }, "Waves")),
          o.waves.data.length === 0 ? el("div", { class: "muted" }, "No wave planned or run yet.") : null,
          o.waves.data.map(function (w) {
            return el("div", { class: "list-row", "data-wave": w.name }, el("span", { class: "grow" }, w.name), wavePill(w.status));
          }))
      : unknownBox("Waves", o.waves);
    replace("tab-overview", [
      el("h2", null, "Links"), linkCards.length ? el("div", { class: "grid wide" }, linkCards) : el("div", { class: "muted" }, "Polling the target…"),
      el("h2", null, "Migration"), el("div", { class: "grid" }, readiness, estate, waves)]);
  }

  function renderEstate(s) {
    if (!s.known) { replace("tab-estate", unknownBox("Estate", s)); return; }
    var e = s.data;
    replace("tab-estate", [
      el("div", { class: "card" },
        el("div", { class: "card-head" }, el("h3", { class: "grow" }, "Source cluster " + (e.clusterId || "")),
          el("span", { class: "muted small" }, "inventory of " + e.scannedAt)),
        el("div", { class: "kpis" }, kpi("brokers", fmt(e.brokers)), kpi("broker version", e.brokerVersion || "–"),
          kpi("topics", fmt(e.topics.length)), kpi("internal topics", fmt(e.internalTopics)), kpi("groups", fmt(e.groups.length)))),
      el("h2", null, "Clusters (cutover.yaml)"),
      table(["profile", "bootstrap servers"], e.clusters.map(function (c) { return row([c.name, c.bootstrapServers || "–"]); })),
      el("h2", null, "Workloads and owners"),
      table(["workload", "owner", "roles", "topics", "seen", "clients", "client software"], e.workloads.map(function (w) {
        return row([w.name, w.owner || "–", (w.roles || []).join(", "), (w.topics || []).join(", "), words(w.liveness),
          fmt(w.clients), (w.clientSoftware || []).join(", ") || "–"], [5], { "data-workload": w.name });
      }), [5]),
      el("h2", null, "Clients no workload claims (" + e.unowned.length + ")"),
      e.unowned.length === 0 ? el("div", { class: "muted" }, "None: every client seen belongs to a workload.")
        : table(["kind", "id", "detail", "topics"], e.unowned.map(function (c) {
          return row([c.kind, c.id, c.detail || "", (c.topics || []).join(", ")], [], { class: "bad" });
        })),
      el("h2", null, "Topics"),
      table(["topic", "partitions", "replication", "messages/s", "size"], e.topics.map(function (t) {
        return row([t.name, fmt(t.partitions), fmt(t.replicationFactor), fmt(t.messagesPerSecond, 1),
          t.sizeBytes === null || t.sizeBytes === undefined ? "–" : fmt(t.sizeBytes / 1048576, 1) + " MiB"], [1, 2, 3, 4]);
      }), [1, 2, 3, 4]),
      el("h2", null, "Consumer groups"),
      e.groups.length === 0 ? el("div", { class: "muted" }, "None on the source.")
        : table(["group", "kind", "state", "members", "lag"], e.groups.map(function (g) {
          return row([g.groupId, words(g.kind), words(g.state), fmt(g.members), fmt(g.totalLag)], [3, 4]);
        }), [3, 4])]);
  }

  function renderPlan(plan, readiness) {
    var parts = [];
    if (readiness.known) {
      var r = readiness.data;
      parts.push(el("div", { class: "card-head" }, el("h2", { class: "grow" }, "Readiness by wave"), verdictPill(r.verdict),
        el("span", { class: "muted small" }, "report of " + r.generatedAt + "; evidence counts when younger than " + r.maxEvidenceAge)));
      parts.push(el("div", { class: "card" }, table(["#", "wave", "pattern", "owner", "workloads ready", "verdict"],
        r.waves.map(function (w) {
          var ready = (w.workloads || []).filter(function (x) { return x.verdict === "READY"; }).length;
          return row([fmt(w.order), w.name, pill(words(w.pattern), "info"), w.owner || "–",
            ready + " / " + (w.workloads || []).length, verdictPill(w.verdict)], [0, 4], { "data-summary": w.name });
        }), [0, 4])));
      r.waves.forEach(function (w) { parts.push(waveReadiness(w)); });
    } else {
      parts.push(unknownBox("Readiness", readiness));
      if (plan.known) {
        parts.push(el("h2", null, "Plan (plan.yaml)"));
        plan.data.waves.slice().sort(function (a, b) { return a.order - b.order; }).forEach(function (w) {
          parts.push(el("div", { class: "card", "data-wave": w.name },
            el("div", { class: "card-head" }, el("h3", { class: "grow" }, w.order + ". " + w.name), pill(words(w.pattern), "info")),
            el("div", { class: "small" }, w.patternReason),
            el("div", { class: "muted small" }, "workloads: " + w.workloads.join(", ") + (w.owner ? " · owner " + w.owner : ""))));
        });
      } else {
        parts.push(unknownBox("Plan", plan));
      }
    }
    replace("tab-plan", parts);
  }

  var AREAS = ["protocol", "identity", "topics", "offsets", "state", "observability", "rollback"];

  function waveReadiness(w) {
    var ready = w.verdict === "READY";
    return el("div", { class: "card " + (ready ? "ok" : "bad"), "data-wave": w.name },
      el("div", { class: "card-head" }, el("h3", { class: "grow" }, w.order + ". " + w.name),
        pill(words(w.pattern), "info"), w.owner ? el("span", { class: "muted small" }, "owner " + w.owner) : null, verdictPill(w.verdict)),
      el("div", { class: "small" }, w.patternReason),
      el("h2", null, "Readiness points"),
      table(["point", "verdict", "owners", "evidence", "not ready"], (w.points || []).map(function (p) {
        return row([p.title, verdictPill(p.verdict), (p.owners || []).join(", "), fmt((p.evidence || []).length),
          (p.notReady || []).join(", ")], [3]);
      }), [3]),
      el("h2", null, "Workloads × areas"),
      el("table", { class: "areas" },
        el("thead", null, el("tr", null, el("th", null, "workload"), el("th", null, "owner"),
          AREAS.map(function (a) { return el("th", null, a); }), el("th", null, "verdict"))),
        el("tbody", null, (w.workloads || []).map(function (wl) {
          var byArea = {};
          (wl.areas || []).forEach(function (a) { byArea[String(a.area).toLowerCase()] = a; });
          return el("tr", { "data-workload": wl.workload }, el("td", null, wl.workload), el("td", null, wl.owner || "–"),
            AREAS.map(function (name) {
              var a = byArea[name];
              if (!a) return el("td", { class: "cell", title: "not assessed" }, "–");
              var ok = a.verdict === "READY";
              var tip = (a.findings || []).map(function (f) { return f.code + " " + f.message; }).join("\n") || "no findings";
              return el("td", { class: "cell " + (ok ? "ok" : "bad"), title: tip }, ok ? "✓" : "✗");
            }), el("td", null, verdictPill(wl.verdict)));
        }))),
      (w.workloads || []).map(function (wl) {
        return el("details", { "data-key": JSON.stringify(["findings", w.name, wl.workload]) },
          el("summary", null, wl.workload + ": findings and evidence"),
          (wl.areas || []).map(function (a) {
            return el("div", null, el("strong", null, String(a.area).toLowerCase() + " "), verdictPill(a.verdict),
              el("ul", { class: "findings" },
                (a.findings || []).map(function (f) {
                  return el("li", { class: "sev-" + f.severity }, f.code + " (" + words(f.severity) + "): " + f.message);
                }),
                (a.evidence || []).map(function (ev) { return el("li", { class: "muted" }, "evidence: ", el("code", null, ev)); })));
          }));
      }));
  }

  function renderLinks(s) {
    var box = document.getElementById("tab-links");
    if (!s.polled) { charts = {}; fill(box, el("div", { class: "muted" }, "Reading the links' status from the target…")); return; }
    var seen = {};
    s.links.forEach(function (l) {
      seen[l.link] = true;
      var c = charts[l.link];
      if (!c) {
        c = charts[l.link] = { box: el("div", { class: "card", "data-link": l.link }), info: el("div"), table: el("div"),
          lagBox: el("div", { class: "chart" }, el("div", { class: "chart-title" }, "lag (records)")),
          rateTitle: el("div", { class: "chart-title" }, "throughput (records/s)") };
        c.rateBox = el("div", { class: "chart" }, c.rateTitle);
        append(c.box, [c.info, el("div", { class: "charts" }, c.lagBox, c.rateBox), c.table]);
        box.appendChild(c.box);
      }
      renderLink(l, c);
    });
    Object.keys(charts).forEach(function (name) {
      if (!seen[name]) { charts[name].box.remove(); delete charts[name]; }
    });
    Array.prototype.forEach.call(box.children, function (child) {
      if (!child.hasAttribute("data-link")) child.remove();
    });
  }

  function renderLink(l, c) {
    var st = l.status;
    c.box.className = "card " + (l.unknown ? "warn" : st && st.partitions.some(function (p) { return p.state === "error"; }) ? "bad" : "");
    if (l.unknown) {
      fill(c.info, el("div", { class: "card-head" }, el("h3", { class: "grow" }, "Link " + l.link), pill("unknown", "unknown")),
        el("div", { class: "unknown-box" }, l.unknown, " (last polled " + ago(l.polledAtMs) + ")"));
      fill(c.table, );
    } else if (st.identity === null || st.identity === undefined) {
      fill(c.info, el("div", { class: "card-head" }, el("h3", { class: "grow" }, "Link " + l.link), pill("never ran", "unknown")),
        el("div", { class: "muted" }, "This link has no state on the target. Links there: " + ((st.linksOnTarget || []).join(", ") || "none") + "."));
      fill(c.table, );
    } else {
      var copied = st.partitions.reduce(function (sum, p) { return sum + Math.max(0, p.replicatedTo); }, 0);
      var last = l.history.length ? l.history[l.history.length - 1] : null;
      var stopped = st.partitions.filter(function (p) { return p.state === "error"; });
      fill(c.info, 
        el("div", { class: "card-head" }, el("h3", { class: "grow" }, "Link " + l.link),
          st.running ? pill("running", "ok") : pill("not running", "warn"),
          stopped.length ? pill(stopped.length + " partition(s) stopped", "bad") : null,
          el("span", { class: "muted small" }, "source " + st.identity.sourceClusterId + " → target " + st.identity.targetClusterId
            + " · polled " + ago(l.polledAtMs))),
        st.stopped ? el("div", { class: "banner warn" }, "Stopped cleanly at " + st.stopped.stoppedAt + ": " + st.stopped.reason) : null,
        st.stopRequest ? el("div", { class: "banner warn" }, "A stop is requested by " + st.stopRequest.requestedBy + " at " + st.stopRequest.requestedAt) : null,
        stopped.map(function (p) {
          return el("div", { class: "banner bad" }, "Stopped: " + p.topic + "-" + p.partition + ": " + (p.reason || "no reason recorded"));
        }),
        el("div", { class: "kpis" },
          kpi("lag (records)", fmt(l.lagRecords), l.lagRecords > 0 ? "warn" : "ok", { "data-kpi": "lag", "data-value": l.lagRecords }),
          kpi("lag (time)", duration(l.lagMs)),
          kpi("records/s", fmt(last && last.recordsPerSecond, 1), null, { "data-kpi": "rate", "data-value": last && last.recordsPerSecond }),
          kpi("copied up to (Σ offsets)", fmt(copied), null, { "data-kpi": "copied", "data-value": copied }),
          kpi("partitions", fmt(st.partitions.length))));
      fill(c.table, 
        table(["topic", "partition", "state", "source end", "copied up to", "lag", "lag (time)", "why", "updated"],
          st.partitions.map(function (p) {
            return row([p.topic, fmt(p.partition), pill(words(p.state), stateTone(p.state)), fmt(p.sourceEnd), fmt(p.replicatedTo),
              fmt(p.lagRecords), duration(p.lagMs), [p.reason, p.warning ? "warning: " + p.warning : null].filter(Boolean).join("; "),
              ago(p.updatedAtMs)], [1, 3, 4, 5, 6], { class: p.state === "error" ? "bad" : null, "data-partition": p.topic + "-" + p.partition });
          }), [1, 3, 4, 5, 6]),
        (st.unlinkableTopics || []).length ? [el("h2", null, "Topics the link cannot copy"),
          table(["topic", "why"], st.unlinkableTopics.map(function (t) { return row([t.topic, t.reason], [], { class: "bad" }); }))] : null,
        (st.turnedAround || []).length ? [el("h2", null, "Turned around (copied back to the source)"),
          table(["topic", "asked by", "since"], st.turnedAround.map(function (t) {
            return row([t.topic, t.requestedBy, new Date(t.atMs).toISOString()]);
          }))] : null,
        st.openSourceTransactions === null ? el("div", { class: "muted small" }, "Open source transactions: unknown (" + st.openSourceTransactionsUnknown + ")")
          : (st.openSourceTransactions.length ? el("div", { class: "banner warn" }, st.openSourceTransactions.length
            + " source transaction(s) open on linked partitions: their records are copied once they commit") : null));
    }
    drawCharts(l, c);
  }

  function axis() {
    return { stroke: "#8b98a5", grid: { stroke: "#1e2935", width: 1 }, ticks: { stroke: "#1e2935", width: 1 }, font: "12px system-ui" };
  }

  function makePlot(target, label, color) {
    var width = Math.max(300, target.clientWidth - 16);
    return new uPlot({
      width: width, height: 200, legend: { show: false }, cursor: { drag: { x: false, y: false } },
      scales: { x: { time: true } },
      axes: [axis(), Object.assign(axis(), { size: 60 })],
      series: [{}, { label: label, stroke: color, width: 2, fill: color + "22", spanGaps: false, points: { show: false } }]
    }, [[], []], target);
  }

  function drawCharts(l, c) {
    if (typeof uPlot === "undefined") return;
    if (!c.lag) { c.lag = makePlot(c.lagBox, "lag", "#58a6ff"); c.rate = makePlot(c.rateBox, "records/s", "#3fb950"); }
    var xs = l.history.map(function (s) { return s.atMs / 1000; });
    c.lag.setData([xs, l.history.map(function (s) { return s.lagRecords; })]);
    c.rate.setData([xs, l.history.map(function (s) { return s.recordsPerSecond === undefined ? null : s.recordsPerSecond; })]);
    var rates = l.history.map(function (s) { return s.recordsPerSecond; }).filter(function (r) { return typeof r === "number"; });
    var peak = rates.length ? Math.max.apply(null, rates) : null;
    c.rateBox.setAttribute("data-peak", peak === null ? "" : String(peak));
    c.rateTitle.textContent = "throughput (records/s)" + (peak === null ? "" : " · peak " + fmt(peak, 1) + " in the last 30 min");
  }

  function resizeCharts() {
    Object.keys(charts).forEach(function (name) {
      var c = charts[name];
      if (c.lag && c.lagBox.clientWidth > 0) {
        c.lag.setSize({ width: Math.max(300, c.lagBox.clientWidth - 16), height: 200 });
        c.rate.setSize({ width: Math.max(300, c.rateBox.clientWidth - 16), height: 200 });
      }
    });
  }

  function renderWaves(s) {
    if (!s.known) { replace("tab-waves", unknownBox("Waves", s)); return; }
    var v = s.data;
    var parts = [];
    if (v.tornTail) parts.push(el("div", { class: "banner warn" }, "The journal's last line was cut short by a crash and is ignored."));
    if (v.waves.length === 0) parts.push(el("div", { class: "muted" }, "No wave planned or run yet (no plan.yaml, an empty journal)."));
    v.waves.forEach(function (w) {
      parts.push(el("div", { class: "card " + ({ failed: "bad", waiting: "warn", confirmed: "ok" }[w.status] || ""), "data-wave": w.name },
        el("div", { class: "card-head" },
          el("h3", { class: "grow" }, (w.order ? w.order + ". " : "") + w.name),
          w.pattern ? pill(words(w.pattern), "info") : el("span", { class: "muted small" }, "not in plan.yaml"),
          wavePill(w.status)),
        el("div", { class: "muted small" }, w.statusText + (w.attempt ? " · attempt " + w.attempt : "")),
        w.waitingOn ? el("div", { class: "banner warn" }, "Waits for an operator: " + (w.waitingOn.workload || "wave") + " "
          + w.waitingOn.step + ": " + w.waitingOn.result) : null,
        w.failed ? el("div", { class: "banner bad" }, "Failed: " + (w.failed.workload || "wave") + " " + w.failed.step + ": " + w.failed.result) : null,
        w.workloads && w.workloads.length ? table(["workload", "runs on", "last step", "pause", "replayed", "skipped", "stray clients"],
          w.workloads.map(function (r) {
            return row([r.workload, r.runsOn, r.lastStep + " (" + r.lastPhase + ")", r.pauseMs === undefined ? "–" : duration(r.pauseMs),
              r.replayed, r.skipped, r.strays || "not observed yet"], [3, 4, 5], { "data-workload": r.workload });
          }), [3, 4, 5]) : (w.planned ? el("div", { class: "muted small" }, "workloads: " + w.planned.join(", ")) : null),
        w.steps && w.steps.length ? el("details", { "data-key": JSON.stringify(["steps", w.name]) },
          el("summary", null, "steps of this attempt (" + w.steps.length + " journal entries)"),
          journalTable(w.steps)) : null));
    });
    parts.push(el("h2", null, "Journal (latest " + v.journal.length + " of " + v.journalEntries + " entries, newest first)"));
    parts.push(journalTable(v.journal.slice().reverse().slice(0, 60)));
    replace("tab-waves", parts);
  }

  var PHASE_TONE = { begin: "info", end: "ok", failed: "bad", waiting: "warn", note: "unknown" };

  function journalTable(entries) {
    return table(["#", "at", "wave", "workload", "step", "phase", "who", "result"], entries.map(function (e) {
      return row([fmt(e.seq), (e.at || "").replace("T", " ").replace(/\.\d+Z$/, "Z"), e.wave, e.workload || "–", e.step,
        pill(e.phase, PHASE_TONE[e.phase] || "unknown"), e.who, e.result], [0]);
    }), [0]);
  }

  // ---- polling --------------------------------------------------------------------------------------------------

  function getJson(path) {
    return fetch(path, { credentials: "same-origin", cache: "no-store", headers: { Accept: "application/json" } })
      .then(function (r) {
        if (!r.ok) throw new Error(path + ": HTTP " + r.status);
        return r.json();
      });
  }

  function current() {
    var t = (location.hash || "#overview").substring(1);
    return TABS.indexOf(t) >= 0 ? t : "overview";
  }

  function show(tab) {
    document.querySelectorAll("main > section").forEach(function (s) { s.hidden = s.getAttribute("data-tab") !== tab; });
    document.querySelectorAll("#tabs a").forEach(function (a) { a.classList.toggle("active", a.getAttribute("data-tab") === tab); });
    if (tab === "links") requestAnimationFrame(resizeCharts);
  }

  function load(tab) {
    if (tab === "plan") {
      return Promise.all([getJson("api/plan"), getJson("api/readiness")]).then(function (r) { renderPlan(r[0], r[1]); });
    }
    return getJson(API[tab]).then({ overview: renderOverview, estate: renderEstate, links: renderLinks, waves: renderWaves }[tab]);
  }

  function setLive(ok, text) {
    var live = document.getElementById("live");
    live.setAttribute("data-state", ok ? "live" : "offline");
    document.getElementById("live-text").textContent = text;
  }

  function refresh() {
    clearTimeout(timer);
    var tab = current();
    var work = tab === "overview" ? load("overview") : Promise.all([load(tab), getJson(API.overview).then(function (o) {
      document.getElementById("workspace").textContent = "workspace " + o.workspace;
    })]);
    work.then(function () {
      setLive(true, "live · updated " + new Date().toLocaleTimeString());
      document.body.setAttribute("data-refreshed", String(Date.now()));
    }, function (err) {
      setLive(false, "cannot reach cutover serve (" + err.message + "); retrying");
    }).then(function () { timer = setTimeout(refresh, REFRESH_MS); });
  }

  window.addEventListener("hashchange", function () { show(current()); refresh(); });
  window.addEventListener("resize", resizeCharts);
  show(current());
  refresh();
})();
