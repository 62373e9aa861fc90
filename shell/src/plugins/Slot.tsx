import { Component, Suspense, lazy, useMemo, useState, type ComponentType, type ErrorInfo, type ReactNode } from 'react';
import type { SlotName, SlotProps } from '@qusto/sdk/ui';
import { slotEntries, toError, usePluginHost } from './PluginHost.tsx';
import { SlotErrorCard, SlotSkeleton } from './SlotCards.tsx';
import type { SlotEntry } from './types.ts';

export interface SlotComponentProps {
  name: SlotName;
  /** Passed to every plugin component rendered here. */
  props?: SlotProps;
  /** Rendered when no plugin contributes to this slot. */
  fallback?: ReactNode;
  /** Class of the element that wraps each plugin's component (e.g. a grid cell span). */
  itemClassName?: string;
  /** Render only this plugin's entry (e.g. one plugin's settings page); `fallback` if it has none. */
  plugin?: string;
  /**
   * Not yet: skeletons in the plugins' places, their code not loaded (the page has more urgent
   * work, such as the dashboard's own first figures).
   */
  defer?: boolean;
}

/**
 * Renders every plugin module exposed for `name`, in plugin-list order, each isolated in its
 * own error boundary and Suspense: a plugin that fails to load or throws shows an inline error
 * card with Retry; the other plugins and the page keep working.
 */
export function Slot({ name, props, fallback = null, itemClassName, plugin, defer = false }: SlotComponentProps) {
  const { state, reload } = usePluginHost();

  if (state.status === 'loading') {
    return (
      <div className={itemClassName} data-qusto-slot={name}>
        <SlotSkeleton label="plugins" />
      </div>
    );
  }
  if (state.status === 'error') {
    return (
      <div className={itemClassName} data-qusto-slot={name}>
        <SlotErrorCard title="Plugins could not be listed" reason={state.error.message} onRetry={reload} />
      </div>
    );
  }
  const entries = slotEntries(state.plugins, name).filter((entry) => plugin === undefined || entry.plugin === plugin);
  if (entries.length === 0) return <>{fallback}</>;
  return (
    <>
      {entries.map((entry) => (
        <div key={`${entry.plugin}:${entry.module}`} className={itemClassName} data-qusto-slot={name} data-qusto-slot-item={entry.plugin}>
          {defer ? <SlotSkeleton label={`the ${entry.plugin} plugin`} /> : <SlotItem entry={entry} props={props ?? {}} />}
        </div>
      ))}
    </>
  );
}

/** Failure while fetching the remote (manifest, script, module), as opposed to while rendering. */
class PluginLoadError extends Error {
  constructor(readonly entry: SlotEntry, cause: Error) {
    super(cause.message, { cause });
    this.name = 'PluginLoadError';
  }
}

function SlotItem({ entry, props }: { entry: SlotEntry; props: SlotProps }) {
  const { source } = usePluginHost();
  const [attempt, setAttempt] = useState(0);

  // A new lazy component per attempt: React caches a rejected lazy forever. This component sits
  // above the Suspense boundary, so the memo survives while the lazy one suspends.
  const Remote = useMemo(
    () =>
      lazy(async () => {
        let loaded: unknown;
        try {
          loaded = await source.loadModule(entry, { attempt });
        } catch (error) {
          throw new PluginLoadError(entry, toError(error));
        }
        return { default: pickComponent(loaded, entry) };
      }),
    // entry is identified by these; the object itself is rebuilt on every render of <Slot>.
    [source, entry.remote, entry.module, attempt],
  );

  return (
    <SlotErrorBoundary key={attempt} entry={entry} onRetry={() => setAttempt((n) => n + 1)}>
      <Suspense fallback={<SlotSkeleton label={`the ${entry.plugin} plugin`} />}>
        {/* Contract with remotes: their component renders inside [data-qusto-plugin="<name>"],
            and only it does (not the shell's skeleton or error card), so a remote can scope
            its CSS to that attribute. `contents`: the wrapper adds no box. */}
        <div data-qusto-plugin={entry.plugin} className="contents">
          <Remote {...props} />
        </div>
      </Suspense>
    </SlotErrorBoundary>
  );
}

function pickComponent(loaded: unknown, entry: SlotEntry): ComponentType<SlotProps> {
  const candidate = loaded && typeof loaded === 'object' && 'default' in loaded ? (loaded as { default: unknown }).default : loaded;
  const isComponent =
    typeof candidate === 'function' ||
    (typeof candidate === 'object' && candidate !== null && '$$typeof' in candidate); // memo / forwardRef
  if (!isComponent) {
    throw new PluginLoadError(
      entry,
      new Error(`${entry.remote}/${entry.module.replace(/^\.\//, '')} has no React component as its default export`),
    );
  }
  return candidate as ComponentType<SlotProps>;
}

interface BoundaryProps {
  entry: SlotEntry;
  onRetry: () => void;
  children: ReactNode;
}

class SlotErrorBoundary extends Component<BoundaryProps, { error: Error | null }> {
  override state: { error: Error | null } = { error: null };

  static getDerivedStateFromError(error: unknown) {
    return { error: toError(error) };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo) {
    const { entry } = this.props;
    console.error(`Qusto: plugin "${entry.plugin}" failed in ${entry.remote}/${entry.module}`, error, info.componentStack);
  }

  override render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    const { entry, onRetry } = this.props;
    const title =
      error instanceof PluginLoadError
        ? `The ${entry.plugin} plugin could not be loaded`
        : `The ${entry.plugin} plugin stopped working`;
    return <SlotErrorCard title={title} reason={error.message || error.name} onRetry={onRetry} />;
  }
}
