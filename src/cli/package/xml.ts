// Small string helpers for patching OOXML parts in place: only what the annotated copy changes is
// rewritten, so every other byte of a part stays as the user's application wrote it.

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" };

/** Text or attribute value -> XML. Control characters become Excel's `_xHHHH_` escapes, as Excel writes them. */
export function escapeXml(text: string): string {
  return text
    .replace(/_x[0-9a-f]{4}_/gi, (m) => "_x005F_" + m.slice(1))
    .replace(/[&<>"]/g, (c) => ESCAPES[c])
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, (c) => `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}_`);
}

/** XML text -> string (entities and Excel's `_xHHHH_` escapes). */
export function unescapeXml(xml: string): string {
  return xml
    .replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_, e: string) => {
      if (e[0] === "#") return String.fromCodePoint(e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : Number(e.slice(1)));
      return { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" }[e.toLowerCase()] ?? "";
    })
    .replace(/_x([0-9a-f]{4})_/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** An attribute value: also line breaks and tabs escaped, which attribute normalisation would turn into spaces. */
export function escapeAttr(text: string): string {
  return escapeXml(text).replace(/[\t\n\r]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The value of an attribute of an element's start tag, or null. */
export function attr(element: string, name: string): string | null {
  const m = attrPattern(name).exec(startTag(element));
  return m ? unescapeXml(m[1] ?? m[2]) : null;
}

/** An element with an attribute of its start tag set, replaced or removed (value null). */
export function setAttr(element: string, name: string, value: string | null): string {
  const tag = startTag(element);
  const re = attrPattern(name);
  // An attribute that is there keeps its place, so a value put back gives the same bytes.
  if (value !== null && re.test(tag)) return tag.replace(re, () => ` ${name}="${escapeAttr(value)}"`) + element.slice(tag.length);
  let updated = tag.replace(re, "");
  if (value !== null) {
    const end = updated.endsWith("/>") ? updated.length - 2 : updated.length - 1;
    updated = `${updated.slice(0, end)} ${name}="${escapeAttr(value)}"${updated.slice(end)}`;
  }
  return updated + element.slice(tag.length);
}

const ATTR_PATTERNS = new Map<string, RegExp>();

function attrPattern(name: string): RegExp {
  let re = ATTR_PATTERNS.get(name);
  if (!re) {
    re = new RegExp(`\\s${name.replace(":", "\\:")}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`);
    ATTR_PATTERNS.set(name, re);
  }
  return re;
}

function startTag(element: string): string {
  const end = element.indexOf(">");
  return end < 0 ? element : element.slice(0, end + 1);
}

/** Concatenated text of every `<t>` element of a fragment (a shared string, an inline string, a note). */
export function textOf(fragment: string, prefix = ""): string {
  let text = "";
  const re = new RegExp(`<${prefix}t(?:\\s[^>]*)?>([^<]*)</${prefix}t>`, "g");
  for (const m of fragment.matchAll(re)) text += unescapeXml(m[1]);
  return text;
}

/** Column letters -> 0-based index and back. */
export function columnIndex(letters: string): number {
  let col = 0;
  for (const ch of letters.toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  return col - 1;
}

/** A sheet name quoted for a reference: 'Verifica PIAO'!$A$1. */
export function quoteSheet(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}
