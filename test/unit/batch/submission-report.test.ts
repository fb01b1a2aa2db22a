import { expect } from 'chai';
import { MAX_LISTED, MAX_LINE_CHARS } from '../../../src/batch/bounded-list.js';
import {
  appliedSummary,
  MAX_LISTED_DOCUMENTS,
  refusalLines,
} from '../../../src/batch/submission-report.js';
import type { ManifestOutcome } from '../../../src/runner/apply-manifests.js';

const refused = (i: number): ManifestOutcome => ({
  status: 'refused',
  source: `probes/pods.yaml:${i + 1}`,
  ref: { kind: 'Pod', name: `p${i}` },
  reason: i === 0 ? 'x'.repeat(10_000) : 'namespace kube-system is not yours',
});

describe('what a submission report says about refused documents', function () {
  const outcomes = Array.from({ length: 5000 }, (_, i) => refused(i));

  it('lists the first refused documents and one line counting the rest', function () {
    const lines = refusalLines(outcomes, [], 'probes');
    expect(lines).to.have.length(MAX_LISTED + 1);
    expect(lines[MAX_LISTED]).to.equal('… and 4980 more not listed (5000 in all)');
    expect(lines[0]?.length).to.be.at.most(MAX_LINE_CHARS + 40);
    expect(lines[0]).to.match(/… \(\d+ characters cut\)$/);
  });

  it('keeps every document in the counts but lists only the first in the journal', function () {
    const applied = appliedSummary(
      outcomes,
      [
        { path: 'a.txt', reason: 'refused: more than 200 files' },
        { path: '…', reason: 'refused: … and 99 more not listed (100 in all)', count: 99 },
      ],
      'probes',
    );
    expect(applied.documents).to.have.length(MAX_LISTED_DOCUMENTS);
    expect(applied.omittedDocuments).to.equal(5002 - MAX_LISTED_DOCUMENTS);
    expect(applied.refusedCount).to.equal(5000 + 100);
    expect(JSON.stringify(applied).length).to.be.below(64 * 1024);
  });
});
