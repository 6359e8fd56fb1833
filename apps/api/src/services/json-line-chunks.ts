// Chunks of JSON lines as a dataset export streams them (COPY's bytes, or a page encoded at
// once): a line, even a character, may span two chunks, so both readers carry what is open.

/** Parses chunks of JSON lines into batches of rows, one batch per chunk. */
export async function* parseLineChunks<Row>(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<Row[]> {
  const parser = new LineParser<Row>();
  for await (const chunk of chunks) {
    const rows = parser.rowsOf(chunk);
    if (rows.length > 0) yield rows;
  }
}

/** Reads rows out of chunks of JSON lines, where a line (or a character) may span chunks. */
export class LineParser<Row> {
  readonly #decoder = new TextDecoder();
  #open = '';

  rowsOf(chunk: Uint8Array): Row[] {
    const text = this.#open + this.#decoder.decode(chunk, { stream: true });
    const end = text.lastIndexOf('\n');
    this.#open = text.slice(end + 1);
    if (end < 0) return [];
    return text
      .slice(0, end)
      .split('\n')
      .map((line) => JSON.parse(line) as Row);
  }
}

const newline = 0x0a;

/** Counts the lines of a stream of chunks and keeps where the last one lies, without copying. */
export class LineTail {
  count = 0;
  /** The chunks that hold the last complete line, and its bounds in the first and last of them. */
  #chunks: Uint8Array[] = [];
  #start = 0;
  #end = 0;
  /** Chunks after the last newline seen: the start of a line still arriving. */
  #open: Uint8Array[] = [];
  #openStart = 0;

  add(chunk: Uint8Array): void {
    const lastNewline = chunk.lastIndexOf(newline);
    if (lastNewline < 0) {
      if (this.#open.length === 0) this.#openStart = 0;
      this.#open.push(chunk);
      return;
    }
    for (let at = chunk.indexOf(newline); at >= 0; at = chunk.indexOf(newline, at + 1)) this.count++;
    const previousNewline = lastNewline === 0 ? -1 : chunk.lastIndexOf(newline, lastNewline - 1);
    if (previousNewline >= 0) {
      this.#chunks = [chunk];
      this.#start = previousNewline + 1;
    } else {
      this.#chunks = [...this.#open, chunk];
      this.#start = this.#open.length > 0 ? this.#openStart : 0;
    }
    this.#end = lastNewline;
    this.#open = lastNewline + 1 < chunk.length ? [chunk] : [];
    this.#openStart = lastNewline + 1;
  }

  lastLine(): string {
    const chunks = this.#chunks;
    const parts = chunks.map((chunk, index) =>
      chunk.subarray(index === 0 ? this.#start : 0, index === chunks.length - 1 ? this.#end : chunk.length),
    );
    return Buffer.concat(parts).toString('utf8');
  }
}
