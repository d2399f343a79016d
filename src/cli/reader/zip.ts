// The parts of an .xlsx package, from the zip's central directory, inflated with node:zlib within size bounds.
import { inflateRawSync } from "node:zlib";

/** A package this reader does not handle (ZIP64, encryption, an unusual layout): exceljs reads it instead. */
export class Unsupported extends Error {
  override name = "Unsupported";
}

/** A package that cannot be read within bounded time and memory, or a damaged one. */
export class PackageError extends Error {
  constructor(readonly kind: "too-large" | "damaged") {
    super(kind);
    this.name = "PackageError";
  }
}

/** Bounds on what a package may declare and inflate (an .xlsx of 400,000 table rows stays well inside them). */
export const LIMITS = {
  partBytes: 128 * 1024 * 1024,
  totalBytes: 384 * 1024 * 1024,
  entries: 20_000,
};

interface Entry {
  method: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

export interface ZipPackage {
  has(name: string): boolean;
  /** The part's bytes, or null when the package has no such part. */
  read(name: string): Buffer | null;
  text(name: string): string | null;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/** Not a zip at all (an OLE file, text): null, so that the caller's own diagnosis applies. */
export function openZip(bytes: Buffer): ZipPackage | null {
  const eocd = findEocd(bytes);
  if (eocd < 0) return null;
  const count = bytes.readUInt16LE(eocd + 10);
  const cdSize = bytes.readUInt32LE(eocd + 12);
  const cdOffset = bytes.readUInt32LE(eocd + 16);
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) throw new Unsupported("zip64");
  if (count > LIMITS.entries) throw new PackageError("too-large");
  if (cdOffset + cdSize > bytes.length) throw new PackageError("damaged");
  const entries = new Map<string, Entry>();
  let total = 0;
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > bytes.length || bytes.readUInt32LE(p) !== CENTRAL) throw new PackageError("damaged");
    const flags = bytes.readUInt16LE(p + 8);
    const method = bytes.readUInt16LE(p + 10);
    const compressedSize = bytes.readUInt32LE(p + 20);
    const size = bytes.readUInt32LE(p + 24);
    const nameLength = bytes.readUInt16LE(p + 28);
    const extraLength = bytes.readUInt16LE(p + 30);
    const commentLength = bytes.readUInt16LE(p + 32);
    const localOffset = bytes.readUInt32LE(p + 42);
    const name = bytes.toString(flags & 0x800 ? "utf8" : "latin1", p + 46, p + 46 + nameLength);
    p += 46 + nameLength + extraLength + commentLength;
    if (compressedSize === 0xffffffff || size === 0xffffffff || localOffset === 0xffffffff) throw new Unsupported("zip64");
    if (flags & 0x1) throw new Unsupported("encrypted");
    if (method !== 0 && method !== 8) throw new Unsupported(`method ${method}`);
    if (entries.has(name) || name.startsWith("/") || name.includes("\\")) throw new Unsupported("unusual names");
    if (size > LIMITS.partBytes) throw new PackageError("too-large");
    total += size;
    if (total > LIMITS.totalBytes) throw new PackageError("too-large");
    entries.set(name, { method, compressedSize, size, localOffset });
  }

  const read = (name: string): Buffer | null => {
    const e = entries.get(name);
    if (e === undefined) return null;
    const at = e.localOffset;
    if (at + 30 > bytes.length || bytes.readUInt32LE(at) !== LOCAL) throw new PackageError("damaged");
    const start = at + 30 + bytes.readUInt16LE(at + 26) + bytes.readUInt16LE(at + 28);
    if (start + e.compressedSize > bytes.length) throw new PackageError("damaged");
    const data = bytes.subarray(start, start + e.compressedSize);
    let out: Buffer;
    if (e.method === 0) out = data;
    else {
      try {
        // Never more than the declared size: a part that inflates further is damaged, not a reason to run out of memory.
        out = inflateRawSync(data, { maxOutputLength: Math.max(e.size, 1) });
      } catch {
        throw new PackageError("damaged");
      }
    }
    if (out.length !== e.size) throw new PackageError("damaged");
    return out;
  };
  return {
    has: (name) => entries.has(name),
    read,
    text: (name) => read(name)?.toString("utf8") ?? null,
  };
}

/** The end-of-central-directory record: within the last 64 KiB (its comment) plus its own 22 bytes. */
function findEocd(bytes: Buffer): number {
  const stop = Math.max(0, bytes.length - 22 - 0xffff);
  for (let i = bytes.length - 22; i >= stop; i--) if (bytes.readUInt32LE(i) === EOCD) return i;
  return -1;
}
