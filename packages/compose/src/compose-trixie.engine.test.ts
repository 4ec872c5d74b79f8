import { composeSuite } from './compose-suite.test-support.js';

composeSuite('trixie', 'v2');
