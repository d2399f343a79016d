// The editor of the `headers` setting (issue 13) in a real DOM implementation (linkedom): the user adds
// and removes header texts per role without JSON, with labels and the keyboard, and saves them.
// linkedom is ESM-only below its entry, which jest's CommonJS runtime cannot load: the editor runs in a
// child Node process from its own source, exactly as the Sheets sidebar embeds it.
import { execFileSync } from "child_process";
import * as path from "path";
import { pathToFileURL } from "url";
import { checkWorkbook, expectedHeaders, parseConfig, type ExtraHeaders, type Lang } from "../../src/core";
import { headersEditorClient, tableNotFoundHelp } from "../../src/taskpane/headers-editor";
import { relayoutPerformance } from "./headers-fixtures";

const LINKEDOM = pathToFileURL(path.join(path.dirname(require.resolve("linkedom/package.json")), "esm/index.js")).href;

/**
 * Mounts the editor on `current` in a fresh document, runs `steps` (JavaScript with the helpers below in
 * scope; `saves` records what the editor saved, `reply` is what the store answers) and returns `out`.
 */
function inDom(lang: Lang, current: ExtraHeaders, steps: string, reply: string[] = []): Record<string, unknown> {
  const script = `
    import { parseHTML } from ${JSON.stringify(LINKEDOM)};
    const { document, window } = parseHTML('<!doctype html><html><body><form id="f"><div id="editor"></div></form></body></html>');
    globalThis.document = document;
    const client = (${headersEditorClient.toString()});
    const help = (${tableNotFoundHelp.toString()});
    const container = document.getElementById("editor");
    const saves = [];
    const editor = client(container, ${JSON.stringify(current)}, (h) => { saves.push(h); return ${JSON.stringify(reply)}; }, ${JSON.stringify(lang)}, ${JSON.stringify(expectedHeaders(undefined, lang))});
    const fieldset = (legend) => [...container.querySelectorAll("fieldset")].find((f) => f.querySelector("legend").textContent === legend);
    const click = (node) => node.dispatchEvent(new window.Event("click"));
    const pressEnter = (input) => {
      const event = new window.Event("keydown", { cancelable: true });
      Object.defineProperty(event, "key", { value: "Enter" });
      input.dispatchEvent(event);
      return event.defaultPrevented;
    };
    const type = (legend, text) => { const input = fieldset(legend).querySelector("input"); input.value = text; return input; };
    const addButton = (legend) => [...fieldset(legend).children].find((c) => c.tagName === "BUTTON");
    const listed = (legend) => [...fieldset(legend).querySelectorAll("li span")].map((s) => s.textContent);
    const status = () => container.querySelector("[role=status]").textContent;
    const out = {};
    ${steps}
    await new Promise((r) => setTimeout(r, 0));
    out.saves = saves;
    out.value = editor.value();
    process.stdout.write(JSON.stringify(out));
  `;
  return JSON.parse(execFileSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" })) as Record<string, unknown>;
}

describe("the headers editor", () => {
  it("shows each role with its built-in texts and the user's own, every input labelled", () => {
    const out = inDom(
      "it",
      { incidenza: ["Quota %"] },
      `
      out.legends = [...container.querySelectorAll("legend")].map((l) => l.textContent);
      out.builtin = fieldset("Incidenza (peso della fase)").querySelector(".builtin").textContent;
      out.listed = listed("Incidenza (peso della fase)");
      out.labels = [...container.querySelectorAll("input")].map((i) => container.querySelector('label[for="' + i.getAttribute("id") + '"]')?.textContent ?? null);
      out.buttonTypes = [...new Set([...container.querySelectorAll("button")].map((b) => b.getAttribute("type")))];
      out.summary = container.querySelector("details > summary").textContent;
      `,
    );
    expect(out.legends).toEqual(expectedHeaders(undefined, "it").map((e) => e.name));
    expect(out.builtin).toBe("Già riconosciute: «Incidenza %», «Peso %», «Peso ponderale», «Pesatura», «Ponderazione»");
    expect(out.listed).toEqual(["Quota %"]);
    expect(out.labels).toEqual(expectedHeaders(undefined, "it").map((e) => `Nuova intestazione per «${e.name}»`));
    expect(out.buttonTypes).toEqual(["button"]);
    expect(out.summary).toBe("Intestazioni riconosciute");
  });

  it("adds with Enter (without submitting the form around it) and with the button, refuses empty and repeated texts", () => {
    const out = inDom(
      "it",
      {},
      `
      out.prevented = pressEnter(type("Scadenze", "  Entro il "));
      out.afterEnter = [listed("Scadenze"), status()];
      type("Scadenze", "ENTRO  IL"); click(addButton("Scadenze"));
      out.repeated = status();
      pressEnter(type("Scadenze", "   "));
      out.empty = status();
      type("Scadenze", "Data ultima"); click(addButton("Scadenze"));
      `,
    );
    expect(out.prevented).toBe(true);
    expect(out.afterEnter).toEqual([["Entro il"], "«Entro il» aggiunta a «Scadenze». Ricorda di salvare."]);
    expect(out.repeated).toBe("«ENTRO  IL» è già nell'elenco.");
    expect(out.empty).toBe("Scrivi il testo dell'intestazione prima di aggiungerla.");
    expect(out.value).toEqual({ scadenze: ["Entro il", "Data ultima"] });
    expect(out.saves).toEqual([]);
  });

  it("removes a text with its own labelled button", () => {
    const out = inDom(
      "en",
      { descrizione: ["Intervento", "Misura"] },
      `
      out.labels = [...fieldset("Description").querySelectorAll("li button")].map((b) => b.getAttribute("aria-label"));
      click(fieldset("Description").querySelector("li button"));
      out.afterOne = editor.value();
      click(fieldset("Description").querySelector("li button"));
      out.empty = fieldset("Description").querySelector("li").textContent;
      `,
    );
    expect(out.labels).toEqual(["Remove «Intervento» from «Description»", "Remove «Misura» from «Description»"]);
    expect(out.afterOne).toEqual({ descrizione: ["Misura"] });
    expect(out.empty).toBe("No header added.");
    expect(out.value).toEqual({});
  });

  it("saves what the user set, and the saved setting makes their table recognisable", () => {
    const out = inDom(
      "it",
      { fase: ["#"] },
      `
      pressEnter(type("Incidenza (peso della fase)", "Quota %"));
      click(container.querySelector("button.primary"));
      await new Promise((r) => setTimeout(r, 0));
      out.status = status();
      `,
    );
    expect(out.saves).toEqual([{ incidenza: ["Quota %"], fase: ["#"] }]);
    expect(out.status).toBe("Intestazioni salvate.");
    const headers = (out.saves as ExtraHeaders[])[0];
    expect(parseConfig({ headers }).ok).toBe(true);
    const report = checkWorkbook(relayoutPerformance(["#", "Descrizione", "Quota %", null, "Termine"]), { today: "2022-12-31", config: { headers } });
    expect(report.objectives.map((o) => o.phases)).toEqual([4]);
  });

  it("shows the store's validation errors", () => {
    const out = inDom("it", {}, `click(container.querySelector("button.primary")); await new Promise((r) => setTimeout(r, 0)); out.status = status();`, [
      "headers.scadenze.0: testo di intestazione vuoto",
    ]);
    expect(out.status).toBe("headers.scadenze.0: testo di intestazione vuoto");
  });

  it("opens when the pane asks for it (its «add your headers» button)", () => {
    const out = inDom("it", {}, `out.before = container.querySelector("details").hasAttribute("open"); editor.focus("scadenze"); out.after = container.querySelector("details").hasAttribute("open");`);
    expect([out.before, out.after]).toEqual([false, true]);
  });

  it("the pane's help when no table is found names the texts looked for, the user's included, and opens the editor", () => {
    const expected = JSON.stringify(expectedHeaders({ scadenze: ["Entro il"] }, "it"));
    const out = inDom(
      "it",
      {},
      `
      let opened = 0;
      const box = help("it", ${expected}, () => opened++);
      out.items = [...box.querySelectorAll("li")].map((li) => li.textContent);
      click(box.querySelector("button"));
      out.opened = opened;
      `,
    );
    expect(out.items).toEqual([
      "Incidenza (peso della fase): «Incidenza %», «Peso %», «Peso ponderale», «Pesatura», «Ponderazione»",
      "Scadenze: «Scadenze previste», «Termine», «Termine previsto», «Data fine», «Data di fine», «Data conclusione», «Data di conclusione», «Entro il»",
    ]);
    expect(out.opened).toBe(1);
  });
});
