import { useEffect, useState } from 'react';

/** The options page's pages, addressed by the URL's hash so the popup can link to one (`options.html#log`). */
export const OPTIONS_PAGES = [
  { id: 'setup', label: 'Setup' },
  { id: 'log', label: 'Sync log' },
  { id: 'xero-app', label: 'Xero app' },
] as const;

export type OptionsPageId = (typeof OPTIONS_PAGES)[number]['id'];

function pageFromHash(hash: string): OptionsPageId {
  // A page may carry its own state after a "?" (the log's filters: `#log?status=failed`).
  const id = hash.replace(/^#/, '').split('?')[0];
  return OPTIONS_PAGES.find((page) => page.id === id)?.id ?? 'setup';
}

export function useHashPage(): OptionsPageId {
  const [page, setPage] = useState(() => pageFromHash(window.location.hash));
  useEffect(() => {
    const onHash = () => setPage(pageFromHash(window.location.hash));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  return page;
}
