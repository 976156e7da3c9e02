import { describe, expect, it } from 'vitest';
import { KEYCHAIN_SERVICE, PRODUCT_NAME } from '../../common/product';
import { repoText } from '../helpers/repo-files';

// The product's name is defined in common/product.ts; the files that cannot import it
// (package.json, electron-builder.yml, the page's first <title>) must say the same, or the
// data folder, the installer and the window would each name the product differently.

describe('the product name', () => {
  it("is package.json's productName (Electron names the app's data folder after it)", () => {
    expect((JSON.parse(repoText('package.json')) as { productName?: string }).productName).toBe(PRODUCT_NAME);
  });

  it("is electron-builder.yml's productName (the installers and the installed app)", () => {
    expect(repoText('electron-builder.yml').match(/^productName:\s*(.+?)\s*$/m)?.[1]).toBe(PRODUCT_NAME);
  });

  it("is renderer/index.html's <title> (the window's title before the page sets its own)", () => {
    expect(repoText('renderer/index.html').match(/<title>([^<]*)<\/title>/)?.[1]).toBe(PRODUCT_NAME);
  });

  it('keeps the keychain service existing installs stored their keys and secrets under', () => {
    expect(KEYCHAIN_SERVICE).toBe('ConsCent Console');
  });
});
