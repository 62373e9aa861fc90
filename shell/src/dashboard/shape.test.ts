import type { StatsResult } from '@qusto/sdk';
import { describe, expect, it } from 'vitest';
import { axisLabel, bucketTitle, csvCell, seriesToCsv, shapeBreakdown, shapeTimeseries, shapeTopStats, shapeV1Timeseries, withShareOf, withShareOfView } from './shape.ts';

const result = (results: StatsResult['results'], meta: Record<string, unknown> = {}): StatsResult => ({ results, meta, query: {} });

describe('shaping answers', () => {
  it('timeseries: every label, empty buckets 0, future buckets null', () => {
    const answer = result([{ dimensions: ['2026-01-02'], metrics: [5] }], { time_labels: ['2026-01-01', '2026-01-02', '2026-01-03'] });
    expect(shapeTimeseries(answer, { futureAfter: '2026-01-02' })).toEqual([
      { label: '2026-01-01', value: 0, comparisonLabel: null, comparisonValue: null },
      { label: '2026-01-02', value: 5, comparisonLabel: null, comparisonValue: null },
      { label: '2026-01-03', value: null, comparisonLabel: null, comparisonValue: null },
    ]);
  });

  it('timeseries with the comparison period per bucket', () => {
    const answer = result(
      [
        { dimensions: ['2026-01-08'], metrics: [10], comparison: { dimensions: ['2026-01-01'], metrics: [8], change: [25] } },
        { dimensions: ['2026-01-09'], metrics: [0], comparison: { dimensions: ['2026-01-02'], metrics: [4], change: [-100] } },
      ],
      { time_labels: ['2026-01-08', '2026-01-09'] },
    );
    expect(shapeTimeseries(answer).map((p) => [p.label, p.value, p.comparisonLabel, p.comparisonValue])).toEqual([
      ['2026-01-08', 10, '2026-01-01', 8],
      ['2026-01-09', 0, '2026-01-02', 4],
    ]);
  });

  it('v1 timeseries', () => {
    expect(shapeV1Timeseries({ results: [{ date: '2026-01-01 10:00:00', visitors: 3 }, { date: '2026-01-01 10:01:00', visitors: 0 }] }, 'visitors', '2026-01-01 10:00:00')).toEqual([
      { label: '2026-01-01 10:00:00', value: 3, comparisonLabel: null, comparisonValue: null },
      { label: '2026-01-01 10:01:00', value: null, comparisonLabel: null, comparisonValue: null },
    ]);
    expect(shapeV1Timeseries('nonsense', 'visitors')).toEqual([]);
  });

  it('top stats with the API change, or computed when the API gives none', () => {
    const metrics = ['visitors', 'bounce_rate'];
    expect(shapeTopStats(result([{ dimensions: [], metrics: [150, 40], comparison: { dimensions: [], metrics: [100, 50], change: [50, -10] } }]), metrics)).toEqual([
      { metric: 'visitors', value: 150, comparisonValue: 100, change: 50 },
      { metric: 'bounce_rate', value: 40, comparisonValue: 50, change: -10 },
    ]);
    expect(shapeTopStats(result([{ dimensions: [], metrics: [150, 40], comparison: { dimensions: [], metrics: [100, 50], change: [] } }]), metrics).map((s) => s.change)).toEqual([50, -10]);
    expect(shapeTopStats(result([{ dimensions: [], metrics: [3, null] }]), metrics)).toEqual([
      { metric: 'visitors', value: 3, comparisonValue: null, change: null },
      { metric: 'bounce_rate', value: null, comparisonValue: null, change: null },
    ]);
    expect(shapeTopStats(result([]), metrics).map((s) => s.value)).toEqual([null, null]);
  });

  it('breakdown rows keyed by metric, with total rows', () => {
    const shaped = shapeBreakdown(
      result([{ dimensions: ['Google'], metrics: [10, 50.5], comparison: { dimensions: ['Google'], metrics: [5, 40], change: [100, null] } }], { total_rows: 42 }),
      ['visitors', 'percentage'],
    );
    expect(shaped).toEqual({
      totalRows: 42,
      rows: [{ dimensions: ['Google'], metrics: { visitors: 10, percentage: 50.5 }, comparison: { metrics: { visitors: 5, percentage: 40 }, change: { visitors: 100, percentage: null } } }],
    });
  });

  it('% of visitors is against the whole view', () => {
    const rows = [
      { dimensions: ['/blog/a'], metrics: { visitors: 87, percentage: 64 }, comparison: null },
      { dimensions: ['/blog/b'], metrics: { visitors: 58, percentage: 43 }, comparison: null },
    ];
    expect(withShareOf(rows, 482).map((r) => r.metrics.percentage)).toEqual([18, 12]);
    expect(withShareOf(rows, null)).toBe(rows);
    expect(withShareOf([{ dimensions: ['x'], metrics: { visitors: 1 }, comparison: null }], 10)[0]!.metrics).toEqual({ visitors: 1 });
  });

  it('panels: the share of the view’s visitors, null until they are known', () => {
    const rows = [
      { dimensions: ['Google'], metrics: { visitors: 87 }, comparison: null },
      { dimensions: ['Bing'], metrics: { visitors: null }, comparison: null },
    ];
    expect(withShareOfView(rows, 482).map((r) => r.metrics)).toEqual([
      { visitors: 87, percentage: 18 },
      { visitors: null, percentage: null },
    ]);
    expect(withShareOfView(rows, null).map((r) => r.metrics.percentage)).toEqual([null, null]);
    expect(withShareOfView(rows, 0).map((r) => r.metrics.percentage)).toEqual([null, null]);
  });

  it('CSV: quoting and no spreadsheet formulas from tracked strings', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell(null)).toBe('');
    const points = [
      { label: '2026-01-08', value: 10, comparisonLabel: '2026-01-01', comparisonValue: 8 },
      { label: '2026-01-09', value: null, comparisonLabel: '2026-01-02', comparisonValue: 4 },
    ];
    expect(seriesToCsv(points, 'visitors')).toBe('date,visitors,comparison_date,comparison_visitors\r\n2026-01-08,10,2026-01-01,8\r\n2026-01-09,,2026-01-02,4\r\n');
    expect(seriesToCsv([{ label: '2026-01-08', value: 1, comparisonLabel: null, comparisonValue: null }], 'pageviews')).toBe('date,pageviews\r\n2026-01-08,1\r\n');
  });

  it('labels buckets', () => {
    expect(axisLabel('2026-01-08 14:00:00', 'hour')).toBe('14:00');
    expect(axisLabel('2026-01-08', 'day')).toBe('8 Jan');
    expect(axisLabel('2026-01-01', 'month')).toBe('Jan 2026');
    expect(bucketTitle('2026-01-08 14:00:00', 'hour')).toBe('Thu, 8 Jan 14:00');
    expect(bucketTitle('2026-01-05', 'week')).toBe('Week of 5 Jan 2026');
    expect(bucketTitle('2026-01-08', 'day')).toBe('Thu, 8 Jan 2026');
  });
});
