import { XeroAppSection } from './XeroAppSection';

export function OptionsApp() {
  return (
    <main style={{ maxWidth: 720, margin: '24px auto', padding: '0 16px' }}>
      <h1>Practice Sync for Xero: settings</h1>
      <XeroAppSection />
    </main>
  );
}
