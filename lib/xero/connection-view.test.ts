import { describe, expect, it } from 'vitest';
import { connectedRecord } from '../testing/connection';
import { AUTH_FLOW_TIMEOUT_MS } from './auth-flow';
import { CONNECT_ERROR_SHOWN_MS, toView } from './connection-service';

const NOW = 1_800_000_000_000;

describe('the connection as pages see it', () => {
  it('never carries a token', () => {
    const view = toView(
      connectedRecord({ tenants: [{ tenantId: 't', connectionId: 'c', tenantName: 'Clinic' }] }),
    );
    expect(JSON.stringify(view)).not.toMatch(/access-1|refresh-1/);
    expect(view).toEqual({
      status: 'connected',
      tenants: [{ tenantId: 't', name: 'Clinic' }],
      activeTenantId: null,
      organisationName: null,
    });
  });

  it('prefers the organisation’s own name to the connection’s', () => {
    const record = connectedRecord({
      activeTenantId: 't',
      tenants: [
        { tenantId: 't', connectionId: 'c', tenantName: 'Old name', organisation: { name: 'New name' } },
      ],
    });
    expect(toView(record).organisationName).toBe('New name');
  });

  it('shows a Connect in progress only until its time-out has long passed', () => {
    expect(toView(undefined, { startedAt: NOW - 1000 }, NOW).connectAttempt).toEqual({ inProgress: true });
    expect(
      toView(undefined, { startedAt: NOW - AUTH_FLOW_TIMEOUT_MS - 60_000 }, NOW).connectAttempt,
    ).toBeUndefined();
  });

  it('stops showing a failure after a while', () => {
    const old = {
      startedAt: NOW - CONNECT_ERROR_SHOWN_MS - 5000,
      finishedAt: NOW - CONNECT_ERROR_SHOWN_MS - 1,
      error: 'x',
    };
    expect(toView(undefined, old, NOW).connectAttempt).toBeUndefined();
  });

  it('shows the last failure, and nothing after a success', () => {
    const failed = {
      startedAt: NOW - 5000,
      finishedAt: NOW - 1000,
      error: 'Access to Xero was not allowed.',
    };
    expect(toView(undefined, failed, NOW).connectAttempt).toEqual({
      inProgress: false,
      error: 'Access to Xero was not allowed.',
    });
    expect(toView(undefined, { startedAt: NOW - 5000, finishedAt: NOW }, NOW).connectAttempt).toBeUndefined();
  });

  it('keeps the disconnected reason only while disconnected', () => {
    const reason = 'Xero no longer accepts this connection.';
    expect(
      toView(connectedRecord({ status: 'disconnected', disconnectedReason: reason })).disconnectedReason,
    ).toBe(reason);
    expect(toView(connectedRecord({ disconnectedReason: reason })).disconnectedReason).toBeUndefined();
  });
});
