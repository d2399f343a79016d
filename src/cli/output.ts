// Writing a file the user asked for (the annotated copy) without ever leaving half of it, and the
// system error codes behind a failure, for messages in the user's language.
import { constants as fsConstants, promises as fs } from "node:fs";
import * as path from "node:path";
import type { Lang } from "../core";
import { UsageError } from "./args";
import { messages, systemReason } from "./messages";

/** The code of a system error (ENOENT, EACCES…); any other exception is not ours to word: it goes on. */
export function errnoCode(e: unknown): string {
  const code = (e as NodeJS.ErrnoException | null)?.code;
  if (typeof code !== "string") throw e;
  return code;
}

/**
 * Writes the copy through a temporary file in the same folder, so that a full disk or an error never
 * leaves half a workbook under the user's name; without --force an existing file is never replaced,
 * even one created while the check ran (a hard link fails on an existing name).
 */
export async function writeOutput(out: string, data: Buffer, force: boolean, lang: Lang): Promise<void> {
  const m = messages(lang);
  const tmp = path.join(path.dirname(out), `.piao-check-${process.pid}-${Date.now()}.tmp`);
  try {
    await fs.writeFile(tmp, data, { flag: "wx" });
    if (force) await fs.rename(tmp, out);
    else await linkNoClobber(tmp, out);
  } catch (e) {
    const code = errnoCode(e);
    throw new UsageError(code === "EEXIST" ? m.outExists(out) : m.cannotWrite(out, systemReason(code, lang)));
  } finally {
    await fs.rm(tmp, { force: true }).catch(() => undefined);
  }
}

/** Creates `to` as `from` unless `to` exists; where hard links are not supported, an exclusive copy. */
async function linkNoClobber(from: string, to: string): Promise<void> {
  try {
    await fs.link(from, to);
  } catch (e) {
    if (errnoCode(e) === "EEXIST") throw e;
    await fs.copyFile(from, to, fsConstants.COPYFILE_EXCL);
  }
}
