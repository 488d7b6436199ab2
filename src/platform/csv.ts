import fs from "node:fs";

// CSV (RFC 4180) for imports and exports: no CSV library is installed, so a small parser and
// writer. A value a spreadsheet would run as a formula is guarded on the way out.

export interface CsvRecord {
  /** The physical line the record starts on (1 = the header). */
  line: number;
  fields: string[];
  /** Set when the record is malformed (a stray or unterminated quote). */
  error?: string;
}

/**
 * Incremental parser: quoted fields with doubled quotes and line breaks inside, CRLF, LF or CR
 * line ends, a leading byte-order mark. Feed chunks with push(); end() flushes the last record.
 */
export class CsvParser {
  private fields: string[] = [];
  private field = "";
  private state: "start" | "unquoted" | "quoted" | "quote" = "start";
  private line = 1;
  private recordLine = 1;
  private error: string | undefined;
  private afterCr = false;
  private first = true;

  push(chunk: string): CsvRecord[] {
    const records: CsvRecord[] = [];
    for (let i = 0; i < chunk.length; i++) {
      let c = chunk[i]!;
      if (this.first) {
        this.first = false;
        if (c === "\uFEFF") continue;
      }
      if (this.afterCr) {
        this.afterCr = false;
        if (c === "\n") {
          if (this.state === "quoted") this.field += c;
          continue;
        }
      }
      if (c === "\r") {
        this.afterCr = true;
        this.line += 1;
        if (this.state === "quoted") {
          this.field += c;
          continue;
        }
        c = "\n";
      } else if (c === "\n") {
        this.line += 1;
      }
      switch (this.state) {
        case "quoted":
          if (c === '"') this.state = "quote";
          else this.field += c;
          break;
        case "quote":
          if (c === '"') {
            this.field += '"';
            this.state = "quoted";
          } else if (c === ",") this.endField();
          else if (c === "\n") records.push(this.endRecord());
          else {
            this.error ??= "text after a closing quote";
            this.field += c;
            this.state = "unquoted";
          }
          break;
        default:
          if (c === ",") this.endField();
          else if (c === "\n") records.push(this.endRecord());
          else if (c === '"' && this.state === "start") this.state = "quoted";
          else {
            this.field += c;
            this.state = "unquoted";
          }
      }
    }
    return records;
  }

  end(): CsvRecord[] {
    if (this.state === "quoted") this.error ??= "a quoted field is never closed";
    if (this.state === "start" && this.fields.length === 0 && this.field === "") return [];
    return [this.endRecord()];
  }

  private endField() {
    this.fields.push(this.field);
    this.field = "";
    this.state = "start";
  }

  private endRecord(): CsvRecord {
    this.endField();
    const record: CsvRecord = { line: this.recordLine, fields: this.fields };
    if (this.error) record.error = this.error;
    this.fields = [];
    this.error = undefined;
    this.recordLine = this.line;
    return record;
  }
}

export function parseCsv(text: string): CsvRecord[] {
  const parser = new CsvParser();
  return [...parser.push(text), ...parser.end()];
}

/** Reads a CSV file record by record without holding it in memory. */
export async function* readCsvFile(file: string): AsyncGenerator<CsvRecord> {
  const parser = new CsvParser();
  for await (const chunk of fs.createReadStream(file, { encoding: "utf8" })) {
    yield* parser.push(chunk as string);
  }
  yield* parser.end();
}

/**
 * One field: a value a spreadsheet would run as a formula (starting with =, +, -, @, tab or CR)
 * gets a leading apostrophe (so does one already guarded, so the import can strip exactly one); a value with a comma, quote or line break is quoted.
 */
export function csvField(value: string | number | null | undefined): string {
  let s = value === null || value === undefined ? "" : String(value);
  if (/^'*[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export const csvRow = (values: (string | number | null | undefined)[]): string =>
  `${values.map(csvField).join(",")}\r\n`;
