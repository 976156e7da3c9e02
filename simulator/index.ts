// The simulator's public surface, for tests, e2e runs and scripts.
export { startSimulator, type RunningSimulator } from './server';
export {
  DEMO_CLIENT,
  DEFAULT_OVERSIZED_BYTES,
  DEFAULT_RETRY_AFTER_SECONDS,
  type AddressListMode,
  type Fault,
  type FaultKind,
  type FaultRule,
  type RecordedRequest,
  type SimClient,
  type SimulatorOptions,
} from './options';
export type { SimPurchase, SimUser, StoredAddressEntry } from './records';
export { DUPLICATE_EMAIL, DUPLICATE_EMAIL_USER_IDS, NO_PURCHASES_EMAIL, NO_PURCHASES_USER_ID, SEED_EXAMPLE_USER_ID } from './special-users';
export { parseFaultRule } from './cli-args';
export { UPDATE_SUCCESS_MESSAGE } from './route-update-user';
export { REQUEST_LOG_LIMIT } from './request-log';
