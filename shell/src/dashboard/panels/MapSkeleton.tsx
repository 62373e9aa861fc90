import { SkeletonBlock } from '../components/ui.tsx';

/** The map's place while its chunk or its data loads (same size, so nothing jumps). */
export function MapSkeleton() {
  return (
    <div role="status" aria-label="Loading the map" className="flex min-h-[12rem] flex-col lg:min-h-[22rem]">
      <SkeletonBlock className="aspect-[960/470] w-full rounded-lg" />
      <SkeletonBlock className="mt-3 h-3 w-36" />
    </div>
  );
}
