// The sidebar page, inlined into Code.js. The client code is a self-contained function whose source
// is embedded in the page; every text taken from the sheet is inserted with textContent.
import { expectedHeaders, RULE_IDS, ruleTitle, SEVERITY_FILL, severityHeading, severityWord, type ExpectedHeaders, type Lang, type Severity } from "../core";
import { headersEditorClient, tableNotFoundHelp } from "../taskpane/headers-editor";
import type { ResultView, Settings } from "./addon";

const LABELS = {
  it: {
    title: "Verifica PIAO",
    checkSheet: "Verifica foglio",
    checkAll: "Verifica tutti i fogli",
    remove: "Rimuovi evidenziazioni",
    working: "Verifica in corso…",
    summaryErrors: "{0} da correggere prima dell'invio",
    noErrors: "Nessun errore da correggere",
    noProblems: "Nessun problema trovato",
    othersAfterErrors: "Inoltre {0}.",
    othersAlone: "Da valutare: {0}.",
    and: " e ",
    filter: "Mostra",
    filterAll: "Tutte",
    progressOne: "Avanzamento {0} al {1} ({2} di {3} fase completata)",
    progressMany: "Avanzamento {0} al {1} ({2} di {3} fasi completate)",
    cleanOne: "1 obiettivo senza segnalazioni",
    cleanMany: "{0} obiettivi senza segnalazioni",
    ruleId: "Regola {0}",
    general: "Cartella di lavoro",
    settings: "Impostazioni",
    settingsReference: "Data di riferimento (vuota: dall'intestazione Monitoraggio o oggi)",
    settingsPeriod: "Periodo del piano (es. 2022-2024)",
    save: "Salva",
    empty: "Scegli «Verifica foglio» per controllare le schede obiettivo del foglio attivo: le celle da rivedere vengono evidenziate e qui compare l'elenco, a partire dagli errori.",
    goTo: "Vai alla cella",
  },
  en: {
    title: "Verifica PIAO",
    checkSheet: "Check sheet",
    checkAll: "Check all sheets",
    remove: "Remove highlights",
    working: "Checking…",
    summaryErrors: "{0} to fix before sending",
    noErrors: "No errors to fix",
    noProblems: "No problems found",
    othersAfterErrors: "Also {0}.",
    othersAlone: "To review: {0}.",
    and: " and ",
    filter: "Show",
    filterAll: "All",
    progressOne: "Progress {0} at {1} ({2} of {3} phase completed)",
    progressMany: "Progress {0} at {1} ({2} of {3} phases completed)",
    cleanOne: "1 objective without findings",
    cleanMany: "{0} objectives without findings",
    ruleId: "Rule {0}",
    general: "Workbook",
    settings: "Settings",
    settingsReference: "Reference date (empty: from the Monitoraggio header or today)",
    settingsPeriod: "Plan period (e.g. 2022-2024)",
    save: "Save",
    empty: "Choose “Check sheet” to check the objective tables of the active sheet: the cells to review are highlighted and listed here, errors first.",
    goTo: "Go to cell",
  },
};

/** google.script.run as the page sees it: the server functions of Code.ts. */
interface ScriptRun {
  withSuccessHandler<T>(handler: (value: T) => void): ScriptRun;
  withFailureHandler(handler: (error: Error) => void): ScriptRun;
  checkActiveSheet(): void;
  checkAllSheets(): void;
  removeHighlights(): void;
  selectCell(sheet: string, a1: string): void;
  saveSettings(settings: Settings): void;
}
declare const google: { script: { run: ScriptRun } };

/** The labels as sent to the page, with the core's severity words and rule titles. */
type PageLabels = (typeof LABELS)["it"] & {
  lang: Lang;
  /** Per severity: the word for one, for several, and the heading ("errore", "errori", "Errori"). */
  severity: Record<Severity, { one: string; other: string; heading: string }>;
  ruleTitles: Record<string, string>;
};

export interface PageData {
  labels: PageLabels;
  result: ResultView | null;
  settings: Settings;
  lang: Lang;
  /** The header texts recognised out of the box, for the headers editor. */
  known: ExpectedHeaders[];
}

const CSS = `
body{font-family:Arial,sans-serif;font-size:13px;margin:0;padding:10px;color:#202124}
button{margin:0 4px 6px 0;padding:5px 8px;cursor:pointer;font:inherit}
:focus-visible{outline:2px solid #000;outline-offset:2px}
#status{margin:6px 0;padding:6px;border-radius:4px;white-space:pre-wrap}
#status.ok{background:#e6f4ea}#status.ko{background:#fce8e6}#status:empty{display:none}
.summary{margin:8px 0;padding:6px 8px;border-left:4px solid #137333;background:#f1f3f4}
.summary.has-errors{border-left-color:#a50e0e}.summary b{display:block;font-size:14px}
.summary.has-errors b{color:#a50e0e}.summary.no-errors b{color:#137333}
.filter{margin:6px 0}.filter button{padding:2px 6px;margin:0 4px 4px 0}
.filter button[aria-pressed=true]{font-weight:bold;border:2px solid #1a73e8}
.icon{display:inline-block;width:14px;height:14px;line-height:14px;text-align:center;font-size:10px;font-weight:bold;color:#fff;margin-right:4px;vertical-align:-2px}
.icon-error{background:#a50e0e;border-radius:50%}.icon-warning{background:#8a4b00;clip-path:polygon(50% 0,100% 100%,0 100%);line-height:17px}
.icon-info{background:#174ea6;border-radius:2px;font-style:italic;font-family:Georgia,serif}
.word{font-weight:bold}.word-error{color:#a50e0e}.word-warning{color:#8a4b00}.word-info{color:#174ea6}
section{border-top:1px solid #dadce0;padding:6px 0}
h2{font-size:14px;margin:4px 0}.sub{color:#5f6368;font-size:12px}
.bar{height:8px;background:#eee;border:1px solid #80868b;border-radius:4px;overflow:hidden;margin:4px 0}
.bar div{height:100%;background:#188038}
ul{list-style:none;padding:0;margin:4px 0}
li{margin:3px 0}
li button{display:block;width:100%;text-align:left;margin:0;padding:4px 6px;border:0;border-left:4px solid transparent;background:none;color:inherit}
li button:hover{background:#f1f3f4}
li .rule{display:block;font-weight:bold}
.sev-error{border-left-color:${SEVERITY_FILL.error}!important}.sev-warning{border-left-color:${SEVERITY_FILL.warning}!important}.sev-info{border-left-color:${SEVERITY_FILL.info}!important}
details.clean ul{list-style:disc;padding-left:18px}
label{display:block;margin:6px 0 2px}input{width:95%}
summary{cursor:pointer;line-height:24px;min-height:24px}
[hidden]{display:none!important}
`;

/** Runs in the sidebar (browser). Must not reference anything outside its own body. */
function sidebarClient(data: PageData, mountHeaders: typeof headersEditorClient, notFoundHelp: typeof tableNotFoundHelp): void {
  type Sev = "error" | "warning" | "info";
  const L = data.labels;
  const SEVS: Sev[] = ["error", "warning", "info"];
  const ICON: Record<Sev, string> = { error: "✕", warning: "!", info: "i" };
  const plural = new Intl.PluralRules(L.lang === "en" ? "en-GB" : "it-IT");
  const $ = (id: string) => document.getElementById(id) as HTMLElement;
  const el = (tag: string, text?: string, cls?: string) => {
    const e = document.createElement(tag);
    if (text !== undefined) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  };
  const fill = (template: string, ...values: string[]) => values.reduce((t, v, i) => t.replace("{" + i + "}", v), template);
  const count = (s: Sev, n: number) => n + " " + (plural.select(n) === "one" ? L.severity[s].one : L.severity[s].other);
  const dmy = (iso: string) => iso.split("-").reverse().join("/");
  const fmtPct = (n: number) => String(Math.round(n * 100) / 100).replace(".", L.lang === "en" ? "." : ",") + "%";
  const word = (s: Sev) => L.severity[s].one.charAt(0).toUpperCase() + L.severity[s].one.slice(1);

  type F = ResultView["general"][number];
  type O = ResultView["objectives"][number];
  /** Errors first, then sheet in workbook order, then row and column. */
  function sortKey(f: F, sheets: string[]): number[] {
    const m = /^([A-Z]+)(\d+)$/.exec(f.cell) || ["", "A", "1"];
    let col = 0;
    for (const ch of m[1]) col = col * 26 + ch.charCodeAt(0) - 64;
    const sheet = sheets.indexOf(f.sheet);
    return [SEVS.indexOf(f.severity), sheet < 0 ? sheets.length : sheet, Number(m[2]), col];
  }
  const compare = (a: number[], b: number[]) => {
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
    return 0;
  };
  function sorted(findings: F[], sheets: string[]): F[] {
    return findings
      .map((f) => ({ f, k: sortKey(f, sheets) }))
      .sort((a, b) => compare(a.k, b.k))
      .map((x) => x.f);
  }
  function headings(objectives: O[]): string[] {
    const byName: Record<string, number> = {};
    const bySheet: Record<string, number> = {};
    for (const o of objectives) {
      byName[o.name] = (byName[o.name] || 0) + 1;
      bySheet[o.name + "\u0000" + o.sheet] = (bySheet[o.name + "\u0000" + o.sheet] || 0) + 1;
    }
    return objectives.map((o) => {
      const same = byName[o.name];
      if (same === 1) return o.name;
      const onSheet = bySheet[o.name + "\u0000" + o.sheet];
      if (onSheet === same) return o.name + " · " + o.headerCell;
      return onSheet === 1 ? o.name + " · " + o.sheet : o.name + " · " + o.sheet + "!" + o.headerCell;
    });
  }
  function subtitle(o: O): string | null {
    if (!o.title) return null;
    const t = o.title.toLowerCase().indexOf(o.name.toLowerCase()) === 0 ? o.title.slice(o.name.length).replace(/^[\s:).\-–]+/, "") : o.title;
    return t.trim() || null;
  }
  function cardMessage(message: string, objective: string | null): string {
    const prefix = objective === null ? "" : objective + ": ";
    const rest = prefix && message.indexOf(prefix) === 0 ? message.slice(prefix.length) : message;
    return rest.charAt(0).toUpperCase() + rest.slice(1);
  }

  function status(text: string, ok: boolean) {
    const s = $("status");
    s.textContent = text;
    s.className = ok ? "ok" : "ko";
  }

  function icon(s: Sev) {
    const i = el("span", ICON[s], "icon icon-" + s);
    i.setAttribute("aria-hidden", "true");
    return i;
  }

  function findingList(findings: F[], objective: O | null) {
    const ul = el("ul");
    for (const f of findings) {
      const li = el("li");
      li.dataset.severity = f.severity;
      const b = el("button", undefined, "finding sev-" + f.severity) as HTMLButtonElement;
      b.type = "button";
      b.title = L.goTo + " " + f.sheet + "!" + f.cell + " · " + fill(L.ruleId, f.rule);
      b.dataset.rule = f.rule;
      b.dataset.cell = f.cell;
      b.appendChild(icon(f.severity));
      b.appendChild(el("span", word(f.severity), "word word-" + f.severity));
      b.appendChild(document.createTextNode(" " + (objective && f.sheet === objective.sheet ? f.cell : f.sheet + "!" + f.cell)));
      b.appendChild(el("span", L.ruleTitles[f.rule] || f.rule, "rule"));
      b.appendChild(el("span", cardMessage(f.message, objective ? objective.name : null), "message"));
      b.addEventListener("click", () => google.script.run.withFailureHandler(failed).selectCell(f.sheet, f.cell));
      li.appendChild(b);
      ul.appendChild(li);
    }
    return ul;
  }

  function progress(o: O, referenceDate: string | null): HTMLElement[] {
    if (!o.hasMonitoring || o.progress === null || !referenceDate) return [];
    const text = fill(o.phases === 1 ? L.progressOne : L.progressMany, fmtPct(o.progress), dmy(referenceDate), String(o.completedPhases), String(o.phases));
    const bar = el("div", undefined, "bar");
    const inner = el("div");
    inner.style.width = Math.max(0, Math.min(100, o.progress)) + "%";
    bar.appendChild(inner);
    bar.setAttribute("role", "progressbar");
    bar.setAttribute("aria-valuemin", "0");
    bar.setAttribute("aria-valuemax", "100");
    bar.setAttribute("aria-valuenow", String(o.progress));
    bar.setAttribute("aria-label", text);
    return [el("div", text, "sub"), bar];
  }

  function applyFilter(value: string) {
    document.querySelectorAll<HTMLButtonElement>(".filter button").forEach((b) => b.setAttribute("aria-pressed", String(b.dataset.filter === value)));
    document.querySelectorAll<HTMLElement>("#results li[data-severity]").forEach((li) => (li.hidden = value !== "all" && li.dataset.severity !== value));
    document.querySelectorAll<HTMLElement>("#results section").forEach((s) => (s.hidden = s.querySelector("li[data-severity]:not([hidden])") === null));
  }

  function summary(counts: Record<Sev, number>) {
    const p = el("p", undefined, "summary " + (counts.error > 0 ? "has-errors" : "no-errors"));
    p.setAttribute("aria-live", "polite");
    const main = counts.error > 0 ? fill(L.summaryErrors, count("error", counts.error)) : counts.warning + counts.info > 0 ? L.noErrors : L.noProblems;
    p.appendChild(el("b", main));
    const others = (["warning", "info"] as Sev[]).filter((s) => counts[s] > 0).map((s) => count(s, counts[s]));
    if (others.length) p.appendChild(el("span", fill(counts.error > 0 ? L.othersAfterErrors : L.othersAlone, others.join(L.and))));
    return p;
  }

  function filterBar(counts: Record<Sev, number>) {
    const div = el("div", undefined, "filter");
    div.setAttribute("role", "group");
    div.setAttribute("aria-label", L.filter);
    div.appendChild(el("span", L.filter + " ", "sub"));
    const total = counts.error + counts.warning + counts.info;
    const button = (value: string, label: string, n: number, s?: Sev) => {
      const b = el("button") as HTMLButtonElement;
      b.type = "button";
      b.dataset.filter = value;
      if (s) b.appendChild(icon(s));
      b.appendChild(document.createTextNode(label + " (" + n + ")"));
      b.disabled = n === 0;
      b.addEventListener("click", () => applyFilter(value));
      div.appendChild(b);
    };
    button("all", L.filterAll, total);
    for (const s of SEVS) button(s, L.severity[s].heading, counts[s], s);
    return div;
  }

  function render(result: PageData["result"]) {
    const out = $("results");
    out.textContent = "";
    setBusy(false);
    if (!result) {
      out.appendChild(el("p", L.empty, "sub"));
      return;
    }
    status(result.message, result.ok);
    if (result.general.some((f) => f.rule === "table-not-found")) {
      const own = headersEditor.value();
      out.appendChild(notFoundHelp(data.lang, data.known.map((k) => ({ ...k, texts: [...k.texts, ...(own[k.role] ?? [])] })), () => headersEditor.focus()));
    }
    if (!result.counts) return;
    out.appendChild(summary(result.counts));
    if (result.counts.error + result.counts.warning + result.counts.info > 0) out.appendChild(filterBar(result.counts));
    const sheets: string[] = [];
    for (const o of result.objectives) if (sheets.indexOf(o.sheet) < 0) sheets.push(o.sheet);
    const names = headings(result.objectives);
    const cards: { first: number[]; node: HTMLElement }[] = [];
    const clean: number[] = [];
    const card = (heading: string, findings: F[], o: O | null) => {
      const list = sorted(findings, sheets);
      const s = el("section");
      s.appendChild(el("h2", heading));
      if (o) {
        const sub = subtitle(o);
        if (sub) s.appendChild(el("div", sub));
        s.appendChild(el("div", o.sheet + " · " + o.headerCell, "sub"));
        for (const n of progress(o, result.referenceDate)) s.appendChild(n);
      }
      s.appendChild(findingList(list, o));
      cards.push({ first: sortKey(list[0], sheets), node: s });
    };
    if (result.general.length) card(L.general, result.general, null);
    result.objectives.forEach((o, i) => (o.findings.length ? card(names[i], o.findings, o) : clean.push(i)));
    cards.sort((a, b) => compare(a.first, b.first)).forEach((c) => out.appendChild(c.node));
    if (clean.length) {
      const d = el("details", undefined, "clean");
      d.appendChild(el("summary", clean.length === 1 ? L.cleanOne : fill(L.cleanMany, String(clean.length))));
      const ul = el("ul");
      for (const i of clean) {
        const o = result.objectives[i];
        const li = el("li", names[i]);
        const p = progress(o, result.referenceDate);
        if (p.length) li.appendChild(el("span", " · " + p[0].textContent, "sub"));
        ul.appendChild(li);
      }
      d.appendChild(ul);
      out.appendChild(d);
    }
    applyFilter("all");
  }

  function failed(err: Error) {
    setBusy(false);
    status(err && err.message ? err.message : String(err), false);
  }

  function setBusy(busy: boolean) {
    for (const id of ["check-sheet", "check-all", "remove"]) ($(id) as HTMLButtonElement).disabled = busy;
    if (busy) status(L.working, true);
  }

  function run(fn: "checkActiveSheet" | "checkAllSheets" | "removeHighlights") {
    setBusy(true);
    const runner = google.script.run.withSuccessHandler(render).withFailureHandler(failed);
    runner[fn]();
  }

  document.title = L.title;
  $("check-sheet").textContent = L.checkSheet;
  $("check-all").textContent = L.checkAll;
  $("remove").textContent = L.remove;
  $("settings-title").textContent = L.settings;
  $("ref-label").textContent = L.settingsReference;
  $("period-label").textContent = L.settingsPeriod;
  $("save").textContent = L.save;
  ($("ref") as HTMLInputElement).value = data.settings.referenceDate ?? "";
  ($("period") as HTMLInputElement).value = data.settings.period ?? "";
  $("check-sheet").addEventListener("click", () => run("checkActiveSheet"));
  $("check-all").addEventListener("click", () => run("checkAllSheets"));
  $("remove").addEventListener("click", () => run("removeHighlights"));
  const settingsWith = (headers: PageData["settings"]["headers"]) => ({ referenceDate: ($("ref") as HTMLInputElement).value, period: ($("period") as HTMLInputElement).value, headers });
  const headersEditor = mountHeaders($("headers-editor"), data.settings.headers ?? {}, (headers) =>
    new Promise<string[]>((resolve) =>
      google.script.run
        .withSuccessHandler((r: { ok: boolean; errors: string[] }) => resolve(r.ok ? [] : r.errors))
        .withFailureHandler((e: Error) => resolve([e.message]))
        .saveSettings(settingsWith(headers)),
    ), data.lang, data.known);
  $("save").addEventListener("click", () => {
    const settings = settingsWith(headersEditor.value());
    google.script.run
      .withSuccessHandler((r: { ok: boolean; errors: string[]; message: string }) =>
        status(r.ok ? r.message : r.errors.join("\n"), r.ok),
      )
      .withFailureHandler(failed)
      .saveSettings(settings);
  });
  render(data.result);
}

/** JSON that is safe inside a <script> element. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

export function pageData(lang: Lang, result: ResultView | null, settings: Settings): PageData {
  const severity = {} as PageLabels["severity"];
  for (const s of ["error", "warning", "info"] as const) severity[s] = { one: severityWord(s, lang, 1), other: severityWord(s, lang, 2), heading: severityHeading(s, lang) };
  const ruleTitles = Object.fromEntries(RULE_IDS.map((id) => [id, ruleTitle(id, lang)]));
  return { labels: { ...LABELS[lang], lang, severity, ruleTitles }, result, settings, lang, known: expectedHeaders(undefined, lang) };
}

export function sidebarHtml(lang: Lang, result: ResultView | null, settings: Settings): string {
  return `<!DOCTYPE html>
<html lang="${lang}"><head><meta charset="utf-8"><base target="_top"><style>${CSS}</style></head>
<body>
<div><button id="check-sheet"></button><button id="check-all"></button><button id="remove"></button></div>
<div id="status" role="status" aria-live="polite"></div>
<div id="results"></div>
<details><summary id="settings-title"></summary>
<label id="ref-label" for="ref"></label><input id="ref" type="date">
<label id="period-label" for="period"></label><input id="period" type="text" placeholder="2022-2024">
<p><button id="save"></button></p></details>
<div id="headers-editor"></div>
<script>(${sidebarClient.toString()})(${scriptJson(pageData(lang, result, settings))}, ${headersEditorClient.toString()}, ${tableNotFoundHelp.toString()});</script>
</body></html>`;
}
