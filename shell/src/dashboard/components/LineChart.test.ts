import { describe, expect, it } from 'vitest';
import { linePath, niceScale } from './LineChart.tsx';

describe('chart helpers', () => {
  it('picks round scales', () => {
    expect(niceScale(0)).toEqual({ max: 4, ticks: [0, 1, 2, 3, 4] });
    expect(niceScale(23)).toEqual({ max: 40, ticks: [0, 10, 20, 30, 40] });
    expect(niceScale(9)).toEqual({ max: 10, ticks: [0, 2.5, 5, 7.5, 10] });
    expect(niceScale(9, 4, true)).toEqual({ max: 12, ticks: [0, 3, 6, 9, 12] });
    expect(niceScale(2, 4, true)).toEqual({ max: 4, ticks: [0, 1, 2, 3, 4] });
    expect(niceScale(1234)).toEqual({ max: 2000, ticks: [0, 500, 1000, 1500, 2000] });
    expect(niceScale(0.7)).toEqual({ max: 0.8, ticks: [0, 0.2, 0.4, 0.6, 0.8] });
  });

  it('breaks the line at missing values', () => {
    expect(linePath([1, 2, null, 4], (i) => i * 10, (v) => 100 - v)).toBe('M0.0,99.0L10.0,98.0M30.0,96.0');
    expect(linePath([null, null], (i) => i, (v) => v)).toBe('');
  });
});
