import { dec } from '../money/decimal';
import { type ClinicSettings, type SyncSettings, settingsForClinic } from '../settings/sync-settings';
import type { OrganisationLists, PracticeDirectory, SetupProblem } from './lists';
import { accountProblem, percentText, taxRateProblem } from './offer';

/**
 * "Check setup": the engine's pre-flight over the settings, against the live organisations they
 * name and the practice directory (what the records have used). Lists what would fail (errors)
 * or what is worth knowing before it does (warnings), each at the setting to change. Pure.
 *
 * Scopes: the defaults, then every clinic (those with an override, and those the records named).
 * A clinic is checked for what is its own, and for what it inherits when it sends to another
 * organisation than the defaults (an account of one organisation is not in another); what it
 * inherits unchanged is the defaults' problem, reported once there.
 */

/** An organisation whose lists could not be read, and why (disconnected, not in the connection, …). */
export interface UnreadableOrganisation {
  tenantId: string;
  problem: string;
}

export type ListsByTenant = Record<string, OrganisationLists | UnreadableOrganisation>;

const isLists = (entry: OrganisationLists | UnreadableOrganisation | undefined): entry is OrganisationLists =>
  entry !== undefined && 'accounts' in entry;

interface Scope {
  clinicId: string | null;
  /** "the defaults" or the clinic's name. */
  label: string;
  settings: ClinicSettings;
  /** Whether a setting (or one entry of a map) is the clinic's own; always true for the defaults. */
  own: (key: keyof ClinicSettings, entry?: string) => boolean;
  /** A clinic that sends to the defaults' organisation: what it inherits was checked with the defaults. */
  sameOrganisation: boolean;
  /** Clinics whose tracking option is checked here. */
  trackedClinics: { id: string; name: string }[];
}

const quoted = (items: readonly string[]) => items.map((i) => `"${i}"`).join(', ');
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
function longDate(isoDate: string): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  return `${d} ${MONTHS[(m ?? 1) - 1]} ${y}`;
}

export function checkSetup(
  settings: SyncSettings,
  listsByTenant: ListsByTenant,
  directory: PracticeDirectory,
): SetupProblem[] {
  const directoryNames = new Map(directory.clinics.map((c) => [c.id, c.name]));
  const clinicIds = [...new Set([...Object.keys(settings.clinics), ...directory.clinics.map((c) => c.id)])];
  const labelOf = (id: string) => settings.clinics[id]?.name ?? directoryNames.get(id) ?? `Clinic ${id}`;
  const withoutOverride = directory.clinics.filter((c) => settings.clinics[c.id] === undefined);

  const problems: SetupProblem[] = [];
  problems.push(
    ...checkScope(
      {
        clinicId: null,
        label: 'the defaults',
        settings: settings.defaults,
        own: () => true,
        sameOrganisation: false,
        trackedClinics: withoutOverride,
      },
      settings,
      listsByTenant,
      directory,
      withoutOverride.map((c) => c.name),
    ),
  );
  for (const id of clinicIds.sort((a, b) => labelOf(a).localeCompare(labelOf(b)))) {
    const override = settings.clinics[id] ?? {};
    const effective = settingsForClinic(settings, id);
    problems.push(
      ...checkScope(
        {
          clinicId: id,
          label: labelOf(id),
          settings: effective,
          own: (key, entry) => {
            const value = override[key];
            if (value === undefined) return false;
            if (entry === undefined) return true;
            return (value as Record<string, unknown>)[entry] !== undefined;
          },
          sameOrganisation: effective.tenantId === settings.defaults.tenantId,
          trackedClinics: [{ id, name: directoryNames.get(id) ?? labelOf(id) }],
        },
        settings,
        listsByTenant,
        directory,
        [],
      ),
    );
  }
  return problems;
}

function checkScope(
  scope: Scope,
  settings: SyncSettings,
  listsByTenant: ListsByTenant,
  directory: PracticeDirectory,
  clinicsUsingDefaults: string[],
): SetupProblem[] {
  const problems: SetupProblem[] = [];
  const s = scope.settings;
  const isDefaults = scope.clinicId === null;
  const add = (path: string, severity: SetupProblem['severity'], message: string) =>
    problems.push({ clinicId: scope.clinicId, path, severity, message });
  /** Checked here: the defaults, a clinic's own value, or any value of a clinic that sends elsewhere. */
  const needs = (key: keyof ClinicSettings, entry?: string) =>
    isDefaults || scope.own(key, entry) || !scope.sameOrganisation;

  if (!s.enabled && scope.own('enabled')) {
    add(
      'enabled',
      'warning',
      isDefaults
        ? 'Synchronisation is switched off in the defaults: nothing is sent for the clinics that use them, not even by hand.'
        : `Synchronisation is switched off for ${scope.label}: nothing of its is sent, not even by hand.`,
    );
  }

  // The organisation.
  let lists: OrganisationLists | null = null;
  if (s.tenantId === null) {
    if (isDefaults) {
      const named = clinicsUsingDefaults.length > 0 ? ` (${quoted(clinicsUsingDefaults)})` : '';
      add(
        'tenantId',
        'warning',
        `No default Xero organisation is chosen: clinics without one of their own${named} send nothing to Xero. Choose one under Organisation.`,
      );
    } else {
      add(
        'tenantId',
        'warning',
        `${scope.label} has no Xero organisation: nothing of its is sent. Choose one under Organisation.`,
      );
    }
  } else {
    const entry = listsByTenant[s.tenantId];
    if (isLists(entry)) lists = entry;
    else if (needs('tenantId')) {
      add('tenantId', 'error', entry?.problem ?? `The Xero organisation ${s.tenantId} could not be read.`);
    }
    if (lists?.lockDate && needs('tenantId')) {
      add(
        'tenantId',
        'warning',
        `${lists.organisationName} is locked up to ${longDate(lists.lockDate)}: Xero refuses documents dated on or before then.`,
      );
    }
  }

  checkRevenue(scope, settings, directory, lists, add, needs);
  checkTaxNames(scope, settings, directory, lists, add);
  checkPayments(scope, directory, lists, add, needs);
  checkRounding(scope, lists, add, needs);
  if (lists) checkTracking(scope, directory, lists, add, needs);
  return problems;
}

type Add = (path: string, severity: SetupProblem['severity'], message: string) => void;
type Needs = (key: keyof ClinicSettings, entry?: string) => boolean;

type MapKey = 'revenueAccounts' | 'itemAccounts' | 'taxRates' | 'categoryTaxRates' | 'paymentAccounts';

/**
 * A mapping a clinic inherits into another organisation fails only if that clinic uses it (a UK
 * clinic never charges GST): a warning, saying where it comes from. Its own mappings are errors.
 */
function mappingProblem(scope: Scope, add: Add, key: MapKey, entry: string, message: string) {
  if (scope.clinicId !== null && !scope.own(key, entry)) {
    add(
      `${key}.${entry}`,
      'warning',
      `${message} (Inherited from the defaults: if this clinic uses it, give it its own in its override.)`,
    );
  } else add(`${key}.${entry}`, 'error', message);
}

function allCategories(settings: SyncSettings, directory: PracticeDirectory): string[] {
  return [...new Set([...settings.categories, ...directory.categories])];
}

function checkRevenue(
  scope: Scope,
  settings: SyncSettings,
  directory: PracticeDirectory,
  lists: OrganisationLists | null,
  add: Add,
  needs: Needs,
) {
  const s = scope.settings;
  // A missing mapping is inherited unchanged by every clinic: it is the defaults' to report.
  if (scope.clinicId === null) {
    for (const category of allCategories(settings, directory)) {
      if (s.revenueAccounts[category] !== undefined) continue;
      add(
        `revenueAccounts.${category}`,
        'error',
        settings.categories.includes(category)
          ? `The category "${category}" has no revenue account: invoices with a line in it cannot be sent. Choose one under Revenue.`
          : `The records use the category "${category}", which is not in your category list and has no revenue account: invoices with a line in it cannot be sent. Add it under Revenue and choose an account.`,
      );
    }
  }
  if (!lists) return;
  for (const [category, code] of Object.entries(s.revenueAccounts)) {
    if (!needs('revenueAccounts', category)) continue;
    const problem = accountProblem(lists, code, 'revenue');
    if (problem)
      mappingProblem(
        scope,
        add,
        'revenueAccounts',
        category,
        `Revenue account for "${category}": ${problem} Choose an active revenue account under Revenue.`,
      );
  }
  for (const [itemCode, code] of Object.entries(s.itemAccounts)) {
    if (!needs('itemAccounts', itemCode)) continue;
    const problem = accountProblem(lists, code, 'revenue');
    if (problem)
      mappingProblem(
        scope,
        add,
        'itemAccounts',
        itemCode,
        `Account for the item code "${itemCode}": ${problem} Choose an active revenue account under Revenue.`,
      );
  }
  for (const [category, taxType] of Object.entries(s.categoryTaxRates)) {
    if (!needs('categoryTaxRates', category)) continue;
    const problem = taxRateProblem(lists, taxType);
    if (problem)
      mappingProblem(
        scope,
        add,
        'categoryTaxRates',
        category,
        `Tax rate for the category "${category}": ${problem} Choose a tax rate for sales under Revenue.`,
      );
  }
  for (const [taxName, taxType] of Object.entries(s.taxRates)) {
    if (!needs('taxRates', taxName)) continue;
    // An inherited mapping of a tax this clinic's records never used cannot make them fail.
    const used = directory.taxNames.find((t) => t.name === taxName);
    if (
      scope.clinicId !== null &&
      !scope.own('taxRates', taxName) &&
      used &&
      !taxNameUsedIn(scope, settings, used)
    )
      continue;
    const problem = taxRateProblem(lists, taxType);
    if (problem) {
      mappingProblem(
        scope,
        add,
        'taxRates',
        taxName,
        `Xero tax rate for the PMS tax "${taxName}": ${problem} Choose a tax rate for sales under Revenue.`,
      );
      continue;
    }
    // The engine's tax guard: the Xero rate must be the rate the PMS charged.
    const seen = directory.taxNames.find((t) => t.name === taxName);
    const rate = lists.taxRates.find((r) => r.taxType === taxType)!;
    if (seen && !dec(seen.ratePercent).eq(dec(rate.rate))) {
      const pms = percentText(seen.ratePercent);
      mappingProblem(
        scope,
        add,
        'taxRates',
        taxName,
        `The PMS charges "${taxName}" at ${pms} %, but it is mapped to ${rate.name} (${taxType}), ${percentText(rate.rate)} % in ${lists.organisationName}: such lines are refused so Xero never records the wrong tax. Map "${taxName}" to a ${pms} % rate under Revenue.`,
      );
    }
  }
}

/**
 * Whether documents this scope sends used a PMS tax name: for a clinic, its own documents; for
 * the defaults, those of any clinic that takes that tax name's rate from the defaults in the
 * defaults' organisation. A directory that does not know who used it: anyone may have.
 */
function taxNameUsedIn(
  scope: Scope,
  settings: SyncSettings,
  entry: PracticeDirectory['taxNames'][number],
): boolean {
  if (!entry.clinicIds) return true;
  if (scope.clinicId !== null) return entry.clinicIds.includes(scope.clinicId);
  return entry.clinicIds.some((id) => {
    const override = settings.clinics[id];
    if (!override) return true;
    const organisation = override.tenantId === undefined ? settings.defaults.tenantId : override.tenantId;
    return organisation === settings.defaults.tenantId && override.taxRates?.[entry.name] === undefined;
  });
}

/** Every PMS tax name the records used needs a Xero tax rate: its own, or its line's category's (at the same rate). */
function checkTaxNames(
  scope: Scope,
  settings: SyncSettings,
  directory: PracticeDirectory,
  lists: OrganisationLists | null,
  add: Add,
) {
  // A clinic of the defaults' organisation resolves tax names as the defaults do, unless it has its own rates.
  if (
    scope.clinicId !== null &&
    scope.sameOrganisation &&
    !scope.own('taxRates') &&
    !scope.own('categoryTaxRates')
  )
    return;
  const s = scope.settings;
  const categories = allCategories(settings, directory);
  for (const entry of directory.taxNames) {
    const { name, ratePercent } = entry;
    if (s.taxRates[name] !== undefined || !taxNameUsedIn(scope, settings, entry)) continue;
    const covering = categories.filter((category) => {
      const taxType = s.categoryTaxRates[category];
      if (taxType === undefined) return false;
      if (!lists) return true;
      const rate = lists.taxRates.find((r) => r.taxType === taxType);
      return rate !== undefined && dec(rate.rate).eq(dec(ratePercent));
    });
    const uncovered = categories.filter((c) => !covering.includes(c));
    const pct = percentText(ratePercent);
    if (covering.length === 0) {
      add(
        `taxRates.${name}`,
        'error',
        `The PMS tax "${name}" (${pct} %) has no Xero tax rate, and no category's tax rate covers it: lines with it cannot be sent. Map it to a ${pct} % rate under Revenue.`,
      );
    } else if (uncovered.length > 0) {
      add(
        `taxRates.${name}`,
        'warning',
        `The PMS tax "${name}" (${pct} %) has no Xero tax rate of its own: lines in ${quoted(covering)} use their category's rate, but lines in ${quoted(uncovered)} cannot be sent. Map it under Revenue.`,
      );
    }
  }
}

function checkPayments(
  scope: Scope,
  directory: PracticeDirectory,
  lists: OrganisationLists | null,
  add: Add,
  needs: Needs,
) {
  const s = scope.settings;
  const reportsMissing = scope.clinicId === null || scope.own('defaultPaymentAccount');
  if (reportsMissing && s.defaultPaymentAccount === null) {
    const unmapped = directory.paymentMethods.filter((m) => s.paymentAccounts[m] === undefined);
    for (const method of unmapped) {
      add(
        `paymentAccounts.${method}`,
        'error',
        `The payment method "${method}" has no payment account, and there is no default: its payments cannot be sent. Choose one under Payments.`,
      );
    }
    if (directory.paymentMethods.length === 0) {
      add(
        'defaultPaymentAccount',
        'warning',
        'No default payment account: a payment whose method has no account of its own cannot be sent. Choose one under Payments.',
      );
    }
  }
  if (!lists) return;
  for (const [method, code] of Object.entries(s.paymentAccounts)) {
    if (!needs('paymentAccounts', method)) continue;
    const problem = accountProblem(lists, code, 'payment');
    if (problem)
      mappingProblem(
        scope,
        add,
        'paymentAccounts',
        method,
        `Payment account for "${method}": ${problem} Choose a bank account, or one with payments enabled, under Payments.`,
      );
  }
  if (s.defaultPaymentAccount !== null && needs('defaultPaymentAccount')) {
    const problem = accountProblem(lists, s.defaultPaymentAccount, 'payment');
    if (problem)
      add(
        'defaultPaymentAccount',
        'error',
        `Default payment account: ${problem} Choose a bank account, or one with payments enabled, under Payments.`,
      );
  }
}

function checkRounding(scope: Scope, lists: OrganisationLists | null, add: Add, needs: Needs) {
  const rounding = scope.settings.rounding;
  if (rounding === null) {
    if (scope.clinicId === null || scope.own('rounding'))
      add(
        'rounding',
        'warning',
        "No rounding account is set: an invoice whose PMS total differs from Xero's by up to 5 c (Xero rounds each line to the cent) will fail. Choose a rounding account with a 0 % tax rate under Rounding.",
      );
    return;
  }
  if (!lists || !needs('rounding')) return;
  const account = accountProblem(lists, rounding.accountCode, 'rounding');
  if (account)
    add('rounding.accountCode', 'error', `Rounding account: ${account} Choose another under Rounding.`);
  const tax = taxRateProblem(lists, rounding.taxType, { zeroOnly: true });
  if (tax) add('rounding.taxType', 'error', `Rounding tax rate: ${tax} Choose a 0 % rate under Rounding.`);
}

function checkTracking(
  scope: Scope,
  directory: PracticeDirectory,
  lists: OrganisationLists,
  add: Add,
  needs: Needs,
) {
  // A clinic that inherits the defaults' tracking in the defaults' organisation: the category was
  // checked with the defaults; what is left is the option its own name (or mapping) sends.
  const whole = needs('tracking');
  const org = lists.organisationName;
  const who = { clinic: scope.trackedClinics, practitioner: whole ? directory.practitioners : [] };
  for (const kind of ['clinic', 'practitioner'] as const) {
    const mapping = scope.settings.tracking[kind];
    if (!mapping) continue;
    const base = `tracking.${kind}`;
    const category = lists.trackingCategories.find((c) => c.name === mapping.category);
    if (category?.status !== 'ACTIVE') {
      if (!whole) continue;
      const spelled = lists.trackingCategories.find(
        (c) => c.name.toLowerCase() === mapping.category.toLowerCase(),
      );
      add(
        `${base}.category`,
        'error',
        category
          ? `The tracking category "${category.name}" is ${category.status.toLowerCase()} in ${org}: invoices that use it are refused. Choose an active one under Tracking.`
          : spelled
            ? `The tracking category "${mapping.category}" is spelled "${spelled.name}" in ${org}; Xero matches the name exactly. Choose it again under Tracking.`
            : `The tracking category "${mapping.category}" is not in ${org}: invoices that use it are refused. Choose one of its tracking categories under Tracking.`,
      );
      continue;
    }
    const optionProblem = (option: string) => {
      const found = category.options.find((o) => o.name === option);
      if (!found) return `which "${category.name}" does not have in ${org}`;
      if (found.status !== 'ACTIVE') return `which is ${found.status.toLowerCase()} in ${org}`;
      return null;
    };
    const people = new Map(who[kind].map((p) => [p.id, p.name]));
    const noun = kind === 'clinic' ? 'The clinic' : 'The practitioner';
    for (const [id, option] of Object.entries(mapping.options)) {
      if (!whole && !people.has(id)) continue;
      const problem = optionProblem(option);
      if (problem)
        add(
          `${base}.options.${id}`,
          'error',
          `${noun} ${people.get(id) ?? id} goes to the option "${option}", ${problem}: its invoices are refused. Choose its option under Tracking.`,
        );
    }
    for (const [id, name] of people) {
      if (mapping.options[id] !== undefined) continue;
      const problem = optionProblem(name);
      if (problem)
        add(
          `${base}.options.${id}`,
          'error',
          `${noun} ${name} has no option chosen, so its own name "${name}" is sent, ${problem}: its invoices are refused. Choose its option under Tracking.`,
        );
    }
  }
}
