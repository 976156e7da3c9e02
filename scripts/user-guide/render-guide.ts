import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Marked, type Tokens } from 'marked';
import { PRODUCT_NAME } from '../../common/product';
import { productionMetaCsp } from '../../main/window/content-security-policy';

// The agent's guide inside the app (issue 22.7: Help → User guide, offline): docs/using.md
// and the pages it sends agents to, rendered at build time into one static page
// (out/renderer/guide.html) with no script. One page, because the console's windows may
// only navigate within the page they opened on (main/window/security-handlers.ts): links
// between these docs become links within the page; links anywhere else (other docs, the
// web) are shown as text, so nothing in the guide can take the window away.

/** The documents in the guide, in order: the first is the guide itself. */
export const GUIDE_DOCS = ['using.md', 'bulk.md', 'history.md', 'ticket-links.md'] as const;

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
export function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/<[^>]*>/g, '')
    .replace(/[^\p{L}\p{N}\s-]/gu, '')
    .trim()
    .replace(/\s/g, '-');
}

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Where a link goes inside the guide, or undefined when it leaves it. */
function inGuide(href: string, from: string): string | undefined {
  if (href.startsWith('#')) return `#${anchor(from, href.slice(1))}`;
  const [file = '', hash] = href.split('#');
  if (!(GUIDE_DOCS as readonly string[]).includes(file)) return undefined;
  return `#${anchor(file, hash ?? '')}`;
}

/** Ids are prefixed by their document (but the guide's own), so two docs' headings never collide. */
function anchor(doc: string, id: string): string {
  const prefix = doc === GUIDE_DOCS[0] ? '' : `${doc.replace(/\.md$/, '')}--`;
  return id === '' ? `doc-${doc.replace(/\.md$/, '')}` : `${prefix}${id}`;
}

function renderDoc(markdown: string, doc: string): string {
  const marked = new Marked({
    gfm: true,
    renderer: {
      heading({ tokens, depth, text }: Tokens.Heading) {
        return `<h${depth} id="${anchor(doc, slug(text))}">${this.parser.parseInline(tokens)}</h${depth}>\n`;
      },
      link({ href, tokens }: Tokens.Link) {
        const inner = this.parser.parseInline(tokens);
        const target = inGuide(href, doc);
        // Leaves the guide: the text stays, with where it points, but it is not a link.
        return target ? `<a href="${escape(target)}">${inner}</a>` : `${inner} <span class="elsewhere">(${escape(href)})</span>`;
      },
      html({ text }: Tokens.HTML | Tokens.Tag) {
        // The docs hold no HTML of their own; anything that looks like it is shown as text.
        return escape(text);
      },
      image({ text }: Tokens.Image) {
        return escape(text);
      },
    },
  });
  return `<section id="${anchor(doc, '')}">\n${marked.parse(markdown, { async: false })}</section>\n`;
}

export function renderGuide(docsDir: string, version: string): string {
  const sections = GUIDE_DOCS.map((doc) => renderDoc(readFileSync(join(docsDir, doc), 'utf8'), doc)).join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escape(productionMetaCsp())}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(PRODUCT_NAME)} — user guide</title>
<link rel="stylesheet" href="guide.css">
</head>
<body>
<nav aria-label="Guide"><a href="#doc-using">Using the console</a> · <a href="#doc-bulk">Bulk corrections</a> · <a href="#doc-history">Change history</a> · <a href="#doc-ticket-links">Links from tickets</a><span class="version">Version ${escape(version)}</span></nav>
<main>
${sections}</main>
</body>
</html>
`;
}

export const GUIDE_CSS = `
:root { color-scheme: light dark; font: 15px/1.55 system-ui, sans-serif; }
body { margin: 0; }
nav { position: sticky; top: 0; padding: 10px 24px; background: Canvas; border-bottom: 1px solid color-mix(in srgb, CanvasText 20%, transparent); }
nav .version { float: right; opacity: 0.7; }
main { max-width: 860px; margin: 0 auto; padding: 8px 24px 64px; }
/* Below the sticky bar when a link jumps to them. */
h1, h2, h3, h4, section { scroll-margin-top: 56px; }
section + section { border-top: 2px solid color-mix(in srgb, CanvasText 25%, transparent); margin-top: 32px; }
table { border-collapse: collapse; margin: 12px 0; }
th, td { border: 1px solid color-mix(in srgb, CanvasText 25%, transparent); padding: 4px 8px; vertical-align: top; text-align: left; }
code { font-family: ui-monospace, monospace; font-size: 0.92em; }
pre { overflow-x: auto; padding: 8px; background: color-mix(in srgb, CanvasText 6%, transparent); }
.elsewhere { opacity: 0.7; font-size: 0.9em; }
`;
