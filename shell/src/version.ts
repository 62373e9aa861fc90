/** The shell's version, injected at build time; "dev" in tests. */
export const SHELL_VERSION: string =
  typeof __QUSTO_SHELL_VERSION__ === 'string' ? __QUSTO_SHELL_VERSION__ : 'dev';
