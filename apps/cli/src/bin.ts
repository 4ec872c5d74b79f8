#!/usr/bin/env node
import { answerVersion } from './version-answer.js';

// The bin is CommonJS, so `berth --version` answers without starting Node's ES module
// loader, which costs about a third of a bare Node start; every other command runs main.js.
if (!answerVersion(process.argv.slice(2))) void import('./main.js');
