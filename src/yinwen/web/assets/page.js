// yinwen's page: send the draft to this machine's yinwen server, draw the marks, explain each one.
// No framework and nothing from the internet. Offsets from the server count Unicode code points, so the
// draft is handled as an array of code points (Array.from), never sliced as UTF-16.
"use strict";

(function () {
  const config = JSON.parse(document.getElementById("config").textContent);
  const W = config.words;
  const $ = (id) => document.getElementById(id);
  const VERDICTS = ["verified", "misquote", "spliced", "misattributed", "unverified", "term"];
  const KINDS = ["stutter", "repeated", "reuse", "formulation", "other"];

  const state = {
    file: null,          // a File chosen or dropped; it wins over the pasted text
    review: null,        // the server's review of the draft last checked
    sent: null,          // what was checked: {file} or {text}; downloads send the same draft again
    accepted: new Map(), // "start-end" -> {start, end, text}: fixes the writer accepted
    selected: -1,        // index of the selected mark
    cycle: {},           // kind -> index of the mark the summary bar last jumped to
    request: 0,          // the latest check; older answers are ignored
  };

  function fmt(template, values) {
    return template.replace(/\{(\w+)\}/g, (whole, key) => (key in values ? String(values[key]) : whole));
  }

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key === "class") node.className = value;
      else if (key === "text") node.textContent = value;
      else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value === true ? "" : value);
    }
    for (const child of children) {
      if (child !== null && child !== undefined) node.append(child);
    }
    return node;
  }

  function humanSize(size) {
    if (size >= 1024 * 1024) return (size / (1024 * 1024)).toFixed(1) + " MB";
    if (size >= 1024) return Math.round(size / 1024) + " KB";
    return size + " B";
  }

  function showMessage(text, kind) {
    const box = $("message");
    box.textContent = text || "";
    box.className = "message " + (kind || "error");
    box.hidden = !text;
  }

  // ---- choosing the draft -------------------------------------------------------------------------

  function chooseFile(file) {
    if (!file) return;
    const dot = file.name.lastIndexOf(".");
    const suffix = dot >= 0 ? file.name.slice(dot).toLowerCase() : "";
    if (!config.accept.includes(suffix)) {
      showMessage(fmt(W.unsupported_type, { name: file.name }));
      return;
    }
    if (file.size > config.maxBytes) {
      showMessage(fmt(W.too_large, { size: humanSize(file.size), limit: config.maxSize }));
      return;
    }
    state.file = file;
    $("chosen-name").textContent = fmt(W.file_chosen, { name: file.name, size: humanSize(file.size) });
    $("remove-file").textContent = W.remove_file;
    $("chosen").hidden = false;
    showMessage("");
    check();
  }

  function forgetFile() {
    state.file = null;
    $("file").value = "";
    $("chosen").hidden = true;
  }

  // ---- talking to the server ----------------------------------------------------------------------

  function body(draft) {
    if (draft.file) {
      const form = new FormData();
      form.append("file", draft.file, draft.file.name);
      return { body: form, name: null };
    }
    return { body: new Blob([draft.text], { type: "text/plain;charset=utf-8" }), name: W.pasted_name };
  }

  async function post(path, draft, params) {
    const { body: payload, name } = body(draft);
    const query = new URLSearchParams({ lang: config.lang, ...(name ? { name } : {}), ...(params || {}) });
    let response;
    try {
      response = await fetch(path + "?" + query.toString(), { method: "POST", body: payload });
    } catch (error) {
      throw new Error(W.offline);
    }
    if (!response.ok) {
      let text = response.status + " " + response.statusText;
      try {
        text = (await response.json()).error || text;
      } catch (error) { /* not JSON: keep the status line */ }
      throw new Error(text);
    }
    return response;
  }

  async function check() {
    const text = $("draft").value;
    const draft = state.file ? { file: state.file } : { text };
    if (!state.file) {
      if (!text.trim()) {
        showMessage(W.empty);
        return;
      }
      const size = new TextEncoder().encode(text).length;
      if (size > config.maxBytes) {
        showMessage(fmt(W.too_large, { size: humanSize(size), limit: config.maxSize }));
        return;
      }
    }
    const ticket = ++state.request;
    const button = $("check");
    button.disabled = true;
    button.textContent = W.checking;
    document.body.dataset.state = "checking"; // "done" or "failed" when the answer is in (tests wait on it)
    performance.mark("yinwen-check-start");
    showMessage("");
    try {
      const response = await post("/api/review", draft);
      const review = await response.json();
      if (ticket !== state.request) return;
      state.review = review;
      state.sent = draft;
      state.accepted = new Map();
      state.selected = -1;
      state.cycle = {};
      drawResult();
      performance.measure("yinwen-check", "yinwen-check-start"); // click to marked draft (benchmarks/web.py)
      document.body.dataset.state = "done";
    } catch (error) {
      if (ticket === state.request) {
        showMessage(error.message);
        document.body.dataset.state = "failed";
      }
    } finally {
      if (ticket === state.request) {
        button.disabled = false;
        button.textContent = W.check;
      }
    }
  }

  // ---- the result ---------------------------------------------------------------------------------

  function file() {
    return state.review.report.files[0];
  }

  function markLabel(mark) {
    return mark.kind === "quote" ? W[mark.verdict] || mark.verdict : W[mark.kind] || mark.kind;
  }

  function roleOf(mark) {
    if (mark.kind !== "quote") return null;
    return file().quotes[mark.quote].role || null;
  }

  function drawResult() {
    $("result").hidden = false;
    drawSummary();
    drawDownloads();
    drawDraft();
    drawDetail();
    drawFindings();
    fitToolbar();
    $("result").scrollIntoView({ block: "start" });
  }

  // The detail panel sticks just below the toolbar, whose height depends on how its chips wrap.
  function fitToolbar() {
    document.documentElement.style.setProperty("--toolbar", $("toolbar").offsetHeight + "px");
  }

  function drawSummary() {
    const counts = state.review.counts;
    const summary = state.review.report.summary;
    const bar = $("summary");
    const levels = el("span", { class: "levels" });
    for (const level of ["error", "warning", "info"]) {
      levels.append(el("span", { class: "level l-" + level, "data-level": level }, W[level] + " ",
        el("b", { text: String(counts[level]) })));
    }
    bar.replaceChildren(el("span", { class: "total", text: W.quotes + " " + summary.quotes }), levels);
    for (const kind of [...VERDICTS, ...KINDS]) {
      if (!counts[kind] && !VERDICTS.includes(kind)) continue;
      bar.append(el("button", {
        type: "button", class: "chip k-" + kind + (counts[kind] ? "" : " zero"), "data-kind": kind,
        disabled: !counts[kind], onclick: () => jump(kind),
      }, el("span", { class: "swatch" }), W[kind] + " ", el("b", { text: String(counts[kind]) })));
    }
  }

  function kindOf(mark) {
    return mark.kind === "quote" ? mark.verdict : mark.kind;
  }

  function jump(kind) {
    const marks = state.review.marks;
    const indexes = marks.map((mark, index) => (kindOf(mark) === kind ? index : -1)).filter((index) => index >= 0);
    if (!indexes.length) return;
    const next = indexes[((state.cycle[kind] ?? -1) + 1) % indexes.length];
    state.cycle[kind] = indexes.indexOf(next);
    select(next, true);
  }

  function drawDownloads() {
    const bar = $("downloads");
    const accepted = state.accepted.size;
    bar.replaceChildren(
      el("button", { type: "button", class: "button secondary", id: "accept-all", onclick: acceptAll }, W.accept_all),
      el("span", { class: "label", text: W.downloads }));
    const add = (what, label) => bar.append(el("button", {
      type: "button", class: "button secondary", "data-download": what, onclick: (event) => download(what, event.currentTarget),
    }, label));
    if (state.review.kind === "docx") add("annotated", W.annotated);
    add("fixed", accepted ? fmt(W.fixed_some, { count: accepted }) : W.fixed_all);
    add("html", W.html);
    add("citations", W.citations);
  }

  function acceptedParam() {
    return [...state.accepted.values()].map((fix) => fix.start + "-" + fix.end).join(",");
  }

  async function download(what, button) {
    const label = button.textContent;
    button.disabled = true;
    button.textContent = W.downloading;
    try {
      // The fixed text without accepted fixes is what --fix writes; the annotated copy gets the accepted
      // fixes as tracked changes, or none (what --annotate writes).
      const params = {};
      if (what === "annotated" || (what === "fixed" && state.accepted.size)) params.accept = acceptedParam();
      const response = await post("/api/download/" + what, state.sent, params);
      const blob = await response.blob();
      const name = fileName(response.headers.get("content-disposition")) || "yinwen-" + what;
      const url = URL.createObjectURL(blob);
      const link = el("a", { href: url, download: name, hidden: true });
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60000);
    } catch (error) {
      showMessage(error.message);
    } finally {
      button.disabled = false;
      button.textContent = label;
    }
  }

  function fileName(disposition) {
    const found = /filename\*=UTF-8''([^;]+)/i.exec(disposition || "");
    return found ? decodeURIComponent(found[1]) : null;
  }

  async function acceptAll() {
    try {
      const response = await post("/api/fixes", state.sent);
      const { applied } = await response.json();
      if (!applied.length) {
        showMessage(W.nothing_to_fix, "note");
        return;
      }
      for (const [start, end] of applied) {
        const finding = state.review.findings.find((f) => f.fix && f.fix.start === start && f.fix.end === end);
        if (finding) state.accepted.set(start + "-" + end, finding.fix);
      }
      showMessage(fmt(W.accepted_all, { count: applied.length }), "note");
      redraw();
    } catch (error) {
      showMessage(error.message);
    }
  }

  function redraw() {
    drawDownloads();
    fitToolbar();
    drawDraft();
    drawDetail();
    drawFindings();
  }

  // The draft with nested marks. A mark that crosses another one is split into pieces with the same
  // data-mark, so a quotation with a stutter inside stays one clickable quotation.
  function drawDraft() {
    const chars = Array.from(state.review.text);
    const marks = state.review.marks;
    const fixes = [...state.accepted.values()];
    const cuts = new Set([0, chars.length]);
    for (const mark of marks) cuts.add(mark.start).add(Math.min(mark.end, chars.length));
    for (const fix of fixes) cuts.add(fix.start).add(fix.end);
    const bounds = [...cuts].sort((a, b) => a - b);
    const root = el("div", { class: "text" });
    let open = []; // [{mark, node}] outermost first
    const seen = new Set();
    for (let i = 0; i + 1 < bounds.length; i++) {
      const [start, end] = [bounds[i], bounds[i + 1]];
      const covering = marks.map((mark, index) => ({ mark, index }))
        .filter(({ mark }) => mark.start <= start && end <= mark.end);
      let keep = 0;
      while (keep < open.length && keep < covering.length && open[keep].index === covering[keep].index) keep++;
      open = open.slice(0, keep);
      for (const item of covering.slice(keep)) {
        const node = markNode(item.mark, item.index, !seen.has(item.index));
        seen.add(item.index);
        (open.length ? open[open.length - 1].node : root).append(node);
        open.push({ index: item.index, node });
      }
      const parent = open.length ? open[open.length - 1].node : root;
      const piece = chars.slice(start, end).join("");
      const fix = fixes.find((f) => f.start <= start && end <= f.end);
      if (fix) {
        parent.append(el("del", { class: "replaced", text: piece }));
        if (end === fix.end) parent.append(el("ins", { class: "fix", text: fix.text }));
      } else {
        parent.append(piece);
      }
    }
    $("text").replaceChildren(root);
  }

  function markNode(mark, index, first) {
    const classes = ["m", "k-" + kindOf(mark)];
    if (mark.findings.length) classes.push("flagged");
    const role = roleOf(mark);
    if (role && role !== "quotation") classes.push("role-" + role);
    if (index === state.selected) classes.push("selected");
    if (mark.findings.some((j) => isAccepted(state.review.findings[j]))) classes.push("accepted");
    return el("mark", {
      class: classes.join(" "), "data-mark": String(index), "data-kind": kindOf(mark), "data-verdict": mark.verdict || null,
      "data-role": role, id: first ? "mark-" + index : null, tabindex: first ? "0" : "-1", role: "button",
      title: markLabel(mark) + (role ? " · " + (W["role_" + role] || role) : ""),
    });
  }

  function isAccepted(finding) {
    return Boolean(finding && finding.fix && state.accepted.has(finding.fix.start + "-" + finding.fix.end));
  }

  function select(index, scroll) {
    state.selected = index;
    for (const node of document.querySelectorAll("mark.selected")) node.classList.remove("selected");
    for (const node of document.querySelectorAll('mark[data-mark="' + index + '"]')) node.classList.add("selected");
    drawDetail();
    const node = $("mark-" + index);
    if (scroll && node) node.scrollIntoView({ block: "center", behavior: "smooth" });
  }

  // ---- the detail of one mark ---------------------------------------------------------------------

  function where(span) {
    if (!span) return "";
    let text = fmt(W.line_col, { line: span.line, column: span.column });
    if (span.location) text += " · " + span.location.label;
    return text;
  }

  function runs(list, tag) {
    const node = el("div", { class: "runs" });
    for (const [text, differs] of list) node.append(differs ? el(tag, { text }) : text);
    return node;
  }

  function drawDetail() {
    const panel = $("detail");
    const mark = state.review.marks[state.selected];
    if (!mark) {
      panel.replaceChildren(el("p", { class: "hint", text: W.hint }));
      return;
    }
    const header = el("div", { class: "detail-head" },
      el("span", { class: "chip k-" + kindOf(mark) }, el("span", { class: "swatch" }), markLabel(mark)));
    const role = roleOf(mark);
    if (role) header.append(el("span", { class: "role", text: W.role + "：" + (W["role_" + role] || role) }));
    header.append(el("button", { type: "button", class: "link close", onclick: () => select(-1), "aria-label": W.close }, "×"));
    const parts = [header];
    if (mark.kind === "quote") parts.push(...quoteDetail(mark));
    for (const j of mark.findings) parts.push(findingDetail(j, mark));
    panel.replaceChildren(...parts);
  }

  function quoteDetail(mark) {
    const quote = file().quotes[mark.quote];
    const extra = state.review.quotes[mark.quote];
    const out = [el("p", { class: "where", text: where(quote.span) })];
    if (mark.findings.length) return out;
    out.push(el("blockquote", { class: "quote", text: quote.text }));
    if (mark.verdict === "verified" && quote.source) {
      out.push(el("p", { class: "note ok", text: W.verified_note }));
      if (quote.source.text !== quote.text) out.push(el("h4", { text: W.source }), el("blockquote", { text: quote.source.text }));
      if (extra.citation) out.push(el("p", { class: "cite" }, el("b", { text: W.cite + "：" }), extra.citation));
    } else if (mark.verdict === "term") {
      out.push(el("p", { class: "note", text: W.term_note }));
    } else if (mark.verdict === "unverified") {
      out.push(el("p", { class: "note", text: W.unverified_note }));
    }
    return out;
  }

  function findingDetail(j, mark) {
    const diagnostic = file().diagnostics[j];
    const extra = state.review.findings[j];
    const onQuote = mark.kind === "quote" && diagnostic.span && diagnostic.span.start === mark.start && diagnostic.span.end === mark.end;
    const box = el("section", { class: "finding s-" + diagnostic.severity, "data-finding": String(j) },
      el("p", { class: "finding-head" }, el("code", { text: diagnostic.code }), " ",
        el("span", { class: "severity", text: W["sev_" + diagnostic.severity] || diagnostic.severity }), " ",
        el("span", { class: "message", text: diagnostic.message })),
      onQuote ? null : el("p", { class: "where", text: where(diagnostic.span) }),
      mark.kind === "quote" || !diagnostic.span ? null : context(diagnostic.span));
    if (extra.diff) {
      box.append(el("table", { class: "diff" },
        el("tr", {}, el("th", { text: W.quote }), el("td", {}, runs(extra.diff.quote, "del"))),
        el("tr", {}, el("th", { text: W.source }), el("td", {}, runs(extra.diff.source, "ins")))));
    } else if (diagnostic.related && diagnostic.code !== "YW202") {
      diagnostic.related.forEach((part, k) => {
        box.append(el("table", { class: "diff" },
          el("tr", {}, el("th", { text: W.part }), el("td", { text: part.quote })),
          part.source ? el("tr", {}, el("th", { text: W.source }), el("td", { text: part.source.text })) : null));
        const cited = extra.related[k] && extra.related[k].citation;
        if (cited) box.append(el("p", { class: "cite" }, el("b", { text: W.cite + "：" }), cited));
      });
    } else if (diagnostic.source) {
      box.append(el("table", { class: "diff" },
        el("tr", {}, el("th", { text: W.quote }), el("td", { text: quoteText(diagnostic) })),
        el("tr", {}, el("th", { text: W.source }), el("td", { text: diagnostic.source.text }))));
    }
    if (diagnostic.code === "YW202" && diagnostic.related && diagnostic.related[0] && diagnostic.related[0].span) {
      const first = diagnostic.related[0].span;
      const target = state.review.marks.findIndex((m) => m.start <= first.start && first.start < m.end);
      const place = target >= 0
        ? el("button", { type: "button", class: "link", onclick: () => select(target, true) }, where(first))
        : where(first);
      box.append(el("p", {}, W.first_seen + "：", place));
    }
    if (extra.citation && !diagnostic.related) box.append(el("p", { class: "cite" }, el("b", { text: W.cite + "：" }), extra.citation));
    if (extra.fix) box.append(el("p", { class: "fixline" }, el("b", { text: W.fix + "：" }), extra.fix.text));
    const actions = el("div", { class: "actions" });
    if (extra.copy) actions.append(el("button", { type: "button", class: "button secondary copy", onclick: () => copy(extra.copy, box) }, W.copy));
    if (extra.fix) {
      const accepted = isAccepted(extra);
      actions.append(el("button", {
        type: "button", class: "button " + (accepted ? "secondary" : "primary") + " accept", "aria-pressed": String(accepted),
        onclick: () => toggleFix(extra.fix),
      }, accepted ? W.undo : W.accept));
      if (accepted) actions.append(el("span", { class: "note ok", text: W.accepted }));
    }
    if (actions.childElementCount) box.append(actions);
    return box;
  }

  // A finding outside quotations (a stutter, a repeated sentence) shown in its sentence.
  function context(span) {
    const chars = Array.from(state.review.text);
    const line = (from, to) => chars.slice(Math.max(from, 0), Math.max(to, 0)).join("").split("\n");
    const before = line(span.start - 24, span.start);
    const after = line(span.end, span.end + 24);
    return el("blockquote", { class: "context" }, (span.start > 24 && before.length === 1 ? "…" : "") + before[before.length - 1],
      el("del", { text: chars.slice(span.start, span.end).join("") }), after[0] + (after.length === 1 ? "…" : ""));
  }

  function quoteText(diagnostic) {
    return Array.from(state.review.text).slice(diagnostic.span.start, diagnostic.span.end).join("");
  }

  function toggleFix(fix) {
    const key = fix.start + "-" + fix.end;
    if (state.accepted.has(key)) state.accepted.delete(key);
    else state.accepted.set(key, fix);
    const selected = state.selected;
    redraw();
    select(selected, false);
  }

  async function copy(text, box) {
    let ok = false;
    try {
      await navigator.clipboard.writeText(text);
      ok = true;
    } catch (error) {
      // Off a secure context (a server opened to the network) the clipboard API is missing.
      const area = el("textarea", { class: "offscreen" });
      area.value = text;
      document.body.append(area);
      area.select();
      try {
        ok = document.execCommand("copy");
      } catch (ignored) { ok = false; }
      area.remove();
    }
    const note = el("p", { class: "note " + (ok ? "ok" : "error"), role: "status", text: ok ? W.copied : W.copy_failed });
    box.append(note);
    setTimeout(() => note.remove(), 2500);
  }

  // ---- the list of findings -----------------------------------------------------------------------

  function drawFindings() {
    const section = $("findings");
    const diagnostics = file().diagnostics;
    const list = el("ol", {});
    diagnostics.forEach((diagnostic, j) => {
      const markIndex = state.review.marks.findIndex((mark) => mark.findings.includes(j));
      const item = el("li", { class: "s-" + diagnostic.severity + (isAccepted(state.review.findings[j]) ? " accepted" : "") },
        el("code", { text: diagnostic.code }), " ", el("span", { class: "severity", text: W["sev_" + diagnostic.severity] || "" }), " ");
      if (markIndex >= 0) {
        item.append(el("button", { type: "button", class: "link", onclick: () => select(markIndex, true) }, where(diagnostic.span)));
        item.append(" ");
      }
      item.append(el("span", { text: diagnostic.message }));
      list.append(item);
    });
    section.replaceChildren(el("h2", { text: W.findings + "（" + diagnostics.length + "）" }),
      diagnostics.length ? list : el("p", { text: W.no_findings }));
  }

  // ---- wiring -------------------------------------------------------------------------------------

  function wire() {
    $("check").addEventListener("click", check);
    $("clear").addEventListener("click", () => {
      $("draft").value = "";
      forgetFile();
      showMessage("");
      $("result").hidden = true;
      state.review = null;
    });
    $("draft").addEventListener("keydown", (event) => {
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) check();
    });
    $("file").addEventListener("change", (event) => chooseFile(event.target.files[0]));
    $("remove-file").addEventListener("click", forgetFile);
    const drop = $("drop");
    for (const name of ["dragenter", "dragover"]) {
      drop.addEventListener(name, (event) => { event.preventDefault(); drop.classList.add("over"); });
    }
    for (const name of ["dragleave", "drop"]) {
      drop.addEventListener(name, () => drop.classList.remove("over"));
    }
    drop.addEventListener("drop", (event) => {
      event.preventDefault();
      chooseFile(event.dataTransfer.files[0]);
    });
    // A file dropped beside the drop zone must not make the browser leave the page to open it.
    window.addEventListener("dragover", (event) => event.preventDefault());
    window.addEventListener("drop", (event) => event.preventDefault());
    window.addEventListener("resize", () => { if (state.review) fitToolbar(); });
    $("text").addEventListener("click", (event) => {
      const mark = event.target.closest("mark[data-mark]");
      if (mark) select(Number(mark.dataset.mark), false);
    });
    $("text").addEventListener("keydown", (event) => {
      const mark = event.target.closest("mark[data-mark]");
      if (mark && (event.key === "Enter" || event.key === " ")) {
        event.preventDefault();
        select(Number(mark.dataset.mark), false);
      }
    });
  }

  wire();
})();
