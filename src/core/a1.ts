/** Column letters of a 0-based column index: 0 -> A, 27 -> AB. */
function columnLetter(col: number): string {
  let s = "";
  for (let n = col + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** A1 address of a 0-based (row, col). */
export function a1(row: number, col: number): string {
  return columnLetter(col) + (row + 1);
}

/** 0-based (row, col) of an A1 address such as "C12" or "$C$12"; null when it is not one. */
export function parseA1(address: string): { row: number; col: number } | null {
  const m = /^\$?([A-Z]{1,3})\$?(\d+)$/i.exec(address.trim());
  if (!m) return null;
  let col = 0;
  for (const ch of m[1].toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]) - 1, col: col - 1 };
}
