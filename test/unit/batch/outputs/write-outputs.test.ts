import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { parseJournal, type JournalEntry } from '../../../../src/batch/journal/journal.js';
import { OUTPUT_FILES, writeGradingOutputs } from '../../../../src/batch/outputs/write-outputs.js';
import { FIXTURE_LABS } from '../../../fixtures/batch/labs.js';
import { FIXTURE_DIR, expectBatchGolden } from './golden.js';

const HIDDEN_TITLE = 'SECRET-HIDDEN';

async function fixtureEntries(): Promise<readonly JournalEntry[]> {
  return parseJournal(await readFile(join(FIXTURE_DIR, 'journal.jsonl'), 'utf8')).entries;
}

describe('writeGradingOutputs', () => {
  let out: string;
  let files: readonly string[];
  const read = (name: string): Promise<string> => readFile(join(out, name), 'utf8');

  before(async () => {
    out = await mkdtemp(join(tmpdir(), 'kubelab-outputs-'));
    ({ files } = await writeGradingOutputs({
      entries: await fixtureEntries(),
      labs: FIXTURE_LABS,
      outDir: out,
    }));
  });
  after(() => rm(out, { recursive: true, force: true }));

  it('writes every output, with one Gradescope file and two feedback pages per student', () => {
    expect(files).to.include.members([
      OUTPUT_FILES.gradebook,
      OUTPUT_FILES.results,
      OUTPUT_FILES.junit,
      OUTPUT_FILES.summary,
    ]);
    for (const id of ['alice', 'bob', 'carol', 'dave', 'x-rm-rf']) {
      expect(files).to.include.members([
        `results/${id}.json`,
        `feedback/${id}.md`,
        `feedback/${id}.html`,
      ]);
    }
    expect(files).to.have.length(4 + 5 * 3);
  });

  for (const name of [
    'gradebook.csv',
    'results.json',
    'junit.xml',
    'summary.html',
    'results/bob.json',
    'feedback/bob.md',
    'feedback/bob.html',
    'feedback/carol.html',
    'feedback/dave.md',
  ]) {
    it(`renders ${name} as its golden file`, async () => {
      await expectBatchGolden(name, await read(name));
    });
  }

  it('adds one column per check with detail, in lab.yaml order', async () => {
    const detailOut = await mkdtemp(join(tmpdir(), 'kubelab-outputs-'));
    try {
      await writeGradingOutputs({
        entries: await fixtureEntries(),
        labs: FIXTURE_LABS,
        outDir: detailOut,
        detail: true,
      });
      const csv = await readFile(join(detailOut, OUTPUT_FILES.gradebook), 'utf8');
      expect(csv.split('\n')[0]).to.equal(
        'student_id,name,source,probes,secrets-config,total,max,probes/web-ready,probes/liveness,probes/readiness,probes/startup,probes/right-port,secrets-config/secret-exists,secrets-config/env-from-secret',
      );
      await expectBatchGolden('gradebook-detail.csv', csv);
    } finally {
      await rm(detailOut, { recursive: true, force: true });
    }
  });

  it('gives the same bytes for the same journal, whatever the order of its lines', async () => {
    const again = await mkdtemp(join(tmpdir(), 'kubelab-outputs-'));
    try {
      const entries = await fixtureEntries();
      // Reordering keeps each (student, lab)'s lines in order, so the regrade still wins.
      const reordered = [...entries].sort((a, b) =>
        a.labId < b.labId ? 1 : a.labId > b.labId ? -1 : 0,
      );
      await writeGradingOutputs({ entries: reordered, labs: FIXTURE_LABS, outDir: again });
      for (const name of files)
        expect(await readFile(join(again, name), 'utf8'), name).to.equal(await read(name));
    } finally {
      await rm(again, { recursive: true, force: true });
    }
  });

  it('counts the latest entry of a regraded student (dave: the second probes line)', async () => {
    const csv = await read(OUTPUT_FILES.gradebook);
    expect(csv).to.include('\ndave,,dave,90,,90,200\n');
  });

  it('gives every feedback page the total and maximum of the student’s gradebook row', async () => {
    const rows = (await read(OUTPUT_FILES.gradebook)).trim().split('\n').slice(1);
    expect(rows).to.have.length(5);
    for (const row of rows) {
      const id = row.split(',')[0] as string;
      const [total, max] = row.split(',').slice(-2);
      const md = await read(`feedback/${id}.md`);
      expect(md.split('\n')[0], id).to.match(new RegExp(`^# kubelab report: ${total}/${max} `));
      expect(md, id).to.include(`Total: ${total}/${max} `);
      expect(await read(`feedback/${id}.html`), id).to.match(
        new RegExp(`: ${total}/${max}</title>`),
      );
    }
  });

  it('names each lab the student did not hand in on their page, with 0 of its points', async () => {
    for (const page of [await read('feedback/dave.md'), await read('feedback/dave.html')]) {
      expect(page).to.include(
        'Not handed in: no submission for lab secrets-config was graded, so it scores 0/100.',
      );
    }
    expect(await read('feedback/dave.md')).to.include(
      '## ⏭️ secrets-config: Secrets and ConfigMaps (0/100)',
    );
    expect(await read('feedback/alice.md')).not.to.include('Not handed in');
  });

  it('links each student of summary.html to a feedback page that was written', async () => {
    const summary = await read(OUTPUT_FILES.summary);
    const links = [...summary.matchAll(/<a href="([^"]+)">([^<]+)<\/a>/g)].map((m) => [m[1], m[2]]);
    expect(links).to.deep.equal(
      ['alice', 'bob', 'carol', 'dave', 'x-rm-rf'].map((id) => [`feedback/${id}.html`, id]),
    );
    for (const [href] of links) expect(files).to.include(href);
  });

  it('gives summary.html a legend that explains every status, error included', async () => {
    const legend = /<section id="legend">[\s\S]*?<\/section>/.exec(
      await read(OUTPUT_FILES.summary),
    )?.[0];
    expect(legend).to.be.a('string');
    for (const status of ['passed', 'failed', 'error', 'skipped'])
      expect(legend).to.include(`<span class="${status}">`);
    expect(legend).to.include('kubelab could not grade it');
    expect(legend).to.include('not handed in');
  });

  it('leaves hidden checks out of student feedback but scores them everywhere', async () => {
    for (const id of ['alice', 'bob', 'dave']) {
      expect(await read(`feedback/${id}.md`), id).not.to.include(HIDDEN_TITLE);
      expect(await read(`feedback/${id}.html`), id).not.to.include(HIDDEN_TITLE);
    }
    expect(await read('feedback/dave.md')).to.include('1 hidden check: 0/10 points');
    expect(await read(OUTPUT_FILES.results)).to.include(HIDDEN_TITLE);
    expect(await read(OUTPUT_FILES.junit)).to.include(HIDDEN_TITLE);
    const dave = JSON.parse(await read('results/dave.json')) as {
      score: number;
      tests: { name: string; visibility: string; score: number }[];
    };
    expect(dave.score).to.equal(90);
    const hidden = dave.tests.filter((t) => t.name.includes(HIDDEN_TITLE));
    expect(hidden).to.have.length(1);
    expect(hidden[0]?.visibility).to.equal('hidden');
  });

  it('keeps hidden checks in the feedback when the audience is the instructor', async () => {
    const review = await mkdtemp(join(tmpdir(), 'kubelab-outputs-'));
    try {
      const entries = await fixtureEntries();
      await writeGradingOutputs({
        entries,
        labs: FIXTURE_LABS,
        outDir: review,
        audience: 'instructor',
      });
      expect(await readFile(join(review, 'feedback/dave.md'), 'utf8')).to.include(HIDDEN_TITLE);
    } finally {
      await rm(review, { recursive: true, force: true });
    }
  });

  it('lists every refused document in the student feedback and in the summary', async () => {
    for (const page of [
      await read('feedback/bob.md'),
      await read('feedback/bob.html'),
      await read(OUTPUT_FILES.summary),
    ]) {
      expect(page).to.include('ClusterRoleBinding pwn: refused');
      expect(page).to.include('Pod kube-system/miner: refused');
    }
    expect(await read('feedback/alice.md')).not.to.include('Documents not applied');
  });

  it('escapes student-controlled text in every HTML page', async () => {
    for (const name of files.filter((f) => f.endsWith('.html'))) {
      const html = await read(name);
      expect(html, name).not.to.match(/<script/i);
      expect(html, name).not.to.include('<b>Bold</b>');
    }
    expect(await read('feedback/carol.html')).to.include('&lt;/pre&gt;&lt;script&gt;');
    expect(await read('feedback/bob.html')).to.include('Bob &lt;b&gt;Bold&lt;/b&gt; &amp; Co');
  });

  it('defuses a display name a spreadsheet would run as a formula', async () => {
    expect(await read(OUTPUT_FILES.gradebook)).to.include(
      `carol,"'=HYPERLINK(""http://evil"")",carol`,
    );
  });

  it('writes Gradescope results whose test scores add up to the score', async () => {
    for (const id of ['alice', 'bob', 'carol', 'dave', 'x-rm-rf']) {
      const results = JSON.parse(await read(`results/${id}.json`)) as {
        score: number;
        max_score: number;
        tests: { score: number; max_score: number; status: string }[];
      };
      expect(
        results.tests.reduce((sum, t) => sum + t.score, 0),
        id,
      ).to.equal(results.score);
      expect(
        results.tests.reduce((sum, t) => sum + t.max_score, 0),
        id,
      ).to.equal(results.max_score);
      for (const test of results.tests) expect(['passed', 'failed']).to.include(test.status);
    }
  });
});
