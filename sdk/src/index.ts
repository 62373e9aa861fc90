export * from './plugin.ts';
export * from './hooks.ts';
export * from './stores.ts';
export * from './events.ts';
export * from './stats.ts';
export * from './stats-registry.ts';
export * from './client.ts';
export { SDK_VERSION } from './version.ts';
// Plugins register services with the same awilix the core uses, through the sdk.
export { asClass, asFunction, asValue, Lifetime } from 'awilix';
