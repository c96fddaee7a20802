// The result of a check: the summary bar, the downloads, the draft, the detail and the list of findings.

import { $, W, actions, el, fmt, post, showMessage, state } from "./common.js";
import { drawDetail } from "./detail.js";
import { drawDraft, file, isAccepted, kindOf, where } from "./draft.js";

const VERDICTS = ["verified", "misquote", "spliced", "misattributed", "unverified", "term"];
const KINDS = ["stutter", "repeated", "reuse", "formulation", "other"];

export function drawResult() {
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
export function fitToolbar() {
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

export function select(index, scroll) {
  state.selected = index;
  for (const node of document.querySelectorAll("mark.selected")) node.classList.remove("selected");
  for (const node of document.querySelectorAll('mark[data-mark="' + index + '"]')) node.classList.add("selected");
  drawDetail();
  const node = $("mark-" + index);
  if (scroll && node) node.scrollIntoView({ block: "center", behavior: "smooth" });
}

function toggleFix(fix) {
  const key = fix.start + "-" + fix.end;
  if (state.accepted.has(key)) state.accepted.delete(key);
  else state.accepted.set(key, fix);
  const selected = state.selected;
  redraw();
  select(selected, false);
}

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

actions.select = select;
actions.toggleFix = toggleFix;
