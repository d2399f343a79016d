// The task pane: buttons, counts, findings grouped by objective (click -> select the cell), settings.
// Every text coming from a workbook is set with textContent, never as HTML.
import { expectedHeaders, RULE_IDS, ruleDescription, SEVERITY_FILL, type CheckReport, type Finding, type Lang, type Severity } from "../core";
import {
  hostLang,
  LAST_RESULT_KEY,
  loadSettings,
  removeHighlights,
  runCheck,
  saveSettings,
  selectCell,
  type AddinSettings,
  type CheckOutcome,
  type Scope,
} from "../excel";
import { displayDate, STRINGS, type Strings } from "../ui/strings";
import { mountHeadersEditor, tableNotFoundHelp, type HeadersEditor } from "./headers-editor";

let headersEditor: HeadersEditor | null = null;

const SEVERITIES: Severity[] = ["error", "warning", "info"];

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function setStatus(text: string, kind: "info" | "error" = "info") {
  const status = $("status");
  status.textContent = text;
  status.dataset.kind = kind;
}

const points = (n: number, lang: Lang) => `${Number(n.toFixed(2)).toLocaleString(lang === "it" ? "it-IT" : "en-GB")}%`;

function renderCounts(report: CheckReport, t: Strings) {
  const counts = $("counts");
  counts.replaceChildren(
    ...SEVERITIES.map((s) => {
      const chip = el("span", `count count-${s}`);
      chip.style.background = SEVERITY_FILL[s];
      chip.append(el("strong", undefined, String(report.counts[s])), el("span", undefined, ` ${t.severity[s]}`));
      return chip;
    }),
  );
}

function findingButton(f: Finding, interactive: boolean): HTMLElement {
  const item = el("li");
  const button = el("button", `finding finding-${f.severity}`);
  button.type = "button";
  button.dataset.sheet = f.sheet;
  button.dataset.cell = f.cell;
  button.dataset.rule = f.rule;
  const dot = el("span", "dot");
  dot.style.background = SEVERITY_FILL[f.severity];
  const where = el("span", "where", f.cell);
  const body = el("span", "body");
  body.append(el("span", "message", f.message), el("span", "rule", f.rule));
  button.append(dot, where, body);
  button.disabled = !interactive;
  button.addEventListener("click", async () => {
    const error = await selectCell(f.sheet, f.cell);
    if (error) setStatus(error, "error");
  });
  item.append(button);
  return item;
}

function findingList(findings: Finding[], interactive: boolean): HTMLElement {
  const list = el("ul", "findings");
  list.append(...findings.map((f) => findingButton(f, interactive)));
  return list;
}

function renderReport(report: CheckReport, lang: Lang, interactive: boolean) {
  const t = STRINGS[lang];
  renderCounts(report, t);
  const results = $("results");
  const sections: HTMLElement[] = [];
  const general = report.findings.filter((f) => f.objectiveIndex === null);
  if (general.length) {
    const card = el("section", "objective");
    card.append(el("h2", undefined, t.general), findingList(general, interactive));
    sections.push(card);
  }
  report.objectives.forEach((o, i) => {
    const card = el("section", "objective");
    const head = el("h2", undefined, o.name);
    const meta = el("p", "meta", `${o.sheet} · ${o.headerCell} · ${t.phases(o.phases)}`);
    card.append(head);
    if (o.title) card.append(el("p", "title", o.title));
    card.append(meta);
    const progress = o.progress ?? 0;
    const bar = el("div", "bar");
    bar.setAttribute("role", "progressbar");
    bar.setAttribute("aria-valuemin", "0");
    bar.setAttribute("aria-valuemax", "100");
    bar.setAttribute("aria-valuenow", String(Math.round(progress)));
    const fill = el("div", "bar-fill");
    fill.style.width = `${Math.min(100, Math.max(0, progress))}%`;
    bar.append(fill);
    card.append(
      el("p", "progress-label", o.progress === null ? t.progress("?") : t.progress(points(o.progress, lang))),
      bar,
      el("p", "meta", t.referenceDate(displayDate(o.referenceDate))),
    );
    const findings = report.findings.filter((f) => f.objectiveIndex === i);
    if (findings.length) card.append(findingList(findings, interactive));
    sections.push(card);
  });
  if (report.findings.length === 0) sections.unshift(el("p", "ok", t.noFindings));
  results.replaceChildren(...sections);
}

function clearReport() {
  $("counts").replaceChildren();
  $("results").replaceChildren();
}

function showOutcome(outcome: CheckOutcome, lang: Lang, interactive = true) {
  const t = STRINGS[lang];
  if (outcome.report) renderReport(outcome.report, lang, interactive);
  else clearReport(); // a previous run's findings must not look like this run's
  if (interactive && outcome.report?.findings.some((f) => f.rule === "table-not-found"))
    $("results").append(tableNotFoundHelp(lang, expectedHeaders(loadSettings().headers, lang), () => headersEditor?.focus()));
  setStatus(outcome.ok ? t.done(outcome.sheet) : (outcome.message ?? ""), outcome.ok ? "info" : "error");
}

function setBusy(busy: boolean) {
  for (const id of ["check-active", "check-all", "remove"]) ($(id) as HTMLButtonElement).disabled = busy;
}

async function check(scope: Scope, lang: Lang) {
  setBusy(true);
  setStatus(STRINGS[lang].running);
  try {
    const outcome = await runCheck(scope);
    showOutcome(outcome, lang);
  } finally {
    setBusy(false);
  }
}

function fillSettings(settings: AddinSettings, lang: Lang) {
  ($("s-reference") as HTMLInputElement).value = settings.referenceDate ?? "";
  ($("s-period") as HTMLInputElement).value = settings.period ?? "";
  ($("s-tolerance") as HTMLInputElement).value = String(settings.weightTolerance ?? 0.01);
  ($("s-responsabili") as HTMLInputElement).value = settings.responsabiliSheet ?? "";
  const rules = $("s-rules");
  rules.replaceChildren(
    ...RULE_IDS.map((id) => {
      const label = el("label", "rule-toggle");
      const box = el("input");
      box.type = "checkbox";
      box.value = id;
      box.checked = settings.rules?.[id] !== "off";
      label.title = id;
      label.append(box, el("span", undefined, ruleDescription(id, lang)));
      return label;
    }),
  );
}

function readSettings(previous: AddinSettings): AddinSettings {
  const value = (id: string) => ($(id) as HTMLInputElement).value.trim();
  const rules: NonNullable<AddinSettings["rules"]> = {};
  for (const box of $("s-rules").querySelectorAll<HTMLInputElement>("input[type=checkbox]")) {
    const id = box.value as (typeof RULE_IDS)[number];
    const before = previous.rules?.[id];
    if (!box.checked) rules[id] = "off";
    else if (before && before !== "off") rules[id] = before; // keep a severity changed elsewhere
  }
  const settings: AddinSettings = { ...previous, rules, weightTolerance: Number(value("s-tolerance") || "0.01") };
  for (const [key, id] of [["referenceDate", "s-reference"], ["period", "s-period"], ["responsabiliSheet", "s-responsabili"]] as const) {
    if (value(id)) settings[key] = value(id);
    else delete settings[key];
  }
  return settings;
}

function localize(t: Strings) {
  $("check-active").textContent = t.checkActive;
  $("check-all").textContent = t.checkAll;
  $("remove").textContent = t.remove;
  $("settings-title").textContent = t.settings;
  $("save").textContent = t.save;
  for (const node of document.querySelectorAll<HTMLElement>("[data-text]")) node.textContent = t[node.dataset.text as keyof Strings] as string;
}

/** The ribbon command stores its outcome; show it here (also in the read-only dialog the command opens). */
function showStored(lang: Lang, interactive: boolean) {
  const raw = window.localStorage.getItem(LAST_RESULT_KEY);
  if (raw) showOutcome(JSON.parse(raw) as CheckOutcome, lang, interactive);
}

async function start() {
  const lang = hostLang();
  const t = STRINGS[lang];
  document.documentElement.lang = lang;
  localize(t);
  const dialog = new URLSearchParams(window.location.search).has("dialog");
  if (dialog) {
    document.body.classList.add("dialog");
    showStored(lang, false);
    return;
  }
  let settings = loadSettings();
  fillSettings(settings, lang);
  headersEditor = mountHeadersEditor($("headers-editor"), settings.headers, async (headers) => {
    const next = { ...settings, headers };
    const errors = await saveSettings(next, lang);
    if (!errors.length) settings = next;
    return errors;
  }, lang);
  $("check-active").addEventListener("click", () => check("active", lang));
  $("check-all").addEventListener("click", () => check("all", lang));
  $("remove").addEventListener("click", async () => {
    setBusy(true);
    setStatus(t.removing);
    const result = await removeHighlights();
    setStatus(result.ok ? t.removed(result.restored) : (result.message ?? ""), result.ok ? "info" : "error");
    setBusy(false);
  });
  $("settings-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    const next = readSettings(settings);
    const errors = await saveSettings(next, lang);
    const status = $("settings-status");
    status.textContent = errors.length ? errors.join(" · ") : t.saved;
    status.dataset.kind = errors.length ? "error" : "info";
    if (!errors.length) settings = next;
  });
  window.addEventListener("storage", (e) => e.key === LAST_RESULT_KEY && showStored(lang, true));
}

Office.onReady(() => start());
