import { createRequire } from 'node:module';

// Parses XML with jsdom's DOMParser (already a dev dependency) in a Node test. jsdom ships
// no types and @types/jsdom is not a dependency, so the little of the DOM used is typed here.

type Elements = ArrayLike<XmlElement> & Iterable<XmlElement>;
export interface XmlElement {
  readonly tagName: string;
  readonly textContent: string | null;
  readonly children: Elements;
  getAttribute(name: string): string | null;
  getElementsByTagName(name: string): Elements;
}
export interface XmlDocument {
  getElementsByTagName(name: string): Elements;
}

type Jsdom = { JSDOM: new (html: string) => { window: { DOMParser: new () => { parseFromString(text: string, type: string): XmlDocument } } } };
const { JSDOM } = createRequire(__filename)('jsdom') as Jsdom;
const { DOMParser } = new JSDOM('').window;
const parser = new DOMParser();

/** The document, and whether the parser found it well-formed (jsdom reports errors as a <parsererror> element). */
export function parseXml(text: string): { doc: XmlDocument; wellFormed: boolean } {
  const doc = parser.parseFromString(text, 'application/xml');
  return { doc, wellFormed: doc.getElementsByTagName('parsererror').length === 0 };
}
