import { parseConfig } from "../../src/core/config";
import { defaultConfig } from "../../src/cli/config";

// A run without settings uses defaultConfig instead of validating an empty configuration with zod:
// both must give the same configuration, or the check of such a run would differ from the add-ins'.
describe("defaultConfig", () => {
  it.each(["it", "en"] as const)("equals parseConfig's defaults (lang %s)", (lang) => {
    const parsed = parseConfig({ lang });
    if (!parsed.ok) throw new Error(parsed.errors.join("; "));
    expect(defaultConfig(lang)).toStrictEqual(parsed.config);
  });

  it("gives fresh objects each time", () => {
    expect(defaultConfig("it").rules).not.toBe(defaultConfig("it").rules);
  });
});
