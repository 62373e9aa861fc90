// Tailwind CSS 4 for every package that rspack builds (shell and plugin UIs). postcss-loader
// finds this file by walking up from each CSS file. Each CSS entry names its own sources with
// `source(...)`, so Tailwind scans only that package, not the whole repository.
export default {
  plugins: {
    '@tailwindcss/postcss': {},
  },
};
