/** Side-effect CSS imports (bundled by rspack, ignored by vitest). */
declare module '*.css';

/** Replaced at build time by rspack's DefinePlugin with the shell's package version. */
declare const __QUSTO_SHELL_VERSION__: string | undefined;

/** Replaced at build time: the URL of the world map's projected shapes (see dashboard/panels/world-shapes.ts). */
declare const __QUSTO_WORLD_SHAPES_URL__: string | undefined;
