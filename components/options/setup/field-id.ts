/**
 * The element id of a setting's field, derived from its dotted path in the document (the path
 * zod reports and `settingPath` builds): `defaults.revenueAccounts.Services` →
 * `field-defaults__revenueAccounts__Services`. Letters and digits stay, a dot becomes `__`, any
 * other character `_` + its 4-digit hex code (space → `_0020`), so every path has its own id
 * and the id is a valid CSS selector. "Check setup" links to fields through it.
 */
export function fieldId(path: string): string {
  let id = 'field-';
  for (const char of path) {
    if (/[A-Za-z0-9]/.test(char)) id += char;
    else if (char === '.') id += '__';
    else {
      for (let i = 0; i < char.length; i++) id += `_${char.charCodeAt(i).toString(16).padStart(4, '0')}`;
    }
  }
  return id;
}

/** The full document path of a setting reported for a clinic (or the defaults) by "Check setup". */
export function documentPath(clinicId: string | null, path: string): string {
  return clinicId ? `clinics.${clinicId}.${path}` : `defaults.${path}`;
}

/**
 * Focuses the field of a setting: the clinic's own field when its override is on the page, else
 * the defaults' field it inherits, else the nearest enclosing setting (a map, a section).
 * Returns whether something was focused.
 */
export function focusSetting(clinicId: string | null, path: string, root: Document = document): boolean {
  const candidates = clinicId
    ? [documentPath(clinicId, path), documentPath(null, path)]
    : [documentPath(null, path)];
  for (const full of candidates) {
    const parts = full.split('.');
    const minimum = clinicId && full.startsWith('clinics.') ? 3 : 2;
    for (let n = parts.length; n >= minimum; n--) {
      const element = root.getElementById(fieldId(parts.slice(0, n).join('.')));
      if (element instanceof HTMLElement) {
        element.scrollIntoView?.({ block: 'center' });
        element.focus();
        return true;
      }
    }
  }
  return false;
}
