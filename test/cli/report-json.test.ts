// writeJsonText: the JSON report in pieces, byte for byte the text of jsonText.
import { jsonText, writeJsonText } from "../../src/cli/report";

function pieces(value: unknown): string[] {
  const out: string[] = [];
  writeJsonText(value, (t) => out.push(t));
  return out;
}

const finding = (i: number) => ({ rule: "fase-overdue", severity: "warning", sheet: "Settore 1", cell: `B${i}`, message: `fase ${i} scaduta – «attività» \u2028 \u202e` });

describe("writeJsonText", () => {
  it.each([
    ["a report of many findings", { schemaVersion: 1, file: "x.xlsx", objectives: [], findings: Array.from({ length: 3000 }, (_, i) => finding(i)), counts: { error: 0 } }],
    ["arrays of every length around a slice", { a: Array.from({ length: 256 }, (_, i) => i), b: Array.from({ length: 257 }, (_, i) => [i, { i }]), c: Array.from({ length: 513 }, (_, i) => ({ i, s: "x\ny" })) }],
    ["members without JSON, empty arrays and objects", { u: undefined, f: () => 1, s: Symbol("s"), e: [], o: {}, n: null, a: [undefined, () => 1, 2], d: new Date(0), "k\u2029\"": 1 }],
    ["a long array of values without JSON", { a: Array.from({ length: 600 }, (_, i) => (i % 2 ? undefined : i)) }],
    ["an empty object", {}],
    ["a top-level array", Array.from({ length: 700 }, (_, i) => ({ i }))],
    ["a string", "a\u2028b"],
    ["null", null],
  ])("%s: the same text as jsonText, then a line end", (_, value) => {
    expect(pieces(value).join("")).toBe(jsonText(value) + "\n");
  });

  it("hands a large report over in pieces of about 64K characters", () => {
    const report = { findings: Array.from({ length: 5000 }, (_, i) => finding(i)) };
    const out = pieces(report);
    expect(out.length).toBeGreaterThan(10);
    expect(Math.max(...out.map((t) => t.length))).toBeLessThan(2 * 64 * 1024);
  });
});
