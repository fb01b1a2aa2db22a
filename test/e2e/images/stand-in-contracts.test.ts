/**
 * The stand-in images keep the official images' documented contract, item by item, so a lab that
 * passes on the project's cluster passes on a student's minikube with the real images. Each test
 * asserts behaviour the official image has and the earlier stand-ins lacked (see
 * scripts/images/README.md "What a stand-in promises"): it fails on a stand-in that drifts back.
 */
import { expect } from 'chai';
import type { ClusterClient } from '../../../src/cluster/connect/client.js';
import type { KubeObject } from '../../../src/cluster/cluster.js';
import { podReady } from '../../../src/cluster/watch/conditions.js';
import {
  SMOKE_TEST_MS,
  applyAll,
  containerStatus,
  execOk,
  imageRef,
  pod,
  podCondition,
  waitPod,
  type SmokePod,
} from '../smoke/smoke-support.js';
import { testCluster, withNamespace } from '../support/index.js';

const MARIADB = imageRef('docker.io/library/mariadb:');
const POSTGRES = imageRef('docker.io/library/postgres:');
const NGINX = imageRef('docker.io/library/nginx:');
const GLANCES = imageRef('docker.io/nicolargo/glances:');

/** MariaDB initialises (time zone tables included) in 15–40 s on the loaded 2-core test node. */
const DB_READY_MS = 180_000;

const secret = (name: string, data: Record<string, string>): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: { name },
  stringData: data,
});

const configMap = (name: string, data: Record<string, string>): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name },
  data,
});

/** The official image's own readiness check, as its documentation gives it. */
const MARIADB_HEALTHCHECK = {
  exec: { command: ['healthcheck.sh', '--connect', '--innodb_initialized'] },
  periodSeconds: 2,
  failureThreshold: 200,
};

function mariadb(
  name: string,
  container: Record<string, unknown>,
  volumes: readonly Record<string, unknown>[] = [],
): KubeObject {
  return pod({
    name,
    spec: {
      containers: [
        {
          name: 'db',
          image: MARIADB,
          imagePullPolicy: 'IfNotPresent',
          readinessProbe: MARIADB_HEALTHCHECK,
          ...container,
        },
      ],
      volumes: [...volumes],
    },
  });
}

/** Runs SQL as root over the socket with the password given verbatim (newlines included). */
async function sqlAsRoot(
  cluster: ClusterClient,
  options: { namespace: string; pod: string; password: string; sql: string },
): Promise<{ exitCode: number; stdout: string; stderr: string }> {
  return cluster.exec({
    namespace: options.namespace,
    pod: options.pod,
    // The password reaches the client through stdin and MYSQL_PWD, never through a shell string.
    command: [
      'bash',
      '-c',
      'MYSQL_PWD=$(cat; printf .); export MYSQL_PWD=${MYSQL_PWD%.}; exec mariadb -uroot -N -e "$1"',
      'sql',
      options.sql,
    ],
    stdin: options.password,
    timeoutMs: 30_000,
  });
}

describe('stand-in images keep the official images’ contract', function () {
  this.timeout(SMOKE_TEST_MS + DB_READY_MS);
  let cluster: ClusterClient;
  before(async function () {
    cluster = await testCluster(this);
  });

  describe('mariadb', function () {
    const ns = withNamespace('stand-in-mariadb', { per: 'suite' });
    /** Each pod's root password as it was set (the file's trailing newline is not part of it). */
    const ROOT_PASSWORD = { newline: 'mysecretpass\n', 'from-file': 'filepass' } as const;
    const ROOT_HOSTS =
      "select group_concat(host order by host) from mysql.user where user = 'root'";
    const sql = (
      pod: keyof typeof ROOT_PASSWORD,
      query: string,
      password: string = ROOT_PASSWORD[pod],
    ) => sqlAsRoot(cluster, { namespace: ns.name, pod, password, sql: query });
    before(async function () {
      this.timeout(DB_READY_MS + 60_000);
      await applyAll(cluster, ns.name, [
        secret('root-file', { password: 'filepass\n' }),
        configMap('conf', {
          'latin1.cnf':
            '[mariadbd]\ncharacter-set-server = latin1\ncollation-server = latin1_swedish_ci\n',
        }),
        mariadb('newline', {
          env: [{ name: 'MARIADB_ROOT_PASSWORD', value: ROOT_PASSWORD.newline }],
        }),
        mariadb(
          'from-file',
          {
            env: [
              { name: 'MARIADB_ROOT_PASSWORD_FILE', value: '/run/secrets/db/password' },
              { name: 'MARIADB_ROOT_HOST', value: 'localhost' },
            ],
            volumeMounts: [
              { name: 'secret', mountPath: '/run/secrets/db', readOnly: true },
              { name: 'conf', mountPath: '/etc/mysql/conf.d', readOnly: true },
            ],
          },
          [
            { name: 'secret', secret: { secretName: 'root-file', defaultMode: 0o400 } },
            { name: 'conf', configMap: { name: 'conf' } },
          ],
        ),
      ]);
      await Promise.all(
        ['newline', 'from-file'].map((name) =>
          waitPod(cluster, {
            namespace: ns.name,
            name,
            condition: podReady(name),
            timeoutMs: DB_READY_MS,
          }),
        ),
      );
    });

    it('becomes Ready through healthcheck.sh --connect --innodb_initialized', async function () {
      const out = await execOk(cluster, {
        namespace: ns.name,
        pod: 'newline',
        command: ['healthcheck.sh', '--innodb_buffer_pool_loaded', '--connect'],
      });
      expect(out).to.equal('');
      const unknown = await cluster.exec({
        namespace: ns.name,
        pod: 'newline',
        command: ['healthcheck.sh', '--no_such_test'],
        timeoutMs: 30_000,
      });
      expect(unknown.exitCode).to.equal(1);
      expect(unknown.stderr).to.include("healthcheck unknown option or test 'no_such_test'");
    });

    it('keeps a trailing newline of MARIADB_ROOT_PASSWORD as part of the password', async function () {
      const typed = await sql('newline', 'select 1', 'mysecretpass');
      expect(typed.exitCode, 'the password without its newline is refused').to.not.equal(0);
      expect(typed.stderr).to.match(/Access denied for user 'root'@'localhost'/);
      const whole = await sql('newline', 'select 1');
      expect(whole, whole.stderr).to.deep.include({ exitCode: 0, stdout: '1\n' });
    });

    it('reads MARIADB_ROOT_PASSWORD_FILE as root, without its trailing newline', async function () {
      const result = await sql('from-file', 'select 1');
      expect(result, result.stderr).to.deep.include({ exitCode: 0, stdout: '1\n' });
    });

    it("creates no root@'%' when MARIADB_ROOT_HOST is localhost", async function () {
      const result = await sql('from-file', ROOT_HOSTS);
      expect(result, result.stderr).to.deep.include({ exitCode: 0, stdout: 'localhost\n' });
      const other = await sql('newline', ROOT_HOSTS);
      expect(other.stdout, 'the default MARIADB_ROOT_HOST is %').to.equal('%,localhost\n');
    });

    it('reads /etc/mysql/conf.d after the packaged configuration', async function () {
      const result = await sql('from-file', 'select @@character_set_server');
      // Debian's 50-server.cnf sets utf8mb4; a conf.d file read after it wins, as upstream.
      expect(result, result.stderr).to.deep.include({ exitCode: 0, stdout: 'latin1\n' });
    });
  });

  describe('glances', function () {
    const ns = withNamespace('stand-in-glances');

    it('has no ENTRYPOINT: args [-w] replace the command and fail, GLANCES_OPT=-w serves the API', async function () {
      const container = (name: string, extra: Record<string, unknown>) => ({
        name,
        image: GLANCES,
        imagePullPolicy: 'IfNotPresent',
        ...extra,
      });
      await applyAll(cluster, ns.name, [
        pod({ name: 'args', spec: { containers: [container('glances', { args: ['-w'] })] } }),
        pod({
          name: 'env',
          spec: {
            containers: [
              container('glances', {
                env: [{ name: 'GLANCES_OPT', value: '-w' }],
                readinessProbe: {
                  httpGet: { path: '/api/3/status', port: 61208 },
                  periodSeconds: 2,
                  failureThreshold: 60,
                },
              }),
            ],
          },
        }),
      ]);
      const failure = await waitPod(cluster, {
        namespace: ns.name,
        name: 'args',
        condition: podCondition({
          name: 'args',
          description: 'to fail to start its command -w',
          verdict: (p: SmokePod) => {
            const status = containerStatus(p, 'glances');
            const terminated = status?.state?.terminated ?? status?.lastState?.terminated;
            const waiting = status?.state?.waiting?.reason;
            if (terminated !== undefined && terminated.exitCode !== 0)
              return { state: 'met', value: `exit ${terminated.exitCode}` };
            if (waiting === 'RunContainerError' || waiting === 'StartError')
              return { state: 'met', value: waiting };
            return {
              state: 'pending',
              errors: [`container state ${JSON.stringify(status?.state)}`],
            };
          },
        }),
      });
      expect(failure).to.be.a('string');
      await waitPod(cluster, { namespace: ns.name, name: 'env', condition: podReady('env') });
    });
  });

  describe('postgres', function () {
    const ns = withNamespace('stand-in-postgres');

    it('takes the superuser password from POSTGRES_PASSWORD_FILE', async function () {
      await applyAll(cluster, ns.name, [
        secret('pg', { password: 'pgfilepass\n' }),
        pod({
          name: 'pg',
          spec: {
            containers: [
              {
                name: 'db',
                image: POSTGRES,
                imagePullPolicy: 'IfNotPresent',
                env: [{ name: 'POSTGRES_PASSWORD_FILE', value: '/run/secrets/pg/password' }],
                volumeMounts: [{ name: 'pg', mountPath: '/run/secrets/pg', readOnly: true }],
                readinessProbe: {
                  exec: { command: ['pg_isready', '-h', '127.0.0.1'] },
                  periodSeconds: 2,
                  failureThreshold: 60,
                },
              },
            ],
            volumes: [{ name: 'pg', secret: { secretName: 'pg', defaultMode: 0o400 } }],
          },
        }),
      ]);
      const ready = (await waitPod(cluster, {
        namespace: ns.name,
        name: 'pg',
        condition: podReady('pg'),
        timeoutMs: DB_READY_MS,
      })) as SmokePod;
      const ip = ready.status?.podIP ?? '';
      // The pod IP is not a trusted address: the password is needed there, as upstream.
      const login = (password: string) =>
        cluster.exec({
          namespace: ns.name,
          pod: 'pg',
          command: [
            'env',
            `PGPASSWORD=${password}`,
            'psql',
            '-h',
            ip,
            '-U',
            'postgres',
            '-tAc',
            'select 1',
          ],
          timeoutMs: 30_000,
        });
      const right = await login('pgfilepass');
      expect(right, right.stderr).to.deep.include({ exitCode: 0, stdout: '1\n' });
      const wrong = await login('nope');
      expect(wrong.exitCode).to.not.equal(0);
      expect(wrong.stderr).to.match(/password authentication failed/);
    });
  });

  describe('nginx', function () {
    const ns = withNamespace('stand-in-nginx');

    it('runs /docker-entrypoint.sh (templates from the environment) and its workers as uid 101', async function () {
      await applyAll(cluster, ns.name, [
        configMap('templates', {
          'port.conf.template':
            'server { listen ${NGINX_PORT}; location / { return 200 "templated\\n"; } }\n',
        }),
        pod({
          name: 'web',
          spec: {
            containers: [
              {
                name: 'nginx',
                image: NGINX,
                imagePullPolicy: 'IfNotPresent',
                env: [{ name: 'NGINX_PORT', value: '8081' }],
                volumeMounts: [{ name: 'templates', mountPath: '/etc/nginx/templates' }],
                readinessProbe: { httpGet: { path: '/', port: 8081 }, periodSeconds: 1 },
              },
            ],
            volumes: [{ name: 'templates', configMap: { name: 'templates' } }],
          },
        }),
      ]);
      await waitPod(cluster, { namespace: ns.name, name: 'web', condition: podReady('web') });
      const rendered = await execOk(cluster, {
        namespace: ns.name,
        pod: 'web',
        command: ['cat', '/etc/nginx/conf.d/port.conf'],
      });
      expect(rendered).to.include('listen 8081;');
      const processes = await execOk(cluster, {
        namespace: ns.name,
        pod: 'web',
        command: ['ps', '-eo', 'uid=,args='],
      });
      const workers = processes
        .split('\n')
        .filter((line) => line.includes('nginx: worker process'))
        .map((line) => line.trim().split(/\s+/)[0]);
      expect(workers.length, processes).to.be.greaterThan(0);
      expect(new Set(workers)).to.deep.equal(new Set(['101']));
    });
  });
});
