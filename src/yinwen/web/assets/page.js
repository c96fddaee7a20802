// yinwen's page: choose or paste the draft, send it to this machine's yinwen server, show the result.

import { $, W, config, fmt, humanSize, post, showMessage, state } from "./common.js";
import { drawResult, fitToolbar, select } from "./result.js";

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
