// The footer of a Parquet file written a row group at a time, kept as bytes. hyparquet-writer
// keeps every row group's metadata as JavaScript objects until the file ends (statistics, big
// integers, lists: about 36 KB a group of our 40 columns, 14 MB at a million rows); that live
// heap grew with the export, and V8 lets its old generation grow in proportion to what lives in
// it. Here each group's metadata becomes its Thrift bytes (about 5 KB) as soon as the group is
// written, and the footer is put together from those bytes at the end.

import type { ColumnChunk, KeyValue, RowGroup, SchemaElement } from 'hyparquet';
import {
  CompressionCodecs,
  ConvertedTypes,
  Encodings,
  FieldRepetitionTypes,
  PageTypes,
  ParquetTypes,
} from 'hyparquet/src/constants.js';
import { ByteWriter, type Writer } from 'hyparquet-writer';
import { logicalType } from 'hyparquet-writer/src/metadata.js';
import { serializeTCompactProtocol } from 'hyparquet-writer/src/thrift.js';
import { unconvertStatistics } from 'hyparquet-writer/src/unconvert.js';

/** Thrift compact protocol: the list element type of structs, and a file's end marker "PAR1". */
const structType = 12;
const listType = 9;
const magic = 0x31524150;

export interface ParquetFooterOptions {
  /** The file's schema, root first, as given to hyparquet-writer. */
  schema: SchemaElement[];
  /** Longest minimum or maximum kept for a text column chunk, in bytes. */
  statisticsTruncateLength: number;
  kvMetadata: KeyValue[];
  createdBy: string;
}

export class ParquetFooter {
  readonly #options: ParquetFooterOptions;
  readonly #elementsByName: Map<string, SchemaElement>;
  /** The row groups' Thrift structs, one after another. */
  readonly #rowGroups = new ByteWriter(64 * 1024);
  #rowGroupCount = 0;
  #rowCount = 0n;

  constructor(options: ParquetFooterOptions) {
    this.#options = options;
    // Our schema is flat: a column's path is its name.
    this.#elementsByName = new Map(options.schema.slice(1).map((element) => [element.name, element]));
  }

  /** Keeps a written row group's metadata as bytes; the group's objects can then die young. */
  add(rowGroup: RowGroup): void {
    serializeTCompactProtocol(this.#rowGroups, {
      field_1: rowGroup.columns.map((chunk) => this.#columnChunk(chunk)),
      field_2: rowGroup.total_byte_size,
      field_3: rowGroup.num_rows,
      field_6: rowGroup.total_compressed_size,
    });
    this.#rowGroupCount++;
    this.#rowCount += rowGroup.num_rows;
  }

  /** Writes the FileMetaData struct, its length and the closing magic number. */
  write(writer: Writer): void {
    const start = writer.offset;
    // The struct's first fields, without the stop byte that would end it.
    const head = new ByteWriter();
    serializeTCompactProtocol(head, {
      field_1: 2,
      field_2: this.#options.schema.map(schemaStruct),
      field_3: this.#rowCount,
    });
    writer.appendBytes(head.getBytes().subarray(0, head.index - 1));
    // Field 4 (one after field 3), a list of row group structs: its header, then their bytes.
    writer.appendUint8((1 << 4) | listType);
    if (this.#rowGroupCount > 14) {
      writer.appendUint8((15 << 4) | structType);
      writer.appendVarInt(this.#rowGroupCount);
    } else {
      writer.appendUint8((this.#rowGroupCount << 4) | structType);
    }
    writer.appendBytes(this.#rowGroups.getBytes());
    // Fields 5, 6 and 7, written as a struct of fields 1, 2 and 3: the compact protocol writes a
    // field's id as the step from the one before, so after field 4 they read as 5, 6 and 7, and
    // this struct's stop byte ends the FileMetaData.
    serializeTCompactProtocol(writer, {
      field_1: this.#options.kvMetadata.map((entry) => ({ field_1: entry.key, field_2: entry.value })),
      field_2: this.#options.createdBy,
      // Column orders: every leaf column sorts by its type's order.
      field_3: this.#options.schema.filter((element) => element.type).map(() => ({ field_1: {} })),
    });
    writer.appendUint32(writer.offset - start);
    writer.appendUint32(magic);
  }

  #columnChunk(chunk: ColumnChunk) {
    const metadata = chunk.meta_data;
    // What this footer does not write must not be there: page indexes, bloom filters and
    // the like would need fields (and data at the file's end) that it leaves out.
    if (
      !metadata ||
      chunk.offset_index_offset !== undefined ||
      chunk.column_index_offset !== undefined ||
      metadata.bloom_filter_offset !== undefined ||
      metadata.key_value_metadata ||
      metadata.size_statistics ||
      metadata.geospatial_statistics
    )
      throw new Error(
        `Parquet column chunk with metadata the footer does not write: ${metadata?.path_in_schema}`,
      );
    const element = this.#elementsByName.get(metadata.path_in_schema.join('.'));
    if (!element) throw new Error(`Parquet column ${metadata.path_in_schema} is not in the schema.`);
    return {
      field_2: chunk.file_offset,
      field_3: {
        field_1: ParquetTypes.indexOf(metadata.type),
        field_2: metadata.encodings.map((encoding) => Encodings.indexOf(encoding)),
        field_3: metadata.path_in_schema,
        field_4: CompressionCodecs.indexOf(metadata.codec),
        field_5: metadata.num_values,
        field_6: metadata.total_uncompressed_size,
        field_7: metadata.total_compressed_size,
        field_9: metadata.data_page_offset,
        field_10: metadata.index_page_offset,
        field_11: metadata.dictionary_page_offset,
        field_12:
          metadata.statistics &&
          unconvertStatistics(
            metadata.statistics as Parameters<typeof unconvertStatistics>[0],
            element,
            this.#options.statisticsTruncateLength,
          ),
        field_13: metadata.encoding_stats?.map((stats) => ({
          field_1: PageTypes.indexOf(stats.page_type),
          field_2: Encodings.indexOf(stats.encoding),
          field_3: stats.count,
        })),
      },
    };
  }
}

function schemaStruct(element: SchemaElement) {
  return {
    field_1: element.type && ParquetTypes.indexOf(element.type),
    field_2: element.type_length,
    field_3: element.repetition_type && FieldRepetitionTypes.indexOf(element.repetition_type),
    field_4: element.name,
    field_5: element.num_children,
    field_6: element.converted_type && ConvertedTypes.indexOf(element.converted_type),
    field_7: element.scale,
    field_8: element.precision,
    field_9: element.field_id,
    field_10: logicalType(element.logical_type),
  };
}
