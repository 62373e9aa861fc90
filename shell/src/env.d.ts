/** Side-effect CSS imports (bundled by rspack, ignored by vitest). */
declare module '*.css';

/** Replaced at build time by rspack's DefinePlugin with the shell's package version. */
declare const __QUSTO_SHELL_VERSION__: string | undefined;
