// Command-line options. node:util parseArgs is enough for these flat options: no extra dependency.
import { parseArgs } from "node:util";
import type { Lang } from "../core";
import { messages } from "./messages";

export interface CliOptions {
  files: string[];
  sheet?: string;
  format: "text" | "json";
  out?: string;
  referenceDate?: string;
  period?: string;
  config?: string;
  /** Only when given on the command line: otherwise the settings file may choose. */
  lang?: Lang;
  /** With --out: replace an existing file. */
  force: boolean;
  help: boolean;
  version: boolean;
  /** Worker threads for a batch (default: the number of cores). */
  jobs?: number;
}

/** A bad command line: its message is the one line printed on stderr. */
export class UsageError extends Error {
  override name = "UsageError";
}

/** The language asked for on the command line, looked up before parsing so that parse errors use it. */
export function langFromArgv(argv: readonly string[]): Lang | undefined {
  for (let i = 0; i < argv.length; i++) {
    const value = argv[i] === "--lang" ? argv[i + 1] : argv[i].startsWith("--lang=") ? argv[i].slice(7) : undefined;
    if (value === "it" || value === "en") return value;
  }
  return undefined;
}

export function parseCliArgs(argv: readonly string[], lang: Lang): CliOptions {
  const m = messages(lang);
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        sheet: { type: "string" },
        format: { type: "string", default: "text" },
        out: { type: "string" },
        "reference-date": { type: "string" },
        period: { type: "string" },
        config: { type: "string" },
        lang: { type: "string" },
        force: { type: "boolean", default: false },
        jobs: { type: "string" },
        help: { type: "boolean", short: "h", default: false },
        version: { type: "boolean", default: false },
      },
    });
  } catch (e) {
    // Node's messages are English and long: keep only the option's name.
    const err = e as NodeJS.ErrnoException;
    const option = /'(-[^']*)'/.exec(err.message)?.[1]?.split(" ")[0] ?? "";
    if (err.code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") throw new UsageError(m.missingValue(option));
    throw new UsageError(m.unknownOption(option));
  }
  const { values, positionals } = parsed;
  if (values.help || values.version) return { files: positionals, format: "text", force: false, help: values.help, version: values.version };
  // `--out ''` (an unset shell variable) must not silently mean "no --out".
  for (const [name, value] of Object.entries(values)) {
    if (value === "") throw new UsageError(m.missingValue(`--${name}`));
  }
  if (values.format !== "text" && values.format !== "json") throw new UsageError(m.badFormat(String(values.format)));
  if (values.lang !== undefined && values.lang !== "it" && values.lang !== "en") throw new UsageError(m.badLang(values.lang));
  if (positionals.length === 0) throw new UsageError(m.noFiles);
  const jobs = values.jobs === undefined ? undefined : Number(values.jobs);
  if (jobs !== undefined && !(Number.isInteger(jobs) && jobs >= 1 && jobs <= 256)) {
    throw new UsageError(m.option("--jobs", lang === "it" ? "atteso un numero intero da 1 a 256" : "expected a whole number from 1 to 256"));
  }
  if (values.out !== undefined && positionals.length !== 1) throw new UsageError(m.outNeedsOneFile);
  return {
    files: positionals,
    sheet: values.sheet,
    format: values.format,
    out: values.out,
    referenceDate: values["reference-date"],
    period: values.period,
    config: values.config,
    lang: values.lang as Lang | undefined,
    force: values.force,
    help: false,
    version: false,
    jobs,
  };
}
