import { HighlightStore, type CellRecord } from "../../src/gsheets/store";
import { FakeProperties } from "./fakes";

const NOTE = "Verifica PIAO:\n• Obiettivo A: la scadenza della fase 1 è un testo («in corso d'anno»), non una data: non può essere monitorata.";

function records(n: number): CellRecord[] {
  return Array.from({ length: n }, (_, i) => ({
    row: 6 + i,
    col: 3,
    origBg: i % 2 ? "#ffffff" : "#cfe2f3",
    appliedBg: "#FFEB9C",
    origNote: i % 3 ? "" : "Nota dell'ufficio: verificare – già più volte",
    appliedNote: NOTE,
  }));
}

test("records larger than one property value are chunked under the 9 KB limit and read back intact", () => {
  const props = new FakeProperties();
  const recs = records(300);
  new HighlightStore(props).save(new Map([[1007, HighlightStore.encode(1007, recs)]]));
  const chunks = [...props.data.keys()].filter((k) => k.startsWith("vpiao.hl.1007."));
  expect(chunks.length).toBeGreaterThan(3);
  for (const k of chunks) expect(Buffer.byteLength(props.data.get(k)!, "utf8")).toBeLessThanOrEqual(9 * 1024);
  const reread = new HighlightStore(props);
  expect(reread.sheetIds()).toEqual([1007]);
  expect(reread.load(1007)).toEqual(recs);
});

test("saving fewer records drops the stale chunks; other sheets are left alone", () => {
  const props = new FakeProperties();
  const store = new HighlightStore(props);
  store.save(
    new Map([
      [1007, HighlightStore.encode(1007, records(300))],
      [1014, HighlightStore.encode(1014, records(2))],
    ]),
  );
  store.save(new Map([[1007, HighlightStore.encode(1007, records(1))]]));
  expect([...props.data.keys()].sort()).toEqual(["vpiao.hl.1007", "vpiao.hl.1007.0", "vpiao.hl.1014", "vpiao.hl.1014.0"]);
  expect(new HighlightStore(props).load(1007)).toEqual(records(1));
  expect(new HighlightStore(props).load(1014)).toEqual(records(2));
  store.save(new Map([[1007, {}]]));
  expect(new HighlightStore(props).sheetIds()).toEqual([1014]);
});
