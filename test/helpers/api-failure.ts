import { expect } from 'vitest';
import { ApiError } from '../../main/conscent/api-error';

/** The ApiError a client call rejects with; fails the test if it resolves or throws anything else. */
export async function apiFailure(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError);
    return error as ApiError;
  }
  throw new Error('expected the call to fail');
}
