import type { SqlBinder } from '@qusto/sdk';

/**
 * SQL for the leaf operators over one string expression, as Plausible's WhereBuilder has them:
 * `is` is IN (lower() on both sides when case-insensitive), `contains` is multiSearchAny,
 * `matches` is multiMatchAny (RE2-style patterns, always case-sensitive).
 */

/** multiSearchAny/multiMatchAny take at most 255 needles; longer lists are OR-ed in chunks. */
const MAX_NEEDLES = 200;

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += MAX_NEEDLES) out.push(items.slice(i, i + MAX_NEEDLES));
  return out.length > 0 ? out : [[]];
}

export function inStrings(binder: SqlBinder, expression: string, values: readonly string[], caseSensitive: boolean): string {
  if (values.length === 0) return '0';
  if (caseSensitive) return `(${expression} IN ${binder.param([...values], 'Array(String)')})`;
  return `(lower(${expression}) IN ${binder.param(values.map((v) => v.toLowerCase()), 'Array(String)')})`;
}

export function inIntegers(binder: SqlBinder, expression: string, values: readonly number[]): string {
  if (values.length === 0) return '0';
  return `(${expression} IN ${binder.param([...values], 'Array(Int64)')})`;
}

export function containsAny(binder: SqlBinder, expression: string, needles: readonly string[], caseSensitive: boolean): string {
  if (needles.length === 0) return '0';
  const fn = caseSensitive ? 'multiSearchAny' : 'multiSearchAnyCaseInsensitive';
  const parts = chunks(needles).map((chunk) => `${fn}(${expression}, ${binder.param(chunk, 'Array(String)')})`);
  return parts.length === 1 ? parts[0]! : `(${parts.join(' OR ')})`;
}

export function matchesAny(binder: SqlBinder, expression: string, patterns: readonly string[]): string {
  if (patterns.length === 0) return '0';
  const parts = chunks(patterns).map((chunk) => `multiMatchAny(${expression}, ${binder.param(chunk, 'Array(String)')})`);
  return parts.length === 1 ? parts[0]! : `(${parts.join(' OR ')})`;
}

export const not = (condition: string) => `NOT (${condition})`;
