import { PLUGIN_BRAND, SDK_VERSION, SLOT_NAMES, type DefinedPlugin } from '@qusto/sdk';
import semver from 'semver';
import Type from 'typebox';
import Value from 'typebox/value';

const PluginManifestSchema = Type.Object({
  name: Type.String({ pattern: '^[a-z][a-z0-9-]{0,39}$' }),
  version: Type.String({ minLength: 1 }),
  sdk: Type.String({ minLength: 1 }),
  migrations: Type.Optional(
    Type.Object({ metadata: Type.Optional(Type.String({ minLength: 1 })), events: Type.Optional(Type.String({ minLength: 1 })) }),
  ),
  ui: Type.Optional(
    Type.Object({
      remote: Type.String({ pattern: '^[A-Za-z_][A-Za-z0-9_]*$' }),
      slots: Type.Object(
        Object.fromEntries(SLOT_NAMES.map((slot) => [slot, Type.Optional(Type.String({ pattern: '^\\./' }))])),
        { additionalProperties: false },
      ),
      dist: Type.Optional(Type.String({ minLength: 1 })),
    }),
  ),
});

export class ManifestError extends Error {}

/**
 * Checks a plugin module's default export: it must come from `definePlugin`, have a valid
 * name and version, need an sdk range this core satisfies, and declare known UI slots.
 */
export function validatePluginManifest(candidate: unknown): DefinedPlugin {
  if (!candidate || typeof candidate !== 'object' || !(PLUGIN_BRAND in candidate)) {
    throw new ManifestError('the default export is not a plugin made with definePlugin() from @qusto/sdk');
  }
  const firstError = Value.Errors(PluginManifestSchema, candidate)[0];
  if (firstError) {
    const where = firstError.instancePath ? firstError.instancePath.slice(1).replaceAll('/', '.') : 'manifest';
    throw new ManifestError(`invalid manifest: ${where} ${firstError.message}`);
  }
  const plugin = candidate as DefinedPlugin;
  if (!semver.valid(plugin.version)) throw new ManifestError(`invalid manifest: version "${plugin.version}" is not semver`);
  if (!semver.validRange(plugin.sdk)) throw new ManifestError(`invalid manifest: sdk range "${plugin.sdk}" is not a semver range`);
  if (!semver.satisfies(SDK_VERSION, plugin.sdk)) {
    throw new ManifestError(`needs @qusto/sdk ${plugin.sdk}, but this Qusto provides ${SDK_VERSION}`);
  }
  if (typeof plugin.register !== 'function') throw new ManifestError('invalid manifest: register must be a function');
  for (const step of ['start', 'stop'] as const) {
    if (plugin[step] !== undefined && typeof plugin[step] !== 'function') {
      throw new ManifestError(`invalid manifest: ${step} must be a function`);
    }
  }
  return plugin;
}
