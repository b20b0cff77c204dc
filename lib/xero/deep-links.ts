/**
 * "Open in Xero" links that open the right organisation even when the user belongs to several
 * (developer.xero.com "Deep link into Xero"): the organisation's short code picks it.
 */
const GO = 'https://go.xero.com';

const viaLogin = (shortCode: string, redirect: string) =>
  `${GO}/organisationlogin/default.aspx?shortcode=${encodeURIComponent(shortCode)}&redirecturl=${encodeURIComponent(redirect)}`;

export type DeepLinkKind = 'invoice' | 'creditNote' | 'contact' | 'payment';

export function xeroDeepLink(kind: DeepLinkKind, xeroId: string, shortCode: string | null): string {
  const id = encodeURIComponent(xeroId);
  if (!shortCode) {
    // Without a short code Xero opens whichever organisation the user had open last.
    const paths: Record<DeepLinkKind, string> = {
      invoice: `/AccountsReceivable/View.aspx?InvoiceID=${id}`,
      creditNote: `/AccountsReceivable/ViewCreditNote.aspx?creditNoteID=${id}`,
      contact: `/Contacts/View/${id}`,
      payment: `/Bank/ViewTransaction.aspx?bankTransactionID=${id}`,
    };
    return `${GO}${paths[kind]}`;
  }
  switch (kind) {
    case 'invoice':
      return `${GO}/app/${encodeURIComponent(shortCode)}/invoicing/view/${id}`;
    case 'contact':
      return `${GO}/app/${encodeURIComponent(shortCode)}/contacts/contact/${id}`;
    case 'creditNote':
      // Xero documents only the bills' credit-note page; the sales one mirrors it.
      return viaLogin(shortCode, `/AccountsReceivable/ViewCreditNote.aspx?creditNoteID=${id}`);
    case 'payment':
      return viaLogin(shortCode, `/Bank/ViewTransaction.aspx?bankTransactionID=${id}`);
  }
}
