import { parseArgs } from 'node:util';
import { startXeroEmulator } from './server';

/**
 * `npm run emulator -- --port 4560 --redirect-uri https://<extension id>.chromiumapp.org/ [--auto-approve]`:
 * serves Xero's paths on 127.0.0.1. `--redirect-uri` (repeatable) registers the URIs the demo
 * apps accept, as a Xero app's settings do.
 */
const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '4560' },
    'auto-approve': { type: 'boolean', default: false },
    'redirect-uri': { type: 'string', multiple: true, default: [] },
  },
});

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be a port number, got ${values.port}`);
  process.exit(2);
}

const redirectUris = values['redirect-uri'];
if (redirectUris.length === 0) {
  console.warn(
    'No --redirect-uri given: the demo apps have no registered redirect URI, so every authorize request is refused.',
  );
}
const emulator = await startXeroEmulator({ port, redirectUris });
emulator.state.consent.autoApprove = values['auto-approve'];
console.log(`Xero emulator listening on ${emulator.url}`);
console.log(`  authorize  ${emulator.url}/identity/connect/authorize`);
console.log(`  token      ${emulator.url}/connect/token`);
console.log(`  API        ${emulator.url}/api.xro/2.0/`);
console.log(`  control    ${emulator.url}/__emulator/state`);

const stop = () => void emulator.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
