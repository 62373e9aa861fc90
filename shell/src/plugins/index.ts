/** The shell's plugin loader: what hosts `<Slot>`s and where the plugins come from. */
export { PluginHost, usePluginHost, slotEntries, type PluginHostValue, type PluginListState } from './PluginHost.tsx';
export { Slot, type SlotComponentProps } from './Slot.tsx';
export { SlotErrorCard, SlotSkeleton } from './SlotCards.tsx';
export { createFederationSource, parseListing, type FederationSourceOptions } from './federation.ts';
export type { LoadModuleOptions, PluginListing, PluginSource, PluginUiListing, SlotEntry } from './types.ts';
