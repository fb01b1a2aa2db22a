// Its checks exec into the database to read the configuration and the password in effect.
import { repeatSuite } from './repeat-harness.js';

repeatSuite('secrets-config');
