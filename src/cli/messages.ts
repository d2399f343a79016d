// The command line's own words (the findings' messages come localized from the core).
import type { Lang, Severity, SeverityCounts } from "../core";

const IT = {
  usage: `Uso: piao-check FILE.xlsx... [opzioni]

Controlla le schede obiettivo del PIAO (fasi, incidenze, scadenze, codifiche dei responsabili
e monitoraggio) e stampa le anomalie trovate.

Opzioni:
  --sheet NOME              controlla solo il foglio NOME
  --format text|json        formato del rapporto (predefinito: text)
  --out COPIA.xlsx          scrive una copia annotata (celle evidenziate, note, colonna di sintesi,
                            foglio "Verifica PIAO"); il file originale non viene modificato
  --reference-date AAAA-MM-GG  data di riferimento del monitoraggio
  --period AAAA-AAAA        periodo del piano (es. 2022-2024): segnala le scadenze fuori periodo
  --config FILE.json        impostazioni (le opzioni della riga di comando hanno la precedenza)
  --lang it|en              lingua dei messaggi (predefinita: it)
  --jobs N                  file verificati in parallelo (predefinito: numero di core)
  -h, --help                mostra questo aiuto

Stato di uscita: 0 nessun errore, 1 almeno un errore nelle schede, 2 il controllo non è stato eseguito.`,
  severity: { error: "errore", warning: "avviso", info: "info" } as Record<Severity, string>,
  counts: (c: SeverityCounts) =>
    `${plural(c.error, "errore", "errori")}, ${plural(c.warning, "avviso", "avvisi")}, ${plural(c.info, "informazione", "informazioni")}`,
  total: "Totale",
  files: (n: number) => plural(n, "file", "file"),
  referenceDate: "data di riferimento",
  sheet: "Foglio",
  header: "intestazione",
  phases: (n: number) => plural(n, "fase", "fasi"),
  incidenza: "incidenza",
  finalDeadline: "scadenza finale",
  progress: (p: string, done: number, all: number) => `avanzamento ${p} (${done} di ${all} fasi completate)`,
  noFindings: "nessuna anomalia",
  unknown: "n.d.",
  unknownOption: (o: string) => `opzione sconosciuta: ${o} (vedi --help)`,
  missingValue: (o: string) => `l'opzione ${o} richiede un valore`,
  badFormat: (v: string) => `formato non valido: ${v} (ammessi: text, json)`,
  badLang: (v: string) => `lingua non valida: ${v} (ammesse: it, en)`,
  noFiles: "indicare almeno un file .xlsx (vedi --help)",
  outNeedsOneFile: "--out richiede un solo file da controllare",
  outIsInput: (f: string) => `--out ${f} è il file da controllare: indicare un altro nome, l'originale non viene mai modificato`,
  option: (o: string, msg: string) => `opzione ${o}: ${msg}`,
  configFile: (f: string, msg: string) => `impostazioni ${f}: ${msg}`,
  configMissing: (f: string) => `file di impostazioni non trovato: ${f}`,
  configNotJson: (f: string) => `${f} non è un file JSON valido`,
  sheetMissing: (s: string, f: string, all: string[]) => `il foglio "${s}" non esiste in ${f} (fogli: ${all.join(", ")})`,
  cannotWrite: (f: string, why: string) => `impossibile scrivere ${f}: ${why}`,
  internal: (f: string, why: string) => `errore interno controllando ${f}: ${why}`,
  // The "Verifica PIAO" sheet of the annotated copy.
  reportSheet: "Verifica PIAO",
  notePrefix: "Verifica PIAO:",
  findingsHeader: ["Gravità", "Foglio", "Cella", "Regola", "Messaggio"],
  objectivesTitle: "Avanzamento per obiettivo",
  objectivesHeader: ["Foglio", "Obiettivo", "Intestazione", "Fasi", "Incidenza totale", "Scadenza finale", "Avanzamento", "Fasi completate"],
  checkedOn: (file: string, date: string) => `Verifica PIAO di ${file}, data di riferimento ${date}`,
};

type Messages = typeof IT;

const EN: Messages = {
  usage: `Usage: piao-check FILE.xlsx... [options]

Checks the objective tables ("schede obiettivo") of a PIAO (phases, weights, deadlines,
responsabili codes and monitoring) and prints what it finds.

Options:
  --sheet NAME              check only the sheet NAME
  --format text|json        report format (default: text)
  --out COPY.xlsx           write an annotated copy (highlighted cells, notes, summary column,
                            "Verifica PIAO" sheet); the original file is never modified
  --reference-date YYYY-MM-DD  monitoring reference date
  --period YYYY-YYYY        plan period (e.g. 2022-2024): flags deadlines outside it
  --config FILE.json        settings (command-line options take precedence)
  --lang it|en              message language (default: it)
  --jobs N                  files checked in parallel (default: number of cores)
  -h, --help                show this help

Exit status: 0 no error, 1 at least one error in the tables, 2 the check could not run.`,
  severity: { error: "error", warning: "warning", info: "info" },
  counts: (c) => `${plural(c.error, "error", "errors")}, ${plural(c.warning, "warning", "warnings")}, ${plural(c.info, "info", "infos")}`,
  total: "Total",
  files: (n) => plural(n, "file", "files"),
  referenceDate: "reference date",
  sheet: "Sheet",
  header: "header",
  phases: (n) => plural(n, "phase", "phases"),
  incidenza: "weights",
  finalDeadline: "final deadline",
  progress: (p, done, all) => `progress ${p} (${done} of ${all} phases completed)`,
  noFindings: "no findings",
  unknown: "n/a",
  unknownOption: (o) => `unknown option: ${o} (see --help)`,
  missingValue: (o) => `option ${o} needs a value`,
  badFormat: (v) => `invalid format: ${v} (allowed: text, json)`,
  badLang: (v) => `invalid language: ${v} (allowed: it, en)`,
  noFiles: "give at least one .xlsx file (see --help)",
  outNeedsOneFile: "--out needs exactly one file to check",
  outIsInput: (f) => `--out ${f} is the file being checked: give another name, the original is never modified`,
  option: (o, msg) => `option ${o}: ${msg}`,
  configFile: (f, msg) => `settings ${f}: ${msg}`,
  configMissing: (f) => `settings file not found: ${f}`,
  configNotJson: (f) => `${f} is not a valid JSON file`,
  sheetMissing: (s, f, all) => `sheet "${s}" does not exist in ${f} (sheets: ${all.join(", ")})`,
  cannotWrite: (f, why) => `cannot write ${f}: ${why}`,
  internal: (f, why) => `internal error checking ${f}: ${why}`,
  reportSheet: "Verifica PIAO",
  notePrefix: "Verifica PIAO:",
  findingsHeader: ["Severity", "Sheet", "Cell", "Rule", "Message"],
  objectivesTitle: "Progress by objective",
  objectivesHeader: ["Sheet", "Objective", "Header", "Phases", "Total weight", "Final deadline", "Progress", "Completed phases"],
  checkedOn: (file, date) => `Verifica PIAO of ${file}, reference date ${date}`,
};

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

export function messages(lang: Lang): Messages {
  return lang === "en" ? EN : IT;
}

/** 12.5 -> "12,5%" (it) / "12.5%" (en); null -> "n.d.". */
export function percent(value: number | null, lang: Lang): string {
  if (value === null) return messages(lang).unknown;
  const rounded = Math.round(value * 100) / 100;
  return `${lang === "it" ? String(rounded).replace(".", ",") : rounded}%`;
}

/** ISO yyyy-mm-dd -> dd/mm/yyyy, the way the tables write dates. */
export function displayDate(iso: string | null, lang: Lang): string {
  return iso ? iso.split("-").reverse().join("/") : messages(lang).unknown;
}
