import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { expect } from 'chai';
import { execa } from 'execa';
import { parseJournal } from '../../../src/batch/journal/journal.js';
import { writeGradingOutputs } from '../../../src/batch/outputs/write-outputs.js';
import { FIXTURE_LABS } from '../../fixtures/batch/labs.js';
import { REPO_ROOT } from '../support/index.js';

/** Debian's headless chromium (apt-get install chromium); the suite is pending without it. */
const CHROMIUM = process.env['KUBELAB_CHROMIUM'] ?? 'chromium';
/** A cold chromium start on a loaded machine; the pages themselves are small. */
const BROWSER_TIMEOUT_MS = 90_000;

async function chromiumVersion(): Promise<string | undefined> {
  try {
    return (await execa(CHROMIUM, ['--version'], { timeout: 30_000 })).stdout.trim();
  } catch {
    return undefined;
  }
}

/** The DOM chromium builds from a page (after parsing, so unescaped markup would show as elements). */
async function dumpDom(file: string): Promise<string> {
  const { stdout } = await execa(
    CHROMIUM,
    ['--headless', '--no-sandbox', '--disable-gpu', '--dump-dom', pathToFileURL(file).href],
    { timeout: BROWSER_TIMEOUT_MS },
  );
  return stdout;
}

describe('the batch HTML pages in a real browser (headless chromium)', function () {
  this.timeout(4 * BROWSER_TIMEOUT_MS);
  let out: string;

  before(async function () {
    const version = await chromiumVersion();
    if (version === undefined) {
      process.stderr.write(
        `browser suite pending: no ${CHROMIUM} on PATH (apt-get install chromium, or set KUBELAB_CHROMIUM)\n`,
      );
      this.skip();
    }
    out = await mkdtemp(join(tmpdir(), 'kubelab-browser-'));
    const text = await readFile(join(REPO_ROOT, 'test/fixtures/batch/journal.jsonl'), 'utf8');
    await writeGradingOutputs({
      entries: parseJournal(text).entries,
      labs: FIXTURE_LABS,
      outDir: out,
    });
  });
  after(async () => {
    if (out !== undefined) await rm(out, { recursive: true, force: true });
  });

  it('renders summary.html with a histogram per lab, the most-failed chart and the refusals', async () => {
    const dom = await dumpDom(join(out, 'summary.html'));
    expect(dom.match(/<svg [^>]*class="plot histogram"/g)).to.have.length(2);
    expect(dom.match(/<svg [^>]*class="plot bars"/g)).to.have.length(1);
    expect(dom).to.include('ClusterRoleBinding pwn: refused');
    expect(dom).not.to.match(/<script/i);
    expect(dom).not.to.match(/<b>Bold<\/b>/);
  });

  it('shows a legend and links every student of summary.html to their feedback page', async () => {
    const summary = join(out, 'summary.html');
    const dom = await dumpDom(summary);
    const legend = /<section id="legend">[\s\S]*?<\/section>/.exec(dom)?.[0] ?? '';
    expect(legend.match(/<dt>/g), legend).to.have.length(9);
    expect(legend).to.include('<dt>error in Scores</dt><dd>a cluster fault spoilt every attempt');
    expect(legend).to.include(
      '<span class="error">! error</span></dt><dd>kubelab could not grade it',
    );
    const links = [...dom.matchAll(/<a href="(feedback\/[^"]+)">([^<]+)<\/a>/g)];
    expect(links.map((m) => m[2])).to.deep.equal(['alice', 'bob', 'carol', 'dave', 'x-rm-rf']);
    // Follow one link as the browser resolves it, relative to summary.html.
    const dave = links.find((m) => m[2] === 'dave')?.[1] ?? '';
    const page = await dumpDom(fileURLToPath(new URL(dave, pathToFileURL(summary))));
    expect(page).to.include('<title>kubelab report for dave: 90/200</title>');
    expect(page).to.include('Not handed in: no submission for lab secrets-config was graded');
  });

  it('shows student-controlled markup in the feedback page as text, never as elements', async () => {
    const dom = await dumpDom(join(out, 'feedback', 'carol.html'));
    expect(dom).not.to.match(/<script/i);
    expect(dom).to.include('&lt;/pre&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
    const bob = await dumpDom(join(out, 'feedback', 'bob.html'));
    expect(bob).to.include('Documents not applied');
    expect(bob).not.to.match(/<b>Bold<\/b>/);
  });

  it('draws the summary as a non-empty screenshot', async () => {
    const png = join(out, 'summary.png');
    await execa(
      CHROMIUM,
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--hide-scrollbars',
        '--window-size=1200,1800',
        `--screenshot=${png}`,
        pathToFileURL(join(out, 'summary.html')).href,
      ],
      { timeout: BROWSER_TIMEOUT_MS },
    );
    expect((await stat(png)).size).to.be.above(10_000);
    if (process.env['KUBELAB_KEEP_SCREENSHOT'] !== undefined)
      await execa('cp', [png, process.env['KUBELAB_KEEP_SCREENSHOT']]);
  });
});
