/** Side-effect CSS imports (bundled by rspack, ignored by vitest). */
declare module '*.css';
