import { composeSuite } from './compose-suite.test-support.js';

composeSuite('local', 'v1');
