// Issue #8 item 4: every failure main classifies is worded for the agent (by the
// renderer, from main's facts) with what to do about it, and a refused connection (the
// host answered: nothing listens there) does not blame the internet connection. Each
// network failure also says why, so the renderer can word it.
import { describe, expect, it } from 'vitest';
import { classifyStatus, classifyTransportFailure } from '../../main/conscent/classify-failure';
import { wordsOf } from '../helpers/failure-words';

const ACTION = /\b(check|try again|ask|tell your IT team|start|wait|contact)\b/i;
const now = new Date('2025-05-08T10:00:00Z');

describe('classifyTransportFailure', () => {
  it('a refused connection points at the base URL and the server, not at the internet', () => {
    const error = classifyTransportFailure(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }), '127.0.0.1:4010', 5000);
    expect(error.kind).toBe('network');
    expect(error.toBridgeError().reason).toBe('connection-refused');
    expect(wordsOf(error)).not.toMatch(/internet/i);
    expect(wordsOf(error)).toMatch(/Nothing is accepting connections at 127\.0\.0\.1:4010/);
    expect(wordsOf(error)).toMatch(/host and port of the connection's base URL/);
    expect(wordsOf(error)).toMatch(/Start the server it points at/);
  });

  it.each([
    ['ECONNREFUSED', 'connection-refused'],
    ['ENOTFOUND', 'host-not-found'],
    ['EAI_AGAIN', 'host-not-found'],
    ['ECONNRESET', 'dropped'],
    ['EHOSTUNREACH', 'offline'],
    ['ERR_SSL_WRONG_VERSION_NUMBER', 'not-https'],
    ['DEPTH_ZERO_SELF_SIGNED_CERT', 'certificate'],
    ['ERR_TLS_SOMETHING', 'tls'],
    ['EWHATEVER', undefined],
  ])('%s names what to do (reason %s)', (code, reason) => {
    const error = classifyTransportFailure(Object.assign(new Error(code), { code }), 'api.example.test', 5000);
    expect(wordsOf(error)).toMatch(ACTION);
    expect(error.toBridgeError().reason).toBe(reason);
  });
});

describe('classifyStatus', () => {
  it.each([403, 404, 429, 500, 418])('HTTP %s names what to do', (status) => {
    expect(wordsOf(classifyStatus(status, undefined, undefined, now))).toMatch(ACTION);
  });
});
