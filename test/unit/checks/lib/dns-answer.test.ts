import { expect } from 'chai';
import {
  isNxdomain,
  parseNslookup,
  parseResolvConf,
  sameAddresses,
  searchCandidates,
} from '../../../../checks/lib/network/dns-answer.js';

const NEW_STYLE = `Server:\t\t10.96.0.10
Address:\t10.96.0.10:53

Name:\tnginx.kubelab-stable-dns.svc.cluster.local
Address: 10.244.0.12
Name:\tnginx.kubelab-stable-dns.svc.cluster.local
Address: 10.244.0.11

`;

const OLD_STYLE = `Server:    10.96.0.10
Address 1: 10.96.0.10 kube-dns.kube-system.svc.cluster.local

Name:      web-0.nginx
Address 1: 10.244.0.5 web-0.nginx.default.svc.cluster.local
`;

describe('parseNslookup', function () {
  it('reads the answers of busybox 1.35 nslookup, sorted, without the server address', function () {
    expect(parseNslookup(NEW_STYLE)).to.deep.equal(['10.244.0.11', '10.244.0.12']);
  });

  it('reads the older "Address 1:" layout too', function () {
    expect(parseNslookup(OLD_STYLE)).to.deep.equal(['10.244.0.5']);
  });

  it('returns nothing for an NXDOMAIN answer, and says it was one', function () {
    const output = `Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\n** server can't find web-0.nginx: NXDOMAIN\n`;
    expect(parseNslookup(output)).to.deep.equal([]);
    expect(isNxdomain(output)).to.equal(true);
  });
});

describe('sameAddresses', function () {
  it('compares address lists as sets', function () {
    expect(sameAddresses(['10.0.0.2', '10.0.0.1'], ['10.0.0.1', '10.0.0.2', '10.0.0.1'])).to.equal(
      true,
    );
    expect(sameAddresses(['10.0.0.1'], ['10.0.0.1', '10.0.0.2'])).to.equal(false);
  });
});

describe('searchCandidates', function () {
  const conf = parseResolvConf(
    'search lab.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n',
  );

  it('reads the search list and ndots of a pod resolv.conf', function () {
    expect(conf).to.deep.equal({
      search: ['lab.svc.cluster.local', 'svc.cluster.local', 'cluster.local'],
      ndots: 5,
    });
  });

  it('tries the search domains first for a short name, like the pod resolver', function () {
    expect(searchCandidates('web-0.nginx', conf)).to.deep.equal([
      'web-0.nginx.lab.svc.cluster.local.',
      'web-0.nginx.svc.cluster.local.',
      'web-0.nginx.cluster.local.',
      'web-0.nginx.',
    ]);
  });

  it('tries a name with ndots dots as is first, and an absolute name only as is', function () {
    expect(searchCandidates('web-0.nginx.lab.svc.cluster.local', conf)[0]).to.equal(
      'web-0.nginx.lab.svc.cluster.local.',
    );
    expect(searchCandidates('web-0.nginx.', conf)).to.deep.equal(['web-0.nginx.']);
  });
});
