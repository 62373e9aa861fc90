/**
 * The world map's countries as the build projects them (shell/build/world-shapes.ts): SVG paths
 * in a fixed frame, written to a hashed JSON file next to the bundle, so the browser neither
 * downloads the atlas and the projection code nor spends CPU projecting ~180 countries.
 */

/** The SVG frame the paths are projected into. */
export const MAP_WIDTH = 960;
export const MAP_HEIGHT = 470;

/** One country: ISO 3166-1 alpha-2 code, the atlas's English name, SVG path, centroid. */
export type WorldShapeRow = [code: string, name: string, d: string, x: number, y: number];

/** The JSON file's contents. */
export interface WorldShapesFile {
  width: number;
  height: number;
  countries: WorldShapeRow[];
}

/** URL of the JSON file, defined at build time; null where no build ran (unit tests). */
export const WORLD_SHAPES_URL: string | null = typeof __QUSTO_WORLD_SHAPES_URL__ === 'string' ? __QUSTO_WORLD_SHAPES_URL__ : null;
