import { expect } from 'chai';
import { isNxdomain, parseNslookup, sameAddresses } from '../../../../checks/lib/dns-answer.js';

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
