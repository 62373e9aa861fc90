import type { FilterLeaf, FilterOperator, FilterTree } from '@qusto/sdk';

/** Helpers over Plausible filter trees: `[op, dimension, clauses, modifiers?]`, and/or/not, has_done. */

export const LEAF_OPERATORS: readonly FilterOperator[] = ['is', 'is_not', 'contains', 'contains_not', 'matches', 'matches_not'];
export const PATTERN_OPERATORS: readonly FilterOperator[] = ['matches', 'matches_not'];
export type BehavioralOperator = 'has_done' | 'has_not_done';

export function isLeaf(tree: FilterTree): tree is FilterLeaf {
  return (LEAF_OPERATORS as readonly string[]).includes(tree[0]);
}

export function leafDimension(leaf: FilterLeaf): string {
  return leaf[1];
}

export function caseSensitive(leaf: FilterLeaf): boolean {
  return leaf[3]?.case_sensitive !== false;
}

/** Children of a composite node (none for a leaf). */
export function children(tree: FilterTree): FilterTree[] {
  if (isLeaf(tree)) return [];
  if (tree[0] === 'and' || tree[0] === 'or') return tree[1] as FilterTree[];
  return [tree[1] as FilterTree];
}

export interface LeafVisit {
  leaf: FilterLeaf;
  /** 0 for a top-level leaf, +1 for each enclosing and/or/not/has_done. */
  depth: number;
  /** How many has_done/has_not_done enclose the leaf. */
  behavioralDepth: number;
}

/** Every leaf with its depth, in order. */
export function visitLeaves(filters: readonly FilterTree[]): LeafVisit[] {
  const out: LeafVisit[] = [];
  const walk = (tree: FilterTree, depth: number, behavioralDepth: number) => {
    if (isLeaf(tree)) {
      out.push({ leaf: tree, depth, behavioralDepth });
      return;
    }
    const behavioral = tree[0] === 'has_done' || tree[0] === 'has_not_done';
    for (const child of children(tree)) walk(child, depth + 1, behavioralDepth + (behavioral ? 1 : 0));
  };
  for (const tree of filters) walk(tree, 0, 0);
  return out;
}

export interface DimensionsUsedOptions {
  /** Only leaves at this depth or deeper. */
  minDepth?: number;
  /** Leave out leaves inside has_done/has_not_done. */
  ignoreBehavioral?: boolean;
}

export function dimensionsUsed(filters: readonly FilterTree[], options: DimensionsUsedOptions = {}): string[] {
  const dims = new Set<string>();
  for (const { leaf, depth, behavioralDepth } of visitLeaves(filters)) {
    if (depth < (options.minDepth ?? 0)) continue;
    if (options.ignoreBehavioral && behavioralDepth > 0) continue;
    dims.add(leaf[1]);
  }
  return [...dims];
}

/** Top-level leaves on a dimension (filters directly in the list, not nested). */
export function topLevelLeaves(filters: readonly FilterTree[], dimension: string): FilterLeaf[] {
  return filters.filter((f): f is FilterLeaf => isLeaf(f) && f[1] === dimension);
}

/** Whether any filter (outside behavioral filters) uses the dimension. */
export function filtersOn(filters: readonly FilterTree[], dimension: string): boolean {
  return dimensionsUsed(filters, { ignoreBehavioral: true }).includes(dimension);
}

/** Renames dimensions throughout the trees. */
export function renameDimensions(filters: readonly FilterTree[], renames: Readonly<Record<string, string>>): FilterTree[] {
  const rename = (tree: FilterTree): FilterTree => {
    if (isLeaf(tree)) {
      const target = renames[tree[1]];
      if (!target) return tree;
      const copy = [...tree] as FilterLeaf;
      copy[1] = target;
      return copy;
    }
    if (tree[0] === 'and' || tree[0] === 'or') return [tree[0], (tree[1] as FilterTree[]).map(rename)];
    return [tree[0], rename(tree[1] as FilterTree)] as FilterTree;
  };
  return filters.map(rename);
}

/** Drops top-level leaves matching the predicate. */
export function removeTopLevel(filters: readonly FilterTree[], drop: (dimension: string) => boolean): FilterTree[] {
  return filters.filter((f) => !(isLeaf(f) && drop(f[1])));
}

/** Whether the tree contains a has_done/has_not_done node. */
export function isBehavioral(tree: FilterTree): boolean {
  if (isLeaf(tree)) return false;
  if (tree[0] === 'has_done' || tree[0] === 'has_not_done') return true;
  return children(tree).some(isBehavioral);
}
