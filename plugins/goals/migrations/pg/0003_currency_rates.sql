-- Exchange rates for revenue goals: units of `currency` per 1 EUR (the ECB's convention).
-- Revenue sent in one currency is reported in the goal's currency with these rates; nothing is
-- fetched over the network. The instance admin updates them with PUT /api/plugins/goals/currency-rates.
CREATE TABLE goals_currency_rates (
  currency char(3) PRIMARY KEY CHECK (currency ~ '^[A-Z]{3}$'),
  per_eur numeric(20, 6) NOT NULL CHECK (per_eur > 0),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Built-in starting set: ECB euro foreign exchange reference rates for the major currencies
-- (rounded; autumn 2025). Update them to the day's rates when revenue must be exact.
INSERT INTO goals_currency_rates (currency, per_eur, updated_at) VALUES
  ('EUR', 1, '2025-10-31T15:00:00Z'),
  ('USD', 1.1554, '2025-10-31T15:00:00Z'),
  ('JPY', 177.88, '2025-10-31T15:00:00Z'),
  ('GBP', 0.8784, '2025-10-31T15:00:00Z'),
  ('CHF', 0.9293, '2025-10-31T15:00:00Z'),
  ('CAD', 1.6185, '2025-10-31T15:00:00Z'),
  ('AUD', 1.7625, '2025-10-31T15:00:00Z'),
  ('NZD', 2.0156, '2025-10-31T15:00:00Z'),
  ('CNY', 8.2246, '2025-10-31T15:00:00Z'),
  ('HKD', 8.9790, '2025-10-31T15:00:00Z'),
  ('SGD', 1.5040, '2025-10-31T15:00:00Z'),
  ('KRW', 1651.27, '2025-10-31T15:00:00Z'),
  ('INR', 102.5, '2025-10-31T15:00:00Z'),
  ('IDR', 19237, '2025-10-31T15:00:00Z'),
  ('MYR', 4.8384, '2025-10-31T15:00:00Z'),
  ('PHP', 68.003, '2025-10-31T15:00:00Z'),
  ('THB', 37.456, '2025-10-31T15:00:00Z'),
  ('SEK', 10.9785, '2025-10-31T15:00:00Z'),
  ('NOK', 11.6905, '2025-10-31T15:00:00Z'),
  ('DKK', 7.4642, '2025-10-31T15:00:00Z'),
  ('PLN', 4.2495, '2025-10-31T15:00:00Z'),
  ('CZK', 24.323, '2025-10-31T15:00:00Z'),
  ('HUF', 388.4, '2025-10-31T15:00:00Z'),
  ('RON', 5.0845, '2025-10-31T15:00:00Z'),
  ('BGN', 1.9558, '2025-10-31T15:00:00Z'),
  ('ISK', 146.2, '2025-10-31T15:00:00Z'),
  ('TRY', 48.6, '2025-10-31T15:00:00Z'),
  ('ILS', 3.7710, '2025-10-31T15:00:00Z'),
  ('BRL', 6.2125, '2025-10-31T15:00:00Z'),
  ('MXN', 21.4340, '2025-10-31T15:00:00Z'),
  ('ZAR', 20.0700, '2025-10-31T15:00:00Z');
