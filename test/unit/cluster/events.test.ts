import { expect } from 'chai';
import { formatEvent, sortEvents } from '../../../src/cluster/events.js';

function event(
  name: string,
  reason: string,
  lastTimestamp: string,
  extra: Record<string, unknown> = {},
) {
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name: `${name}.${reason}` },
    type: 'Warning',
    reason,
    message: `${reason} happened`,
    involvedObject: { kind: 'Pod', name },
    lastTimestamp,
    count: 1,
    ...extra,
  };
}

describe('event summaries', function () {
  it('sorts oldest first and breaks ties by object and reason', function () {
    const sorted = sortEvents([
      event('web-1', 'BackOff', '2026-01-01T00:00:10Z'),
      event('web-0', 'Pulled', '2026-01-01T00:00:05Z'),
      event('web-0', 'BackOff', '2026-01-01T00:00:10Z'),
    ]);
    expect(sorted.map((e) => `${e.object} ${e.reason}`)).to.deep.equal([
      'pod/web-0 Pulled',
      'pod/web-0 BackOff',
      'pod/web-1 BackOff',
    ]);
  });

  it('uses the series count and time of events.k8s.io-style events', function () {
    const [summary] = sortEvents([
      event('web-0', 'BackOff', '', {
        lastTimestamp: undefined,
        eventTime: '2026-01-01T00:00:00.000000Z',
        series: { count: 7, lastObservedTime: '2026-01-01T00:01:00.000000Z' },
      }),
    ]);
    expect(summary).to.deep.include({ count: 7, lastSeen: '2026-01-01T00:01:00.000Z' });
  });

  it('formats an event like kubectl get events', function () {
    const [summary] = sortEvents([event('web-1', 'BackOff', '2026-01-01T00:00:10Z', { count: 3 })]);
    expect(formatEvent(summary!)).to.equal('Warning BackOff pod/web-1: BackOff happened (x3)');
  });

  it('names the container from involvedObject.fieldPath, as 1.35+ messages no longer do', function () {
    const about = (fieldPath: string) => ({
      involvedObject: { kind: 'Pod', name: 'web-0', fieldPath },
      message: 'Container created',
      type: 'Normal',
    });
    const lines = sortEvents([
      event('web-0', 'Created', '2026-01-01T00:00:01Z', about('spec.containers{nginx}')),
      event('web-0', 'Pulled', '2026-01-01T00:00:02Z', about('spec.initContainers{seed}')),
      event('web-0', 'Scheduled', '2026-01-01T00:00:03Z', about('')),
    ]).map(formatEvent);
    expect(lines).to.deep.equal([
      'Normal Created pod/web-0 container nginx: Container created',
      'Normal Pulled pod/web-0 init container seed: Container created',
      'Normal Scheduled pod/web-0: Container created',
    ]);
  });
});
