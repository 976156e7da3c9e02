import fc from 'fast-check';
import { ENVIRONMENTS } from '../../common/environments';
import { GENDERS } from '../../common/user-schemas';

// Generators for the bridge fuzz test (fuzz-bridge.test.ts): hostile values of every
// kind, schema-valid payloads per operation, and mutations of valid payloads (one field
// dropped, replaced, added, or a prototype key planted), so both paths are exercised.

export const POLLUTION_KEYS = ['__proto__', 'constructor', 'prototype'] as const;

const SPECIAL_STRINGS = [
  '',
  ' ',
  '\t\n',
  '\u0000',
  'a\u0000b',
  '\uD800',
  '\uDFFF',
  'x\uDBFFy',
  '\u202E' + 'evil' + '\u202C', // right-to-left override
  '\u200F\u200E', // RLM, LRM
  '\u200B\u200C\u200D\u2060', // zero-width
  '\uFEFF',
  'مرحبا بالعالم',
  'שלום',
  'e\u0301\u0301\u0301',
  '👩‍👩‍👧‍👦',
  '\u00A0\u3000',
  '%00%2e%2e%2f',
  '../../../etc/passwd',
  '<script>alert(1)</script>',
  "'; DROP TABLE users; --",
  '${7*7}{{7*7}}',
  ...POLLUTION_KEYS,
  'toString',
  'hasOwnProperty',
  'javascript:alert(1)',
  'file:///etc/passwd',
  'data:text/html,<script>alert(1)</script>',
  'ftp://api.conscent.in/api/v1',
  'ws://127.0.0.1:1/',
  'http://api.conscent.in/api/v1',
  'http://evil.example/',
  'http://localhost@evil.example/',
  'http://127.0.0.1.nip.io/',
  'http://0x7f000001/',
  'http://2130706433/',
  'https://user:pass@api.conscent.in/api/v1',
  'https://api.conscent.in/api/v1?x=1',
  'https://api.conscent.in/api/v1#frag',
  '\\\\server\\share',
  '681c74b2333e169d16a7e58', // 23 hex
  '681c74b2333e169d16a7e58bb', // 25 hex
  '681c74b2333e169d16a7e58g',
  ' 681c74b2333e169d16a7e58b',
  '６８１c74b2333e169d16a7e58b', // full-width digits
  'reader@example.com',
  'reader@@example.com',
  '+91 98765 43210',
  '+0',
  '-1',
  '1e309',
  'NaN',
  'null',
  'undefined',
  '[]',
  '{}',
];

/** Occasionally a string of 64 KB to 1 MB: the payload size a compromised page could send. */
export const hugeString = fc
  .tuple(fc.integer({ min: 64 * 1024, max: 1_000_000 }), fc.constantFrom('a', '0', 'é', '\uD800', ' ', '@', '\u202E', '9 ', 'a@b.', '+1'))
  .map(([length, unit]) => unit.repeat(Math.ceil(length / unit.length)));

const loneSurrogates = fc.string({
  unit: fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code)),
  minLength: 1,
  maxLength: 8,
});

export const edgeString: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.constantFrom(...SPECIAL_STRINGS), weight: 8 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 40 }), weight: 4 },
  { arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }), weight: 2 },
  { arbitrary: loneSurrogates, weight: 1 },
  { arbitrary: fc.tuple(fc.constantFrom(...SPECIAL_STRINGS), fc.string({ maxLength: 12 })).map(([a, b]) => a + b), weight: 2 },
  { arbitrary: fc.string({ minLength: 200, maxLength: 3_000 }), weight: 1 }, // just past the field limits
  { arbitrary: hugeString, weight: 1 },
);

const keyArb = fc.oneof(
  { arbitrary: fc.constantFrom(...POLLUTION_KEYS, 'id', 'connection', 'credentials', 'userId', 'changes', 'apiSecret'), weight: 4 },
  { arbitrary: fc.string({ maxLength: 8 }), weight: 4 },
  { arbitrary: edgeString, weight: 1 }, // odd and, now and then, huge key names: validation messages quote them
);

const POLLUTION_JSON = [
  '{"__proto__":{"polluted":"yes"}}',
  '{"constructor":{"prototype":{"polluted":"yes"}}}',
  '{"prototype":{"polluted":"yes"}}',
  '{"__proto__":{"__proto__":{"polluted":"yes"}}}',
  '{"a":{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}}}}',
  '[{"__proto__":{"polluted":"yes"}}]',
];

/** Own `__proto__`/`constructor` keys, made the way IPC's structured clone or JSON.parse would. */
export const pollutionValue = fc.constantFrom(...POLLUTION_JSON).map((text) => JSON.parse(text) as unknown);

export const garbage: fc.Arbitrary<unknown> = fc.oneof(
  {
    arbitrary: fc.constantFrom<unknown>(undefined, null, true, false, 0, -0, NaN, Infinity, -Infinity, Number.MAX_VALUE, 2 ** 53 + 2, -1, 1.5, 10n),
    weight: 3,
  },
  { arbitrary: fc.constant(null).map(() => ({})), weight: 1 },
  { arbitrary: fc.constant(null).map((): unknown[] => []), weight: 1 },
  { arbitrary: edgeString, weight: 4 },
  {
    arbitrary: fc.anything({
      key: keyArb,
      maxDepth: 3,
      maxKeys: 6,
      withBigInt: true,
      withDate: true,
      withMap: true,
      withSet: true,
      withTypedArray: true,
      withNullPrototype: true,
      withSparseArray: true,
      withBoxedValues: true,
      withObjectString: true,
    }),
    weight: 3,
  },
  { arbitrary: pollutionValue, weight: 2 },
);

// ---- Schema-valid building blocks (the oracle is still the schema: a generator slip only moves a payload to the invalid side).

// Mostly ASCII with some of the edge characters: 'grapheme' strings cost more to generate than the handlers cost to run.
const textUnit = fc.oneof(
  { arbitrary: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz ABCXYZ0123456789.,-'.split('')), weight: 8 },
  { arbitrary: fc.constantFrom('é', 'ß', 'ä', 'ñ', 'م', 'ש', '中', '👩‍👧', '\u200B', '\u202E', '\uFEFF', '\u0000', '\uD800'), weight: 1 },
);
const text = (min: number, max: number) => fc.string({ unit: textUnit, minLength: min, maxLength: max });
const hex24 = fc.stringMatching(/^[a-f0-9]{24}$/);
export const validConnectionId = fc.stringMatching(/^[a-z0-9-]{1,64}$/);
const secretUnit = fc.constantFrom(...'abcdefXYZ0123456789-_.!é€#'.split(''));
/** Valid API keys and secrets, prefixed so a test can spot them in any output. */
export const validSecret = fc.string({ unit: secretUnit, minLength: 1, maxLength: 40 }).map((s) => `sk-fuzz-${s}`);

export interface FuzzContext {
  simBaseUrl: string;
  refusedBaseUrl: string;
  /** Ids of connections that exist in the store (with and without credentials). */
  connectionIds: string[];
  knownUserIds: string[];
  knownEmails: string[];
  knownPhones: string[];
  apiKey: string;
  apiSecret: string;
}

export function validConnectionFields(baseUrls: string[]) {
  return fc.record({
    name: text(1, 80).filter((name) => name.trim().length > 0),
    environment: fc.constantFrom(...ENVIRONMENTS),
    baseUrl: fc.constantFrom(...baseUrls),
    clientId: fc.stringMatching(/^[A-Za-z0-9_-]{1,128}$/),
  });
}

const anyConnectionId = (ctx: FuzzContext) => fc.oneof(fc.constantFrom(...ctx.connectionIds), validConnectionId);
const userIdArb = (ctx: FuzzContext) =>
  fc.oneof(
    fc.constantFrom(...ctx.knownUserIds),
    fc.constantFrom(...ctx.knownUserIds).map((id) => id.toUpperCase()),
    hex24,
  );
const credentialsArb = (ctx: FuzzContext) =>
  fc.oneof(fc.constant({ apiKey: ctx.apiKey, apiSecret: ctx.apiSecret }), fc.record({ apiKey: validSecret, apiSecret: validSecret }));

const addressArb = fc.record({
  name: text(0, 30),
  apartment: text(0, 30),
  area: text(0, 30),
  pincode: fc.stringMatching(/^[A-Za-z0-9 -]{0,12}$/),
  landmark: text(0, 30),
  city: text(0, 30),
  state: text(0, 30),
  country: text(0, 30),
});
const addressEntryArb = fc
  .tuple(addressArb, fc.option(hex24, { nil: undefined }))
  .map(([address, id]) => (id === undefined ? address : { ...address, _id: id }));

export const validChanges = fc
  .record(
    {
      name: text(1, 60).filter((name) => name.trim().length > 0),
      email: fc.constantFrom('reader@example.com', 'a.b+c@example.co.in', 'x@y.io'),
      countryCode: fc.stringMatching(/^\+[1-9]\d{0,3}$/),
      phone: fc.stringMatching(/^\d{4,15}$/),
      gender: fc.constantFrom(...GENDERS),
      dateOfBirth: fc.date({ min: new Date('1900-01-01'), max: new Date('2020-12-31'), noInvalidDate: true }).map((d) => d.toISOString()),
      address: addressArb,
      shippingAddress: fc.array(addressEntryArb, { maxLength: 2 }),
      billingAddress: fc.array(addressEntryArb, { maxLength: 2 }),
    },
    { requiredKeys: [] },
  )
  .filter((changes) => Object.keys(changes).length > 0);

/** Schema-valid payloads per operation (listConnections takes none: anything sent is ignored). */
export function validPayloads(ctx: FuzzContext) {
  const storedUrls = [
    ctx.simBaseUrl,
    ctx.refusedBaseUrl,
    'https://api.conscent.in/api/v1',
    'https://sandbox-api.conscent.in/api/v1',
    'http://localhost:1/api/',
    'http://[::1]:1',
  ];
  const testUrls = [ctx.simBaseUrl, ctx.refusedBaseUrl, 'https://api.conscent.in/api/v1'];
  const query = fc.oneof(
    fc.constantFrom(...ctx.knownUserIds, ...ctx.knownEmails, ...ctx.knownPhones),
    hex24,
    fc.constantFrom('nobody@example.com', '+91 98765 43210', '00447700900123', '12345', 'abc123'),
    text(0, 40),
  );
  return {
    listConnections: garbage,
    listSavedConnections: garbage,
    saveConnection: fc.record(
      {
        id: fc.oneof(fc.constantFrom(...ctx.connectionIds), validConnectionId),
        connection: validConnectionFields(storedUrls),
        credentials: credentialsArb(ctx),
      },
      { requiredKeys: ['connection'] },
    ),
    deleteConnection: fc.record({ id: anyConnectionId(ctx) }),
    selectConnection: fc.record({ id: anyConnectionId(ctx) }),
    testConnection: fc.record(
      { id: anyConnectionId(ctx), connection: validConnectionFields(testUrls), credentials: credentialsArb(ctx) },
      { requiredKeys: ['connection'] },
    ),
    lookupReader: fc.record({ connectionId: anyConnectionId(ctx), query }),
    openReader: fc.record({ connectionId: anyConnectionId(ctx), userId: userIdArb(ctx) }),
    updateReader: fc.record(
      { connectionId: anyConnectionId(ctx), userId: userIdArb(ctx), changes: validChanges, revertOf: fc.integer({ min: 1, max: 30 }) },
      { requiredKeys: ['connectionId', 'userId', 'changes'] },
    ),
  } satisfies Record<string, fc.Arbitrary<unknown>>;
}

// ---- Mutations of a valid payload.

type Node = Record<PropertyKey, unknown>;

function objectsIn(value: unknown, out: Node[] = []): Node[] {
  if (value && typeof value === 'object') {
    out.push(value as Node);
    for (const child of Object.values(value)) objectsIn(child, out);
  }
  return out;
}

/** Sets an own, enumerable data property, even for `__proto__` (as JSON.parse does). */
function setOwn(node: Node, key: string, value: unknown): void {
  Object.defineProperty(node, key, { value, enumerable: true, writable: true, configurable: true });
}

function pick<T>(items: readonly T[], index: number): T | undefined {
  return items[index % Math.max(1, items.length)];
}

/** A valid payload with one thing broken: a field dropped, replaced, added, a prototype key planted, or the whole wrapped. */
export function mutated(valid: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  // One arbitrary per kind of mutation, so each payload only pays for the parts it uses.
  const target = fc.tuple(valid, fc.nat()).map(([payload, which]) => {
    const copy = structuredClone(payload);
    return { copy, node: pick(objectsIn(copy), which) };
  });
  return fc.oneof(
    fc.tuple(target, fc.nat()).map(([{ copy, node }, which]) => {
      const key = node && pick(Object.keys(node), which);
      if (node && key !== undefined) delete node[key];
      return copy;
    }),
    fc.tuple(target, fc.nat(), garbage).map(([{ copy, node }, which, replacement]) => {
      const key = node && pick(Object.keys(node), which);
      if (node && key !== undefined) setOwn(node, key, replacement);
      return copy;
    }),
    fc.tuple(target, keyArb, garbage).map(([{ copy, node }, key, extra]) => {
      if (node) setOwn(node, key, extra);
      return copy;
    }),
    fc.tuple(target, fc.constantFrom(...POLLUTION_KEYS), pollutionValue).map(([{ copy, node }, key, pollution]) => {
      if (node) setOwn(node, key, pollution);
      return copy;
    }),
    fc.tuple(target, garbage, fc.nat({ max: 2 })).map(([{ copy }, other, how]) => [[copy], other, JSON.stringify(copy)][how]),
  );
}
