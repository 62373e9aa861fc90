/**
 * The Locations panel's map: visitors by country as an SVG choropleth on the indigo scale.
 * Loaded lazily as its own chunk; the countries come projected by the build (world-shapes.ts),
 * so the browser fetches a JSON file of SVG paths instead of an atlas and projection code.
 * Hover or focus shows a country's name and visitors; click or Enter filters by it, as clicking
 * a row of the Countries tab does.
 */
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import type { StatsResult } from '@qusto/sdk';
import { navigate } from '../../router.tsx';
import { useRequest } from '../api/use-request.ts';
import { ErrorNotice, focusRing } from '../components/ui.tsx';
import { MapSkeleton } from './MapSkeleton.tsx';
import { useDashboard } from '../context.tsx';
import { countryName } from '../dimensions.ts';
import { formatFullNumber, formatMetric } from '../format.ts';
import { mapRequest } from '../requests.ts';
import { withFilter } from '../state.ts';
import { MAP_HEIGHT as HEIGHT, MAP_WIDTH as WIDTH, WORLD_SHAPES_URL, type WorldShapesFile } from './world-shapes.ts';

interface Shape {
  code: string;
  name: string;
  d: string;
  centroid: [number, number];
}

let shapes: Shape[] | null = null;
let loading: Promise<Shape[]> | null = null;

/** The countries, fetched once per page (preload.ts may have started the download already). */
function loadShapes(): Promise<Shape[]> {
  loading ??= (async () => {
    if (!WORLD_SHAPES_URL) throw new Error('The map’s shapes were not built (npm run build)');
    const response = await fetch(WORLD_SHAPES_URL);
    if (!response.ok) throw new Error(`${WORLD_SHAPES_URL} answered HTTP ${response.status}`);
    const file = (await response.json()) as WorldShapesFile;
    shapes = file.countries.map(([code, atlasName, d, x, y]) => {
      const name = countryName(code);
      return { code, name: name === code ? atlasName : name, d, centroid: [x, y] };
    });
    return shapes;
  })();
  // After a failure, Retry fetches again.
  loading.catch(() => (loading = null));
  return loading;
}

function useShapes(): { shapes: Shape[] | null; error: unknown; retry: () => void } {
  const [state, setState] = useState<{ shapes: Shape[] | null; error: unknown }>(() => ({ shapes, error: null }));
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (state.shapes) return;
    let current = true;
    loadShapes().then(
      (loaded) => current && setState({ shapes: loaded, error: null }),
      (error: unknown) => current && setState({ shapes: null, error }),
    );
    return () => {
      current = false;
    };
  }, [state.shapes, attempt]);
  const retry = useCallback(() => {
    setState({ shapes: null, error: null });
    setAttempt((n) => n + 1);
  }, []);
  return { ...state, retry };
}

/** Five steps of indigo, light to dark (dark mode: dark to light, so more still stands out). */
const SCALE = [
  'fill-indigo-100 dark:fill-indigo-950',
  'fill-indigo-200 dark:fill-indigo-800',
  'fill-indigo-300 dark:fill-indigo-600',
  'fill-indigo-500 dark:fill-indigo-400',
  'fill-indigo-700 dark:fill-indigo-300',
];
const NO_DATA = 'fill-slate-200 dark:fill-slate-700/70';

/** Square-root steps: a few big countries do not wash every other one out. */
export function colourStep(visitors: number, max: number): number {
  if (visitors <= 0 || max <= 0) return -1;
  return Math.min(SCALE.length - 1, Math.floor(Math.sqrt(visitors / max) * SCALE.length));
}

export default function WorldMap() {
  const { site, state, href, now, openDetails } = useDashboard();
  const result = useRequest<StatsResult>(mapRequest(site.domain, state, now));
  const { shapes: loaded, error: shapesError, retry: retryShapes } = useShapes();
  const all = loaded ?? [];
  const visitorsByCode = useMemo(() => {
    const map = new Map<string, number>();
    for (const row of result.data?.results ?? []) map.set(String(row.dimensions[0]), Number(row.metrics[0] ?? 0));
    return map;
  }, [result.data]);
  const max = Math.max(0, ...visitorsByCode.values());
  const [active, setActive] = useState<{ code: string; x: number; y: number } | null>(null);
  const frame = useRef<HTMLDivElement>(null);

  if (result.status === 'error' && !result.data) return <ErrorNotice error={result.error} onRetry={result.retry} what="The map" compact />;
  if (shapesError) return <ErrorNotice error={shapesError} onRetry={retryShapes} what="The map" compact />;
  if (!result.data || !loaded) return <MapSkeleton />;

  const filterHref = (code: string) => href({ ...state, filters: withFilter(state.filters, { op: 'is', dimension: 'visit:country', values: [code] }) });
  const pick = (code: string) => navigate(filterHref(code), { keepScroll: true });

  /** The tooltip's place, in % of the frame (the SVG scales with the panel). */
  const place = (shape: Shape, event?: MouseEvent) => {
    const box = frame.current?.getBoundingClientRect();
    if (event && box && box.width > 0) return { x: ((event.clientX - box.left) / box.width) * 100, y: ((event.clientY - box.top) / box.height) * 100 };
    return { x: (shape.centroid[0] / WIDTH) * 100, y: (shape.centroid[1] / HEIGHT) * 100 };
  };
  const activeShape = active ? all.find((s) => s.code === active.code) : undefined;
  const activeVisitors = active ? (visitorsByCode.get(active.code) ?? 0) : 0;
  const total = [...visitorsByCode.values()].reduce((sum, n) => sum + n, 0);

  return (
    <div className="flex min-h-[12rem] flex-col lg:min-h-[22rem]" data-testid="world-map">
      {/* Centred in the panel's height, which the neighbouring panel's list sets. */}
      <div className="flex flex-1 items-center">
        <div ref={frame} className={`relative w-full transition-opacity ${result.stale ? 'opacity-50' : ''}`} onMouseLeave={() => setActive(null)}>
          <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} className="h-auto w-full" role="group" aria-label={`World map of visitors by country: ${visitorsByCode.size} countries`}>
            {all.map((shape) => {
              const visitors = visitorsByCode.get(shape.code) ?? 0;
              const step = colourStep(visitors, max);
              const interactive = visitors > 0;
              const label = `${shape.name}: ${formatFullNumber(visitors)} visitor${visitors === 1 ? '' : 's'}`;
              return (
                <path
                  key={`${shape.code}-${shape.d.length}`}
                  d={shape.d}
                  data-country={shape.code}
                  data-visitors={visitors}
                  className={`${step < 0 ? NO_DATA : SCALE[step]} stroke-white stroke-[0.6] transition-[fill] dark:stroke-slate-900 ${
                    interactive ? `cursor-pointer outline-none hover:stroke-slate-900 hover:stroke-[1.2] focus-visible:stroke-indigo-600 focus-visible:stroke-2 dark:hover:stroke-white dark:focus-visible:stroke-indigo-300 ${focusRing}` : ''
                  } ${active?.code === shape.code ? 'stroke-slate-900 stroke-[1.2] dark:stroke-white' : ''}`}
                  {...(interactive
                    ? {
                        role: 'link',
                        tabIndex: 0,
                        'aria-label': `${label}, filter by this country`,
                        onClick: () => pick(shape.code),
                        onKeyDown: (event: KeyboardEvent<SVGPathElement>) => {
                          if (event.key === 'Enter' || event.key === ' ') {
                            event.preventDefault();
                            pick(shape.code);
                          }
                        },
                        onFocus: () => setActive({ code: shape.code, ...place(shape) }),
                        onBlur: () => setActive(null),
                      }
                    : { 'aria-hidden': true })}
                  onMouseMove={(event: MouseEvent<SVGPathElement>) => setActive({ code: shape.code, ...place(shape, event) })}
                />
              );
            })}
          </svg>
          {active && activeShape && (
            <div
              role="tooltip"
              data-testid="map-tooltip"
              className="pointer-events-none absolute z-10 -translate-x-1/2 -translate-y-[calc(100%+10px)] rounded-lg border border-slate-200 bg-white px-3 py-2 text-xs whitespace-nowrap shadow-lg dark:border-slate-700 dark:bg-slate-800"
              style={{ left: `${Math.min(88, Math.max(12, active.x))}%`, top: `${Math.max(18, active.y)}%` }}
            >
              <p className="font-semibold text-slate-900 dark:text-white">{activeShape.name}</p>
              <p className="mt-0.5 text-slate-600 tabular-nums dark:text-slate-300">
                <span className="font-medium text-slate-900 dark:text-white">{formatFullNumber(activeVisitors)}</span> visitor{activeVisitors === 1 ? '' : 's'}
                {total > 0 && activeVisitors > 0 && <span className="text-slate-500 dark:text-slate-400"> · {formatMetric('percentage', Math.round((activeVisitors / total) * 1000) / 10)}</span>}
              </p>
            </div>
          )}
        </div>
      </div>
      <div className="mt-3 flex flex-wrap items-center justify-between gap-3">
        <Legend max={max} />
        {visitorsByCode.size > 0 && (
          <button
            type="button"
            onClick={() => openDetails('countries')}
            className={`rounded-md px-2.5 py-1 text-xs font-semibold text-slate-600 hover:bg-slate-100 hover:text-slate-900 dark:text-slate-300 dark:hover:bg-slate-800 dark:hover:text-white ${focusRing}`}
          >
            Details
          </button>
        )}
      </div>
      {visitorsByCode.size === 0 && (
        <p className="mt-2 text-center text-sm text-slate-500 dark:text-slate-400">
          {state.filters.length > 0 ? 'No visitors match the current filters in this period.' : 'No visitor locations recorded in this period. Try a longer period.'}
        </p>
      )}
    </div>
  );
}

function Legend({ max }: { max: number }) {
  return (
    <div className="flex items-center gap-2 text-[11px] text-slate-500 tabular-nums dark:text-slate-400" aria-hidden="true">
      <span>0</span>
      <span className="flex overflow-hidden rounded-sm">
        {SCALE.map((fill) => (
          <svg key={fill} viewBox="0 0 10 10" className="h-2.5 w-5">
            <rect width="10" height="10" className={fill} />
          </svg>
        ))}
      </span>
      <span>{formatMetric('visitors', max)}</span>
    </div>
  );
}
