/**
 * Modules the shell provides to every plugin UI as Module Federation singletons. The host
 * bundles them eagerly; remotes declare them `import: false`, so a page has exactly one React
 * and one `QustoUiContext`.
 */
export const SHARED_MODULES = {
  react: '^19.0.0',
  'react/jsx-runtime': '^19.0.0',
  'react-dom': '^19.0.0',
  '@qusto/sdk/ui': '^0.1.0',
} as const;
