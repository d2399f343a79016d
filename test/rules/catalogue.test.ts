import { readdirSync } from "fs";
import { RULE_IDS } from "../../src/core";

// The issue asks for tests on every rule: one <rule-id>.test.ts per id of spec §2.
describe("rule test catalogue", () => {
  it("has exactly one test file per rule id", () => {
    const files = readdirSync(__dirname).filter((f) => f.endsWith(".test.ts") && f !== "catalogue.test.ts");
    expect(files.map((f) => f.replace(/\.test\.ts$/, "")).sort()).toEqual([...RULE_IDS].sort());
  });
});
