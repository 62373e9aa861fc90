import { describe, expect, it } from 'vitest';
import { projectWorld, worldShapesAsset } from '../../../build/world-shapes.ts';
import { MAP_HEIGHT, MAP_WIDTH } from './world-shapes.ts';

describe('the world map’s shapes, projected at build time', () => {
  it('has the countries by ISO code, as SVG paths inside the map’s frame', () => {
    const world = projectWorld();
    expect(world).toMatchObject({ width: MAP_WIDTH, height: MAP_HEIGHT });
    expect(world.countries.length).toBeGreaterThan(150);
    const codes = world.countries.map(([code]) => code);
    for (const code of ['US', 'DE', 'BR', 'IN', 'AU', 'EE']) expect(codes).toContain(code);
    // Antarctica is left out: it would take a fifth of the map.
    expect(codes).not.toContain('AQ');
    for (const [code, name, d, x, y] of world.countries) {
      expect(code).toMatch(/^[A-Z]{2}$/);
      expect(name.length).toBeGreaterThan(0);
      expect(d).toMatch(/^M[\d.]/);
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThanOrEqual(MAP_WIDTH);
      expect(y).toBeGreaterThanOrEqual(0);
      expect(y).toBeLessThanOrEqual(MAP_HEIGHT);
    }
    const germany = world.countries.find(([code]) => code === 'DE')!;
    const usa = world.countries.find(([code]) => code === 'US')!;
    // Europe right of the Americas, and north of the equator (the frame's middle).
    expect(germany[3]).toBeGreaterThan(usa[3]);
    expect(germany[4]).toBeLessThan(MAP_HEIGHT / 2);
  });

  it('is a content-hashed JSON file', () => {
    const asset = worldShapesAsset();
    expect(asset.file).toMatch(/^world-shapes\.[0-9a-f]{8}\.json$/);
    expect(JSON.parse(asset.source)).toEqual(projectWorld());
    expect(worldShapesAsset().file).toBe(asset.file);
  });
});
