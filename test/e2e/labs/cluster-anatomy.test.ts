import { labSuite } from './lab-harness.js';

labSuite('cluster-anatomy', [
  {
    variant: 'wrong-answers',
    check: 'container-runtime',
    reason: /containerRuntime in answers\.yaml is .*docker.*, but this cluster shows containerd/,
  },
  {
    variant: 'wrong-answers',
    check: 'static-pods',
    reason: /staticPods in answers\.yaml is .*etcd.*, but this cluster shows no static pods/,
  },
  {
    variant: 'wrong-answers',
    check: 'control-plane',
    reason:
      /controlPlaneLocation in answers\.yaml is "static-pods", but this cluster shows node-processes/,
  },
  {
    variant: 'wrong-answers',
    check: 'service-cidr',
    reason:
      /serviceCidr in answers\.yaml is "10\.0\.0\.0\/16", but this cluster shows 10\.96\.0\.0\/12/,
  },
  {
    variant: 'wrong-answers',
    check: 'coredns',
    reason: /corednsReplicas in answers\.yaml is 2, but this cluster shows 1/,
  },
  {
    variant: 'wrong-answers',
    check: 'static-manifest-deleted',
    reason:
      /staticManifestDeleted in answers\.yaml is "keeps-running", but .* the answer was stops-the-pod/,
  },
]);
