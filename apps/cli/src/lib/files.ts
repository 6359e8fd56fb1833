// Reading the files a command is given: all of them first, so a missing one stops the command
// before it prints anything.
import { readFile } from 'node:fs/promises';

export class UsageError extends Error {
  override name = 'UsageError';
}

export interface InputFile {
  /** The path exactly as the user typed it. */
  path: string;
  text: string;
}

export async function readTextFiles(paths: readonly string[]): Promise<InputFile[]> {
  const missing: string[] = [];
  const files = await Promise.all(
    paths.map(async (path) => {
      try {
        return { path, text: await readFile(path, 'utf8') };
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        missing.push(
          code === 'ENOENT' ? `${path}: no such file` : `${path}: cannot be read (${code ?? 'error'})`,
        );
        return undefined;
      }
    }),
  );
  if (missing.length > 0) throw new UsageError(missing.join('\n'));
  return files.filter((file): file is InputFile => file !== undefined);
}
