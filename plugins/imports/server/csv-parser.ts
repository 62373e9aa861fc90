/**
 * A small RFC 4180 CSV parser: comma-separated fields, CRLF or LF line ends, fields in double
 * quotes may hold commas, line breaks and doubled quotes (""). Each record keeps the line it
 * starts on, so errors can name it.
 */

export interface CsvRecord {
  /** 1-based line of the file the record starts on. */
  line: number;
  fields: string[];
}

export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`line ${line}: ${message}`);
  }
}

export function parseCsv(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  // A byte-order mark is not part of the first header.
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  let fields: string[] = [];
  let field = '';
  let recordLine = 1;
  let quoted = false;
  /** The current field was a quoted one (closed); only a separator or line end may follow. */
  let closed = false;

  const endField = () => {
    fields.push(field);
    field = '';
    closed = false;
  };
  const endRecord = () => {
    endField();
    // Blank lines (a lone empty field) are skipped, including a final newline.
    if (!(fields.length === 1 && fields[0] === '')) records.push({ line: recordLine, fields });
    fields = [];
  };

  while (i < text.length) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        closed = true;
        i += 1;
        continue;
      }
      if (char === '\n') line += 1;
      field += char;
      i += 1;
      continue;
    }
    if (char === ',') {
      endField();
      i += 1;
    } else if (char === '\r' || char === '\n') {
      endRecord();
      i += char === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line += 1;
      recordLine = line;
    } else if (closed) {
      throw new CsvSyntaxError(line, `unexpected ${JSON.stringify(char)} after a closing quote (expected a comma or a line end)`);
    } else if (char === '"') {
      if (field !== '') throw new CsvSyntaxError(line, 'a quote inside an unquoted field (quote the whole field and double the quote)');
      quoted = true;
      i += 1;
    } else {
      field += char;
      i += 1;
    }
  }
  if (quoted) throw new CsvSyntaxError(recordLine, 'a quoted field is not closed before the end of the file');
  if (field !== '' || fields.length > 0 || closed) endRecord();
  return records;
}
