import type { FilterTree } from '@qusto/sdk';
import { QueryError } from '../query/query-error.ts';

/**
 * v1 filter strings: `event:page==/blog/**;visit:country==DE|FR;visit:source!=Google`.
 * `;` joins filters (AND), `|` separates values (any of; `\|` is a literal pipe), `!=` negates,
 * `~` / `!~` are contains / does not contain, `*` and `**` are wildcards in pages.
 */
export function parseLegacyFilters(raw: string | undefined): FilterTree[] {
  if (!raw || raw.trim() === '') return [];
  return raw
    .split(';')
    .map((part) => part.trim())
    .filter(Boolean)
    .map(parseOne);
}

const OPERATORS: Array<[string, 'is' | 'is_not' | 'contains' | 'contains_not']> = [
  ['!=', 'is_not'],
  ['==', 'is'],
  ['!~', 'contains_not'],
  ['~', 'contains'],
];

function parseOne(part: string): FilterTree {
  for (const [token, operator] of OPERATORS) {
    const at = part.indexOf(token);
    if (at <= 0) continue;
    const dimension = part.slice(0, at).trim();
    const values = splitValues(part.slice(at + token.length));
    if (values.length === 0) break;
    const wildcard = (operator === 'is' || operator === 'is_not') && values.some((v) => v.includes('*'));
    if (wildcard) return [operator === 'is' ? 'matches' : 'matches_not', dimension, values.map(wildcardRegex)];
    if (dimension === 'visit:city') return [operator, dimension, values.map((v) => (/^\d+$/.test(v) ? Number(v) : v))] as FilterTree;
    return [operator, dimension, values];
  }
  throw new QueryError(`Invalid filter expression: ${part}`);
}

function splitValues(text: string): string[] {
  const values: string[] = [];
  let current = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '\\' && text[i + 1] === '|') {
      current += '|';
      i++;
    } else if (ch === '|') {
      values.push(current.trim());
      current = '';
    } else current += ch;
  }
  values.push(current.trim());
  return values.filter((v) => v !== '');
}

/** Plausible's page glob: `**` any characters, `*` anything but a slash, anchored. */
export function wildcardRegex(glob: string): string {
  const escaped = glob.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
  return `^${escaped.replace(/\*\*/g, '\u0000').replace(/\*/g, '[^/]*').replace(/\u0000/g, '.*')}$`;
}
