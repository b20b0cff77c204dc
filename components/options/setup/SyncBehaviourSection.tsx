import { errorProps, fieldId, InheritableField } from './fields';
import { type SetupSectionProps, settingPath } from './types';

const MODE_WORDS = { manual: 'Manual', auto: 'Auto' } as const;
const STATUS_WORDS = { DRAFT: 'Draft', AUTHORISED: 'Authorised' } as const;
const onOff = (on: boolean) => (on ? 'On' : 'Off');
const prefixWords = (prefix: string) => (prefix ? `“${prefix}”` : 'none');

/**
 * Whether and how documents go to Xero: the sync switch, Auto or Manual, Draft or Authorised,
 * number prefixes, due days and contact details. With a clinic id it edits that clinic's
 * override, field by field, and shows what the clinic inherits.
 */
export function SyncBehaviourSection(props: SetupSectionProps) {
  const { clinicId, errors } = props;
  const field = { ...props, clinicId: clinicId ?? null };
  const id = (key: Parameters<typeof settingPath>[1]) => fieldId(settingPath(clinicId, key));
  const hint = (key: Parameters<typeof settingPath>[1]) => `${id(key)}-hint`;

  return (
    <div className="setup-grid">
      <InheritableField {...field} settingKey="enabled" label="Synchronisation enabled" describe={onOff}>
        {(value, set) => (
          <>
            <label className="setup-check">
              <input
                id={id('enabled')}
                type="checkbox"
                checked={value}
                onChange={(e) => set(e.target.checked)}
                {...errorProps(settingPath(clinicId, 'enabled'), errors, hint('enabled'))}
              />{' '}
              Synchronisation enabled
            </label>
            <p id={hint('enabled')} className="muted setup-hint">
              Off: nothing is sent to Xero, not even by hand.
            </p>
          </>
        )}
      </InheritableField>

      <InheritableField {...field} settingKey="mode" label="Mode" describe={(v) => MODE_WORDS[v]}>
        {(value, set) => (
          <fieldset
            id={id('mode')}
            className="setup-fieldset"
            {...errorProps(settingPath(clinicId, 'mode'), errors, hint('mode'))}
          >
            <legend>Mode</legend>
            <label className="setup-check">
              <input
                type="radio"
                name={`${id('mode')}-radio`}
                checked={value === 'manual'}
                onChange={() => set('manual')}
              />{' '}
              Manual
            </label>
            <label className="setup-check">
              <input
                type="radio"
                name={`${id('mode')}-radio`}
                checked={value === 'auto'}
                onChange={() => set('auto')}
              />{' '}
              Auto
            </label>
            <p id={hint('mode')} className="muted setup-hint">
              Start in Manual: documents are sent only when someone clicks Send, so you can check the first
              ones in Xero. Auto sends each invoice as its page is seen in the practice system.
            </p>
          </fieldset>
        )}
      </InheritableField>

      <InheritableField
        {...field}
        settingKey="invoiceStatus"
        label="New invoices"
        describe={(v) => STATUS_WORDS[v]}
      >
        {(value, set) => (
          <fieldset
            id={id('invoiceStatus')}
            className="setup-fieldset"
            {...errorProps(settingPath(clinicId, 'invoiceStatus'), errors, hint('invoiceStatus'))}
          >
            <legend>New invoices</legend>
            <label className="setup-check">
              <input
                type="radio"
                name={`${id('invoiceStatus')}-radio`}
                checked={value === 'DRAFT'}
                onChange={() => set('DRAFT')}
              />{' '}
              Draft
            </label>
            <label className="setup-check">
              <input
                type="radio"
                name={`${id('invoiceStatus')}-radio`}
                checked={value === 'AUTHORISED'}
                onChange={() => set('AUTHORISED')}
              />{' '}
              Authorised
            </label>
            <p id={hint('invoiceStatus')} className="muted setup-hint">
              A Draft is authorised when a payment arrives for it: Xero takes payments only on authorised
              invoices.
            </p>
          </fieldset>
        )}
      </InheritableField>

      <InheritableField
        {...field}
        settingKey="invoicePrefix"
        label="Invoice number prefix"
        describe={prefixWords}
      >
        {(value, set) => (
          <>
            <label htmlFor={id('invoicePrefix')}>Invoice number prefix</label>
            <input
              id={id('invoicePrefix')}
              type="text"
              value={value}
              onChange={(e) => set(e.target.value)}
              {...errorProps(settingPath(clinicId, 'invoicePrefix'), errors, hint('invoicePrefix'))}
            />
            <p id={hint('invoicePrefix')} className="muted setup-hint">
              Put before the practice system’s invoice number in Xero, e.g. INV-.
            </p>
          </>
        )}
      </InheritableField>

      <InheritableField
        {...field}
        settingKey="creditNotePrefix"
        label="Credit note number prefix"
        describe={prefixWords}
      >
        {(value, set) => (
          <>
            <label htmlFor={id('creditNotePrefix')}>Credit note number prefix</label>
            <input
              id={id('creditNotePrefix')}
              type="text"
              value={value}
              onChange={(e) => set(e.target.value)}
              {...errorProps(settingPath(clinicId, 'creditNotePrefix'), errors, hint('creditNotePrefix'))}
            />
            <p id={hint('creditNotePrefix')} className="muted setup-hint">
              Put before the credit note’s number in Xero, e.g. CN-.
            </p>
          </>
        )}
      </InheritableField>

      <InheritableField
        {...field}
        settingKey="dueDays"
        label="Due days"
        describe={(v) => `${v} ${v === 1 ? 'day' : 'days'}`}
      >
        {(value, set) => (
          <>
            <label htmlFor={id('dueDays')}>Due days</label>
            <input
              id={id('dueDays')}
              type="number"
              inputMode="numeric"
              min={0}
              max={365}
              step={1}
              value={Number.isFinite(value) ? String(value) : ''}
              // An emptied box is kept as "not a number" so the schema says what is wrong.
              onChange={(e) => set(e.target.value === '' ? Number.NaN : Number(e.target.value))}
              {...errorProps(settingPath(clinicId, 'dueDays'), errors, hint('dueDays'))}
            />
            <p id={hint('dueDays')} className="muted setup-hint">
              Days after the invoice date, when the practice system gives no due date (0 to 365).
            </p>
          </>
        )}
      </InheritableField>

      <InheritableField
        {...field}
        settingKey="keepContactDetailsInSync"
        label="Keep contact details in sync"
        describe={onOff}
      >
        {(value, set) => (
          <>
            <label className="setup-check">
              <input
                id={id('keepContactDetailsInSync')}
                type="checkbox"
                checked={value}
                onChange={(e) => set(e.target.checked)}
                aria-describedby={hint('keepContactDetailsInSync')}
              />{' '}
              Keep contact details in sync
            </label>
            <p id={hint('keepContactDetailsInSync')} className="muted setup-hint">
              On: e-mail, phone and address in Xero follow the practice system on every sync. Off: they are
              set only when the contact is created.
            </p>
          </>
        )}
      </InheritableField>
    </div>
  );
}
