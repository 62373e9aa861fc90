/**
 * Splits a ClickHouse migration into statements: ClickHouse takes one statement per request.
 * A statement ends with `;` at the end of a line (only blanks or a `--` comment may follow).
 * `;` inside '…' strings, "…"/`…` identifiers and comments is ignored; a `;` elsewhere in the
 * middle of a line is an error rather than a guess. Comment-only pieces are dropped.
 */
export function splitClickhouseStatements(sql: string): string[] {
  const statements: string[] = [];
  let start = 0;
  let i = 0;
  const push = (end: number) => {
    const statement = sql.slice(start, end).trim();
    if (stripComments(statement).trim()) statements.push(statement);
  };
  while (i < sql.length) {
    const char = sql[i];
    if (char === "'" || char === '"' || char === '`') {
      i = skipQuoted(sql, i, char);
    } else if (char === '-' && sql[i + 1] === '-') {
      i = lineEnd(sql, i);
    } else if (char === '/' && sql[i + 1] === '*') {
      const close = sql.indexOf('*/', i + 2);
      if (close === -1) throw new Error(`unterminated /* comment at line ${lineOf(sql, i)}`);
      i = close + 2;
    } else if (char === ';') {
      const rest = sql.slice(i + 1, lineEnd(sql, i));
      if (!/^\s*(--.*)?$/.test(rest)) {
        throw new Error(`line ${lineOf(sql, i)}: a statement must end with ';' at the end of its line (one statement per line end)`);
      }
      push(i);
      start = i + 1;
      i += 1;
    } else {
      i += 1;
    }
  }
  push(sql.length);
  return statements;
}

/** Index just past the closing quote; backslash escapes and doubled quotes stay inside. */
function skipQuoted(sql: string, open: number, quote: string): number {
  let i = open + 1;
  while (i < sql.length) {
    if (sql[i] === '\\') i += 2;
    else if (sql[i] === quote && sql[i + 1] === quote) i += 2;
    else if (sql[i] === quote) return i + 1;
    else i += 1;
  }
  throw new Error(`unterminated ${quote} quote starting at line ${lineOf(sql, open)}`);
}

function lineEnd(sql: string, from: number): number {
  const newline = sql.indexOf('\n', from);
  return newline === -1 ? sql.length : newline;
}

function lineOf(sql: string, index: number): number {
  return sql.slice(0, index).split('\n').length;
}

function stripComments(sql: string): string {
  return sql.replace(/--[^\n]*/g, '').replace(/\/\*[\s\S]*?\*\//g, '');
}
