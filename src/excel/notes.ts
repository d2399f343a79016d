// Cell notes (spec §5), from ExcelApi 1.18 (Worksheet.notes, Note.content, Note.delete()): the messages of a
// flagged cell go in its note below the user's own text, as one block that starts with the "Verifica PIAO:"
// line the Sheets add-on and the annotated copy use. The memory row of the cell keeps the digest of each line
// of the block (noteDigest), so a re-run or Rimuovi takes away only our lines; a note left with nothing else
// is deleted.
import { a1 } from "../core";
import { withoutOurLines } from "../core/note-block";
import { posKey, type CellPos } from "../core/memory";
import { Batcher, BYTES } from "./batch";
import { supports } from "./fills";

export const notesSupported = () => supports("1.18");

/**
 * Queues the read of the notes of `cells` (one getItemOrNullObject per cell) in the batcher's round trip.
 * After its flush, the returned function gives each cell's note text keyed by posKey, null when it has none.
 */
export async function queueNoteReads(cells: CellPos[], batch: Batcher): Promise<() => Map<string, string | null>> {
  const notes = new Map<string, Excel.Note>();
  for (const c of cells) {
    await batch.add(BYTES.noteRead, () => notes.set(posKey(c), batch.notes(c.sheet).getItemOrNullObject(a1(c.row, c.col)).load("content")));
  }
  return () => new Map([...notes].map(([k, n]) => [k, n.isNullObject ? null : n.content]));
}

/** What a cell's note becomes: `strip` our previous blocks, then add `add` (our new block) below the rest. */
export interface NoteChange extends CellPos {
  strip: (string | null)[];
  add: string | null;
}

/** One change per cell: the blocks of `previous` entries to take away, the new blocks of `added` cells. */
export function noteChanges(previous: (CellPos & { note: string | null })[], added: (CellPos & { note: string | null })[]): NoteChange[] {
  const byCell = new Map<string, NoteChange>();
  const at = (p: CellPos) => {
    const k = posKey(p);
    if (!byCell.has(k)) byCell.set(k, { sheet: p.sheet, row: p.row, col: p.col, strip: [], add: null });
    return byCell.get(k)!;
  };
  for (const p of previous) if (p.note) at(p).strip.push(p.note);
  for (const a of added) if (a.note) at(a).add = a.note;
  return [...byCell.values()];
}

/**
 * Queues the note writes: for each cell, the note read before (`current`) without our old blocks and with the
 * new one below. Only notes that change are written: added where the cell had none, deleted when nothing is
 * left, their content set otherwise.
 */
export async function queueNoteWrites(changes: NoteChange[], current: Map<string, string | null>, batch: Batcher): Promise<void> {
  for (const c of changes) {
    const before = current.get(posKey(c)) ?? null;
    let own = before ?? "";
    for (const ours of [...c.strip, c.add]) own = withoutOurLines(own, ours);
    const after = c.add ? (own ? `${own}\n\n${c.add}` : c.add) : own;
    if (after === (before ?? "")) continue;
    const address = a1(c.row, c.col);
    await batch.add(BYTES.noteWrite + after.length, () => {
      const notes = batch.notes(c.sheet);
      if (before === null) notes.add(address, after);
      else if (after === "") notes.getItem(address).delete();
      else notes.getItem(address).content = after;
    });
  }
}
