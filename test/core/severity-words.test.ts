import { RULE_IDS, ruleTitle, severityCount, severityCountList, severityHeading, severityWord } from "../../src/core";

describe("severityWord: one word per severity, with its plural", () => {
  it.each([
    ["error", 1, "errore", "error"],
    ["error", 0, "errori", "errors"],
    ["error", 2, "errori", "errors"],
    ["warning", 1, "avviso", "warning"],
    ["warning", 5, "avvisi", "warnings"],
    ["info", 1, "informazione", "notice"],
    ["info", 12, "informazioni", "notices"],
  ] as const)("%s × %i: %s / %s", (severity, count, it, en) => {
    expect(severityWord(severity, "it", count)).toBe(it);
    expect(severityWord(severity, "en", count)).toBe(en);
  });

  it("a whole number's plural category is Intl.PluralRules's, in both languages", () => {
    for (const [lang, locale] of [["it", "it-IT"], ["en", "en-GB"]] as const) {
      const rules = new Intl.PluralRules(locale);
      const numbers = [...Array.from({ length: 2001 }, (_, i) => i - 1000), 1e6, 2 ** 53, -0];
      const differ = numbers.filter((n) => severityWord("error", lang, n) !== severityWord("error", lang, rules.select(n) === "one" ? 1 : 2));
      expect(differ).toEqual([]);
    }
    expect(severityWord("error", "it", 1.5)).toBe("errori");
  });

  it("counts and headings use the same words", () => {
    expect(severityCount("error", "it", 2)).toBe("2 errori");
    expect(severityCount("info", "it", 1)).toBe("1 informazione");
    expect(severityCount("warning", "en", 0)).toBe("0 warnings");
    expect(["error", "warning", "info"].map((s) => severityHeading(s as "error", "it"))).toEqual(["Errori", "Avvisi", "Informazioni"]);
    expect(severityHeading("info", "en")).toBe("Notices");
  });

  it("severityCountList: the counts of a report in one line, most severe first", () => {
    expect(severityCountList({ error: 0, warning: 2, info: 1 }, "it")).toBe("0 errori, 2 avvisi, 1 informazione");
    expect(severityCountList({ error: 1, warning: 0, info: 3 }, "en")).toBe("1 error, 0 warnings, 3 notices");
  });
});

describe("ruleTitle", () => {
  it.each(RULE_IDS.map((id) => [id]))("%s has a plain title in each language", (id) => {
    const it = ruleTitle(id, "it");
    const en = ruleTitle(id, "en");
    for (const title of [it, en]) {
      expect(title).not.toMatch(/[a-z]+-[a-z]+/); // no rule id inside
      expect(title).toMatch(/^[A-Z]/);
      expect(title).not.toMatch(/[.:]$/);
    }
    expect(it).not.toBe(en);
  });

  it("gives the id back for an unknown rule", () => {
    expect(ruleTitle("no-such-rule", "it")).toBe("no-such-rule");
    expect(ruleTitle("scadenza-text", "it")).toBe("Scadenza scritta come testo, non come data");
  });
});
