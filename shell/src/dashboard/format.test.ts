import { describe, expect, it } from 'vitest';
import { computeChange, describeChange, formatDuration, formatMetric, formatNumber, formatPercent } from './format.ts';

describe('formatting', () => {
  it('shortens numbers', () => {
    const cases: Array<[number, string]> = [
      [0, '0'],
      [7, '7'],
      [999, '999'],
      [1000, '1k'],
      [1049, '1k'],
      [1250, '1.2k'],
      [12_345, '12.3k'],
      [99_999, '99.9k'],
      [123_456, '123k'],
      [999_999, '999k'],
      [1_000_000, '1M'],
      [2_750_000, '2.7M'],
      [3_000_000_000, '3B'],
      [-1500, '-1.5k'],
      [1.72, '1.72'],
    ];
    for (const [value, text] of cases) expect(formatNumber(value), String(value)).toBe(text);
    expect(formatNumber(null)).toBe('—');
    expect(formatNumber(Number.NaN)).toBe('—');
  });

  it('formats durations', () => {
    expect([0, 1, 59, 60, 65, 108, 3599, 3600, 3725, 86_400 + 7200].map(formatDuration)).toEqual(['0s', '1s', '59s', '1m 0s', '1m 5s', '1m 48s', '59m 59s', '1h 0m', '1h 2m', '1d 2h']);
    expect(formatDuration(12.6)).toBe('13s');
    expect(formatDuration(null)).toBe('—');
  });

  it('formats percentages and metrics by kind', () => {
    expect([51, 9.1, 0.25, 100].map(formatPercent)).toEqual(['51%', '9.1%', '0.3%', '100%']);
    expect(formatMetric('bounce_rate', 51)).toBe('51%');
    expect(formatMetric('visit_duration', 108)).toBe('1m 48s');
    expect(formatMetric('views_per_visit', 1.7234)).toBe('1.72');
    expect(formatMetric('visitors', 12_345)).toBe('12.3k');
    expect(formatMetric('visitors', 12_345, { full: true })).toBe('12,345');
    expect(formatMetric('time_on_page', null)).toBe('—');
  });

  it('computes changes like the Stats API: percent, or percentage points for rates', () => {
    expect(computeChange('visitors', 100, 150)).toBe(50);
    expect(computeChange('visitors', 150, 100)).toBe(-33);
    expect(computeChange('visitors', 0, 10)).toBe(100);
    expect(computeChange('visitors', 0, 0)).toBe(0);
    expect(computeChange('visitors', null, 10)).toBeNull();
    expect(computeChange('bounce_rate', 40, 52)).toBe(12);
    expect(computeChange('bounce_rate', 52.5, 40)).toBe(-12.5);
  });

  it('describes changes with direction and whether they are good', () => {
    expect(describeChange('visitors', 12)).toEqual({ text: '12%', direction: 'up', good: true, spoken: 'up 12%' });
    expect(describeChange('visitors', -3)).toMatchObject({ text: '3%', direction: 'down', good: false });
    // Bounce rate: lower is better, and the change is in points.
    expect(describeChange('bounce_rate', -4)).toEqual({ text: '4 pp', direction: 'down', good: true, spoken: 'down 4 percentage points' });
    expect(describeChange('bounce_rate', 2.5)).toMatchObject({ text: '2.5 pp', good: false });
    expect(describeChange('visitors', 0)).toMatchObject({ direction: 'flat', good: null });
    expect(describeChange('visitors', null)).toBeNull();
    expect(describeChange('visitors', 12_500)?.text).toBe('12.5k%');
  });
});
