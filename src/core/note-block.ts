// The checker's block in a cell note (spec §5), the same in Excel and Google Sheets: a marker line, then
// one line per message, below the user's own text; taking it away leaves the user's text as it is.
import type { CellMark } from "./marks";
import { textDigest } from "./memory";

export const NOTE_MARKER = "Verifica PIAO:";

/** Our block for a flagged cell: the marker line, then one line per message. */
export function ourNote(mark: CellMark): string {
  return [NOTE_MARKER, ...mark.messages.map((m) => `• ${m}`)].join("\n");
}

/**
 * What the memory keeps of our block: the digest of each of its lines (textDigest), enough to find those
 * lines again in the note at a tenth of their bytes (a host's write limits count every memory row).
 */
export function noteDigest(block: string): string {
  return block.split("\n").map(textDigest).join(" ");
}

/** The digests of the lines of our block, given as its noteDigest or (memories written before) as the block itself. */
const lineDigests = (ours: string) => (ours.startsWith(NOTE_MARKER) ? ours.split("\n").map(textDigest) : ours.split(" "));

/** The note without the lines we added (`ours`: the block or its noteDigest); the user's text is kept as it is. */
export function withoutOurLines(note: string, ours: string | null): string {
  if (!ours) return note;
  const block = lineDigests(ours);
  const lines = note.split("\n");
  // A host may give the line breaks back as CRLF: a line is matched without its CR, and kept as it is.
  const digests = lines.map((line) => textDigest(line.endsWith("\r") ? line.slice(0, -1) : line));
  // Our block whole, its lines in a row (a user may have typed on before or after it): the last one.
  let at = lines.length - block.length;
  while (at >= 0 && block.some((d, i) => digests[at + i] !== d)) at--;
  if (at >= 0) {
    const before = lines.slice(0, at).join("\n").replace(/[\r\n]+$/, "");
    const after = lines.slice(at + block.length).join("\n").replace(/^[\r\n]+/, "");
    return before && after ? `${before}\n\n${after}` : before + after;
  }
  // The user edited our block: take away those of our lines still there, one by one.
  const left = [...block];
  const kept = lines.filter((line, i) => {
    const k = left.indexOf(digests[i]);
    if (k < 0 || line === "" || line === "\r") return true;
    left.splice(k, 1);
    return false;
  });
  return kept.join("\n").replace(/[\r\n]+$/, "");
}
