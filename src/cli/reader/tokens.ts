// A minimal streaming view of XML tags and text, for the parts of a package the reader walks.
import { PackageError } from "./zip";
import { tagEnd } from "./xml";

export interface TokenHandler {
  /** `attrs` is the raw text between the tag's name and its `>` (or `/>`). */
  open(name: string, attrs: string): void;
  /** Raw character data (entities not decoded); CDATA sections are dropped, as exceljs's parser does. */
  text(raw: string): void;
  close(name: string): void;
}

/** Walks xml[start, end): start tags, end tags, text; comments, processing instructions and CDATA are skipped. */
export function walk(xml: string, start: number, end: number, h: TokenHandler): void {
  let i = start;
  while (i < end) {
    const lt = xml.indexOf("<", i);
    if (lt < 0 || lt >= end) {
      h.text(xml.slice(i, end));
      return;
    }
    if (lt > i) h.text(xml.slice(i, lt));
    const c1 = xml.charCodeAt(lt + 1);
    if (c1 === 47 /* / */) {
      const gt = xml.indexOf(">", lt);
      if (gt < 0) throw new PackageError("damaged");
      h.close(xml.slice(lt + 2, gt).trim());
      i = gt + 1;
    } else if (c1 === 33 /* ! */) {
      const closer = xml.startsWith("<!--", lt) ? "-->" : xml.startsWith("<![CDATA[", lt) ? "]]>" : ">";
      const at = xml.indexOf(closer, lt + 2);
      if (at < 0) throw new PackageError("damaged");
      i = at + closer.length;
    } else if (c1 === 63 /* ? */) {
      const at = xml.indexOf("?>", lt + 2);
      if (at < 0) throw new PackageError("damaged");
      i = at + 2;
    } else {
      const gt = tagEnd(xml, lt);
      const selfClosing = xml.charCodeAt(gt - 1) === 47;
      const stop = selfClosing ? gt - 1 : gt;
      let n = lt + 1;
      while (n < stop) {
        const ch = xml.charCodeAt(n);
        if (ch === 32 || ch === 9 || ch === 10 || ch === 13) break;
        n++;
      }
      const name = xml.slice(lt + 1, n);
      h.open(name, xml.slice(n, stop));
      if (selfClosing) h.close(name);
      i = gt + 1;
    }
  }
}
