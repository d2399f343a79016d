// Issue 9: every regular expression of the core runs in linear time, proved by construction (a static
// analysis of each pattern's source), never by timing.
import * as path from "path";
import { hint } from "../../src/core/text";
import { nonLinearReasons, regexesIn } from "./regex-analysis";

describe("the linearity analysis", () => {
  it.each([
    ["^[^\\p{L}\\p{N}]*fase\\s*:?\\s*(\\d+)", "iu", "adjacent runs of spaces around an optional colon"],
    ["^obiettivo\\b(?!\\s*:?\\s*raggiunt)", "i", "the same inside a lookahead"],
    ["(a+)+$", "", "nested quantifiers"],
    ["(?:a|ab)*c", "", "repeated alternatives sharing a first character"],
    ["\\s+x", "", "an unanchored leading run"],
    ["^\\s* \\s*x", "", "two runs joined by a character both can take"],
    ["(?:x\\s*)?\\s*y", "", "a run at the end of an optional group and another after it"],
    // The monitoring pattern that read "conclusa" + 32,000 spaces in quadratic time (issue 9 point 2).
    [
      "\\b(?:conclus|completat)\\w*\\s*(?:(?:in|con)\\s+ritardo\\s*)?(?:in\\s+data|in|il|al|:)?\\s*(\\d{1,2}\\/\\d{1,2}\\/\\d{4})",
      "i",
      "optional words between two runs of spaces",
    ],
  ])("rejects %s (%s)", (source, flags) => {
    expect(nonLinearReasons(source, flags)).not.toEqual([]);
  });

  it.each([
    ["^[^\\p{L}\\p{N}]*fase[\\s:]*(\\d+)", "iu"],
    ["\\s{2,}|[^\\S ]", "g"],
    ["^([+-]?\\d+(?:[.,]\\d+)?)\\s*%?$", ""],
    ["\\bin\\s+corso\\b", "i"],
    ["^[^:]*:", ""],
    ["^\\w*\\s*x", ""],
  ])("accepts %s", (source, flags) => {
    expect(nonLinearReasons(source, flags)).toEqual([]);
  });
});

describe("the core's regular expressions", () => {
  const found = regexesIn(path.resolve(__dirname, "../../src/core"));

  it("finds the patterns it checks", () => {
    expect(found.length).toBeGreaterThan(30);
  });

  it("covers every pattern run on monitoring text (src/core/monitoring.ts)", () => {
    const monitoring = found.filter((r) => path.basename(r.file) === "monitoring.ts").map((r) => r.source);
    for (const word of ["\\bok\\b", "completat[aoei]", "\\bnon\\s+", "\\bin\\s+corso\\b", "in\\s+data", "\\bconclus[ao]\\b"]) {
      expect(monitoring.filter((source) => source.includes(word))).not.toEqual([]);
    }
  });

  it.each(found.map((r) => [`${path.basename(r.file)}:${r.line} /${r.source}/${r.flags}`, r] as const))("%s is linear", (_, r) => {
    expect(nonLinearReasons(r.source, r.flags)).toEqual([]);
  });

  it("the word hints built at run time are linear", () => {
    for (const h of [hint("incidenz", "scadenz", "peso", "attivit", "termine"), hint("sintesi", "monitoring")]) {
      expect(nonLinearReasons(h.source, h.flags)).toEqual([]);
    }
  });
});
