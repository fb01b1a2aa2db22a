import { expect } from 'chai';
import {
  literalSecretFindings,
  secretKeyRefs,
  type ContainerSpec,
  type PodSpecEnv,
} from '../../../../checks/lib/pods/pod-env.js';

const BASE = 'spec.template.spec';
const SECRET = 'mysecretpass';

/** The same container with a clean probe, hook and command: the control each location is compared to. */
function mariadb(extra: Partial<ContainerSpec> = {}): ContainerSpec {
  return {
    name: 'mariadb',
    command: ['docker-entrypoint.sh'],
    args: ['mariadbd'],
    env: [
      {
        name: 'MARIADB_ROOT_PASSWORD',
        valueFrom: { secretKeyRef: { name: 'mariadb-secret', key: 'root-password' } },
      },
    ],
    livenessProbe: { exec: { command: ['mariadb-admin', 'ping'] } },
    ...extra,
  };
}

function findings(spec: PodSpecEnv, secretValue: string | undefined = SECRET): string[] {
  return literalSecretFindings({ spec, secretValue, base: BASE }).map(
    (e) => `${e.path}: ${e.message}`,
  );
}

const IN_CLEAR = "contains the Secret's password in clear";
const ping = (password: string): { exec: { command: string[] } } => ({
  exec: { command: ['mariadb-admin', 'ping', '-uroot', `-p${password}`] },
});
const header = (
  value: string,
): { httpGet: { httpHeaders: { name: string; value: string }[] } } => ({
  httpGet: { httpHeaders: [{ name: 'Authorization', value }] },
});

/** Each location: a spec with the password there, and the same spec with something else there. */
const LOCATIONS: readonly {
  name: string;
  path: string;
  /** The finding's message, when not IN_CLEAR. */
  message?: string;
  spec: (password: string) => PodSpecEnv;
}[] = [
  {
    name: "a container's command",
    path: 'containers[0].command[2]',
    spec: (p) => ({ containers: [mariadb({ command: ['sh', '-c', `mariadbd --password=${p}`] })] }),
  },
  {
    name: "a container's args",
    path: 'containers[0].args[1]',
    spec: (p) => ({ containers: [mariadb({ args: ['mariadbd', `--password=${p}`] })] }),
  },
  {
    name: "an init container's args",
    path: 'initContainers[0].args[0]',
    spec: (p) => ({
      initContainers: [{ name: 'init', args: [`-p${p}`] }],
      containers: [mariadb()],
    }),
  },
  {
    name: "an init container's env value",
    path: 'initContainers[0].env[0].value',
    message: "MYSQL_OPTS holds the Secret's password in clear",
    spec: (p) => ({
      initContainers: [{ name: 'init', env: [{ name: 'MYSQL_OPTS', value: `-uroot -p${p}` }] }],
      containers: [mariadb()],
    }),
  },
  {
    name: "an ephemeral container's command",
    path: 'ephemeralContainers[0].command[1]',
    spec: (p) => ({
      containers: [mariadb()],
      ephemeralContainers: [{ name: 'debug', command: ['mariadb', `-p${p}`] }],
    }),
  },
  {
    name: 'a liveness probe exec command',
    path: 'containers[0].livenessProbe.exec.command[3]',
    spec: (p) => ({ containers: [mariadb({ livenessProbe: ping(p) })] }),
  },
  {
    name: 'a readiness probe exec command',
    path: 'containers[0].readinessProbe.exec.command[3]',
    spec: (p) => ({ containers: [mariadb({ readinessProbe: ping(p) })] }),
  },
  {
    name: 'a startup probe exec command',
    path: 'containers[0].startupProbe.exec.command[3]',
    spec: (p) => ({ containers: [mariadb({ startupProbe: ping(p) })] }),
  },
  {
    name: "an init container's liveness probe (a sidecar)",
    path: 'initContainers[0].livenessProbe.exec.command[3]',
    spec: (p) => ({
      initContainers: [{ name: 'sidecar', livenessProbe: ping(p) }],
      containers: [mariadb()],
    }),
  },
  {
    name: 'a probe HTTP header value',
    path: 'containers[0].livenessProbe.httpGet.httpHeaders[0].value',
    spec: (p) => ({ containers: [mariadb({ livenessProbe: header(`Basic root:${p}`) })] }),
  },
  {
    name: 'a postStart hook exec command',
    path: 'containers[0].lifecycle.postStart.exec.command[3]',
    spec: (p) => ({ containers: [mariadb({ lifecycle: { postStart: ping(p) } })] }),
  },
  {
    name: 'a preStop hook exec command',
    path: 'containers[0].lifecycle.preStop.exec.command[3]',
    spec: (p) => ({ containers: [mariadb({ lifecycle: { preStop: ping(p) } })] }),
  },
  {
    name: 'a preStop hook HTTP header value',
    path: 'containers[0].lifecycle.preStop.httpGet.httpHeaders[0].value',
    spec: (p) => ({ containers: [mariadb({ lifecycle: { preStop: header(p) } })] }),
  },
];

describe('literalSecretFindings', function () {
  for (const location of LOCATIONS) {
    it(`finds the Secret's value in ${location.name}, and names the place`, function () {
      expect(findings(location.spec(SECRET))).to.deep.equal([
        `spec.template.spec.${location.path}: ${location.message ?? IN_CLEAR}`,
      ]);
    });

    it(`finds nothing in ${location.name} that holds another word (negative control)`, function () {
      expect(findings(location.spec('$(MARIADB_ROOT_PASSWORD)'))).to.deep.equal([]);
    });
  }

  it('finds a credential env var written in clear', function () {
    const spec: PodSpecEnv = {
      containers: [{ name: 'db', env: [{ name: 'MARIADB_ROOT_PASSWORD', value: 'x' }] }],
    };
    expect(literalSecretFindings({ spec, secretValue: undefined, base: BASE })).to.deep.equal([
      {
        path: 'spec.template.spec.containers[0].env[0].value',
        message: 'MARIADB_ROOT_PASSWORD has a literal value; read it with valueFrom.secretKeyRef',
      },
    ]);
  });

  it("finds the Secret's value in env and args whatever the variable's name, in the order containers run", function () {
    const spec: PodSpecEnv = {
      initContainers: [{ name: 'init', args: ['--pw=s3cret'] }],
      containers: [{ name: 'db', env: [{ name: 'ROOT', value: 's3cret' }] }],
    };
    expect(findings(spec, 's3cret\n')).to.deep.equal([
      `spec.template.spec.initContainers[0].args[0]: ${IN_CLEAR}`,
      "spec.template.spec.containers[0].env[0].value: ROOT holds the Secret's password in clear",
    ]);
  });

  it('finds a short Secret value only as a whole word, not inside ordinary words', function () {
    const spec = (word: string): PodSpecEnv => ({
      containers: [{ name: 'db', command: ['mariadbd', word] }],
    });
    expect(findings(spec('--port=3306'), 'or')).to.deep.equal([]);
    expect(findings(spec('or'), 'or')).to.deep.equal([
      `spec.template.spec.containers[0].command[1]: ${IN_CLEAR}`,
    ]);
  });

  it('accepts a password read through secretKeyRef', function () {
    const spec: PodSpecEnv = { containers: [mariadb()] };
    expect(findings(spec)).to.deep.equal([]);
    expect(
      secretKeyRefs({ spec, secret: 'mariadb-secret', key: 'root-password', base: BASE }),
    ).to.deep.equal(['spec.template.spec.containers[0].env[0] (MARIADB_ROOT_PASSWORD)']);
    expect(
      secretKeyRefs({ spec, secret: 'other', key: 'root-password', base: BASE }),
    ).to.deep.equal([]);
  });
});
