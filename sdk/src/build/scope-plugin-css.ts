/**
 * A PostCSS plugin that prefixes every rule of a plugin UI's `utilities` layer with the wrapper
 * the shell puts around each plugin component (`<div data-qusto-plugin="<name>">`).
 *
 * Why: a remote's stylesheet loads after the shell's. Unscoped, its `.bg-slate-100` would come
 * later in the same layer than the shell's `dark:bg-slate-800/70` and win on shell elements.
 * Scoped, the remote's rules stay inside its own subtree, where they still win.
 */
export function scopePluginCss(pluginName: string) {
  const scope = `[data-qusto-plugin="${pluginName}"]`;
  return {
    postcssPlugin: 'qusto-scope-plugin-css',
    OnceExit(root: PostcssNode) {
      root.walkAtRules?.('layer', (layer) => {
        if (layer.params?.trim() !== 'utilities') return;
        layer.walkRules?.((rule) => {
          // Only top-level rules: nested ones (`&:hover`) are relative to a scoped parent, and
          // keyframe steps are not selectors.
          for (let p = rule.parent; p && p !== layer; p = p.parent) {
            if (p.type === 'rule' || (p.type === 'atrule' && /keyframes$/i.test(p.name ?? ''))) return;
          }
          rule.selectors = (rule.selectors ?? []).map((selector) => `${scope} ${selector}`);
        });
      });
    },
  };
}
scopePluginCss.postcss = true as const;

/** The few PostCSS node members used here (the sdk does not depend on postcss). */
interface PostcssNode {
  type?: string;
  name?: string;
  params?: string;
  selectors?: string[];
  parent?: PostcssNode;
  walkAtRules?(name: string, callback: (node: PostcssNode) => void): void;
  walkRules?(callback: (node: PostcssNode) => void): void;
}
