// The product's name, defined once for main, the page and the scripts. package.json's
// productName (Electron names the data folder after it), electron-builder.yml's
// productName and renderer/index.html's <title> cannot import it: a test keeps them equal.
export const PRODUCT_NAME = 'ConsCent Console';

/**
 * The OS keychain service the API keys and secrets are stored under. Its own literal, not
 * PRODUCT_NAME: existing installs' entries live under exactly this name, so renaming the
 * product must not move them out of reach.
 */
export const KEYCHAIN_SERVICE = 'ConsCent Console';
