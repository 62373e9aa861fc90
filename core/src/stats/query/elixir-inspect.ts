/**
 * Formats a JSON value the way Elixir's `inspect/1` prints it, because Plausible's error messages
 * quote the offending value that way: `"baa"`, `["is", "visit:x", ["a"]]`, `%{"a" => 1}`, `nil`.
 */
export function inspectValue(value: unknown): string {
  if (value === null || value === undefined) return 'nil';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : formatFloat(value);
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(inspectValue).join(', ')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    return `%{${entries.map(([k, v]) => `${JSON.stringify(k)} => ${inspectValue(v)}`).join(', ')}}`;
  }
  return String(value);
}

function formatFloat(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const text = String(value);
  return text.includes('.') || text.includes('e') ? text : `${text}.0`;
}
