import { composeSuite } from './compose-suite.test-support.js';

composeSuite('bookworm', 'v1');
