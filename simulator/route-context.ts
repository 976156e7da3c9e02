import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AuthCheck } from './auth';
import type { ResolvedOptions } from './options';
import type { SimStore } from './store';

export interface RouteContext {
  req: IncomingMessage;
  res: ServerResponse;
  query: URLSearchParams;
  /** The request body as text ('' when none). */
  body: string;
  auth: AuthCheck;
  store: SimStore;
  options: ResolvedOptions;
}

export type RouteHandler = (context: RouteContext) => void;
