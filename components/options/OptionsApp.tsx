import { SetupPage } from './SetupPage';
import { SyncLogPage } from './SyncLogPage';
import { OPTIONS_PAGES, useHashPage } from './use-hash-page';
import { XeroAppSection } from './XeroAppSection';

/** The options page: a bar of pages (Setup, Sync log, Xero app), each addressed by the URL's hash. */
export function OptionsApp() {
  const page = useHashPage();
  return (
    <div className="options">
      <header className="options-header">
        <h1>Practice Sync for Xero</h1>
        <nav aria-label="Settings pages" className="options-nav">
          {OPTIONS_PAGES.map(({ id, label }) => (
            <a key={id} href={`#${id}`} aria-current={page === id ? 'page' : undefined}>
              {label}
            </a>
          ))}
        </nav>
      </header>
      <main className="options-main">
        {page === 'setup' && <SetupPage />}
        {page === 'log' && <SyncLogPage />}
        {page === 'xero-app' && <XeroAppSection />}
      </main>
    </div>
  );
}
