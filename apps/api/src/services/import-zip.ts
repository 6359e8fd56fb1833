// Reading an uploaded zip without trusting it: the central directory is checked against the
// limits before anything is inflated, and each entry Attest reads is inflated off the event
// loop with a hard cap on its output, so a header that understates the size cannot make the
// server inflate more than the cap.
import { promisify } from 'node:util';
import { inflateRaw } from 'node:zlib';
import { ProblemError } from '../errors.ts';

const inflateRawAsync = promisify(inflateRaw);

/** What one uploaded zip may hold. Stated in the README and docs/datasets.md. */
export const zipLimits = {
  entries: 16,
  /** Uncompressed bytes of one entry. */
  entryBytes: 64 * 1024 * 1024,
  /** Uncompressed bytes of all entries together, as declared. */
  totalBytes: 256 * 1024 * 1024,
  /** Uncompressed bytes per compressed byte, judged for entries over `ratioFloorBytes`. */
  ratio: 100,
  ratioFloorBytes: 1024 * 1024,
};

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  declaredSize: number;
  localHeaderOffset: number;
}

const mib = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MiB`;

function tooLarge(fileName: string, detail: string): ProblemError {
  return new ProblemError(
    413,
    'import-too-large',
    'The zip is too large to import',
    `${fileName}: ${detail}`,
  );
}

function unreadable(fileName: string, detail: string): ProblemError {
  return new ProblemError(422, 'invalid-zip', 'The zip cannot be imported', `${fileName}: ${detail}`);
}

/**
 * The entries listed in the central directory, refused with 413 or 422 when they break a limit.
 * Returns undefined when the bytes are not a zip archive at all.
 */
export function listZipEntries(fileName: string, bytes: Uint8Array): ZipEntry[] | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end-of-central-directory record: 22 bytes, then a comment of up to 65,535 bytes.
  let end = -1;
  for (let offset = bytes.length - 22; offset >= Math.max(0, bytes.length - 22 - 0xffff); offset--) {
    if (view.getUint32(offset, true) === 0x06054b50) {
      end = offset;
      break;
    }
  }
  if (end < 0) return undefined;
  const count = view.getUint16(end + 10, true);
  const directorySize = view.getUint32(end + 12, true);
  const directoryOffset = view.getUint32(end + 16, true);
  if (count === 0xffff || directoryOffset === 0xffffffff)
    throw unreadable(fileName, 'ZIP64 archives are not supported; an Attest export is a plain zip.');
  if (count > zipLimits.entries)
    throw tooLarge(
      fileName,
      `it holds ${count} entries; an import zip may hold at most ${zipLimits.entries} (an Attest export has 5).`,
    );
  if (directoryOffset + directorySize > bytes.length) return undefined;
  const entries: ZipEntry[] = [];
  let declaredTotal = 0;
  let offset = directoryOffset;
  for (let index = 0; index < count; index++) {
    if (offset + 46 > bytes.length || view.getUint32(offset, true) !== 0x02014b50) return undefined;
    const flags = view.getUint16(offset + 8, true);
    const method = view.getUint16(offset + 10, true);
    const compressedSize = view.getUint32(offset + 20, true);
    const declaredSize = view.getUint32(offset + 24, true);
    const nameLength = view.getUint16(offset + 28, true);
    const extraLength = view.getUint16(offset + 30, true);
    const commentLength = view.getUint16(offset + 32, true);
    const localHeaderOffset = view.getUint32(offset + 42, true);
    const name = new TextDecoder().decode(bytes.subarray(offset + 46, offset + 46 + nameLength));
    offset += 46 + nameLength + extraLength + commentLength;
    if (flags & 1) throw unreadable(fileName, `"${name}" is encrypted; import an unencrypted zip.`);
    if (method !== 0 && method !== 8)
      throw unreadable(
        fileName,
        `"${name}" uses compression method ${method}; only stored and deflated entries are read.`,
      );
    checkEntrySize(fileName, name, declaredSize, compressedSize);
    declaredTotal += declaredSize;
    if (declaredTotal > zipLimits.totalBytes)
      throw tooLarge(fileName, `its entries expand to more than ${mib(zipLimits.totalBytes)} together.`);
    entries.push({ name, method, compressedSize, declaredSize, localHeaderOffset });
  }
  return entries;
}

function checkEntrySize(fileName: string, name: string, size: number, compressedSize: number): void {
  if (size > zipLimits.entryBytes)
    throw tooLarge(
      fileName,
      `"${name}" expands to more than ${mib(zipLimits.entryBytes)}; split the export.`,
    );
  if (size > zipLimits.ratioFloorBytes && size > compressedSize * zipLimits.ratio)
    throw unreadable(
      fileName,
      `"${name}" expands more than ${zipLimits.ratio} times (${compressedSize} bytes to ${size}); that is no dataset Attest exports.`,
    );
}

/** One entry's bytes, inflated in Node's thread pool with its output capped at the limits. */
export async function readZipEntry(
  fileName: string,
  bytes: Uint8Array,
  entry: ZipEntry,
): Promise<Uint8Array> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const header = entry.localHeaderOffset;
  if (header + 30 > bytes.length || view.getUint32(header, true) !== 0x04034b50)
    throw unreadable(fileName, `"${entry.name}" is damaged (no local header).`);
  const start = header + 30 + view.getUint16(header + 26, true) + view.getUint16(header + 28, true);
  const compressed = bytes.subarray(start, start + entry.compressedSize);
  if (compressed.length !== entry.compressedSize) throw unreadable(fileName, `"${entry.name}" is cut short.`);
  if (entry.method === 0) return compressed;
  // The header may understate the size: never inflate past what the entry may hold.
  const cap = Math.min(
    zipLimits.entryBytes,
    Math.max(zipLimits.ratioFloorBytes, entry.compressedSize * zipLimits.ratio),
  );
  let inflated: Buffer;
  try {
    inflated = await inflateRawAsync(compressed, { maxOutputLength: cap });
  } catch (error) {
    if (error instanceof RangeError || (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE')
      throw unreadable(
        fileName,
        `"${entry.name}" expands to more than its header says (${entry.declaredSize} bytes) and past the limit; the archive is damaged or crafted.`,
      );
    throw unreadable(fileName, `"${entry.name}" is damaged (${(error as Error).message}).`);
  }
  if (inflated.length !== entry.declaredSize)
    throw unreadable(
      fileName,
      `"${entry.name}" expands to ${inflated.length} bytes, not the ${entry.declaredSize} its header says; the archive is damaged or crafted.`,
    );
  return new Uint8Array(inflated.buffer, inflated.byteOffset, inflated.length);
}
