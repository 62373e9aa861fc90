/**
 * The Locations panel's map: visitors by country as an SVG choropleth on the indigo scale.
 * Loaded lazily as its own chunk (the 110m world atlas, topojson-client, d3-geo's projection).
 * Hover or focus shows a country's name and visitors; click or Enter filters by it, as clicking
 * a row of the Countries tab does.
 */
import { useMemo, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import type { StatsResult } from '@qusto/sdk';
import { geoEqualEarth, geoPath } from 'd3-geo';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import type { Feature, Geometry } from 'geojson';
import atlas from 'world-atlas/countries-110m.json' with { type: 'json' };
import isoCodes from 'i18n-iso-countries/codes.json' with { type: 'json' };
import { navigate } from '../../router.tsx';
import { useRequest } from '../api/use-request.ts';
import { ErrorNotice, focusRing } from '../components/ui.tsx';
import { MapSkeleton } from './MapSkeleton.tsx';
import { useDashboard } from '../context.tsx';
import { countryName } from '../dimensions.ts';
import { formatFullNumber, formatMetric } from '../format.ts';
import { breakdownQuery } from '../queries.ts';
import { report } from '../reports.ts';
import { withFilter } from '../state.ts';

const WIDTH = 960;
const HEIGHT = 470;
/** Every country fits in one answer (about 250 exist). */
const COUNTRY_LIMIT = 300;
const ANTARCTICA = '010';

/** ISO numeric ("276") -> alpha-2 ("DE"), from the ISO table only (no names, no locales). */
const ALPHA2_BY_NUMERIC = new Map((isoCodes as string[][]).map((row) => [row[2]!, row[0]!]));

interface Shape {
  code: string;
  name: string;
  d: string;
  centroid: [number, number];
}

let shapes: Shape[] | null = null;

/** The countries projected once per page: the atlas does not change. */
function countryShapes(): Shape[] {
  if (shapes) return shapes;
  const topology = atlas as unknown as Topology<{ countries: GeometryCollection<{ name: string }> }>;
  const collection = feature(topology, topology.objects.countries);
  const features = collection.features.filter((f) => String(f.id) !== ANTARCTICA) as Array<Feature<Geometry, { name: string }>>;
  const projection = geoEqualEarth().fitExtent(
    [
      [4, 4],
      [WIDTH - 4, HEIGHT - 4],
    ],
    { type: 'FeatureCollection', features },
  );
  const path = geoPath(projection);
  shapes = features.flatMap((f) => {
    const code = ALPHA2_BY_NUMERIC.get(String(f.id).padStart(3, '0'));
    const d = path(f);
    if (!code || !d) return [];
    const [x, y] = path.centroid(f);
    return [{ code, name: countryName(code) === code ? f.properties.name : countryName(code), d, centroid: [x, y] as [number, number] }];
  });
  return shapes;
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
  const countries = report('countries', state);
  const result = useRequest<StatsResult>({
    kind: 'query',
    body: breakdownQuery(site.domain, state, { dimensions: countries.dimensions, metrics: ['visitors'], extraFilters: countries.extraFilters, limit: COUNTRY_LIMIT }, now),
  });
  const all = useMemo(countryShapes, []);
  const visitorsByCode = useMemo(() => {
    const map = new Map<string, number>();
    for (const row of result.data?.results ?? []) map.set(String(row.dimensions[0]), Number(row.metrics[0] ?? 0));
    return map;
  }, [result.data]);
  const max = Math.max(0, ...visitorsByCode.values());
  const [active, setActive] = useState<{ code: string; x: number; y: number } | null>(null);
  const frame = useRef<HTMLDivElement>(null);

  if (result.status === 'error' && !result.data) return <ErrorNotice error={result.error} onRetry={result.retry} what="The map" compact />;
  if (!result.data) return <MapSkeleton />;

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
