import type { SqlBinder } from '@qusto/sdk';

/** ClickHouse type names as placeholders accept them; nothing that could close the `{...}`. */
const TYPE = /^[A-Za-z][A-Za-z0-9_]*(\([A-Za-z0-9_, ']*(\([A-Za-z0-9_, ']*\))?[A-Za-z0-9_, ']*\))?$/;

/** Collects query parameters; the same value of the same type is bound once. */
export class ParamBinder implements SqlBinder {
  readonly params: Record<string, unknown> = {};
  private readonly seen = new Map<string, string>();
  private next = 0;

  param(value: unknown, type: string): string {
    if (!TYPE.test(type)) throw new Error(`invalid ClickHouse parameter type ${JSON.stringify(type)}`);
    const key = `${type}\u0000${JSON.stringify(value)}`;
    const known = this.seen.get(key);
    if (known) return known;
    const name = `p${this.next++}`;
    this.params[name] = value;
    const placeholder = `{${name}:${type}}`;
    this.seen.set(key, placeholder);
    return placeholder;
  }

  /** A plain-object view (spreading a class instance would drop `param`). */
  binder(): SqlBinder {
    return { param: (value, type) => this.param(value, type) };
  }
}

/** Instants a ClickHouse DateTime holds (derived ranges such as "7 days before" may leave it). */
const DATETIME_MIN = 0;
const DATETIME_MAX = Date.UTC(2106, 0, 1);

/** `2026-03-29 01:00:00`: a UTC instant as a DateTime('UTC') parameter value. */
export const clickhouseDateTime = (instant: number) =>
  new Date(Math.min(Math.max(instant, DATETIME_MIN), DATETIME_MAX)).toISOString().slice(0, 19).replace('T', ' ');
