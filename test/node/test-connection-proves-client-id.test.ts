// Issue #8 item 4: "Test connection" proves every field, the Client ID included, and a
// refused Client ID is reported on the Client ID (in the form and on lookups), never as
// "some values were refused" with nothing marked.
import { wordsOf } from '../helpers/failure-words';
import { fieldMessages } from '../../renderer/src/errors/local-failure-words';
import { describe, expect } from 'vitest';
import { CLIENT_ID_FIELD } from '../../common/error-fields';
import { CLIENT_ID_PROBE_USER_ID } from '../../main/conscent/endpoints';
import { DEMO_CLIENT, SEED_EXAMPLE_USER_ID, type RunningSimulator } from '../../simulator';
import { failure } from '../helpers/bridge-result';
import { bridgeTest } from '../helpers/bridge-fixture';

const OTHER_CLIENT = { clientId: 'other-publisher', apiKey: 'other-key', apiSecret: 'other-secret' };
const it = bridgeTest({ simulator: { userCount: 5, seed: 4, clients: [DEMO_CLIENT, OTHER_CLIENT] }, client: { timeoutMs: 1000 }, logger: 'file' });
const good = { apiKey: DEMO_CLIENT.apiKey, apiSecret: DEMO_CLIENT.apiSecret };

const connection = (sim: RunningSimulator, clientId: string) => ({ name: 'Local', environment: 'custom' as const, baseUrl: sim.baseUrl, clientId });

describe('Test connection and the Client ID', () => {
  it('passes only after ConsCent accepted the Client ID on a details call for a user that does not exist', async ({ sim, bridge }) => {
    const result = await bridge.handlers.testConnection({ connection: connection(sim, DEMO_CLIENT.clientId), credentials: good });
    expect(result.ok && result.value.host).toBe(new URL(sim.baseUrl).host);
    const details = sim.requests.filter((r) => r.path === '/user/user-and-subscription-details');
    expect(details.map((r) => r.query)).toEqual([{ clientId: DEMO_CLIENT.clientId, userId: CLIENT_ID_PROBE_USER_ID }]);
  });

  it('fails a wrong Client ID on the Client ID field, saying where to fix it', async ({ sim, bridge }) => {
    const error = failure(await bridge.handlers.testConnection({ connection: connection(sim, 'no-such-client'), credentials: good }));
    expect(error.kind).toBe('invalid-input');
    expect(fieldMessages(error)[CLIENT_ID_FIELD]).toMatch(/did not accept this Client ID/);
    expect(wordsOf(error, 'test-connection')).toMatch(/Correct the Client ID marked below/);
    expect(wordsOf(error, 'test-connection')).toMatch(/Invalid clientId/); // ConsCent's own words are kept
  });

  it('fails the Client ID of another account (valid key and secret, not for that client) on the Client ID field', async ({ sim, bridge }) => {
    const error = failure(await bridge.handlers.testConnection({ connection: connection(sim, OTHER_CLIENT.clientId), credentials: good }));
    expect(error.kind).toBe('invalid-input');
    expect(fieldMessages(error)[CLIENT_ID_FIELD]).toBeDefined();
    expect(wordsOf(error, 'test-connection')).toMatch(/accepted the API key and secret, but not for this Client ID/);
  });
});

describe('a lookup with a wrong Client ID', () => {
  it('names the connection’s Client ID as the thing to fix', async ({ sim, bridge }) => {
    const saved = await bridge.handlers.saveConnection({ connection: connection(sim, 'no-such-client'), credentials: good });
    if (!saved.ok) throw new Error(JSON.stringify(saved.error));
    const error = failure(await bridge.handlers.lookupReader({ connectionId: saved.value.id, query: SEED_EXAMPLE_USER_ID }));
    expect(error.kind).toBe('invalid-input');
    expect(fieldMessages(error)[CLIENT_ID_FIELD]).toBeDefined();
    expect(wordsOf(error)).toMatch(/Client ID in Connections/);
    const loaded = failure(await bridge.handlers.openReader({ connectionId: saved.value.id, userId: SEED_EXAMPLE_USER_ID }));
    expect(fieldMessages(loaded)[CLIENT_ID_FIELD]).toBeDefined();
  });
});
