// Header texts by column role (spec §1, "Other administrations' headers"): the built-in synonyms and
// the user's own texts from the `headers` setting.
import { hint, normalize } from "./text";
import type { Lang } from "./types";

export const HEADER_ROLES = ["incidenza", "scadenze", "descrizione", "codifica", "fase", "monitoraggio", "raggiungimento"] as const;
export type HeaderRole = (typeof HEADER_ROLES)[number];
/** The `headers` setting: per role, extra header texts. */
export type ExtraHeaders = Partial<Record<HeaderRole, string[]>>;

/** Built-in words, in the order a cell takes its role; each matches at the start of a word of the cell. */
const BUILT_IN_WORDS: [HeaderRole, string[]][] = [
  ["incidenza", ["incidenza", "peso", "pesatura", "ponderazione"]],
  ["scadenze", ["scadenz", "termine", "data fine", "data di fine", "data conclusione", "data di conclusione"]],
  ["descrizione", ["descrizione", "attivit", "azion"]],
  ["codifica", ["codifica", "responsabil", "codice struttur"]],
  ["monitoraggio", ["monitoraggio"]],
  ["raggiungimento", ["raggiungimento"]],
];

/**
 * Built-in headers of the phase-number column, the whole cell: "N.", "N°", "Nr", "Num", "Fase", also
 * naming what is numbered ("N. attività", "Fase n.").
 */
const PHASE_NUMBER_HEADER = /^(?:(?:n|nr|n\.ro|num|numero)[.°º]?(?: ?(?:fase|attivita|azione))?|(?:fase|attivita|azione) ?(?:n|nr|num)[.°º]?|fase)$/;

/** Header texts shown to a user whose workbook has no table: an example of each built-in word. */
const SHOWN: Record<HeaderRole, string[]> = {
  incidenza: ["Incidenza %", "Peso %", "Peso ponderale", "Pesatura", "Ponderazione"],
  scadenze: ["Scadenze previste", "Termine", "Termine previsto", "Data fine", "Data di fine", "Data conclusione", "Data di conclusione"],
  descrizione: ["Descrizione", "Attività", "Azioni"],
  codifica: ["Codifica Responsabili coinvolti", "Responsabile", "Codice struttura"],
  fase: ["N.", "N°", "Nr", "Num", "Fase"],
  monitoraggio: ["Monitoraggio al 30/09/2024"],
  raggiungimento: ["Raggiungimento Obiettivo"],
};

const ROLE_NAMES: Record<Lang, Record<HeaderRole, string>> = {
  it: {
    incidenza: "Incidenza (peso della fase)",
    scadenze: "Scadenze",
    descrizione: "Descrizione",
    codifica: "Codifica Responsabili",
    fase: "Numero della fase",
    monitoraggio: "Monitoraggio",
    raggiungimento: "Raggiungimento obiettivo",
  },
  en: {
    incidenza: "Weight (Incidenza)",
    scadenze: "Deadlines (Scadenze)",
    descrizione: "Description",
    codifica: "Responsible codes (Codifica)",
    fase: "Phase number",
    monitoraggio: "Monitoring",
    raggiungimento: "Achievement",
  },
};

/** The name of a role as the settings screens show it. */
export function roleName(role: HeaderRole, lang: Lang): string {
  return ROLE_NAMES[lang][role];
}

export interface ExpectedHeaders {
  role: HeaderRole;
  name: string;
  /** Built-in examples, then the user's own texts. */
  texts: string[];
  /** Whether a header row needs this column (the weight and the deadline). */
  required: boolean;
}

/**
 * The header texts the checker looks for, per role: what a user whose table was not found is shown.
 * `settings` is the `headers` setting or a whole configuration holding one.
 */
export function expectedHeaders(settings: ExtraHeaders | { headers?: ExtraHeaders } | undefined, lang: Lang): ExpectedHeaders[] {
  const extra: ExtraHeaders | undefined = settings && "headers" in settings ? settings.headers : (settings as ExtraHeaders | undefined);
  return HEADER_ROLES.map((role) => ({
    role,
    name: roleName(role, lang),
    texts: [...SHOWN[role], ...(extra?.[role] ?? []).filter((t) => !SHOWN[role].includes(t))],
    required: role === "incidenza" || role === "scadenze",
  }));
}

/** Whether `word` starts a word of `text` (both normalised). */
export function startsWord(text: string, word: string): boolean {
  for (let i = text.indexOf(word); i >= 0; i = text.indexOf(word, i + 1)) {
    if (i === 0 || !LETTER_OR_DIGIT.test(text[i - 1])) return true;
  }
  return false;
}

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/**
 * Gives header cells their role. One matcher per check: its hints are regexes that the sheet views
 * memoise, so the phase-table and Responsabili finders share one pass over each sheet.
 */
export class HeaderMatcher {
  /** Rows worth a closer look: a possible weight header, or a Responsabili code header. */
  readonly rowHint: RegExp;
  /** A possible weight header cell (raw text). */
  readonly weightHint: RegExp;
  private readonly order: [HeaderRole, string[]][];

  constructor(extra: ExtraHeaders = {}) {
    const own = (role: HeaderRole) => (extra[role] ?? []).map(normalize).filter((t) => t !== "");
    // The user's texts come first: a header they named is theirs even when a built-in word is in it.
    this.order = [...HEADER_ROLES.map((r): [HeaderRole, string[]] => [r, own(r)]), ...BUILT_IN_WORDS];
    const weightWords = [...BUILT_IN_WORDS[0][1], ...own("incidenza")].map(firstWord);
    this.weightHint = hintOf(weightWords);
    this.rowHint = hintOf([...weightWords, "codic", "codif"]);
  }

  /** The role of a header cell (its normalised text), or null. */
  roleOf(text: string): HeaderRole | null {
    if (text === "") return null;
    if (PHASE_NUMBER_HEADER.test(text)) return this.userRole(text) ?? "fase";
    for (const [role, words] of this.order) {
      for (const w of words) if (startsWord(text, w)) return role;
    }
    return null;
  }

  private userRole(text: string): HeaderRole | null {
    for (const [role, words] of this.order.slice(0, HEADER_ROLES.length)) for (const w of words) if (startsWord(text, w)) return role;
    return null;
  }
}

function firstWord(text: string): string {
  return normalize(text).split(" ")[0];
}

/** A hint for words that may hold any character: escaped, so that a user's "Quota (%)" is plain text. */
function hintOf(words: string[]): RegExp {
  return hint(...[...new Set(words)].filter((w) => w !== "").map((w) => w.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")));
}
