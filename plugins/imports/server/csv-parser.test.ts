import { describe, expect, it } from 'vitest';
import { CsvSyntaxError, parseCsv } from './csv-parser.ts';

describe('parseCsv (RFC 4180)', () => {
  it('splits records and fields, with CRLF or LF, skipping blank lines and a BOM', () => {
    expect(parseCsv('\uFEFFa,b\r\n1,2\n\n3,\n')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['1', '2'] },
      { line: 4, fields: ['3', ''] },
    ]);
  });

  it('keeps commas, line breaks and doubled quotes inside quoted fields', () => {
    expect(parseCsv('name,value\n"a, b","say ""hi""\nthere"\nlast,""')).toEqual([
      { line: 1, fields: ['name', 'value'] },
      { line: 2, fields: ['a, b', 'say "hi"\nthere'] },
      { line: 4, fields: ['last', ''] },
    ]);
  });

  it('names the line of malformed quoting', () => {
    expect(() => parseCsv('a,b\n1,"open')).toThrow(new CsvSyntaxError(2, 'a quoted field is not closed before the end of the file'));
    expect(() => parseCsv('a,b\n1,x"y"')).toThrow('line 2: a quote inside an unquoted field');
    expect(() => parseCsv('a,b\n\n"q"z,1')).toThrow('line 3: unexpected "z" after a closing quote');
  });
});
