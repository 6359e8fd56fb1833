// Reading the files a command is given: all of them first, so a missing or unreadable one stops
// the command before it prints anything.
import { readFile } from 'node:fs/promises';

export class UsageError extends Error {
  override name = 'UsageError';
}

export interface InputFile {
  /** The path exactly as the user typed it. */
  path: string;
  text: string;
}

// fatal: bytes that are not UTF-8 are refused, as the web upload refuses them, rather than read as
// U+FFFD, which would shift no offset but change the text. A byte-order mark is kept, so offsets
// stay offsets into the file as it is.
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export async function readTextFiles(paths: readonly string[]): Promise<InputFile[]> {
  const unreadable: string[] = [];
  const files = await Promise.all(
    paths.map(async (path) => {
      let bytes: Buffer;
      try {
        bytes = await readFile(path);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        unreadable.push(
          code === 'ENOENT' ? `${path}: no such file` : `${path}: cannot be read (${code ?? 'error'})`,
        );
        return undefined;
      }
      try {
        return { path, text: utf8.decode(bytes) };
      } catch {
        unreadable.push(`${path}: contains bytes that are not UTF-8; save it as UTF-8 text and try again`);
        return undefined;
      }
    }),
  );
  if (unreadable.length > 0) throw new UsageError(unreadable.join('\n'));
  return files.filter((file): file is InputFile => file !== undefined);
}
