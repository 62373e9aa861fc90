import type { MetadataDb } from '@qusto/sdk';
import { GoalValidationError } from './goal-input.ts';

export interface CurrencyRate {
  currency: string;
  /** Units of `currency` per 1 EUR. */
  per_eur: number;
  updated_at: string;
}

const CURRENCY = /^[A-Z]{3}$/;
const KNOWN_CURRENCIES = new Set(Intl.supportedValuesOf('currency'));
/** Decimal(18, 3) columns: amounts beyond this cannot be stored. */
const MAX_AMOUNT = 1e15;

/**
 * The exchange rates revenue is converted with (`goals_currency_rates`), kept in memory because
 * every ingested revenue event needs them. Reloaded after an update through this instance and
 * every `refreshMs` for updates made by another instance.
 */
export class CurrencyRates {
  private perEur = new Map<string, number>();
  private timer: NodeJS.Timeout | null = null;
  private readonly metadataDb: MetadataDb;

  constructor(deps: { metadataDb: MetadataDb }) {
    this.metadataDb = deps.metadataDb;
  }

  async list(): Promise<CurrencyRate[]> {
    const rows = await this.metadataDb.query<{ currency: string; per_eur: string; updated_at: Date | string }>(
      'SELECT currency, per_eur::text AS per_eur, updated_at FROM goals_currency_rates ORDER BY currency',
    );
    return rows.map((row) => ({
      currency: row.currency,
      per_eur: Number(row.per_eur),
      updated_at: new Date(row.updated_at).toISOString(),
    }));
  }

  async refresh(): Promise<void> {
    const rates = await this.list();
    this.perEur = new Map(rates.map((rate) => [rate.currency, rate.per_eur]));
  }

  async start(refreshMs = 60_000): Promise<void> {
    await this.refresh();
    this.timer = setInterval(() => void this.refresh().catch(() => {}), refreshMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /**
   * Sets (adds or replaces) rates given as `{ USD: 1.1554, ... }` units per EUR, in one
   * transaction; EUR is always 1. Throws GoalValidationError naming the bad entry.
   */
  async update(input: unknown): Promise<CurrencyRate[]> {
    if (!input || typeof input !== 'object' || Array.isArray(input)) {
      throw new GoalValidationError('rates', 'must be an object of currency codes to units per EUR, like {"USD": 1.16}');
    }
    const entries = Object.entries(input as Record<string, unknown>);
    if (entries.length === 0) throw new GoalValidationError('rates', 'give at least one rate');
    if (entries.length > 300) throw new GoalValidationError('rates', 'at most 300 currencies at once');
    for (const [currency, value] of entries) {
      if (!CURRENCY.test(currency) || !KNOWN_CURRENCIES.has(currency)) {
        throw new GoalValidationError(`rates.${currency}`, 'is not an ISO 4217 currency code (3 capital letters)');
      }
      if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || value >= 1e12) {
        throw new GoalValidationError(`rates.${currency}`, 'must be a positive number of units per EUR');
      }
      if (currency === 'EUR' && value !== 1) throw new GoalValidationError('rates.EUR', 'is always 1 (rates are per EUR)');
    }
    await this.metadataDb.transaction(async (tx) => {
      for (const [currency, value] of entries) {
        await tx.query(
          `INSERT INTO goals_currency_rates (currency, per_eur, updated_at) VALUES ($1, $2, now())
           ON CONFLICT (currency) DO UPDATE SET per_eur = EXCLUDED.per_eur, updated_at = EXCLUDED.updated_at`,
          [currency, value],
        );
      }
    });
    await this.refresh();
    return this.list();
  }

  /**
   * `amount` (a decimal string) in `from`, in `to`, rounded to 3 decimals as the event store
   * keeps it; null when a rate is missing or the result does not fit.
   */
  convert(amount: string, from: string, to: string): string | null {
    const value = Number(amount);
    if (!Number.isFinite(value)) return null;
    let converted: number;
    if (from === to) converted = value;
    else {
      const fromRate = this.perEur.get(from);
      const toRate = this.perEur.get(to);
      if (!fromRate || !toRate) return null;
      converted = (value / fromRate) * toRate;
    }
    if (Math.abs(converted) >= MAX_AMOUNT) return null;
    return converted.toFixed(3);
  }
}
