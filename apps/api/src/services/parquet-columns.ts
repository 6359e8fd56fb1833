// The values of one Parquet row group, held in growable typed arrays rather than as JavaScript
// values until the group is written. A group fills over many chunks of the export: values kept
// as strings and objects that long outlive the young generation's collections, are promoted and
// die in the old generation, which V8 then lets grow the longer an export runs. Bytes in typed
// arrays are not promoted garbage, and the arrays are reused from group to group.

export type ColumnKind = 'string' | 'int' | 'double' | 'boolean' | 'json' | 'timestamp';

const utf8 = new TextEncoder();
const utf8Decoder = new TextDecoder();

/** One column of a row group; `values` answers what hyparquet-writer takes, made on demand. */
export class ColumnBuffer {
  readonly #kind: ColumnKind;
  /** Text columns: the UTF-8 bytes of every value, one after another. */
  #bytes = new Uint8Array(64 * 1024);
  #byteLength = 0;
  /** Text columns: where each value ends in `#bytes`; other columns: the values themselves. */
  #numbers = new Float64Array(1024);
  /** 1 where the value is null. */
  #nulls = new Uint8Array(1024);
  length = 0;

  constructor(kind: ColumnKind) {
    this.#kind = kind;
  }

  push(value: unknown): void {
    this.#reserveRow();
    const row = this.length++;
    if (value === null || value === undefined) {
      this.#nulls[row] = 1;
      this.#numbers[row] = this.#byteLength;
      return;
    }
    this.#nulls[row] = 0;
    switch (this.#kind) {
      case 'string':
        this.#numbers[row] = this.#appendText(value as string);
        return;
      case 'json':
        this.#numbers[row] = this.#appendText(JSON.stringify(value));
        return;
      case 'timestamp':
        this.#numbers[row] = Date.parse(value as string);
        return;
      case 'boolean':
        this.#numbers[row] = value ? 1 : 0;
        return;
      default:
        this.#numbers[row] = value as number;
    }
  }

  /**
   * The column as hyparquet-writer takes it: text as views of its UTF-8 bytes (it writes,
   * compares and dictionary-encodes those as they are, with no string and no buffer a value),
   * parsed values for JSON (it encodes those itself), milliseconds for times, numbers and
   * booleans. Made while the group is written, one column at a time, they die young: the views
   * must, as the next group writes over the bytes (parquet-footer.ts keeps the group's
   * statistics as bytes of their own).
   */
  values(): unknown[] {
    const values = new Array<unknown>(this.length);
    let start = 0;
    for (let row = 0; row < this.length; row++) {
      const number = this.#numbers[row]!;
      if (this.#nulls[row] === 1) {
        values[row] = null;
        continue;
      }
      switch (this.#kind) {
        case 'string':
          values[row] = this.#bytes.subarray(start, number);
          start = number;
          break;
        case 'json':
          values[row] = JSON.parse(utf8Decoder.decode(this.#bytes.subarray(start, number)));
          start = number;
          break;
        case 'boolean':
          values[row] = number === 1;
          break;
        default:
          values[row] = number;
      }
    }
    return values;
  }

  /** Empties the column for the next group, keeping its arrays. */
  reset(): void {
    this.length = 0;
    this.#byteLength = 0;
  }

  #reserveRow(): void {
    if (this.length < this.#numbers.length) return;
    const numbers = new Float64Array(this.#numbers.length * 2);
    numbers.set(this.#numbers);
    this.#numbers = numbers;
    const nulls = new Uint8Array(this.#nulls.length * 2);
    nulls.set(this.#nulls);
    this.#nulls = nulls;
  }

  /** Appends the text's UTF-8 bytes; answers where they end. */
  #appendText(text: string): number {
    // A UTF-16 unit never takes more than three bytes of UTF-8.
    const needed = this.#byteLength + text.length * 3;
    if (needed > this.#bytes.length) {
      const bytes = new Uint8Array(Math.max(needed, this.#bytes.length * 2));
      bytes.set(this.#bytes.subarray(0, this.#byteLength));
      this.#bytes = bytes;
    }
    this.#byteLength += utf8.encodeInto(text, this.#bytes.subarray(this.#byteLength)).written;
    return this.#byteLength;
  }
}
