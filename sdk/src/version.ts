/** The sdk's own version. Plugins declare the range they need (`sdk: '^0.1.0'`); core checks it. */
export const SDK_VERSION = '0.1.0';
