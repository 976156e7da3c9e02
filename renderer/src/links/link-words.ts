import type { LinkRefusal } from '../../../common/deep-link';

// What the agent reads when a conscent-console:// link cannot be followed (main says
// why as a reason; the words are the renderer's, like every other message).

const WHY: Record<LinkRefusal, string> = {
  'not-a-link': 'it is not a conscent-console:// link.',
  'too-long': 'it is far longer than a link to a reader can be.',
  'unknown-action': 'it does not ask for a reader (it should start conscent-console://reader?).',
  'no-reader': 'it names no reader: it needs userId=, email= or phone=.',
  'several-readers': 'it names more than one reader: give only one of userId=, email= or phone=.',
  'unknown-parameter': 'it carries something a link cannot do here; links only look a reader up.',
  'bad-value': 'the reader it names is not a valid user id, email or phone number.',
  'bad-connection': 'its connection= part is empty, too long or given twice.',
  'bad-ticket':
    'its ticket= part is not a ticket or reason the console can keep: it must be one line of plain text under 200 characters, given once.',
};

export function linkRefusalWords(reason: LinkRefusal, parameter?: string): string {
  const what = reason === 'unknown-parameter' && parameter ? ` (“${parameter}”)` : reason === 'bad-value' && parameter ? ` (${parameter}=)` : '';
  return `A link could not be opened: ${WHY[reason]}${what} Nothing was looked up or changed. Check the link in the ticket, or search by hand.`;
}
