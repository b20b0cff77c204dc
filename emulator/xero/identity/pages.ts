/** The HTML of the emulator's login/consent screens. Plain markup: it must work in any browser. */

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const layout = (title: string, body: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
 body{font-family:system-ui,sans-serif;background:#f4f6f8;margin:0;display:flex;justify-content:center}
 main{background:#fff;margin:48px 16px;padding:32px;border-radius:8px;max-width:440px;box-shadow:0 1px 4px #0002}
 h1{font-size:20px;margin-top:0} .muted{color:#555;font-size:14px} label{display:block;margin:8px 0}
 fieldset{border:1px solid #ddd;border-radius:6px} ul{padding-left:20px}
 button{font-size:15px;padding:8px 16px;border-radius:4px;border:1px solid #13b5ea;margin-right:8px;cursor:pointer}
 .primary{background:#13b5ea;color:#fff} .error{color:#b00020}
</style></head><body><main>${body}</main></body></html>`;

export interface ConsentPageModel {
  appName: string;
  userEmail: string;
  scopes: string[];
  organisations: { tenantId: string; name: string }[];
  /** Carries the original authorize request through the form post. */
  hiddenFields: Record<string, string>;
  error?: string;
}

export function consentPage(model: ConsentPageModel): string {
  const hidden = Object.entries(model.hiddenFields)
    .map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v)}">`)
    .join('');
  const orgs = model.organisations
    .map(
      (o, i) =>
        `<label><input type="checkbox" name="tenantId" value="${escapeHtml(o.tenantId)}"${i === 0 ? ' checked' : ''}> ${escapeHtml(o.name)}</label>`,
    )
    .join('');
  const scopes = model.scopes.map((s) => `<li>${escapeHtml(s)}</li>`).join('');
  return layout(
    'Xero | Authorise app',
    `<h1>${escapeHtml(model.appName)} wants to access your Xero data</h1>
<p class="muted">Signed in as ${escapeHtml(model.userEmail)} (Xero emulator)</p>
${model.error ? `<p class="error" role="alert">${escapeHtml(model.error)}</p>` : ''}
<form method="post" action="/identity/connect/authorize/consent">
${hidden}
<fieldset><legend>Organisations to connect</legend>${orgs}</fieldset>
<p class="muted">It will be able to:</p><ul>${scopes}</ul>
<button class="primary" type="submit" name="decision" value="allow">Allow access</button>
<button type="submit" name="decision" value="deny">Cancel</button>
</form>`,
  );
}

/** Xero shows an error page, and does not redirect, when the authorize request itself is wrong. */
export function authorizeErrorPage(error: string): string {
  return layout(
    'Xero | Error',
    `<h1>Sorry, something went wrong</h1><p class="error" role="alert">${escapeHtml(error)}</p>`,
  );
}
