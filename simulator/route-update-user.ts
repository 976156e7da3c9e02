import type { ZodError } from 'zod';
import { OBJECT_ID_PATTERN, UpdateUserBody } from './api-schemas';
import { INVALID_CREDENTIALS_MESSAGE } from './auth';
import { sendJson, sendMessage } from './http-io';
import { toUserData } from './records';
import type { RouteContext } from './route-context';

// PATCH /client/update-user?userId=… (documented: seed page).

export const UPDATE_SUCCESS_MESSAGE = 'User Details Updated Successfully.';

function describeIssues(error: ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}

export function handleUpdateUser({ req, res, query, body, auth, store }: RouteContext): void {
  if (auth.kind !== 'valid') return sendMessage(res, 401, INVALID_CREDENTIALS_MESSAGE);

  const userId = query.get('userId');
  if (userId === null || userId === '') return sendMessage(res, 400, 'userId is required');
  if (!OBJECT_ID_PATTERN.test(userId)) return sendMessage(res, 400, `Invalid userId: ${JSON.stringify(userId)}`);

  const contentType = req.headers['content-type'] ?? '';
  if (!/^application\/(.+\+)?json\b/i.test(contentType)) {
    return sendMessage(res, 400, 'Expected a JSON body (Content-Type: application/json)');
  }
  let parsedJson: unknown;
  try {
    parsedJson = JSON.parse(body);
  } catch {
    return sendMessage(res, 400, 'Request body is not valid JSON');
  }
  const changes = UpdateUserBody.safeParse(parsedJson);
  if (!changes.success) return sendMessage(res, 400, describeIssues(changes.error));

  const user = store.applyChanges(userId, changes.data);
  if (!user) return sendMessage(res, 404, 'User not found');
  sendJson(res, 200, { message: UPDATE_SUCCESS_MESSAGE, userData: toUserData(user) });
}
