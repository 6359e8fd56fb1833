// Reading an uploaded article: plain UTF-8 text only, refused with a reason otherwise.
import { ProblemError } from '../errors.ts';

const textExtensions = new Set(['txt', 'text', 'md']);

export async function readUploadedText(file: File): Promise<{ text: string; fileStem: string }> {
  const [stem, extension] = splitName(file.name);
  if (extension && !textExtensions.has(extension.toLowerCase())) {
    throw new ProblemError(
      415,
      'unsupported-file',
      'Only plain-text files can be imported',
      `"${file.name}" is not a .txt file. Save the article as plain UTF-8 text (.txt) and upload that.`,
    );
  }
  const bytes = new Uint8Array(await file.arrayBuffer());
  try {
    // fatal: refuse rather than silently replace bytes; a BOM is dropped, as editors add one.
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), fileStem: stem };
  } catch {
    throw new ProblemError(
      422,
      'invalid-utf8',
      'The file is not UTF-8 text',
      `"${file.name}" contains bytes that are not UTF-8. Re-save it as UTF-8 text and upload it again.`,
    );
  }
}

function splitName(name: string): [string, string | undefined] {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? [name.slice(0, dot), name.slice(dot + 1)] : [name, undefined];
}
