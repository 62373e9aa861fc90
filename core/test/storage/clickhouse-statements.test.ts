import { describe, expect, it } from 'vitest';
import { splitClickhouseStatements } from '../../src/storage/migrations/clickhouse-statements.ts';

describe('splitClickhouseStatements', () => {
  it('splits on ; at line ends and drops comment-only pieces', () => {
    const sql = '-- header\nCREATE TABLE a (x UInt8) ENGINE = Memory;\n\nALTER TABLE a ADD COLUMN y String; -- why\n-- trailing note\n';
    expect(splitClickhouseStatements(sql)).toEqual([
      '-- header\nCREATE TABLE a (x UInt8) ENGINE = Memory',
      'ALTER TABLE a ADD COLUMN y String',
    ]);
  });

  it('keeps a last statement without ;', () => {
    expect(splitClickhouseStatements('SELECT 1;\nSELECT 2')).toEqual(['SELECT 1', 'SELECT 2']);
  });

  it('ignores ; inside strings, quoted identifiers and comments', () => {
    const sql = [
      "ALTER TABLE a COMMENT COLUMN x 'one;\ntwo'';'; ",
      'SELECT `we;ird`, "also;" -- not; here',
      '/* block;\n still; */ FROM a;',
    ].join('\n');
    expect(splitClickhouseStatements(sql)).toEqual([
      "ALTER TABLE a COMMENT COLUMN x 'one;\ntwo'';'",
      'SELECT `we;ird`, "also;" -- not; here\n/* block;\n still; */ FROM a',
    ]);
  });

  it('refuses two statements on one line and unterminated quotes', () => {
    expect(() => splitClickhouseStatements('SELECT 1; SELECT 2;')).toThrow(/line 1: a statement must end with ';' at the end of its line/);
    expect(() => splitClickhouseStatements("SELECT 'open;\n")).toThrow(/unterminated ' quote starting at line 1/);
  });
});
