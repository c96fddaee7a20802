// What every part of yinwen's page shares: its settings and words, the state of the draft last checked,
// building elements, and talking to the server. No framework and nothing from the internet. Offsets from
// the server count Unicode code points, so the draft is handled as an array of code points (Array.from),
// never sliced as UTF-16.

export const config = JSON.parse(document.getElementById("config").textContent);
export const W = config.words;
export const $ = (id) => document.getElementById(id);

export const state = {
  file: null,          // a File chosen or dropped; it wins over the pasted text
  review: null,        // the server's review of the draft last checked
  sent: null,          // what was checked: {file} or {text}; downloads send the same draft again
  accepted: new Map(), // "start-end" -> {start, end, text}: fixes the writer accepted
  selected: -1,        // index of the selected mark
  cycle: {},           // kind -> index of the mark the summary bar last jumped to
  request: 0,          // the latest check; older answers are ignored
};

// Set by result.js: what the detail panel's buttons do (kept here so the modules import in one direction).
export const actions = { select: null, toggleFix: null };

export function fmt(template, values) {
  return template.replace(/\{(\w+)\}/g, (whole, key) => (key in values ? String(values[key]) : whole));
}

export function el(tag, attrs, ...children) {
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

export function humanSize(size) {
  if (size >= 1024 * 1024) return (size / (1024 * 1024)).toFixed(1) + " MB";
  if (size >= 1024) return Math.round(size / 1024) + " KB";
  return size + " B";
}

export function showMessage(text, kind) {
  const box = $("message");
  box.textContent = text || "";
  box.className = "message " + (kind || "error");
  box.hidden = !text;
}

function body(draft) {
  if (draft.file) {
    const form = new FormData();
    form.append("file", draft.file, draft.file.name);
    return { body: form, name: null };
  }
  return { body: new Blob([draft.text], { type: "text/plain;charset=utf-8" }), name: W.pasted_name };
}

export async function post(path, draft, params) {
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
