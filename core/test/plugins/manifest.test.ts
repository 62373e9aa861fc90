import { definePlugin, SDK_VERSION } from '@qusto/sdk';
import { describe, expect, it } from 'vitest';
import { validatePluginManifest } from '../../src/plugins/manifest.ts';

const base = { name: 'acme', version: '1.0.0', register() {} };

describe('validatePluginManifest', () => {
  it('accepts a plugin made with definePlugin and fills the sdk range', () => {
    const plugin = validatePluginManifest(definePlugin(base));
    expect(plugin.sdk).toBe(`^${SDK_VERSION}`);
  });

  it.each([
    [{}, 'not a plugin made with definePlugin()'],
    [{ ...base }, 'not a plugin made with definePlugin()'],
    [definePlugin({ ...base, name: 'Acme' }), 'invalid manifest: name must match pattern'],
    [definePlugin({ ...base, version: 'one' }), 'version "one" is not semver'],
    [definePlugin({ ...base, sdk: '^42.0.0' }), `needs @qusto/sdk ^42.0.0, but this Qusto provides ${SDK_VERSION}`],
    [definePlugin({ ...base, ui: { remote: 'my-remote', slots: {} } }), 'invalid manifest: ui.remote must match pattern'],
    [definePlugin({ ...base, ui: { remote: 'acme', slots: { 'footer.left': './X' } as never } }), 'invalid manifest: ui.slots'],
    [definePlugin({ ...base, ui: { remote: 'acme', slots: { 'dashboard.panel': 'Panel' } } }), 'invalid manifest: ui.slots.dashboard.panel must match pattern'],
    [definePlugin({ ...base, start: 'soon' as never }), 'start must be a function'],
  ])('rejects %#', (candidate, message) => {
    expect(() => validatePluginManifest(candidate)).toThrow(message);
  });
});
