// The command line's own words (the findings' messages come localized from the core).
// Core modules by name, never the index: the index loads zod (see main.ts).
import type { Lang, Severity, SeverityCounts } from "../core";
import { severityCountList, severityWord } from "../core/severity-words";

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
  --force                   con --out, sostituisce COPIA.xlsx se esiste già
  --lang it|en              lingua dei messaggi (predefinita: it)
  --jobs N                  file verificati in parallelo (predefinito: numero di core)
  -h, --help                mostra questo aiuto
  --version                 mostra la versione

Stato di uscita: 0 nessun errore, 1 almeno un errore nelle schede, 2 il controllo non è stato eseguito.
Variabili d'ambiente: PIAO_MAX_HEAP_MB (memoria, predefinita 400), PIAO_MAX_SECONDS (secondi per
file, predefiniti 15: di calcolo con un file, di orologio in un gruppo), PIAO_DEBUG=1 (dettagli degli errori interni).`,
  severity: { error: severityWord("error", "it"), warning: severityWord("warning", "it"), info: severityWord("info", "it") } as Record<Severity, string>,
  counts: (c: SeverityCounts) => severityCountList(c, "it"),
  total: "Totale",
  files: (n: number) => plural(n, "file", "file"),
  referenceDate: "data di riferimento",
  sheet: "Foglio",
  header: "intestazione",
  phases: (n: number) => plural(n, "fase", "fasi"),
  incidenza: "incidenza",
  finalDeadline: "scadenza finale",
  progress: (p: string, done: number, all: number) => `avanzamento ${p} (${done} di ${all} fasi completate)`,
  progressNotRecorded: "avanzamento non rilevato (nessuna colonna di monitoraggio)",
  noFindings: "nessuna anomalia",
  unknown: "n.d.",
  unknownOption: (o: string) => `opzione sconosciuta: ${o} (vedi --help)`,
  missingValue: (o: string) => `l'opzione ${o} richiede un valore`,
  badFormat: (v: string) => `formato non valido: ${v} (ammessi: text, json)`,
  badLang: (v: string) => `lingua non valida: ${v} (ammesse: it, en)`,
  noFiles: "indicare almeno un file .xlsx (vedi --help)",
  outNeedsOneFile: "--out richiede un solo file da controllare",
  outIsInput: (f: string) => `--out ${f} è il file da controllare: indicare un altro nome, l'originale non viene mai modificato`,
  outIsConfig: (f: string) => `--out ${f} è il file di impostazioni: indicare un altro nome`,
  outExtension: (f: string) => `--out ${f}: il nome della copia deve finire con .xlsx o .xlsm`,
  outExists: (f: string) => `--out ${f} esiste già: indicare un altro nome, o aggiungere --force per sostituirlo`,
  outIsDirectory: (f: string) => `--out ${f} è una cartella: indicare il nome del file della copia`,
  option: (o: string, msg: string) => `opzione ${o}: ${msg}`,
  configFile: (f: string, msg: string) => `impostazioni ${f}: ${msg}`,
  configMissing: (f: string) => `file di impostazioni non trovato: ${f}`,
  configNotJson: (f: string, where: string) => `${f} non è un file JSON valido${where}`,
  jsonWhere: (line: number, col: number) => ` (riga ${line}, colonna ${col})`,
  configNotObject: (f: string) => `impostazioni ${f}: il file deve contenere un oggetto JSON, ad esempio {"period": "2022-2024"}`,
  configTooLarge: (f: string) => `impostazioni ${f}: il file è troppo grande per essere un file di impostazioni`,
  configUnreadable: (f: string, why: string) => `impossibile leggere le impostazioni ${f}: ${why}`,
  responsabiliSheetMissing: (s: string, f: string, all: string[]) =>
    `impostazione responsabiliSheet: il foglio "${s}" non esiste in ${f} (fogli: ${sheetList(all)})`,
  sheetMissing: (s: string, f: string, all: string[]) => `il foglio "${s}" non esiste in ${f} (fogli: ${sheetList(all)})`,
  cannotWrite: (f: string, why: string) => `impossibile scrivere ${f}: ${why}`,
  cannotWriteReport: (why: string) => `impossibile scrivere il rapporto sull'uscita standard: ${why}`,
  internal: (f: string) => `errore interno controllando ${f} (PIAO_DEBUG=1 per i dettagli)`,
  internalRun: "errore interno (PIAO_DEBUG=1 per i dettagli)",
  tooSlow: (f: string, seconds: number) =>
    `controllo di ${f} interrotto dopo ${seconds} s: file troppo grande o danneggiato (PIAO_MAX_SECONDS per concedere più tempo)`,
  outOfMemory: (f: string | null) =>
    `memoria esaurita${f === null ? "" : ` controllando ${f}`}: file troppo grande o danneggiato (PIAO_MAX_HEAP_MB per concedere più memoria)`,
  system: {
    ENOENT: "file o cartella inesistente",
    ENOTDIR: "una parte del percorso non è una cartella",
    EISDIR: "è una cartella",
    EACCES: "permesso negato",
    EPERM: "operazione non permessa",
    ENOSPC: "spazio su disco esaurito",
    EDQUOT: "quota del disco esaurita",
    EROFS: "disco di sola lettura",
    EBUSY: "file in uso da un altro programma",
    ETXTBSY: "file in uso da un altro programma",
    EMFILE: "troppi file aperti",
    ENFILE: "troppi file aperti",
    ENAMETOOLONG: "nome troppo lungo",
    ELOOP: "troppi collegamenti simbolici",
    EFBIG: "file troppo grande",
    EIO: "errore di lettura o scrittura del disco",
    EEXIST: "il file esiste già",
    EINVAL: "nome non valido",
  } as Record<string, string>,
  systemOther: (code: string) => `errore del sistema ${code}`,
  // The "Verifica PIAO" sheet of the annotated copy (its contents: src/cli/package/report-sheet.ts).
  reportSheet: "Verifica PIAO",
};

export type Messages = typeof IT;

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
  --force                   with --out, replace COPY.xlsx if it already exists
  --lang it|en              message language (default: it)
  --jobs N                  files checked in parallel (default: number of cores)
  -h, --help                show this help
  --version                 show the version

Exit status: 0 no error, 1 at least one error in the tables, 2 the check could not run.
Environment: PIAO_MAX_HEAP_MB (memory, default 400), PIAO_MAX_SECONDS (seconds per file,
default 15: processor time for one file, wall time in a batch), PIAO_DEBUG=1 (details of internal errors).`,
  severity: { error: severityWord("error", "en"), warning: severityWord("warning", "en"), info: severityWord("info", "en") },
  counts: (c) => severityCountList(c, "en"),
  total: "Total",
  files: (n) => plural(n, "file", "files"),
  referenceDate: "reference date",
  sheet: "Sheet",
  header: "header",
  phases: (n) => plural(n, "phase", "phases"),
  incidenza: "weights",
  finalDeadline: "final deadline",
  progress: (p, done, all) => `progress ${p} (${done} of ${all} phases completed)`,
  progressNotRecorded: "progress not recorded (no monitoring column)",
  noFindings: "no findings",
  unknown: "n/a",
  unknownOption: (o) => `unknown option: ${o} (see --help)`,
  missingValue: (o) => `option ${o} needs a value`,
  badFormat: (v) => `invalid format: ${v} (allowed: text, json)`,
  badLang: (v) => `invalid language: ${v} (allowed: it, en)`,
  noFiles: "give at least one .xlsx file (see --help)",
  outNeedsOneFile: "--out needs exactly one file to check",
  outIsInput: (f) => `--out ${f} is the file being checked: give another name, the original is never modified`,
  outIsConfig: (f) => `--out ${f} is the settings file: give another name`,
  outExtension: (f) => `--out ${f}: the copy's name must end with .xlsx or .xlsm`,
  outExists: (f) => `--out ${f} already exists: give another name, or add --force to replace it`,
  outIsDirectory: (f) => `--out ${f} is a folder: give the file name of the copy`,
  option: (o, msg) => `option ${o}: ${msg}`,
  configFile: (f, msg) => `settings ${f}: ${msg}`,
  configMissing: (f) => `settings file not found: ${f}`,
  configNotJson: (f, where) => `${f} is not a valid JSON file${where}`,
  jsonWhere: (line, col) => ` (line ${line}, column ${col})`,
  configNotObject: (f) => `settings ${f}: the file must hold a JSON object, for example {"period": "2022-2024"}`,
  configTooLarge: (f) => `settings ${f}: the file is too large to be a settings file`,
  configUnreadable: (f, why) => `cannot read the settings ${f}: ${why}`,
  responsabiliSheetMissing: (s, f, all) => `setting responsabiliSheet: sheet "${s}" does not exist in ${f} (sheets: ${sheetList(all)})`,
  sheetMissing: (s, f, all) => `sheet "${s}" does not exist in ${f} (sheets: ${sheetList(all)})`,
  cannotWrite: (f, why) => `cannot write ${f}: ${why}`,
  cannotWriteReport: (why) => `cannot write the report to standard output: ${why}`,
  internal: (f) => `internal error checking ${f} (PIAO_DEBUG=1 for details)`,
  internalRun: "internal error (PIAO_DEBUG=1 for details)",
  tooSlow: (f, seconds) => `check of ${f} stopped after ${seconds} s: file too large or damaged (PIAO_MAX_SECONDS allows more time)`,
  outOfMemory: (f) => `out of memory${f === null ? "" : ` checking ${f}`}: file too large or damaged (PIAO_MAX_HEAP_MB allows more memory)`,
  system: {
    ENOENT: "no such file or folder",
    ENOTDIR: "a part of the path is not a folder",
    EISDIR: "it is a folder",
    EACCES: "permission denied",
    EPERM: "operation not permitted",
    ENOSPC: "no space left on the disk",
    EDQUOT: "disk quota exceeded",
    EROFS: "read-only disk",
    EBUSY: "file in use by another program",
    ETXTBSY: "file in use by another program",
    EMFILE: "too many open files",
    ENFILE: "too many open files",
    ENAMETOOLONG: "name too long",
    ELOOP: "too many symbolic links",
    EFBIG: "file too large",
    EIO: "disk read or write error",
    EEXIST: "the file already exists",
    EINVAL: "invalid name",
  },
  systemOther: (code) => `system error ${code}`,
  reportSheet: "Verifica PIAO",
};

const SHOWN_SHEETS = 20;

/** At most SHOWN_SHEETS names, so that the message stays one readable line. */
function sheetList(all: string[]): string {
  return all.length <= SHOWN_SHEETS ? all.join(", ") : `${all.slice(0, SHOWN_SHEETS).join(", ")}, … (${all.length})`;
}

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

/** A system error (ENOENT, EACCES, ENOSPC…) as a sentence of the user's language: Node's English text never shows. */
export function systemReason(code: string, lang: Lang): string {
  const m = messages(lang);
  return m.system[code] ?? m.systemOther(code);
}

const TERMINAL_CONTROLS = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const NAMED: Record<string, string> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };

/**
 * Text from a workbook or the command line made safe for a terminal: control characters (C0, DEL, C1,
 * so ESC and CSI) and bidirectional overrides are shown escaped (`\x1b`, `\u202e`), never sent raw.
 */
export function escapeControls(text: string): string {
  return text.replace(TERMINAL_CONTROLS, (c) => {
    const code = c.charCodeAt(0);
    return NAMED[c] ?? (code <= 0xff ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`);
  });
}
