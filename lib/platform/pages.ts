import { browser } from 'wxt/browser';

/**
 * Opens one of the options page's pages (`options.html#log`) in a tab. The popup closes when a
 * tab opens, so the hash must be in the URL itself rather than set afterwards.
 */
export async function openOptionsPageAt(hash: string): Promise<void> {
  await browser.tabs.create({ url: browser.runtime.getURL(`/options.html#${hash}`) });
}

/** The options page as Chrome opens it (focusing it when it is already open). */
export async function openOptionsPage(): Promise<void> {
  await browser.runtime.openOptionsPage();
}

/** The address of one of the options page's pages, for a link's href. */
export const optionsPageUrl = (hash: string) => browser.runtime.getURL(`/options.html#${hash}`);
