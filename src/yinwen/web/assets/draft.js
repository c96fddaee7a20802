// The draft with its marks: one per quotation (coloured by verdict) and one per finding outside them.

import { $, W, el, fmt, state } from "./common.js";

export function file() {
  return state.review.report.files[0];
}

export function kindOf(mark) {
  return mark.kind === "quote" ? mark.verdict : mark.kind;
}

export function markLabel(mark) {
  return mark.kind === "quote" ? W[mark.verdict] || mark.verdict : W[mark.kind] || mark.kind;
}

export function roleOf(mark) {
  if (mark.kind !== "quote") return null;
  return file().quotes[mark.quote].role || null;
}

export function isAccepted(finding) {
  return Boolean(finding && finding.fix && state.accepted.has(finding.fix.start + "-" + finding.fix.end));
}

export function where(span) {
  if (!span) return "";
  let text = fmt(W.line_col, { line: span.line, column: span.column });
  if (span.location) text += " · " + span.location.label;
  return text;
}

// The draft with nested marks. A mark that crosses another one is split into pieces with the same
// data-mark, so a quotation with a stutter inside stays one clickable quotation.
export function drawDraft() {
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
