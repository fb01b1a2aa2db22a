import { expect } from 'chai';
import { writerFor } from '../../../src/report/writers.js';
import { sampleReport } from './sample-report.js';

const VOID = new Set(['meta', 'br', 'hr', 'img', 'link', 'input']);

/**
 * The problems a tag-stack walk finds: unclosed, stray or misnested tags, and `&` or `<` that do not
 * start an entity or a tag. Enough to catch unescaped content in a page kubelab writes itself.
 */
function wellFormedProblems(html: string): string[] {
  const problems: string[] = [];
  const stack: string[] = [];
  const body = html.replace(/^<!DOCTYPE html>\n/, '');
  const token =
    /<(\/?)([a-zA-Z][a-zA-Z0-9]*)((?:\s+[a-z-]+="[^"<>]*")*)\s*(\/?)>|<|&(?![a-z]+;|#\d+;)/g;
  for (const match of body.matchAll(token)) {
    const [whole, closing, name, , selfClosing] = match;
    if (name === undefined) {
      problems.push(`bare ${JSON.stringify(whole)} at ${match.index}`);
    } else if (closing === '/') {
      const open = stack.pop();
      if (open !== name)
        problems.push(`</${name}> closes <${open ?? 'nothing'}> at ${match.index}`);
    } else if (selfClosing !== '/' && !VOID.has(name)) {
      stack.push(name);
    }
  }
  if (stack.length > 0) problems.push(`unclosed: ${stack.join(', ')}`);
  return problems;
}

describe('the HTML report', () => {
  for (const audience of ['student', 'instructor'] as const) {
    it(`is well-formed for the ${audience}: every tag closed, in order, every & and < escaped`, () => {
      const html = writerFor('html').render(sampleReport(), { audience, color: false });
      expect(wellFormedProblems(html)).to.deep.equal([]);
    });
  }

  it('escapes a check message that contains a script tag', () => {
    const html = writerFor('html').render(sampleReport(), { audience: 'student', color: false });
    expect(html).to.include('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(html).not.to.match(/<script/i);
  });

  it('is self-contained: no external stylesheet, script or image', () => {
    const html = writerFor('html').render(sampleReport(), { audience: 'student', color: false });
    expect(html).not.to.match(/<link|<script|src=|url\(|@import/i);
    expect(html).to.include('<style>');
  });

  it('finds the problems it is meant to find', () => {
    expect(wellFormedProblems('<p><b>x</p>')).to.have.length.above(0);
    expect(wellFormedProblems('<p>a < b</p>')).to.have.length.above(0);
    expect(wellFormedProblems('<p>a & b</p>')).to.have.length.above(0);
    expect(wellFormedProblems('<p>a &amp; b<br></p>')).to.deep.equal([]);
  });
});
