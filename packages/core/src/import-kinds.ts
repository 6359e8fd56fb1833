// The kinds of file an import reads, by extension: one list for the API, the CLI and the
// import dialog, so a file the server would refuse is marked as such before it is sent.

export type ImportKind = 'txt' | 'jsonl' | 'csv' | 'zip';

const kindsByExtension: Record<string, ImportKind> = {
  txt: 'txt',
  text: 'txt',
  md: 'txt',
  jsonl: 'jsonl',
  ndjson: 'jsonl',
  csv: 'csv',
  zip: 'zip',
};

/** The extensions an import reads, for a file input's `accept`. */
export const importExtensions = Object.keys(kindsByExtension).map((extension) => `.${extension}`);

export const acceptedImportKinds =
  'Attest imports .txt articles, .jsonl (one JSON object per line) or .csv rows, and Attest .zip exports.';

/** The kind of a file by its name's extension, or why it is not imported. */
export function importFileKind(name: string): ImportKind | { refused: string } {
  const extension = /\.([^./\\]+)$/.exec(name)?.[1]?.toLowerCase();
  const kind = extension ? kindsByExtension[extension] : undefined;
  if (kind) return kind;
  if (extension === 'json')
    return {
      refused: `A .json file is not imported: it is JSON, not an article. ${acceptedImportKinds} Put one article or exported row per line and save it as .jsonl.`,
    };
  return {
    refused: `${extension ? `A .${extension} file` : 'A file without an extension'} is not imported. ${acceptedImportKinds}`,
  };
}
