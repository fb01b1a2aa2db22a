import { labSuite } from './lab-harness.js';

labSuite('static-pods', [
  {
    variant: 'api-pod',
    check: 'mirror-pod',
    reason: /no kubernetes\.io\/config\.mirror annotation: it was created through the API server/,
  },
  {
    variant: 'forged-mirror',
    check: 'kubelet-manages-it',
    reason: /no file in \/etc\/kubernetes\/manifests .* defines pod static-web/,
  },
]);
