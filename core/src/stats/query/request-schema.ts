import { Type, type Static } from 'typebox';
import { Compile } from 'typebox/compile';
import { inspectValue } from './elixir-inspect.ts';
import { QueryError } from './query-error.ts';

/**
 * The shape of a `POST /api/v2/query` body. Names of metrics, dimensions and filter trees are
 * checked afterwards against the registries (plugins add names), with the same `#/path: message`
 * errors Plausible's JSON schema gives.
 */
const DateRange = Type.Union([Type.String(), Type.Tuple([Type.String(), Type.String()])]);

const Comparisons = Type.Object(
  {
    mode: Type.Union([Type.Literal('previous_period'), Type.Literal('year_over_year'), Type.Literal('custom')]),
    date_range: Type.Optional(Type.Tuple([Type.String(), Type.String()])),
    match_day_of_week: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const QueryRequestSchema = Type.Object(
  {
    site_id: Type.String(),
    metrics: Type.Array(Type.String(), { minItems: 1, uniqueItems: true }),
    date_range: DateRange,
    dimensions: Type.Optional(Type.Array(Type.String(), { uniqueItems: true })),
    filters: Type.Optional(Type.Array(Type.Unknown())),
    order_by: Type.Optional(Type.Array(Type.Tuple([Type.String(), Type.Union([Type.Literal('asc'), Type.Literal('desc')])]))),
    include: Type.Optional(
      Type.Object(
        {
          imports: Type.Optional(Type.Boolean()),
          time_labels: Type.Optional(Type.Boolean()),
          total_rows: Type.Optional(Type.Boolean()),
          trim_relative_date_range: Type.Optional(Type.Boolean()),
          comparisons: Type.Optional(Comparisons),
        },
        { additionalProperties: false },
      ),
    ),
    pagination: Type.Optional(
      Type.Object(
        {
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
          offset: Type.Optional(Type.Integer({ minimum: 0 })),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

export type QueryRequest = Static<typeof QueryRequestSchema>;

const validator = Compile(QueryRequestSchema);

interface SchemaError {
  keyword: string;
  schemaPath: string;
  instancePath: string;
  params: Record<string, unknown>;
}

const TYPE_NAMES: Record<string, string> = {
  string: 'String',
  integer: 'Integer',
  number: 'Number',
  boolean: 'Boolean',
  array: 'Array',
  object: 'Object',
  null: 'Null',
};

function jsonTypeName(value: unknown): string {
  if (value === null) return 'Null';
  if (Array.isArray(value)) return 'Array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'Integer' : 'Number';
  return TYPE_NAMES[typeof value] ?? 'Object';
}

function valueAt(root: unknown, pointer: string): unknown {
  let value = root;
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** One error in ExJsonSchema's wording, as Plausible reports it. */
function describe(error: SchemaError, body: unknown): { path: string; message: string } | null {
  const path = `#${error.instancePath}`;
  const value = valueAt(body, error.instancePath);
  switch (error.keyword) {
    case 'required': {
      const names = (error.params.requiredProperties as string[] | undefined) ?? [];
      const missing = names.filter((name) => valueAt(body, `${error.instancePath}/${name}`) === undefined);
      return missing.length === 1
        ? { path, message: `Required property ${missing[0]} was not present.` }
        : { path, message: `Required properties ${missing.join(', ')} were not present.` };
    }
    case 'additionalProperties': {
      const extra = (error.params.additionalProperties as string[] | undefined) ?? [];
      return { path: extra.length === 1 ? `${path}/${extra[0]}` : path, message: 'Schema does not allow additional properties.' };
    }
    case 'type':
      return { path, message: `Type mismatch. Expected ${TYPE_NAMES[String(error.params.type)] ?? error.params.type} but got ${jsonTypeName(value)}.` };
    case 'minItems':
      return { path, message: `Expected a minimum of ${error.params.limit} items but got ${Array.isArray(value) ? value.length : 0}.` };
    case 'maxItems':
      return { path, message: `Expected a maximum of ${error.params.limit} items but got ${Array.isArray(value) ? value.length : 0}.` };
    case 'uniqueItems':
      return { path, message: 'Expected items to be unique but they were not.' };
    case 'minimum':
      return { path, message: `Expected the value to be >= ${error.params.limit}` };
    case 'maximum':
      return { path, message: `Expected the value to be <= ${error.params.limit}` };
    case 'const':
    case 'enum':
      return { path, message: `Value ${inspectValue(value)} is not allowed in enum.` };
    case 'anyOf':
      if (error.instancePath === '/date_range') return { path, message: `Invalid date range ${inspectValue(value)}` };
      return { path, message: 'Expected exactly one of the schemata to match, but none of them did.' };
    case 'boolean':
      return null; // reported by its additionalProperties error
    default:
      return { path, message: `Invalid value ${inspectValue(value)}` };
  }
}

/** Checks the body's shape; throws a QueryError with every problem, one per line. */
export function checkQueryRequest(body: unknown): QueryRequest {
  if (validator.Check(body)) return body;
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new QueryError(`#: Type mismatch. Expected Object but got ${jsonTypeName(body)}.`);
  }
  const errors = [...validator.Errors(body)] as SchemaError[];
  // Branch errors of a union are summed up by the union's own error.
  const unions = errors.filter((e) => e.keyword === 'anyOf').map((e) => e.instancePath);
  const messages: string[] = [];
  for (const error of errors) {
    if (error.keyword !== 'anyOf' && unions.some((p) => error.instancePath === p || error.instancePath.startsWith(`${p}/`))) continue;
    const described = describe(error, body);
    if (!described) continue;
    const line = `${described.path}: ${described.message}`;
    if (!messages.includes(line)) messages.push(line);
  }
  throw new QueryError(messages.join('\n') || '#: Invalid query');
}
