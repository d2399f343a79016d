// A static check that a regular expression runs in linear time on a backtracking engine (issue 9):
// no unbounded quantifier nested in another, no two unbounded quantifiers over common characters
// with nothing but optional or overlapping parts between them, and no unanchored pattern that starts
// with an unbounded quantifier and can still fail after it. It over-approximates: a pattern it
// accepts is linear, a pattern it rejects may be rewritten more plainly.
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";

type Node =
  | { type: "atom"; src: string; min: number; max: number }
  | { type: "group"; alts: Node[][]; lookaround: boolean; min: number; max: number }
  | { type: "assert"; min: number; max: number };

/** Characters a character class is tested against: ASCII plus the non-ASCII kinds the core's patterns name. */
const SAMPLES = [
  ...Array.from({ length: 128 }, (_, i) => String.fromCharCode(i)),
  ..."\u00a0\u2028\u2009\u3000\ufeff\u2013\u2014\u00ab\u00bb\u2019\u20ac\u00b0\u00e0\u00e8\u00e9\u00ec\u00f2\u00f9\u00c0\u00c9\u00e7\u00f1\u00df\u0663\u4e2d\u00bd",
];

const ASSERT: Node = { type: "assert", min: 1, max: 1 };

class Parser {
  private i = 0;
  constructor(
    private readonly src: string,
    private readonly unicode: boolean,
  ) {}

  parse(): Node[][] {
    const alts = this.alternatives();
    if (this.i < this.src.length) throw new Error(`unbalanced ) at ${this.i} in /${this.src}/`);
    return alts;
  }

  private alternatives(): Node[][] {
    const alts: Node[][] = [[]];
    while (this.i < this.src.length && this.src[this.i] !== ")") {
      if (this.src[this.i] === "|") {
        this.i++;
        alts.push([]);
        continue;
      }
      const node = this.term();
      alts[alts.length - 1].push(node.type === "assert" ? node : this.quantified(node));
    }
    return alts;
  }

  private term(): Node {
    const s = this.src;
    const c = s[this.i];
    if (c === "^" || c === "$") {
      this.i++;
      return ASSERT;
    }
    if (c === "(") {
      this.i++;
      let lookaround = false;
      const m = /^\?(?:<?[=!]|:|<[^>]+>)/.exec(s.slice(this.i, this.i + 40));
      if (m) {
        lookaround = /^\?<?[=!]$/.test(m[0]);
        this.i += m[0].length;
      }
      const alts = this.alternatives();
      if (s[this.i] !== ")") throw new Error(`unclosed ( in /${s}/`);
      this.i++;
      return { type: "group", alts, lookaround, min: 1, max: 1 };
    }
    const start = this.i;
    if (c === "[") {
      this.i++;
      if (s[this.i] === "^") this.i++;
      if (s[this.i] === "]") this.i++;
      while (this.i < s.length && s[this.i] !== "]") this.i += s[this.i] === "\\" ? 2 : 1;
      this.i++;
      return { type: "atom", src: s.slice(start, this.i), min: 1, max: 1 };
    }
    if (c === "\\") {
      const e = s[this.i + 1];
      if (e === "b" || e === "B") {
        this.i += 2;
        return ASSERT;
      }
      const m = /^\\(?:[pP]\{[^}]*\}|u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|c[a-zA-Z]|k<[^>]+>|\d+|[\s\S])/.exec(s.slice(this.i));
      this.i += m ? m[0].length : 2;
      return { type: "atom", src: s.slice(start, this.i), min: 1, max: 1 };
    }
    const cp = this.unicode ? (s.codePointAt(this.i) ?? 0) : s.charCodeAt(this.i);
    this.i += cp > 0xffff ? 2 : 1;
    return { type: "atom", src: s.slice(start, this.i), min: 1, max: 1 };
  }

  private quantified(node: Node): Node {
    const m = /^(?:([*+?])|\{(\d+)(,(\d*))?\})\??/.exec(this.src.slice(this.i));
    if (!m) return node;
    this.i += m[0].length;
    if (m[1]) return { ...node, min: m[1] === "+" ? 1 : 0, max: m[1] === "?" ? 1 : Infinity };
    const min = Number(m[2]);
    return { ...node, min, max: m[3] === undefined ? min : m[4] === "" ? Infinity : Number(m[4]) };
  }
}

function charsOf(node: Node, flags: string): Set<string> {
  if (node.type === "assert") return new Set();
  if (node.type === "group") {
    if (node.lookaround) return new Set();
    const all = new Set<string>();
    for (const alt of node.alts) for (const n of alt) for (const ch of charsOf(n, flags)) all.add(ch);
    return all;
  }
  // A back-reference can match anything.
  if (/^\\(?:[1-9]|k<)/.test(node.src)) return new Set(SAMPLES);
  const re = new RegExp(`^(?:${node.src})$`, flags.replace(/[gy]/g, ""));
  return new Set(SAMPLES.filter((ch) => re.test(ch)));
}

function canBeEmpty(node: Node): boolean {
  if (node.type === "assert") return true;
  if (node.min === 0) return true;
  return node.type === "group" && (node.lookaround || node.alts.some((alt) => alt.every(canBeEmpty)));
}

function meets(a: Set<string>, b: Set<string>): boolean {
  for (const ch of a) if (b.has(ch)) return true;
  return false;
}

function show(chars: Set<string>): string {
  return JSON.stringify([...chars].slice(0, 6).join(""));
}

/** Characters repeated by unbounded quantifiers that can end a match of `seq` (walking back over optional parts). */
function trailing(seq: Node[], flags: string): Set<string> {
  const all = new Set<string>();
  for (let i = seq.length - 1; i >= 0; i--) {
    const n = seq[i];
    if (n.max === Infinity) for (const ch of charsOf(n, flags)) all.add(ch);
    if (n.type === "group" && !n.lookaround) for (const alt of n.alts) for (const ch of trailing(alt, flags)) all.add(ch);
    if (!canBeEmpty(n)) break;
  }
  return all;
}

/**
 * Walks `seq` from its start after a run over the characters `q`: "conflict" when another unbounded
 * quantifier over some of them can follow with nothing to tell the two apart, "blocked" when a required
 * part outside `q` ends the run, "through" when the run can reach the end of `seq`.
 */
function walk(seq: Node[], q: Set<string>, flags: string): "conflict" | "blocked" | "through" {
  for (const n of seq) {
    if (n.type === "assert" || (n.type === "group" && n.lookaround)) continue;
    const chars = charsOf(n, flags);
    if (n.max === Infinity && meets(chars, q)) return "conflict";
    if (n.type === "group") {
      const outcomes = n.alts.map((alt) => walk(alt, q, flags));
      if (outcomes.includes("conflict")) return "conflict";
      if (n.min === 0 || outcomes.includes("through")) continue;
      return "blocked";
    }
    if (n.min === 0 || meets(chars, q)) continue;
    return "blocked";
  }
  return "through";
}

function checkSequence(seq: Node[], flags: string, problems: string[]): void {
  for (let i = 0; i < seq.length; i++) {
    const node = seq[i];
    if (node.type === "group") {
      for (const alt of node.alts) checkSequence(alt, flags, problems);
      if (node.max === Infinity && !node.lookaround) {
        const inner = node.alts.some((alt) => alt.some((n) => n.max === Infinity || (n.type === "group" && walk([n], new Set(SAMPLES), flags) === "conflict")));
        if (inner) problems.push("unbounded quantifier nested in another");
        const firsts = node.alts.map((alt) => charsOf({ type: "group", alts: [alt], lookaround: false, min: 1, max: 1 }, flags));
        if (firsts.some((a, x) => firsts.some((b, y) => x < y && meets(a, b)))) problems.push("repeated alternatives over common characters");
      }
    }
    if (node.type === "assert" || (node.type === "group" && node.lookaround)) continue;
    const q = node.max === Infinity ? charsOf(node, flags) : node.type === "group" ? trailing([{ ...node, min: 1, max: 1 }], flags) : new Set<string>();
    if (q.size > 0 && walk(seq.slice(i + 1), q, flags) === "conflict") problems.push(`two unbounded quantifiers over ${show(q)} with nothing to tell them apart`);
  }
}

/** Reasons why `source` may backtrack more than linearly; empty when it is linear by construction. */
export function nonLinearReasons(source: string, flags: string): string[] {
  const alts = new Parser(source, flags.includes("u") || flags.includes("v")).parse();
  const problems: string[] = [];
  for (const alt of alts) {
    checkSequence(alt, flags, problems);
    // An unanchored search retries from every position: a leading unbounded run that can still fail
    // afterwards costs its length at each of them.
    if (flags.includes("y") || alt[0]?.type === "assert") continue;
    const lead = alt.findIndex((n) => n.type !== "assert");
    if (lead >= 0 && alt[lead].max === Infinity && !alt.slice(lead + 1).every(canBeEmpty)) problems.push("unanchored pattern starting with an unbounded quantifier");
  }
  return problems;
}

export interface FoundRegex {
  file: string;
  line: number;
  source: string;
  flags: string;
}

/** Every regular-expression literal and `new RegExp("literal")` in the .ts files under `dir`. */
export function regexesIn(dir: string): FoundRegex[] {
  const found: FoundRegex[] = [];
  for (const file of tsFiles(dir)) {
    const sf = ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node): void => {
      const line = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
      if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
        const text = node.getText(sf);
        const end = text.lastIndexOf("/");
        found.push({ file, line, source: text.slice(1, end), flags: text.slice(end + 1) });
      } else if ((ts.isNewExpression(node) || ts.isCallExpression(node)) && node.expression.getText(sf) === "RegExp") {
        const [src, flags] = node.arguments ?? [];
        if (src && ts.isStringLiteralLike(src)) found.push({ file, line, source: src.text, flags: flags && ts.isStringLiteralLike(flags) ? flags.text : "" });
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return found;
}

function tsFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? tsFiles(full) : e.name.endsWith(".ts") ? [full] : [];
  });
}
