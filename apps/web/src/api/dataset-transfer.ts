// Dataset files in and out with progress: an export read as a stream (bytes and rows as they
// arrive) and an import uploaded through XMLHttpRequest, the one browser API that reports
// upload progress.
import { type ApiClient, ApiError, toApiError } from './client.ts';

/** What POST /api/projects/{slug}/imports answers. */
export interface ImportReport {
  imported: number;
  skipped: number;
  errors: { file?: string; line: number; message: string }[];
}

export interface DownloadProgress {
  bytes: number;
  /** Data rows so far, for JSON lines and CSV; undefined for binary formats. */
  rows: number | undefined;
}

export interface DownloadedFile extends DownloadProgress {
  blob: Blob;
  /** The name the server gave the file (Content-Disposition). */
  filename: string;
}

export interface UploadProgress {
  sentBytes: number;
  totalBytes: number;
}

const newline = 0x0a;
const quote = 0x22;

/**
 * Counts finished rows in a stream of bytes. JSON lines end each row with a newline; a CSV
 * record ends with a newline outside quotes (quoted cells may hold newlines), and its first
 * record is the header. Both characters are ASCII, so counting works on raw UTF-8 bytes.
 */
export class RowCounter {
  private readonly isCsv: boolean;
  private isInsideQuotes = false;
  private lineEnds = 0;

  constructor(format: 'jsonl' | 'csv') {
    this.isCsv = format === 'csv';
  }

  add(chunk: Uint8Array): void {
    for (const byte of chunk) {
      if (this.isCsv && byte === quote) this.isInsideQuotes = !this.isInsideQuotes;
      else if (byte === newline && !this.isInsideQuotes) this.lineEnds++;
    }
  }

  get rows(): number {
    return this.isCsv ? Math.max(0, this.lineEnds - 1) : this.lineEnds;
  }
}

/**
 * Fetches an export, reporting progress as chunks arrive, and returns the whole file.
 * Aborting `signal` stops the transfer (the server stops reading rows too).
 */
export async function downloadExport(
  api: ApiClient,
  path: string,
  options: { format: string; signal: AbortSignal; onProgress: (progress: DownloadProgress) => void },
): Promise<DownloadedFile> {
  let response: Response;
  try {
    response = await fetch(api.baseUrl + path, {
      signal: options.signal,
      headers: { accept: '*/*, application/problem+json' },
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'The server could not be reached. Check your connection.');
  }
  if (!response.ok) {
    if (response.status === 401) api.onUnauthenticated?.();
    throw toApiError(response, await response.json().catch(() => undefined));
  }
  const counter =
    options.format === 'jsonl' || options.format === 'csv' ? new RowCounter(options.format) : undefined;
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  let bytes = 0;
  const reader = response.body?.getReader();
  while (reader) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    bytes += value.byteLength;
    counter?.add(value);
    options.onProgress({ bytes, rows: counter?.rows });
  }
  return {
    blob: new Blob(chunks, { type: response.headers.get('content-type') ?? 'application/octet-stream' }),
    filename: fileNameOf(response.headers.get('content-disposition')) ?? 'export',
    bytes,
    rows: counter?.rows,
  };
}

/** Hands a downloaded file to the browser to save. */
export function saveFile(file: { blob: Blob; filename: string }): void {
  const url = URL.createObjectURL(file.blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = file.filename;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * Uploads files to a project's import endpoint as multipart "file" fields, reporting bytes
 * sent. Aborting `signal` cancels the upload and rejects with an AbortError.
 */
export function uploadImport(
  api: ApiClient,
  slug: string,
  files: readonly File[],
  options: { isStrict: boolean; signal: AbortSignal; onProgress: (progress: UploadProgress) => void },
): Promise<ImportReport> {
  const form = new FormData();
  for (const file of files) form.append('file', file, file.name);
  const request = new XMLHttpRequest();
  return new Promise<ImportReport>((resolve, reject) => {
    if (options.signal.aborted) {
      reject(new DOMException('The upload was cancelled.', 'AbortError'));
      return;
    }
    options.signal.addEventListener('abort', () => request.abort(), { once: true });
    request.upload.addEventListener('progress', (event) => {
      options.onProgress({ sentBytes: event.loaded, totalBytes: event.total });
    });
    request.addEventListener('abort', () =>
      reject(new DOMException('The upload was cancelled.', 'AbortError')),
    );
    request.addEventListener('error', () =>
      reject(new ApiError(0, 'The server could not be reached. Check your connection.')),
    );
    request.addEventListener('load', () => {
      const body: unknown = parseJson(request.responseText);
      if (request.status >= 200 && request.status < 300) {
        resolve(body as ImportReport);
        return;
      }
      if (request.status === 401) api.onUnauthenticated?.();
      const headers = new Headers();
      const retryAfter = request.getResponseHeader('retry-after');
      if (retryAfter) headers.set('retry-after', retryAfter);
      reject(
        toApiError(
          new Response(null, { status: request.status, statusText: request.statusText, headers }),
          body,
        ),
      );
    });
    const query = options.isStrict ? '?strict=true' : '';
    request.open('POST', `${api.baseUrl}/api/projects/${encodeURIComponent(slug)}/imports${query}`);
    request.setRequestHeader('accept', 'application/json, application/problem+json');
    request.send(form);
  });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The file name of a Content-Disposition header (`attachment; filename="demo-gold.jsonl"`). */
export function fileNameOf(disposition: string | null): string | undefined {
  const match = disposition?.match(/filename="([^"]+)"|filename=([^;\s]+)/);
  return match?.[1] ?? match?.[2];
}
