// The detail of the selected mark: the finding, the quotation against its source, the citation, the fix.

import { $, W, actions, el, state } from "./common.js";
import { file, isAccepted, kindOf, markLabel, roleOf, where } from "./draft.js";

function runs(list, tag) {
  const node = el("div", { class: "runs" });
  for (const [text, differs] of list) node.append(differs ? el(tag, { text }) : text);
  return node;
}

export function drawDetail() {
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
  header.append(el("button", { type: "button", class: "link close", onclick: () => actions.select(-1), "aria-label": W.close }, "×"));
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
      ? el("button", { type: "button", class: "link", onclick: () => actions.select(target, true) }, where(first))
      : where(first);
    box.append(el("p", {}, W.first_seen + "：", place));
  }
  if (extra.citation && !diagnostic.related) box.append(el("p", { class: "cite" }, el("b", { text: W.cite + "：" }), extra.citation));
  if (extra.fix) box.append(el("p", { class: "fixline" }, el("b", { text: W.fix + "：" }), extra.fix.text));
  const buttons = el("div", { class: "actions" });
  if (extra.copy) buttons.append(el("button", { type: "button", class: "button secondary copy", onclick: () => copy(extra.copy, box) }, W.copy));
  if (extra.fix) {
    const accepted = isAccepted(extra);
    buttons.append(el("button", {
      type: "button", class: "button " + (accepted ? "secondary" : "primary") + " accept", "aria-pressed": String(accepted),
      onclick: () => actions.toggleFix(extra.fix),
    }, accepted ? W.undo : W.accept));
    if (accepted) buttons.append(el("span", { class: "note ok", text: W.accepted }));
  }
  if (buttons.childElementCount) box.append(buttons);
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
