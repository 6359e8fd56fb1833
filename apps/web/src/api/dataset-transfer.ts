// Dataset files in and out with progress: an export streamed to a file the user picked (bytes
// and rows counted as they arrive) and an import uploaded through XMLHttpRequest, the one browser API that reports
// upload progress.
import type { ImportReport } from '@attest/core';
import { type ApiClient, ApiError, toApiError } from './client.ts';

export type { ImportReport };

export interface DownloadProgress {
  bytes: number;
  /** Data rows so far, for JSON lines and CSV; undefined for binary formats. */
  rows: number | undefined;
}

export interface DownloadedFile extends DownloadProgress {
  /** The name the server gave the file (Content-Disposition). */
  filename: string;
  contentType: string;
}

/** Where a download's bytes go as they arrive. */
export interface SaveTarget {
  /** Receives the file's bytes in order; aborted when the download fails or is cancelled. */
  writable: WritableStream<Uint8Array>;
  /** The name the user chose for the file; undefined where the browser names it when saving. */
  chosenName: string | undefined;
  /** Hands the finished file to the user where it could not be written to disk as it arrived. */
  finish(file: DownloadedFile): void;
}

/** The File System Access API's save dialog (Chromium); TypeScript's DOM types do not have it yet. */
interface SaveFilePickerWindow {
  showSaveFilePicker?: (options: { suggestedName: string }) => Promise<FileSystemFileHandle>;
}

/**
 * Asks where to save a download. Where the browser has a save dialog for web pages (Chromium's
 * `showSaveFilePicker`), the bytes go to that file as they arrive, so memory holds a chunk, not
 * the file; elsewhere they collect in memory and are saved as one Blob at the end. Rejects with
 * an AbortError when the user dismisses the dialog. Call it from the click that asked for the
 * download: the dialog needs that user gesture.
 */
export async function pickSaveTarget(suggestedName: string): Promise<SaveTarget> {
  const picker = (window as SaveFilePickerWindow).showSaveFilePicker;
  if (!picker) return memorySaveTarget();
  const handle = await picker.call(window, { suggestedName });
  return { writable: await handle.createWritable(), chosenName: handle.name, finish: () => {} };
}

function memorySaveTarget(): SaveTarget {
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  return {
    writable: new WritableStream({
      write(chunk) {
        chunks.push(chunk as Uint8Array<ArrayBuffer>);
      },
    }),
    chosenName: undefined,
    finish(file) {
      const url = URL.createObjectURL(new Blob(chunks, { type: file.contentType }));
      const link = document.createElement('a');
      link.href = url;
      link.download = file.filename;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    },
  };
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
 * Fetches an export into `target`, reporting progress as chunks arrive. Aborting `signal` stops
 * the transfer (the server stops reading rows too); on any failure the target is aborted, so a
 * file being written is discarded rather than left half full.
 */
export async function downloadExport(
  api: ApiClient,
  path: string,
  options: {
    format: string;
    target: SaveTarget;
    signal: AbortSignal;
    onProgress: (progress: DownloadProgress) => void;
  },
): Promise<DownloadedFile> {
  const { target } = options;
  let response: Response;
  try {
    response = await fetch(api.baseUrl + path, {
      signal: options.signal,
      headers: { accept: '*/*, application/problem+json' },
    });
  } catch (error) {
    await target.writable.abort(error);
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'The server could not be reached. Check your connection.');
  }
  if (!response.ok || !response.body) {
    const problem: unknown = await response.json().catch(() => undefined);
    await target.writable.abort(problem);
    if (response.status === 401) api.onUnauthenticated?.();
    throw toApiError(response, problem);
  }
  const counter =
    options.format === 'jsonl' || options.format === 'csv' ? new RowCounter(options.format) : undefined;
  let bytes = 0;
  const counting = new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      bytes += chunk.byteLength;
      counter?.add(chunk);
      options.onProgress({ bytes, rows: counter?.rows });
      controller.enqueue(chunk);
    },
  });
  // pipeTo waits for each write (a slow disk slows the download) and aborts the target when the
  // signal fires or the connection breaks.
  try {
    await response.body.pipeThrough(counting).pipeTo(target.writable, { signal: options.signal });
  } catch (error) {
    // A broken connection surfaces as a bare TypeError; a failed write (a full disk) keeps its own message.
    if (error instanceof TypeError)
      throw new ApiError(0, 'The connection to the server broke during the download. Try again.');
    throw error;
  }
  return {
    filename: fileNameOf(response.headers.get('content-disposition')) ?? 'export',
    contentType: response.headers.get('content-type') ?? 'application/octet-stream',
    bytes,
    rows: counter?.rows,
  };
}

/**
 * Uploads files to a project's import endpoint as multipart "file" fields, reporting bytes
 * sent. Aborting `signal` cancels the upload and rejects with an AbortError.
 */
export function uploadImport(
  api: ApiClient,
  slug: string,
  files: readonly File[],
  options: {
    isStrict: boolean;
    /** Owners only: give an export's labels back to the members with the exported e-mail addresses. */
    keepsAnnotators?: boolean;
    signal: AbortSignal;
    onProgress: (progress: UploadProgress) => void;
  },
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
    const parameters = new URLSearchParams();
    if (options.isStrict) parameters.set('strict', 'true');
    if (options.keepsAnnotators) parameters.set('annotators', 'members');
    const query = parameters.toString() ? `?${parameters}` : '';
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
