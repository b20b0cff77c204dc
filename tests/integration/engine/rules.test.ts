import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { control as emulatorControl, api as xeroApi } from '../../../emulator/xero/test-support/harness';
import {
  AU,
  books,
  engineOn,
  invoice,
  patient,
  payment,
  records,
  SOURCE,
  startWorld,
  type World,
  worldSettings,
} from '../../support/engine-world';

let world: World;
beforeEach(async () => {
  world = await startWorld();
});
afterEach(async () => {
  await world.close();
});

const control = (path: string, body: unknown) => emulatorControl(world.xero, path, body);
const api = (method: string, path: string, body: unknown) =>
  xeroApi(world.xero, path, { token: world.token, tenantId: AU, method, body });

async function push(parts: Parameters<typeof records>[0], trigger: 'manual' | 'auto' = 'manual') {
  const summary = await world.engine.submit(records(parts), { trigger });
  const report = await world.engine.drain();
  return { summary, report };
}

const statusOf = async (kind: 'invoice' | 'payment', id: string) =>
  (await world.engine.status([{ source: SOURCE, kind, id }]))[0]!;

describe('contacts', () => {
  it('two patients of one name become two contacts, the second named with its patient id', async () => {
    await push({
      patients: [patient('1001', 'Jane', 'Citizen'), patient('1002', 'Jane', 'Citizen')],
      invoices: [invoice('5001', '1001'), invoice('5002', '1002')],
    });
    const names = books(world)
      .contacts.filter((c) => c.ContactNumber?.startsWith('cliniko:'))
      .map((c) => [c.ContactNumber, c.Name]);
    expect(names).toEqual([
      ['cliniko:harbourside:1001', 'Jane Citizen'],
      ['cliniko:harbourside:1002', 'Jane Citizen (1002)'],
    ]);
  });

  it("adopts the bookkeeper's own contact of the same name and e-mail, and names another patient apart", async () => {
    await api('PUT', 'Contacts', { Contacts: [{ Name: 'Sam Lee', EmailAddress: 'sam.lee.1@example.com' }] });
    await api('PUT', 'Contacts', {
      Contacts: [{ Name: 'Alex Wong', EmailAddress: 'someone.else@example.com' }],
    });
    await push({
      patients: [patient('1', 'Sam', 'Lee'), patient('2', 'Alex', 'Wong')],
      invoices: [invoice('5001', '1'), invoice('5002', '2')],
    });
    const contacts = books(world).contacts;
    expect(contacts.filter((c) => c.Name === 'Sam Lee')).toHaveLength(1);
    const sam = contacts.find((c) => c.Name === 'Sam Lee')!;
    expect(books(world).invoices.find((i) => i.InvoiceNumber === 'HS-5001')?.ContactID).toBe(sam.ContactID);
    expect(contacts.map((c) => c.Name)).toEqual(expect.arrayContaining(['Alex Wong', 'Alex Wong (2)']));
  });

  it('reports an archived contact of the patient instead of making a duplicate', async () => {
    await api('PUT', 'Contacts', {
      Contacts: [{ Name: 'Old Patient', ContactNumber: 'cliniko:harbourside:77', ContactStatus: 'ACTIVE' }],
    });
    const created = books(world).contacts.find((c) => c.ContactNumber === 'cliniko:harbourside:77')!;
    await api('POST', `Contacts/${created.ContactID}`, { Contacts: [{ ContactStatus: 'ARCHIVED' }] });
    await push({ patients: [patient('77', 'Olive', 'Patient')], invoices: [invoice('5077', '77')] });
    const status = await statusOf('invoice', '5077');
    expect(status.state).toBe('failed');
    expect(status.reason).toContain('it is archived');
    expect(books(world).contacts.filter((c) => c.ContactNumber === 'cliniko:harbourside:77')).toHaveLength(1);
    expect(books(world).invoices.filter((i) => i.InvoiceNumber === 'HS-5077')).toHaveLength(0);
  });

  it('sends an invoice with a payer to the payer’s contact, naming the patient', async () => {
    await push({
      patients: [patient('1001')],
      invoices: [
        invoice('5001', '1001', { billTo: { name: 'HCF Health Fund', email: 'claims@hcf.example' } }),
      ],
    });
    const hcf = books(world).contacts.filter((c) => c.Name === 'HCF Health Fund');
    expect(hcf).toHaveLength(1);
    const sent = books(world).invoices.find((i) => i.InvoiceNumber === 'HS-5001')!;
    expect(sent.ContactID).toBe(hcf[0]!.ContactID);
    expect(sent.Reference).toBe('Dr Sam Lee · Patient: Jane Citizen');
  });
});

describe('mapping rules', () => {
  it('refuses a tax mismatch before any call, and sends once the user fixed the mapping and retried', async () => {
    world.settings = worldSettings({ taxRates: { GST: 'EXEMPTOUTPUT', 'GST-free': 'EXEMPTOUTPUT' } });
    await push({ patients: [patient('1001')], invoices: [invoice('5001', '1001')] });
    const failed = await statusOf('invoice', '5001');
    expect(failed.state).toBe('failed');
    expect(failed.reason).toContain('Line 2 "Theraband": the PMS charges GST at 10%');
    expect(failed.reason).toContain('EXEMPTOUTPUT ("GST Free Income"), is 0%');
    expect(world.engine.stats.byRoute['PUT Invoices']).toBeUndefined();

    world.settings = worldSettings();
    expect(await world.engine.retry({ opIds: failed.retryable })).toBe(1);
    await world.engine.drain();
    expect((await statusOf('invoice', '5001')).state).toBe('synced');
    expect(books(world).invoices.filter((i) => i.InvoiceNumber === 'HS-5001')).toHaveLength(1);
  });

  it('refuses a document inside the lock date with that reason, before any call', async () => {
    await control('lock-dates', { tenantId: AU, periodLockDate: '2026-11-30' });
    await push({ patients: [patient('1001')], invoices: [invoice('5001', '1001')] });
    const status = await statusOf('invoice', '5001');
    expect(status.state).toBe('failed');
    expect(status.reason).toContain('lock date in Xero (2026-11-30)');
    expect(world.engine.stats.byRoute['PUT Invoices']).toBeUndefined();
  });

  it('tracks the clinic and practitioner as options of Xero tracking categories', async () => {
    world.settings = worldSettings({
      tracking: {
        clinic: { category: 'Location', options: { cbd: 'Harbourside' } },
        practitioner: { category: 'Practitioner', options: { '77': 'Sam Patel' } },
      },
    });
    await push({ patients: [patient('1001')], invoices: [invoice('5001', '1001')] });
    const sent = books(world).invoices.find((i) => i.InvoiceNumber === 'HS-5001')!;
    expect(sent.LineItems[0]!.Tracking.map((t) => [t.Name, t.Option])).toEqual([
      ['Location', 'Harbourside'],
      ['Practitioner', 'Sam Patel'],
    ]);
  });
});

describe('settings that stop sending', () => {
  it('sends nothing for a clinic without an organisation, or with synchronisation off, and says so', async () => {
    const base = worldSettings();
    world.settings = { ...base, clinics: { ...base.clinics, cbd: { tenantId: null } } };
    const noOrg = await push({ patients: [patient('1001')], invoices: [invoice('5001', '1001')] });
    expect(noOrg.summary.rejected).toEqual([
      {
        kind: 'invoices',
        id: '5001',
        reason:
          'Invoice 5001: Harbourside CBD has no Xero organisation chosen in the settings: nothing was sent.',
      },
    ]);
    world.settings = { ...base, clinics: { ...base.clinics, cbd: { enabled: false } } };
    const off = await push({ invoices: [invoice('5001', '1001')] }, 'manual');
    expect(off.summary.rejected[0]?.reason).toContain('Synchronisation is off for Harbourside CBD');
    expect(world.engine.stats.writes).toBe(0);
    expect(books(world).invoices).toHaveLength(0);
  });

  it('holds back what was queued before synchronisation was switched off, and sends it once it is on again', async () => {
    await world.engine.submit(records({ patients: [patient('1001')], invoices: [invoice('5001', '1001')] }), {
      trigger: 'manual',
    });
    world.settings = worldSettings({ enabled: false });
    const report = await world.engine.drain({ maxWaitMs: 1_000 });
    expect(report.stopped).toBe('waiting');
    expect(world.engine.stats.writes).toBe(0);
    const held = await statusOf('invoice', '5001');
    expect(held).toMatchObject({
      state: 'queued',
      reason: expect.stringContaining('Synchronisation is off'),
    });

    world.settings = worldSettings();
    expect(await world.engine.releaseHeld()).toBeGreaterThan(0);
    await world.engine.drain();
    expect((await statusOf('invoice', '5001')).state).toBe('synced');
  });

  it('in manual mode sends what a person asks for, not what a page pushes on its own', async () => {
    world.settings = worldSettings({ mode: 'manual' });
    const auto = await push({ patients: [patient('1001')], invoices: [invoice('5001', '1001')] }, 'auto');
    expect(auto.summary).toMatchObject({ queued: 0, rejected: [] });
    expect(auto.summary.notes).toEqual([
      'Harbourside CBD syncs by hand (manual mode): not sent automatically.',
    ]);
    const manual = await push({ invoices: [invoice('5001', '1001')] }, 'manual');
    expect(manual.summary.queued).toBe(2);
    expect(books(world).invoices.filter((i) => i.InvoiceNumber === 'HS-5001')).toHaveLength(1);
  });
});

describe("Xero's day limit", () => {
  it('pauses with the reason and the time it resumes, and resumes by itself', async () => {
    const clock = {
      now: () => world.xero.state.clock.nowMs(),
      sleep: async (ms: number) => world.xero.state.clock.advance(Math.max(0, ms)),
    };
    const { engine } = engineOn(world.xero, world.token, () => world.settings, { clock });
    await control('limits', { perDay: 4 });
    await engine.submit(
      records({
        patients: [patient('1001')],
        invoices: [invoice('5001', '1001')],
        payments: [payment('9001', [{ invoiceId: '5001', amount: '120.00' }])],
      }),
      { trigger: 'manual' },
    );
    const paused = await engine.drain();
    expect(paused.stopped).toBe('paused');
    expect(paused.resumeAt).toBeGreaterThan(clock.now());
    const summary = await engine.summary();
    expect(summary.pauses).toEqual([
      {
        tenantId: AU,
        organisation: 'Harbourside Physiotherapy',
        until: expect.any(Number),
        reason: expect.stringContaining("Xero's daily limit"),
      },
    ]);
    expect(Math.abs(summary.pauses[0]!.until - paused.resumeAt!)).toBeLessThan(2_000);
    expect(summary.counts.failed).toBe(0);

    await clock.sleep(paused.resumeAt! - clock.now() + 1000);
    const resumed = await engine.drain();
    (await import('node:fs')).writeFileSync(
      '/tmp/day.json',
      JSON.stringify({ resumed, stats: engine.stats }),
    );
    expect(resumed.stopped).toBe('idle');
    expect(books(world).payments.filter((p) => p.Reference?.includes('9001>5001'))).toHaveLength(1);
    expect((await engine.summary()).pauses).toEqual([]);
  });
});
