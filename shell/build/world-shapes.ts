/**
 * Build time: the world map's countries projected once (Equal Earth, fitted to the map's frame,
 * Antarctica left out), as the JSON file the map fetches (src/dashboard/panels/world-shapes.ts).
 * One decimal is a tenth of a unit in a 960-unit frame, finer than any screen shows it.
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { geoEqualEarth, geoPath } from 'd3-geo';
import { feature } from 'topojson-client';
import type { Feature, Geometry } from 'geojson';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { MAP_HEIGHT, MAP_WIDTH, type WorldShapeRow, type WorldShapesFile } from '../src/dashboard/panels/world-shapes.ts';

const require = createRequire(import.meta.url);
const ANTARCTICA = '010';

export function projectWorld(): WorldShapesFile {
  const atlas = require('world-atlas/countries-110m.json') as Topology<{ countries: GeometryCollection<{ name: string }> }>;
  /** ISO numeric ("276") -> alpha-2 ("DE"), from the ISO table only (no names, no locales). */
  const isoCodes = require('i18n-iso-countries/codes.json') as string[][];
  const alpha2ByNumeric = new Map(isoCodes.map((row) => [row[2]!, row[0]!]));
  const collection = feature(atlas, atlas.objects.countries);
  const features = collection.features.filter((f) => String(f.id) !== ANTARCTICA) as Array<Feature<Geometry, { name: string }>>;
  const projection = geoEqualEarth().fitExtent(
    [
      [4, 4],
      [MAP_WIDTH - 4, MAP_HEIGHT - 4],
    ],
    { type: 'FeatureCollection', features },
  );
  const path = geoPath(projection).digits(1);
  const round = (n: number) => Math.round(n * 10) / 10;
  const countries = features.flatMap((f): WorldShapeRow[] => {
    const code = alpha2ByNumeric.get(String(f.id).padStart(3, '0'));
    const d = path(f);
    if (!code || !d) return [];
    const [x, y] = path.centroid(f);
    return [[code, f.properties.name, d, round(x), round(y)]];
  });
  return { width: MAP_WIDTH, height: MAP_HEIGHT, countries };
}

/** The file's name (content-hashed, so it is cached for good) and contents. */
export function worldShapesAsset(): { file: string; source: string } {
  const source = JSON.stringify(projectWorld());
  const hash = createHash('sha256').update(source).digest('hex').slice(0, 8);
  return { file: `world-shapes.${hash}.json`, source };
}
