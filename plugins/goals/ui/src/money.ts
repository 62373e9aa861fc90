/** A revenue metric as the Stats API sends it (`total_revenue`, `average_revenue`). */
export interface Money {
  short: string;
  long: string;
  value: number;
  currency: string;
}

/** The revenue value of a result row, or null (no revenue goal, no single currency). */
export function toMoney(value: unknown): Money | null {
  if (!value || typeof value !== 'object') return null;
  const { short, long, value: amount, currency } = value as Partial<Money>;
  if (typeof long !== 'string' || typeof currency !== 'string' || typeof amount !== 'number') return null;
  return { short: typeof short === 'string' ? short : long, long, value: amount, currency };
}
