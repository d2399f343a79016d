// The sidebar page, inlined into Code.js. The client code is a self-contained function whose source
// is embedded in the page; every text taken from the sheet is inserted with textContent.
import { expectedHeaders, type ExpectedHeaders, type Lang } from "../core";
import { headersEditorClient, tableNotFoundHelp } from "../taskpane/headers-editor";
import type { FindingView, ResultView, Settings } from "./addon";

const LABELS = {
  it: {
    title: "Verifica PIAO",
    checkSheet: "Verifica foglio",
    checkAll: "Verifica tutti i fogli",
    remove: "Rimuovi evidenziazioni",
    working: "Verifica in corso…",
    referenceDate: "Data di riferimento",
    error: "Errori",
    warning: "Avvisi",
    info: "Informazioni",
    progress: "Avanzamento",
    phasesDone: (done: string, all: string) => `${done} di ${all} fasi completate`,
    noFindings: "Nessuna segnalazione.",
    general: "Altre segnalazioni",
    settings: "Impostazioni",
    settingsReference: "Data di riferimento (vuota: quella dell'intestazione, poi oggi)",
    settingsPeriod: "Periodo del piano (es. 2022-2024)",
    save: "Salva",
    empty: "Scegli «Verifica foglio» per controllare le schede obiettivo del foglio attivo.",
    goTo: "Vai alla cella",
  },
  en: {
    title: "Verifica PIAO",
    checkSheet: "Check sheet",
    checkAll: "Check all sheets",
    remove: "Remove highlights",
    working: "Checking…",
    referenceDate: "Reference date",
    error: "Errors",
    warning: "Warnings",
    info: "Notices",
    progress: "Progress",
    phasesDone: (done: string, all: string) => `${done} of ${all} phases completed`,
    noFindings: "No findings.",
    general: "Other findings",
    settings: "Settings",
    settingsReference: "Reference date (empty: the header's, then today)",
    settingsPeriod: "Plan period (e.g. 2022-2024)",
    save: "Save",
    empty: "Choose “Check sheet” to check the objective tables of the active sheet.",
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

type Labels = (typeof LABELS)["it"];
/** The labels as sent to the page: functions become templates with {0} {1}. */
type PageLabels = Omit<Labels, "phasesDone"> & { phasesDone: string };

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
button{margin:0 4px 6px 0;padding:5px 8px;cursor:pointer}
#status{margin:6px 0;padding:6px;border-radius:4px;white-space:pre-wrap}
#status.ok{background:#e6f4ea}#status.ko{background:#fce8e6}#status:empty{display:none}
.counts span{display:inline-block;margin-right:6px;padding:2px 6px;border-radius:3px}
.sev-error{background:#FFC7CE}.sev-warning{background:#FFEB9C}.sev-info{background:#DDEBF7}
section{border-top:1px solid #dadce0;padding:6px 0}
h3{font-size:14px;margin:4px 0}.sub{color:#5f6368;font-size:12px}
.bar{height:10px;background:#eee;border-radius:5px;overflow:hidden;margin:4px 0}
.bar div{height:100%;background:#188038}
ul{list-style:none;padding:0;margin:4px 0}
li{margin:3px 0}
li a{display:block;padding:3px 5px;border-radius:3px;color:inherit;text-decoration:none;cursor:pointer}
li a b{margin-right:4px}
label{display:block;margin:6px 0 2px}input{width:95%}
`;

/** Runs in the sidebar (browser). Must not reference anything outside its own body. */
function sidebarClient(data: PageData, mountHeaders: typeof headersEditorClient, notFoundHelp: typeof tableNotFoundHelp): void {
  const L = data.labels;
  const $ = (id: string) => document.getElementById(id) as HTMLElement;
  const el = (tag: string, text?: string, cls?: string) => {
    const e = document.createElement(tag);
    if (text !== undefined) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  };
  const dmy = (iso: string) => iso.split("-").reverse().join("/");
  const fmtPct = (n: number) => String(Math.round(n * 100) / 100).replace(".", ",") + "%";

  function status(text: string, ok: boolean) {
    const s = $("status");
    s.textContent = text;
    s.className = ok ? "ok" : "ko";
  }

  function findingList(findings: FindingView[]) {
    const ul = el("ul");
    for (const f of findings) {
      const li = el("li");
      const a = el("a", undefined, "sev-" + f.severity);
      a.title = L.goTo + " " + f.sheet + "!" + f.cell;
      a.appendChild(el("b", f.cell));
      a.appendChild(document.createTextNode(f.message));
      a.addEventListener("click", () => google.script.run.withFailureHandler(failed).selectCell(f.sheet, f.cell));
      li.appendChild(a);
      ul.appendChild(li);
    }
    return ul;
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
    if (result.referenceDate) out.appendChild(el("p", L.referenceDate + ": " + dmy(result.referenceDate)));
    if (result.counts) {
      const c = el("div", undefined, "counts");
      c.appendChild(el("span", L.error + ": " + result.counts.error, "sev-error"));
      c.appendChild(el("span", L.warning + ": " + result.counts.warning, "sev-warning"));
      c.appendChild(el("span", L.info + ": " + result.counts.info, "sev-info"));
      out.appendChild(c);
    }
    for (const o of result.objectives) {
      const s = el("section");
      s.appendChild(el("h3", o.name + " · " + o.sheet + "!" + o.headerCell));
      if (o.title) s.appendChild(el("div", o.title, "sub"));
      if (o.progress !== null) {
        const bar = el("div", undefined, "bar");
        const fill = el("div");
        fill.style.width = Math.max(0, Math.min(100, o.progress)) + "%";
        bar.appendChild(fill);
        bar.setAttribute("role", "progressbar");
        bar.setAttribute("aria-valuenow", String(o.progress));
        s.appendChild(bar);
        const done = L.phasesDone.replace("{0}", String(o.completedPhases)).replace("{1}", String(o.phases));
        s.appendChild(el("div", L.progress + " " + fmtPct(o.progress) + " (" + done + ")", "sub"));
      }
      s.appendChild(o.findings.length ? findingList(o.findings) : el("p", L.noFindings, "sub"));
      out.appendChild(s);
    }
    if (result.general.length) {
      const s = el("section");
      s.appendChild(el("h3", L.general));
      s.appendChild(findingList(result.general));
      out.appendChild(s);
    }
    if (result.general.some((f) => f.rule === "table-not-found")) {
      const own = headersEditor.value();
      out.appendChild(notFoundHelp(data.lang, data.known.map((k) => ({ ...k, texts: [...k.texts, ...(own[k.role] ?? [])] })), () => headersEditor.focus()));
    }
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
  const l = LABELS[lang];
  return { labels: { ...l, phasesDone: l.phasesDone("{0}", "{1}") }, result, settings, lang, known: expectedHeaders(undefined, lang) };
}

export function sidebarHtml(lang: Lang, result: ResultView | null, settings: Settings): string {
  return `<!DOCTYPE html>
<html lang="${lang}"><head><meta charset="utf-8"><base target="_top"><style>${CSS}</style></head>
<body>
<div><button id="check-sheet"></button><button id="check-all"></button><button id="remove"></button></div>
<div id="status" role="status"></div>
<div id="results"></div>
<details><summary id="settings-title"></summary>
<label id="ref-label" for="ref"></label><input id="ref" type="date">
<label id="period-label" for="period"></label><input id="period" type="text" placeholder="2022-2024">
<p><button id="save"></button></p></details>
<div id="headers-editor"></div>
<script>(${sidebarClient.toString()})(${scriptJson(pageData(lang, result, settings))}, ${headersEditorClient.toString()}, ${tableNotFoundHelp.toString()});</script>
</body></html>`;
}
