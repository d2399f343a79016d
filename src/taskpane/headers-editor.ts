// An editor of the `headers` setting (spec §1, "Other administrations' headers") without JSON: per
// column role, the texts recognised out of the box and the user's own, which they add and remove.
// Plain DOM, so that the Excel pane and the Sheets sidebar share it (the sidebar embeds
// headersEditorClient's source: it must not reference anything outside its own body).
import { expectedHeaders, type ExpectedHeaders, type ExtraHeaders, type HeaderRole, type Lang } from "../core";

export interface HeadersEditor {
  /** Opens the editor and puts the focus on a role's input (the weight's by default). */
  focus(role?: HeaderRole): void;
  /** The user's header texts as they stand in the editor. */
  value(): ExtraHeaders;
}

/** Saves the headers with the other settings; resolves to the validation errors (none: saved). */
export type SaveHeaders = (headers: ExtraHeaders) => Promise<string[]> | string[];

export function mountHeadersEditor(container: HTMLElement, current: ExtraHeaders | undefined, onSave: SaveHeaders, lang: Lang): HeadersEditor {
  return headersEditorClient(container, current ?? {}, onSave, lang, expectedHeaders(undefined, lang));
}

/** The editor itself; `known` lists each role with its built-in texts. */
export function headersEditorClient(container: HTMLElement, current: ExtraHeaders, onSave: SaveHeaders, lang: Lang, known: ExpectedHeaders[]): HeadersEditor {
  const T = {
    it: {
      title: "Intestazioni riconosciute",
      intro: "Se le colonne della tua tabella hanno altri nomi, aggiungili qui: valgono per questa cartella di lavoro. Maiuscole, accenti e spazi non contano.",
      builtIn: "Già riconosciute:",
      none: "Nessuna intestazione aggiunta.",
      add: "Aggiungi",
      addLabel: (role: string) => `Nuova intestazione per «${role}»`,
      remove: "Rimuovi",
      removeLabel: (text: string, role: string) => `Rimuovi «${text}» da «${role}»`,
      empty: "Scrivi il testo dell'intestazione prima di aggiungerla.",
      duplicate: (text: string) => `«${text}» è già nell'elenco.`,
      added: (text: string, role: string) => `«${text}» aggiunta a «${role}». Ricorda di salvare.`,
      removed: (text: string) => `«${text}» rimossa. Ricorda di salvare.`,
      save: "Salva le intestazioni",
      saved: "Intestazioni salvate.",
    },
    en: {
      title: "Recognised headers",
      intro: "If the columns of your table have other names, add them here: they apply to this workbook. Case, accents and spaces do not matter.",
      builtIn: "Already recognised:",
      none: "No header added.",
      add: "Add",
      addLabel: (role: string) => `New header for «${role}»`,
      remove: "Remove",
      removeLabel: (text: string, role: string) => `Remove «${text}» from «${role}»`,
      empty: "Type the header text before adding it.",
      duplicate: (text: string) => `«${text}» is already in the list.`,
      added: (text: string, role: string) => `«${text}» added to «${role}». Remember to save.`,
      removed: (text: string) => `«${text}» removed. Remember to save.`,
      save: "Save headers",
      saved: "Headers saved.",
    },
  }[lang];
  const own: ExtraHeaders = {};
  for (const k of known) if (current[k.role]?.length) own[k.role] = [...(current[k.role] as string[])];
  const el = <K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, cls?: string): HTMLElementTagNameMap[K] => {
    const e = document.createElement(tag);
    if (text !== undefined) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  };
  const same = (a: string, b: string) => a.trim().toLowerCase().replace(/\s+/g, " ") === b.trim().toLowerCase().replace(/\s+/g, " ");

  const root = el("details", undefined, "headers-editor");
  const summary = el("summary", T.title);
  const status = el("p", undefined, "status");
  status.setAttribute("role", "status");
  status.setAttribute("aria-live", "polite");
  const say = (text: string, kind: "info" | "error") => {
    status.textContent = text;
    status.dataset.kind = kind;
  };
  const inputs = new Map<HeaderRole, HTMLInputElement>();
  const lists = new Map<HeaderRole, HTMLUListElement>();
  const idBase = `vp-headers-${Math.random().toString(36).slice(2, 8)}`;

  const renderList = (role: HeaderRole, name: string) => {
    const list = lists.get(role) as HTMLUListElement;
    const texts = own[role] ?? [];
    list.replaceChildren(
      ...(texts.length === 0
        ? [el("li", T.none, "none")]
        : texts.map((text) => {
            const li = el("li");
            const remove = el("button", T.remove);
            remove.type = "button";
            remove.setAttribute("aria-label", T.removeLabel(text, name));
            remove.addEventListener("click", () => {
              own[role] = (own[role] ?? []).filter((t) => t !== text);
              if (own[role]?.length === 0) delete own[role];
              renderList(role, name);
              say(T.removed(text), "info");
              (inputs.get(role) as HTMLInputElement).focus();
            });
            li.append(el("span", text), " ", remove);
            return li;
          })),
    );
  };

  root.append(summary, el("p", T.intro, "editor-intro"));
  for (const k of known) {
    const set = el("fieldset", undefined, "role");
    set.append(el("legend", k.name), el("p", `${T.builtIn} ${k.texts.map((t) => `«${t}»`).join(", ")}`, "builtin"));
    const list = el("ul");
    lists.set(k.role, list);
    const id = `${idBase}-${k.role}`;
    const label = el("label", T.addLabel(k.name));
    label.setAttribute("for", id);
    const input = el("input");
    input.id = id;
    input.type = "text";
    input.setAttribute("maxlength", "80");
    inputs.set(k.role, input);
    const add = el("button", T.add);
    add.type = "button";
    const doAdd = () => {
      const text = input.value.trim();
      if (text === "") return say(T.empty, "error");
      if ((own[k.role] ?? []).some((t) => same(t, text))) return say(T.duplicate(text), "error");
      own[k.role] = [...(own[k.role] ?? []), text];
      input.value = "";
      renderList(k.role, k.name);
      say(T.added(text, k.name), "info");
    };
    add.addEventListener("click", doAdd);
    // Enter adds the text (and must not submit a form the editor sits in).
    input.addEventListener("keydown", (e) => {
      if (e.key === "Enter") {
        e.preventDefault();
        doAdd();
      }
    });
    set.append(list, label, input, add);
    root.append(set);
    renderList(k.role, k.name);
  }
  const save = el("button", T.save, "primary");
  save.type = "button";
  const value = (): ExtraHeaders => {
    const out: ExtraHeaders = {};
    for (const k of known) if (own[k.role]?.length) out[k.role] = [...(own[k.role] as string[])];
    return out;
  };
  save.addEventListener("click", async () => {
    save.disabled = true;
    try {
      const errors = await onSave(value());
      say(errors.length ? errors.join(" · ") : T.saved, errors.length ? "error" : "info");
    } finally {
      save.disabled = false;
    }
  });
  root.append(save, status);
  container.replaceChildren(root);
  return {
    focus(role: HeaderRole = "incidenza") {
      root.setAttribute("open", "");
      inputs.get(role)?.focus();
    },
    value,
  };
}

/**
 * What the pane shows when no table was found: the header texts it looked for (`expected`, from the
 * core's expectedHeaders: the weight and deadline a header row needs) and a button that opens the editor.
 */
export function tableNotFoundHelp(lang: Lang, expected: ExpectedHeaders[], openEditor: () => void): HTMLElement {
  const box = document.createElement("section");
  box.className = "objective headers-help";
  const list = expected.filter((e) => e.required);
  const intro = document.createElement("p");
  intro.textContent =
    lang === "it"
      ? "Una tabella delle fasi si riconosce da una riga di intestazione con una colonna di ciascuno di questi tipi:"
      : "A phase table is recognised by a header row with one column of each of these kinds:";
  const ul = document.createElement("ul");
  for (const e of list) {
    const li = document.createElement("li");
    li.textContent = `${e.name}: ${e.texts.map((t) => `«${t}»`).join(", ")}`;
    ul.append(li);
  }
  const button = document.createElement("button");
  button.type = "button";
  button.textContent = lang === "it" ? "Aggiungi le intestazioni della tua tabella" : "Add your table's headers";
  button.addEventListener("click", openEditor);
  box.append(intro, ul, button);
  return box;
}
