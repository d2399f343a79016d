// The little XML the reader needs: attributes of a tag, entity decoding, text as a conformant parser gives it.
import { PackageError } from "./zip";

const NAMED: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };
const ENTITY = /&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);|&/g;

/** Decodes the five entities and character references; anything else is a malformed part, as for any XML parser. */
export function decodeEntities(s: string): string {
  if (!s.includes("&")) return s;
  return s.replace(ENTITY, (all, ref: string | undefined) => {
    if (ref === undefined) throw new PackageError("damaged");
    if (ref[0] !== "#") {
      const named = NAMED[ref];
      if (named === undefined) throw new PackageError("damaged");
      return named;
    }
    const code = ref[1] === "x" ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
    if (!(code <= 0x10ffff)) throw new PackageError("damaged");
    return String.fromCodePoint(code);
  });
}

/** Character data: line ends normalised as XML requires, then entities. */
export function decodeText(s: string): string {
  return decodeEntities(s.includes("\r") ? s.replace(/\r\n?/g, "\n") : s);
}

/** An attribute value: literal line ends and tabs become spaces (XML attribute normalisation), then entities. */
export function decodeAttr(s: string): string {
  return decodeEntities(/[\t\n\r]/.test(s) ? s.replace(/\r\n?/g, "\n").replace(/[\t\n]/g, " ") : s);
}

/** The attributes of one start tag (the text between its name and its closing `>`), decoded. Linear: no regex. */
export function attributes(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  let i = 0;
  const n = tag.length;
  while (i < n) {
    while (i < n && isSpace(tag.charCodeAt(i))) i++;
    const start = i;
    while (i < n && !isSpace(tag.charCodeAt(i)) && tag[i] !== "=" && tag[i] !== "/" && tag[i] !== ">") i++;
    const name = tag.slice(start, i);
    while (i < n && isSpace(tag.charCodeAt(i))) i++;
    if (name === "" || tag[i] !== "=") {
      i = Math.max(i, start + 1);
      continue;
    }
    i++;
    while (i < n && isSpace(tag.charCodeAt(i))) i++;
    const quote = tag[i];
    if (quote !== '"' && quote !== "'") continue;
    const close = tag.indexOf(quote, i + 1);
    if (close < 0) throw new PackageError("damaged");
    out[name] = decodeAttr(tag.slice(i + 1, close));
    i = close + 1;
  }
  return out;
}

/**
 * One attribute of a start tag, as `attributes(tag)[name]` gives it, without building the whole record: the
 * common form ` name="value"` is found directly; any other spelling (quotes ', spaces around =) takes the full parse.
 */
export function attribute(tag: string, name: string): string | undefined {
  if (tag.includes("'") || tag.includes(" =") || tag.includes("= ") || tag.includes("\n") || tag.includes("\t") || tag.includes("\r")) return attributes(tag)[name];
  const key = ` ${name}="`;
  let at = tag.indexOf(key);
  // ` r="` must not match inside another attribute's value: values hold no `="` after a space only by chance.
  while (at >= 0 && quotesBefore(tag, at) % 2 === 1) at = tag.indexOf(key, at + 1);
  if (at < 0) return undefined;
  const start = at + key.length;
  const end = tag.indexOf('"', start);
  if (end < 0) throw new PackageError("damaged");
  return decodeAttr(tag.slice(start, end));
}

function quotesBefore(tag: string, at: number): number {
  let n = 0;
  for (let i = tag.indexOf('"'); i >= 0 && i < at; i = tag.indexOf('"', i + 1)) n++;
  return n;
}

function isSpace(ch: number): boolean {
  return ch === 32 || ch === 9 || ch === 10 || ch === 13;
}

/** Every start tag `<name …>` (or `<name …/>`) in `xml`, as its attributes, in document order. */
export function tags(xml: string, name: string): Record<string, string>[] {
  const out: Record<string, string>[] = [];
  const open = `<${name}`;
  for (let at = xml.indexOf(open); at >= 0; at = xml.indexOf(open, at + 1)) {
    const next = xml.charCodeAt(at + open.length);
    // `<sheet` must not match `<sheetPr`: the name ends at a space, `/` or `>`.
    if (next !== 32 && next !== 9 && next !== 10 && next !== 13 && next !== 47 && next !== 62) continue;
    const end = tagEnd(xml, at);
    out.push(attributes(xml.slice(at + open.length, end)));
  }
  return out;
}

/** Index of the `>` that closes the tag starting at `at` (a `>` inside a quoted attribute value does not). */
export function tagEnd(xml: string, at: number): number {
  let quote = 0;
  for (let i = at + 1; i < xml.length; i++) {
    const ch = xml.charCodeAt(i);
    if (quote !== 0) {
      if (ch === quote) quote = 0;
    } else if (ch === 34 || ch === 39) quote = ch;
    else if (ch === 62) return i;
  }
  throw new PackageError("damaged");
}

/** exceljs decodes some texts a second time (sheet names, `t="str"` values): the same five entities again. */
export function decodeAgain(s: string): string {
  return s.replace(/&([a-z]*);/g, (c) => {
    switch (c) {
      case "&lt;":
        return "<";
      case "&gt;":
        return ">";
      case "&amp;":
        return "&";
      case "&apos;":
        return "'";
      case "&quot;":
        return '"';
      default:
        return c;
    }
  });
}
