// The checker's block in a cell note (spec §5), the same in Excel and Google Sheets: a marker line, then
// one line per message, below the user's own text; taking it away leaves the user's text as it is.
import type { CellMark } from "./marks";

export const NOTE_MARKER = "Verifica PIAO:";

/** Our block for a flagged cell: the marker line, then one line per message. */
export function ourNote(mark: CellMark): string {
  return [NOTE_MARKER, ...mark.messages.map((m) => `• ${m}`)].join("\n");
}

/** The note without the lines we added (`ours`); the user's own text is kept as it is. */
export function withoutOurLines(note: string, ours: string | null): string {
  if (!ours) return note;
  // Our block whole: starting and ending at line breaks (a user may have typed on after it).
  let at = note.lastIndexOf(ours);
  while (at >= 0 && !((at === 0 || note[at - 1] === "\n") && (at + ours.length === note.length || note[at + ours.length] === "\n"))) {
    at = at === 0 ? -1 : note.lastIndexOf(ours, at - 1);
  }
  if (at >= 0) {
    const before = note.slice(0, at).replace(/\n+$/, "");
    const after = note.slice(at + ours.length).replace(/^\n+/, "");
    return before && after ? `${before}\n\n${after}` : before + after;
  }
  // The user edited our block: take away those of our lines still there, one by one.
  const left = ours.split("\n");
  const kept = note.split("\n").filter((line) => {
    const i = left.indexOf(line);
    if (i < 0 || line === "") return true;
    left.splice(i, 1);
    return false;
  });
  return kept.join("\n").replace(/\n+$/, "");
}
