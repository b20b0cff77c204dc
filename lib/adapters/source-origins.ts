import type { Source } from '../records/schema';

/**
 * Which PMS instance a page belongs to, from its origin alone. The background accepts records
 * from a content script only for the source its tab's origin is registered for, so a script on
 * one practice's pages can never push (or void) another practice's documents.
 *
 * Cliniko: `https://{account}.{shard}.cliniko.com`, and older au1 accounts at
 * `https://{account}.cliniko.com` (cliniko-api reference §1.1). A user-defined site registers its
 * own origin and system id (the overlay's site definitions).
 */
const CLINIKO = /^https:\/\/([a-z0-9][a-z0-9-]{0,62})\.(?:([a-z]{2}\d{1,2})\.)?cliniko\.com$/;

/** Cliniko's own hosts that are not practice accounts. */
const CLINIKO_NOT_ACCOUNTS = new Set(['api', 'www', 'help', 'docs', 'community', 'status', 'app']);

export interface SiteOrigin {
  origin: string;
  source: Source;
}

export function sourceForOrigin(origin: string, sites: readonly SiteOrigin[] = []): Source | null {
  const cliniko = CLINIKO.exec(origin.toLowerCase());
  if (cliniko && !CLINIKO_NOT_ACCOUNTS.has(cliniko[1]!)) return { system: 'cliniko', account: cliniko[1]! };
  return sites.find((site) => site.origin === origin)?.source ?? null;
}

/** The origin of a sender's URL, or null for anything that is not a web page. */
export function originOf(url: string | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.origin : null;
  } catch {
    return null;
  }
}
