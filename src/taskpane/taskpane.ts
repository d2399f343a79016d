// The task pane: buttons, a summary line, a severity filter, one card per objective with findings (click ->
// select the cell), objectives without findings folded into one line, settings.
// Every text coming from a workbook is set with textContent, never as HTML.
import { expectedHeaders, RULE_IDS, ruleTitle, SEVERITY_FILL, severityHeading, severityWord, type CheckReport, type Finding, type Lang, type Severity } from "../core";
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
import { cardMessage, layout, SEVERITIES, type Card } from "../ui/present";
import { displayDate, STRINGS, type Strings } from "../ui/strings";
import { mountHeadersEditor, tableNotFoundHelp, type HeadersEditor } from "./headers-editor";

let headersEditor: HeadersEditor | null = null;

/** Severity shown by a shape as well as a word and a colour: never by colour alone. */
const ICON: Record<Severity, string> = { error: "✕", warning: "!", info: "i" };

type Filter = Severity | "all";

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

function severityBadge(severity: Severity, lang: Lang): HTMLElement {
  const badge = el("span", `sev sev-${severity}`);
  const icon = el("span", "icon", ICON[severity]);
  icon.setAttribute("aria-hidden", "true");
  const word = severityWord(severity, lang);
  badge.append(icon, el("span", "word", word.charAt(0).toUpperCase() + word.slice(1)));
  return badge;
}

function findingItem(f: Finding, showSheet: boolean, lang: Lang, interactive: boolean): HTMLElement {
  const t = STRINGS[lang];
  const item = el("li");
  item.dataset.severity = f.severity;
  const button = el("button", `finding finding-${f.severity}`);
  button.type = "button";
  button.dataset.sheet = f.sheet;
  button.dataset.cell = f.cell;
  button.dataset.rule = f.rule;
  button.style.borderLeftColor = SEVERITY_FILL[f.severity];
  button.title = t.ruleId(f.rule);
  const head = el("span", "finding-head");
  head.append(severityBadge(f.severity, lang), el("span", "where", showSheet ? `${f.sheet}!${f.cell}` : f.cell));
  button.append(head, el("span", "rule-title", ruleTitle(f.rule, lang)), el("span", "message", cardMessage(f.message, f.objective)));
  button.disabled = !interactive;
  button.addEventListener("click", async () => {
    const error = await selectCell(f.sheet, f.cell);
    if (error) setStatus(error, "error");
  });
  item.append(button);
  return item;
}

function progressBlock(o: CheckReport["objectives"][number], lang: Lang): HTMLElement[] {
  if (!o.hasMonitoring || o.progress === null) return [];
  const text = STRINGS[lang].progress(points(o.progress, lang), displayDate(o.referenceDate), o.completedPhases, o.phases);
  const bar = el("div", "bar");
  bar.setAttribute("role", "progressbar");
  bar.setAttribute("aria-valuemin", "0");
  bar.setAttribute("aria-valuemax", "100");
  bar.setAttribute("aria-valuenow", String(Math.round(o.progress)));
  bar.setAttribute("aria-label", text);
  const fill = el("div", "bar-fill");
  fill.style.width = `${Math.min(100, Math.max(0, o.progress))}%`;
  bar.append(fill);
  return [el("p", "progress-label", text), bar];
}

function cardSection(report: CheckReport, card: Card<Finding>, lang: Lang, interactive: boolean): HTMLElement {
  const t = STRINGS[lang];
  const section = el("section", "objective");
  const o = card.objective === null ? null : report.objectives[card.objective];
  section.append(el("h2", undefined, card.heading));
  if (card.subtitle) section.append(el("p", "title", card.subtitle));
  if (o) section.append(el("p", "meta", `${o.sheet} · ${o.headerCell} · ${t.phases(o.phases)}`), ...progressBlock(o, lang));
  const list = el("ul", "findings");
  list.append(...card.findings.map((f) => findingItem(f, o === null || f.sheet !== o.sheet, lang, interactive)));
  section.append(list);
  return section;
}

function cleanObjectives(report: CheckReport, clean: number[], names: string[], lang: Lang): HTMLElement {
  const t = STRINGS[lang];
  const details = el("details", "clean");
  details.append(el("summary", undefined, t.cleanObjectives(clean.length)));
  const list = el("ul");
  for (const i of clean) {
    const o = report.objectives[i];
    const item = el("li", undefined, names[i]);
    if (o.hasMonitoring && o.progress !== null) item.append(el("span", "meta", ` · ${t.progress(points(o.progress, lang), displayDate(o.referenceDate), o.completedPhases, o.phases)}`));
    list.append(item);
  }
  details.append(list);
  return details;
}

function applyFilter(filter: Filter) {
  for (const button of document.querySelectorAll<HTMLButtonElement>("#filter button")) button.setAttribute("aria-pressed", String(button.dataset.filter === filter));
  for (const item of document.querySelectorAll<HTMLElement>("#results li[data-severity]")) item.hidden = filter !== "all" && item.dataset.severity !== filter;
  for (const card of document.querySelectorAll<HTMLElement>("#results section.objective")) card.hidden = card.querySelector("li[data-severity]:not([hidden])") === null;
}

function renderFilter(report: CheckReport, lang: Lang) {
  const t = STRINGS[lang];
  const filter = $("filter");
  if (report.findings.length === 0) {
    filter.hidden = true;
    return;
  }
  filter.hidden = false;
  const button = (value: Filter, label: string, count: number) => {
    const b = el("button", `filter-${value}`);
    b.type = "button";
    b.dataset.filter = value;
    if (value !== "all") {
      const icon = el("span", `icon sev-${value}`, ICON[value]);
      icon.setAttribute("aria-hidden", "true");
      b.append(icon);
    }
    b.append(el("span", undefined, value === "all" ? label : `${label} (${count})`));
    b.disabled = count === 0;
    b.addEventListener("click", () => applyFilter(value));
    return b;
  };
  filter.replaceChildren(
    el("span", "filter-label", t.filter),
    button("all", t.filterAll(report.findings.length), report.findings.length),
    ...SEVERITIES.map((s) => button(s, severityHeading(s, lang), report.counts[s])),
  );
  filter.setAttribute("aria-label", t.filter);
}

function renderReport(report: CheckReport, lang: Lang, interactive: boolean) {
  const t = STRINGS[lang];
  const summary = $("summary");
  summary.hidden = false;
  summary.dataset.kind = report.counts.error > 0 ? "error" : "ok";
  summary.replaceChildren(el("strong", undefined, t.summary(report.counts)));
  const others = t.summaryOthers(report.counts);
  if (others) summary.append(el("span", undefined, ` ${others}`));
  renderFilter(report, lang);
  const byObjective = report.objectives.map((): Finding[] => []);
  const general: Finding[] = [];
  for (const f of report.findings) (f.objectiveIndex === null ? general : (byObjective[f.objectiveIndex] ?? general)).push(f);
  const { cards, clean, headings } = layout(report.objectives, (i) => byObjective[i], general, t.general);
  const sections: HTMLElement[] = cards.map((c) => cardSection(report, c, lang, interactive));
  if (clean.length) sections.push(cleanObjectives(report, clean, headings, lang));
  $("results").replaceChildren(...sections);
  applyFilter("all");
}

function clearReport(lang: Lang) {
  $("summary").hidden = true;
  $("summary").replaceChildren();
  $("filter").hidden = true;
  $("filter").replaceChildren();
  $("results").replaceChildren(el("p", "intro", STRINGS[lang].intro));
}

function showOutcome(outcome: CheckOutcome, lang: Lang, interactive = true) {
  const t = STRINGS[lang];
  if (outcome.report) renderReport(outcome.report, lang, interactive);
  else clearReport(lang); // a previous run's findings must not look like this run's
  if (interactive && outcome.report?.findings.some((f) => f.rule === "table-not-found"))
    $("results").append(tableNotFoundHelp(lang, expectedHeaders(loadSettings().headers, lang), () => headersEditor?.focus()));
  setStatus(outcome.ok ? t.done(outcome.sheet) : (outcome.message ?? ""), outcome.ok ? "info" : "error");
}

function setBusy(busy: boolean) {
  for (const id of ["check-active", "check-all", "remove"]) ($(id) as HTMLButtonElement).disabled = busy;
  $("main").setAttribute("aria-busy", String(busy));
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
      label.title = STRINGS[lang].ruleId(id);
      label.append(box, el("span", undefined, ruleTitle(id, lang)));
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

function localize(t: Strings, lang: Lang) {
  $("check-active").textContent = t.checkActive;
  $("check-all").textContent = t.checkAll;
  $("remove").textContent = t.remove;
  $("settings-title").textContent = t.settings;
  $("save").textContent = t.save;
  const help = $("help") as HTMLAnchorElement;
  help.textContent = t.help;
  help.href = `help.html?lang=${lang}`;
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
  localize(t, lang);
  const dialog = new URLSearchParams(window.location.search).has("dialog");
  if (dialog) {
    document.body.classList.add("dialog");
    showStored(lang, false);
    return;
  }
  clearReport(lang);
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
