// Tailwind for this remote, with its utilities scoped to the shell's slot wrapper.
//
// Why: the remote's stylesheet loads after the shell's. Without a scope, its `.bg-slate-100`
// (say) comes later in the same `utilities` layer and beats the shell's own
// `dark:bg-slate-800/70` on shell elements. Prefixing every utility with the wrapper the shell
// puts around each plugin component (`<div data-qusto-plugin="goals">`) keeps the remote's rules
// off the shell's elements and lets them win inside the plugin's own subtree.
import tailwindcss from '@tailwindcss/postcss';

const SCOPE = '[data-qusto-plugin="goals"]';

/** @returns {import('postcss').Plugin} */
function scopeUtilities(scope) {
  return {
    postcssPlugin: 'qusto-scope-utilities',
    OnceExit(root) {
      root.walkAtRules('layer', (layer) => {
        if (layer.params.trim() !== 'utilities') return;
        layer.walkRules((rule) => {
          // Only top-level rules: nested ones (`&:hover`) are relative to an already-scoped parent;
          // keyframe steps are not selectors.
          for (let p = rule.parent; p && p !== layer; p = p.parent) {
            if (p.type === 'rule' || (p.type === 'atrule' && /keyframes$/i.test(p.name))) return;
          }
          rule.selectors = rule.selectors.map((selector) => `${scope} ${selector}`);
        });
      });
    },
  };
}
scopeUtilities.postcss = true;

export default {
  plugins: [tailwindcss(), scopeUtilities(SCOPE)],
};
