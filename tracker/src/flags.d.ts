// Build-time feature flags, replaced by rspack's DefinePlugin (see rspack.config.ts).
// Each script variant compiles with its own set; the npm build sets QUSTO_NPM (and every
// feature flag) so that features are switched at run time by init() options instead.
declare const QUSTO_NPM: boolean;
declare const QUSTO_HASH: boolean;
declare const QUSTO_OUTBOUND: boolean;
declare const QUSTO_DOWNLOADS: boolean;
declare const QUSTO_TAGGED: boolean;
declare const QUSTO_REVENUE: boolean;
declare const QUSTO_PROPS: boolean;
declare const QUSTO_MANUAL: boolean;
declare const QUSTO_LOCAL: boolean;
declare const QUSTO_404: boolean;
declare const QUSTO_FORMS: boolean;
