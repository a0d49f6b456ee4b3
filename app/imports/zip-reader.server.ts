/**
 * Reads a zip (a .docx is one) without trusting it: the central directory is checked against the
 * file's bounds, and an entry is inflated only up to a byte budget, so a small file that declares
 * or really holds gigabytes (a "zip bomb") costs at most the budget. Only what Word writes is
 * supported: one disk, no zip64, stored or deflated entries, no encryption.
 */
import { crc32, inflateRawSync } from "node:zlib";

export interface ZipEntry {
  name: string;
  method: number;
  crc: number;
  compressedSize: number;
  /** As declared by the file; checked again when the entry is inflated. */
  size: number;
  localOffset: number;
}

export type ZipProblem = "not-zip" | "truncated" | "corrupt" | "unsupported";

export class ZipFormatError extends Error {
  override name = "ZipFormatError";
  constructor(
    readonly problem: ZipProblem,
    detail: string,
  ) {
    super(`${problem}: ${detail}`);
  }
}

/** An entry would inflate beyond the budget; `declared` is false when only inflating showed it. */
export class ZipSizeError extends Error {
  override name = "ZipSizeError";
  constructor(
    readonly entry: string,
    readonly size: number,
    readonly limit: number,
    readonly declared: boolean,
  ) {
    super(`${entry}: ${declared ? "declares" : "inflates to more than"} ${size} bytes, limit ${limit}`);
  }
}

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const END_SIZE = 22;
const MAX_COMMENT = 0xffff;
const STORED = 0;
const DEFLATED = 8;

function findEnd(buffer: Buffer): number {
  const lowest = Math.max(0, buffer.length - END_SIZE - MAX_COMMENT);
  for (let at = buffer.length - END_SIZE; at >= lowest; at--) {
    if (buffer.readUInt32LE(at) === END_OF_CENTRAL_DIRECTORY && at + END_SIZE + buffer.readUInt16LE(at + 20) <= buffer.length) return at;
  }
  // A file that starts like a zip but has lost its end was cut short (an interrupted download).
  const startsLikeZip = buffer.length >= 4 && buffer.readUInt32LE(0) === LOCAL_HEADER;
  throw new ZipFormatError(startsLikeZip ? "truncated" : "not-zip", "no end of central directory");
}

function centralDirectory(buffer: Buffer): { offset: number; end: number; count: number } {
  const end = findEnd(buffer);
  const count = buffer.readUInt16LE(end + 10);
  const size = buffer.readUInt32LE(end + 12);
  const offset = buffer.readUInt32LE(end + 16);
  if (buffer.readUInt16LE(end + 4) !== 0 || buffer.readUInt16LE(end + 6) !== 0 || count === 0xffff || offset === 0xffffffff) {
    throw new ZipFormatError("unsupported", "multi-disk or zip64 archive");
  }
  if (offset + size > end) throw new ZipFormatError("truncated", "central directory outside the file");
  return { offset, end: offset + size, count };
}

function readEntry(buffer: Buffer, at: number, limit: number): { entry: ZipEntry; next: number } {
  if (at + 46 > limit || buffer.readUInt32LE(at) !== CENTRAL_HEADER) throw new ZipFormatError("corrupt", `bad central header at ${at}`);
  const flags = buffer.readUInt16LE(at + 8);
  const nameLength = buffer.readUInt16LE(at + 28);
  const next = at + 46 + nameLength + buffer.readUInt16LE(at + 30) + buffer.readUInt16LE(at + 32);
  if (next > limit) throw new ZipFormatError("corrupt", `central header at ${at} runs past the directory`);
  if (flags & 1) throw new ZipFormatError("unsupported", "encrypted entry");
  const entry: ZipEntry = {
    name: buffer.toString(flags & 0x800 ? "utf8" : "latin1", at + 46, at + 46 + nameLength),
    method: buffer.readUInt16LE(at + 10),
    crc: buffer.readUInt32LE(at + 16),
    compressedSize: buffer.readUInt32LE(at + 20),
    size: buffer.readUInt32LE(at + 24),
    localOffset: buffer.readUInt32LE(at + 42),
  };
  return { entry, next };
}

/** The entries by name. Two entries with one name are refused: readers disagree on which wins. */
export function readZipEntries(buffer: Buffer): Map<string, ZipEntry> {
  const directory = centralDirectory(buffer);
  const entries = new Map<string, ZipEntry>();
  let at = directory.offset;
  for (let i = 0; i < directory.count; i++) {
    const { entry, next } = readEntry(buffer, at, directory.end);
    if (entries.has(entry.name)) throw new ZipFormatError("corrupt", `duplicate entry ${entry.name}`);
    entries.set(entry.name, entry);
    at = next;
  }
  return entries;
}

function compressedData(buffer: Buffer, entry: ZipEntry): Buffer {
  const at = entry.localOffset;
  if (at + 30 > buffer.length || buffer.readUInt32LE(at) !== LOCAL_HEADER) throw new ZipFormatError("corrupt", `bad local header for ${entry.name}`);
  const start = at + 30 + buffer.readUInt16LE(at + 26) + buffer.readUInt16LE(at + 28);
  // Sizes come from the central directory: Word leaves them out of the local header (flag 8).
  if (start + entry.compressedSize > buffer.length) throw new ZipFormatError("truncated", `${entry.name} runs past the end of the file`);
  return buffer.subarray(start, start + entry.compressedSize);
}

function inflate(entry: ZipEntry, data: Buffer, maxBytes: number): Buffer {
  if (entry.method === STORED) return data;
  if (entry.method !== DEFLATED) throw new ZipFormatError("unsupported", `compression method ${entry.method} for ${entry.name}`);
  try {
    // zlib stops as soon as the output passes maxOutputLength: the bomb is never unpacked whole.
    return inflateRawSync(data, { maxOutputLength: Math.max(1, maxBytes) });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE") throw new ZipSizeError(entry.name, maxBytes, maxBytes, false);
    throw new ZipFormatError("corrupt", `${entry.name}: ${(error as Error).message}`);
  }
}

/**
 * The entry's bytes, refusing before any work when its declared size passes `maxBytes`, and
 * while inflating when the real size does (declared sizes can lie). Size and CRC must then match
 * what was declared.
 */
export function readZipEntry(buffer: Buffer, entry: ZipEntry, maxBytes: number): Buffer {
  if (entry.size > maxBytes) throw new ZipSizeError(entry.name, entry.size, maxBytes, true);
  const data = inflate(entry, compressedData(buffer, entry), maxBytes);
  if (data.length > maxBytes) throw new ZipSizeError(entry.name, data.length, maxBytes, false);
  if (data.length !== entry.size || crc32(data) !== entry.crc) throw new ZipFormatError("corrupt", `${entry.name}: size or checksum differs`);
  return data;
}
