/**
 * The main graph: an SVG line + area chart of one metric over time, with an optional dashed
 * comparison line. Pointer or keyboard (←/→, Home/End) picks a bucket; the tooltip shows both
 * values. No charting library: a few paths and lines.
 */
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { formatMetric, metricMeta } from '../format.ts';
import { axisLabel, bucketTitle, type SeriesPoint } from '../shape.ts';
import type { Interval } from '../state.ts';

export interface LineChartProps {
  points: SeriesPoint[];
  metric: string;
  interval: Interval;
  /** Text for screen readers: "Unique visitors per day, last 28 days". */
  description: string;
  /** Label of the comparison series in the tooltip: "Previous period". */
  comparisonName?: string;
  dimmed?: boolean;
}

/** 0, a round maximum above `max` and the ticks between (4 steps of 1, 2, 2.5 or 5 × 10^n). */
export function niceScale(max: number, steps = 4, integer = false): { max: number; ticks: number[] } {
  if (!Number.isFinite(max) || max <= 0) return { max: steps, ticks: Array.from({ length: steps + 1 }, (_, i) => i) };
  const raw = max / steps;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  let step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? 10 * magnitude;
  // Counts have whole-number ticks (no "1.5 visitors").
  if (integer) step = step < 1 ? 1 : step === 2.5 ? 3 : Math.ceil(step);
  const top = step * steps;
  return { max: top, ticks: Array.from({ length: steps + 1 }, (_, i) => Math.round(i * step * 1000) / 1000) };
}

/** An SVG path through the points, broken where a value is null. */
export function linePath(values: Array<number | null>, x: (i: number) => number, y: (v: number) => number): string {
  let d = '';
  let drawing = false;
  values.forEach((value, i) => {
    if (value === null) {
      drawing = false;
      return;
    }
    d += `${drawing ? 'L' : 'M'}${x(i).toFixed(1)},${y(value).toFixed(1)}`;
    drawing = true;
  });
  return d;
}

const MARGIN = { top: 12, right: 12, bottom: 28, left: 44 };

export function LineChart({ points, metric, interval, description, comparisonName = 'Comparison', dimmed = false }: LineChartProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(800);
  const [active, setActive] = useState<number | null>(null);
  const gradientId = useId();
  const descriptionId = useId();

  useEffect(() => {
    const element = containerRef.current;
    if (!element) return;
    const measure = () => setWidth(Math.max(240, Math.round(element.getBoundingClientRect().width)));
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const height = width < 640 ? 200 : 280;
  const innerWidth = width - MARGIN.left - MARGIN.right;
  const innerHeight = height - MARGIN.top - MARGIN.bottom;
  const n = points.length;
  const hasComparison = points.some((p) => p.comparisonLabel !== null);

  const { scale, x, y } = useMemo(() => {
    const values = points.flatMap((p) => [p.value, hasComparison ? p.comparisonValue : null]).filter((v): v is number => v !== null);
    const peak = values.length > 0 ? Math.max(...values) : 0;
    const kind = metricMeta(metric).kind;
    const scale = kind === 'percent' && peak > 50 ? { max: 100, ticks: [0, 25, 50, 75, 100] } : niceScale(peak, 4, kind === 'count');
    const x = (i: number) => MARGIN.left + (n <= 1 ? innerWidth / 2 : (i * innerWidth) / (n - 1));
    const y = (v: number) => MARGIN.top + innerHeight - (Math.min(v, scale.max) / scale.max) * innerHeight;
    return { scale, x, y };
  }, [points, metric, hasComparison, innerWidth, innerHeight, n]);

  const values = points.map((p) => p.value);
  const main = linePath(values, x, y);
  const comparison = hasComparison ? linePath(points.map((p) => p.comparisonValue), x, y) : '';
  // The area under each drawn run of the main line.
  const area = main
    .split('M')
    .filter(Boolean)
    .map((run) => {
      const coords = run.split('L');
      const first = coords[0]!.split(',')[0];
      const last = coords[coords.length - 1]!.split(',')[0];
      const base = (MARGIN.top + innerHeight).toFixed(1);
      return `M${first},${base}L${run}L${last},${base}Z`;
    })
    .join('');

  const labelEvery = Math.max(1, Math.ceil(n / Math.max(2, Math.floor(innerWidth / (interval === 'month' ? 80 : 64)))));
  const format = (v: number | null) => formatMetric(metric, v, { full: true });

  const pick = (event: PointerEvent<SVGSVGElement>) => {
    const rect = event.currentTarget.getBoundingClientRect();
    const scaleX = width / rect.width;
    const px = (event.clientX - rect.left) * scaleX - MARGIN.left;
    const index = n <= 1 ? 0 : Math.round((px / innerWidth) * (n - 1));
    setActive(Math.min(n - 1, Math.max(0, index)));
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (n === 0) return;
    const current = active ?? -1;
    let next: number | null = null;
    if (event.key === 'ArrowRight') next = Math.min(n - 1, current + 1);
    else if (event.key === 'ArrowLeft') next = current < 0 ? n - 1 : Math.max(0, current - 1);
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = n - 1;
    else if (event.key === 'Escape') {
      setActive(null);
      return;
    }
    if (next !== null) {
      event.preventDefault();
      setActive(next);
    }
  };

  const point = active !== null ? points[active] : undefined;
  const tooltipLeft = active !== null ? (x(active) / width) * 100 : 0;
  const spoken = point
    ? `${bucketTitle(point.label, interval)}: ${format(point.value)}${hasComparison && point.comparisonLabel ? `; ${comparisonName} ${bucketTitle(point.comparisonLabel, interval)}: ${format(point.comparisonValue)}` : ''}`
    : '';

  return (
    <div
      ref={containerRef}
      className={`relative rounded-lg outline-none focus-visible:ring-2 focus-visible:ring-indigo-500/60 ${dimmed ? 'opacity-60 transition-opacity' : ''}`}
      tabIndex={0}
      role="group"
      aria-roledescription="graph"
      aria-label={`${description}. Use the left and right arrow keys to read the values.`}
      aria-describedby={descriptionId}
      onKeyDown={onKeyDown}
      onBlur={() => setActive(null)}
      data-testid="main-graph"
    >
      <svg
        viewBox={`0 0 ${width} ${height}`}
        width="100%"
        height={height}
        aria-hidden="true"
        className="block touch-pan-y text-indigo-500 select-none dark:text-indigo-400"
        onPointerMove={pick}
        onPointerDown={pick}
        onPointerLeave={() => setActive(null)}
      >
        <defs>
          <linearGradient id={gradientId} x1="0" y1="0" x2="0" y2="1">
            <stop offset="0%" stopColor="currentColor" stopOpacity="0.22" />
            <stop offset="100%" stopColor="currentColor" stopOpacity="0" />
          </linearGradient>
        </defs>
        {scale.ticks.map((tick) => (
          <g key={tick}>
            <line x1={MARGIN.left} x2={width - MARGIN.right} y1={y(tick)} y2={y(tick)} className="stroke-slate-100 dark:stroke-slate-800" strokeWidth={1} />
            <text x={MARGIN.left - 8} y={y(tick)} dy="0.32em" textAnchor="end" className="fill-slate-400 text-[11px] tabular-nums dark:fill-slate-500">
              {formatMetric(metric, tick)}
            </text>
          </g>
        ))}
        {points.map((p, i) =>
          i % labelEvery === 0 ? (
            <text key={p.label} x={x(i)} y={height - 8} textAnchor={n > 1 && i === 0 ? 'start' : n > 1 && x(i) > width - MARGIN.right - 24 ? 'end' : 'middle'} className="fill-slate-400 text-[11px] dark:fill-slate-500">
              {axisLabel(p.label, interval)}
            </text>
          ) : null,
        )}
        {comparison && <path d={comparison} fill="none" strokeWidth={1.75} strokeDasharray="4 4" className="stroke-slate-300 dark:stroke-slate-600" />}
        <g>
          <path d={area} fill={`url(#${gradientId})`} />
          <path d={main} fill="none" stroke="currentColor" strokeWidth={2.25} strokeLinejoin="round" strokeLinecap="round" />
          {n === 1 && values[0] !== null && <circle cx={x(0)} cy={y(values[0]!)} r={4} fill="currentColor" />}
        </g>
        {point && active !== null && (
          <g>
            <line x1={x(active)} x2={x(active)} y1={MARGIN.top} y2={MARGIN.top + innerHeight} className="stroke-slate-300 dark:stroke-slate-600" strokeWidth={1} />
            {hasComparison && point.comparisonValue !== null && (
              <circle cx={x(active)} cy={y(point.comparisonValue)} r={4} className="fill-white stroke-slate-400 dark:fill-slate-900" strokeWidth={2} />
            )}
            {point.value !== null && <circle cx={x(active)} cy={y(point.value)} r={4.5} className="fill-white stroke-indigo-500 dark:fill-slate-900 dark:stroke-indigo-400" strokeWidth={2.5} />}
          </g>
        )}
      </svg>
      {point && (
        <div
          role="presentation"
          className="pointer-events-none absolute top-2 z-10 w-max max-w-[16rem] rounded-lg bg-slate-900 px-3 py-2 text-xs text-white shadow-lg ring-1 ring-white/10 dark:bg-slate-800"
          style={tooltipLeft > 60 ? { right: `${100 - tooltipLeft + 2}%` } : { left: `${tooltipLeft + 2}%` }}
        >
          <div className="font-semibold">{metricMeta(metric).label}</div>
          <div className="mt-1 flex items-center gap-2">
            <span className="size-2 rounded-full bg-indigo-400" aria-hidden="true" />
            <span className="text-slate-300">{bucketTitle(point.label, interval)}</span>
            <span className="ml-auto pl-3 font-semibold tabular-nums">{point.value === null ? '—' : format(point.value)}</span>
          </div>
          {hasComparison && point.comparisonLabel && (
            <div className="mt-1 flex items-center gap-2">
              <span className="size-2 rounded-full bg-slate-400" aria-hidden="true" />
              <span className="text-slate-300">{bucketTitle(point.comparisonLabel, interval)}</span>
              <span className="ml-auto pl-3 font-semibold tabular-nums">{format(point.comparisonValue)}</span>
            </div>
          )}
        </div>
      )}
      <p id={descriptionId} className="sr-only" aria-live="polite">
        {spoken}
      </p>
    </div>
  );
}
